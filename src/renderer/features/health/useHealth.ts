import { useMutation, useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import type { CatalogModel, ModelHealth, ProvidersList, RoutingStats } from '../../../shared/contract';
import type { ProviderId } from '../../../shared/providers';
import { unwrap } from '../../transport';
import { useApi } from '../../transport/TransportProvider';

export const healthQueryKey = ['health.list'] as const;
export const statsQueryKey = ['execution.stats'] as const;
/** The same keys the Settings screen uses, so both screens share one cache entry. */
export const providersQueryKey = ['providers.list'] as const;
export const catalogQueryKey = ['catalog.list', { includeDisabled: true }] as const;

/** A backstop only: the board follows events; this catches anything an event could not say. */
const BACKSTOP_MS = 60_000;
/** Bursts of finished requests refresh the figures at most this often. */
const THROTTLE_MS = 1_000;

export function useModelHealth() {
  const api = useApi();
  return useQuery({
    queryKey: healthQueryKey,
    queryFn: async ({ signal }): Promise<ModelHealth[]> =>
      unwrap(await api.request('health.list', {}, { signal })).models,
    refetchInterval: BACKSTOP_MS,
  });
}

export function useRoutingStats() {
  const api = useApi();
  return useQuery({
    queryKey: statsQueryKey,
    queryFn: async ({ signal }): Promise<RoutingStats> =>
      unwrap(await api.request('execution.stats', {}, { signal })),
    refetchInterval: BACKSTOP_MS,
  });
}

export function useProviderList() {
  const api = useApi();
  return useQuery({
    queryKey: providersQueryKey,
    queryFn: async (): Promise<ProvidersList> => unwrap(await api.request('providers.list', {})),
  });
}

export function useCatalogModels() {
  const api = useApi();
  return useQuery({
    queryKey: catalogQueryKey,
    queryFn: async ({ signal }): Promise<CatalogModel[]> =>
      unwrap(await api.request('catalog.list', { includeDisabled: true }, { signal })).models,
    staleTime: 60_000,
  });
}

/** Health figures changed: refetch the two reads (both are cheap, computed in memory in main). */
export function refreshHealth(queryClient: QueryClient): void {
  void queryClient.invalidateQueries({ queryKey: healthQueryKey });
  void queryClient.invalidateQueries({ queryKey: statsQueryKey });
}

/**
 * Keeps the board live from main's events: a circuit change refreshes at once; finished requests
 * (which move success rates and latencies) at most once a second; key and provider changes
 * refresh the provider list.
 */
export function useLiveHealth(): void {
  const api = useApi();
  const queryClient = useQueryClient();
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | null = null;
    const throttled = (): void => {
      timer ??= setTimeout(() => {
        timer = null;
        refreshHealth(queryClient);
      }, THROTTLE_MS);
    };
    const providers = (): void => void queryClient.invalidateQueries({ queryKey: providersQueryKey });
    const offs = [
      api.subscribe('health.changed', () => refreshHealth(queryClient)),
      api.subscribe('execution.done', throttled),
      api.subscribe('execution.attempt', throttled),
      api.subscribe('providers.changed', providers),
      api.subscribe('health.keyRejected', providers),
    ];
    return () => {
      if (timer) clearTimeout(timer);
      offs.forEach((off) => off());
    };
  }, [api, queryClient]);
}

export function useResetCircuit() {
  const api = useApi();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (modelKey: string) => unwrap(await api.request('health.reset', { modelKey })),
    onSuccess: (view) => {
      queryClient.setQueryData<ModelHealth[]>(healthQueryKey, (list) =>
        list?.map((m) => (m.modelKey === view.modelKey ? view : m)),
      );
      void queryClient.invalidateQueries({ queryKey: statsQueryKey });
    },
  });
}

/** Disabling is the catalog's override: persisted, and routing skips a disabled model. */
export function useSetModelDisabled() {
  const api = useApi();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (input: { modelKey: string; disabled: boolean }) =>
      unwrap(
        await api.request('catalog.update', {
          action: 'override',
          model: input.modelKey,
          disabled: input.disabled,
        }),
      ),
    onSuccess: ({ model }) => {
      if (model)
        queryClient.setQueryData<CatalogModel[]>(catalogQueryKey, (list) =>
          list?.map((m) => (m.key === model.key ? model : m)),
        );
      void queryClient.invalidateQueries({ queryKey: ['catalog.list'] });
    },
  });
}

export function useTestConnection() {
  const api = useApi();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (provider: ProviderId) => unwrap(await api.request('providers.test', { provider })),
    onSuccess: (view) =>
      queryClient.setQueryData<ProvidersList>(providersQueryKey, (list) =>
        list ? { ...list, providers: list.providers.map((p) => (p.id === view.id ? view : p)) } : list,
      ),
  });
}
