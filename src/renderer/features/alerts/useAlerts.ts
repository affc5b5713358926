import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import type { Alert } from '../../../shared/contract';
import { unwrap } from '../../transport';
import { useApi } from '../../transport/TransportProvider';

export interface AlertList {
  alerts: Alert[];
  unread: number;
}

export const alertsQueryKey = ['alerts.list'] as const;
const LIMIT = 100;
/** A backstop for alerts raised by another process (the CLI); this shell's arrive as events. */
const BACKSTOP_MS = 60_000;

export function useAlerts() {
  const api = useApi();
  return useQuery({
    queryKey: alertsQueryKey,
    queryFn: async ({ signal }): Promise<AlertList> =>
      unwrap(await api.request('alerts.list', { limit: LIMIT }, { signal })),
    refetchInterval: BACKSTOP_MS,
  });
}

/** A raised alert goes straight into the cached list: no refetch per alert. */
export function useLiveAlerts(): void {
  const api = useApi();
  const queryClient = useQueryClient();
  useEffect(
    () =>
      api.subscribe('alerts.raised', (alert) =>
        queryClient.setQueryData<AlertList>(alertsQueryKey, (list) => {
          if (!list) return list;
          if (list.alerts.some((a) => a.id === alert.id)) return list;
          return {
            alerts: [alert, ...list.alerts].slice(0, LIMIT),
            unread: list.unread + (alert.read ? 0 : 1),
          };
        }),
      ),
    [api, queryClient],
  );
}

export function useMarkAllRead() {
  const api = useApi();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async () => unwrap(await api.request('alerts.markRead', {})),
    onSuccess: ({ unread }) => {
      queryClient.setQueryData<AlertList>(alertsQueryKey, (list) =>
        list ? { alerts: list.alerts.map((a) => ({ ...a, read: true })), unread } : list,
      );
    },
  });
}
