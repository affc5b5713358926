import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback, useEffect, useState } from 'react';
import type {
  EnvKeyCandidate,
  ImportEnvResult,
  ProviderUpdate,
  ProviderView,
  ProvidersList,
} from '../../../shared/contract';
import type { ProviderId } from '../../../shared/providers';
import { unwrap } from '../../transport';
import { useApi } from '../../transport/TransportProvider';

export const providersQueryKey = ['providers.list'] as const;
export const envCandidatesQueryKey = ['keys.envCandidates'] as const;

export function useProviders() {
  const api = useApi();
  return useQuery({
    queryKey: providersQueryKey,
    queryFn: async (): Promise<ProvidersList> => unwrap(await api.request('providers.list', {})),
  });
}

/** Any client (another window, the CLI against this shell, an HTTP client) may change a provider. */
export function useLiveProviders(): void {
  const api = useApi();
  const queryClient = useQueryClient();
  useEffect(
    () =>
      api.subscribe('providers.changed', () => {
        void queryClient.invalidateQueries({ queryKey: providersQueryKey });
        void queryClient.invalidateQueries({ queryKey: envCandidatesQueryKey });
      }),
    [api, queryClient],
  );
}

/** Replaces one provider in the cached list with the view main answered. */
function useStoreView() {
  const queryClient = useQueryClient();
  return useCallback(
    (view: ProviderView) =>
      queryClient.setQueryData<ProvidersList>(providersQueryKey, (list) =>
        list ? { ...list, providers: list.providers.map((p) => (p.id === view.id ? view : p)) } : list,
      ),
    [queryClient],
  );
}

/**
 * Saving a key deliberately bypasses React Query: a mutation keeps its variables (here, the key)
 * in the mutation cache for minutes. The key lives only in the password field and this call.
 */
export function useSaveKey(provider: ProviderId) {
  const api = useApi();
  const queryClient = useQueryClient();
  const [state, setState] = useState<{ pending: boolean; error: unknown }>({ pending: false, error: null });
  const save = useCallback(
    async (key: string): Promise<boolean> => {
      setState({ pending: true, error: null });
      try {
        unwrap(await api.request('keys.set', { provider, key }));
        setState({ pending: false, error: null });
        await queryClient.invalidateQueries({ queryKey: providersQueryKey });
        return true;
      } catch (error) {
        setState({ pending: false, error });
        return false;
      }
    },
    [api, provider, queryClient],
  );
  return { save, ...state };
}

export function useDeleteKey(provider: ProviderId) {
  const api = useApi();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async () => unwrap(await api.request('keys.delete', { provider })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: providersQueryKey }),
  });
}

export function useTestProvider(provider: ProviderId) {
  const api = useApi();
  const storeView = useStoreView();
  return useMutation({
    mutationFn: async () => unwrap(await api.request('providers.test', { provider })),
    onSuccess: storeView,
  });
}

/** Keyed by provider, so its card can tell a change of its settings is on its way (`useIsMutating`). */
export const updateProviderMutationKey = (provider: ProviderId) => ['providers.update', provider] as const;

export function useUpdateProvider(provider: ProviderId) {
  const api = useApi();
  const storeView = useStoreView();
  return useMutation({
    mutationKey: updateProviderMutationKey(provider),
    mutationFn: async (update: ProviderUpdate) => unwrap(await api.request('providers.update', update)),
    onSuccess: storeView,
  });
}

export function useEnvCandidates(enabled: boolean) {
  const api = useApi();
  return useQuery({
    queryKey: envCandidatesQueryKey,
    enabled,
    queryFn: async (): Promise<EnvKeyCandidate[]> =>
      unwrap(await api.request('keys.envCandidates', {})).candidates,
  });
}

export function useImportEnv() {
  const api = useApi();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (input: { providers: ProviderId[]; overwrite: boolean }): Promise<ImportEnvResult> =>
      unwrap(await api.request('keys.importEnv', input)),
    onSuccess: () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: providersQueryKey }),
        queryClient.invalidateQueries({ queryKey: envCandidatesQueryKey }),
      ]),
  });
}
