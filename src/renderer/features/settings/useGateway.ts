import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback } from 'react';
import type { GatewayInfo, GatewaySettings } from '../../../shared/contract';
import { unwrap } from '../../transport';
import { useApi } from '../../transport/TransportProvider';

export const gatewayQueryKey = ['gateway.info'] as const;

export function useGatewayInfo() {
  const api = useApi();
  return useQuery({
    queryKey: gatewayQueryKey,
    queryFn: async (): Promise<GatewayInfo> => unwrap(await api.request('gateway.info', {})),
  });
}

export function useUpdateGateway() {
  const api = useApi();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (patch: Partial<GatewaySettings>) => unwrap(await api.request('gateway.update', patch)),
    onSuccess: (info) => queryClient.setQueryData(gatewayQueryKey, info),
  });
}

export function useRotateToken() {
  const api = useApi();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async () => unwrap(await api.request('gateway.rotateToken', {})),
    onSuccess: (info) => queryClient.setQueryData(gatewayQueryKey, info),
  });
}

/**
 * The token is fetched only when the user asks to see or copy it, and never through React Query
 * (whose cache would keep it): the caller holds it in component state for as long as it is shown.
 */
export function useTokenReader(): () => Promise<string> {
  const api = useApi();
  return useCallback(async () => unwrap(await api.request('gateway.revealToken', {})).token, [api]);
}
