import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import type { Status } from '../../../shared/contract';
import { unwrap } from '../../transport';
import { useApi } from '../../transport/TransportProvider';

export const statusQueryKey = ['system.status'] as const;

export function useSystemStatus() {
  const api = useApi();
  return useQuery({
    queryKey: statusQueryKey,
    queryFn: async (): Promise<Status> => unwrap(await api.request('system.status', {})),
  });
}

/** Main broadcasts `system.statusChanged` after any recheck (from any window or client). */
export function useLiveStatus(): void {
  const api = useApi();
  const queryClient = useQueryClient();
  useEffect(
    () => api.subscribe('system.statusChanged', (status) => queryClient.setQueryData(statusQueryKey, status)),
    [api, queryClient],
  );
}

export function useRecheck() {
  const api = useApi();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (): Promise<Status> => unwrap(await api.request('system.recheck', {})),
    onSuccess: (status) => queryClient.setQueryData(statusQueryKey, status),
  });
}
