import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { SimilarCacheSettings, SimilarCacheView } from '../../../shared/contract';
import { unwrap } from '../../transport';
import { useApi } from '../../transport/TransportProvider';

export const similarCacheQueryKey = ['execution.similarCache'] as const;

export function useSimilarCache() {
  const api = useApi();
  return useQuery({
    queryKey: similarCacheQueryKey,
    queryFn: async ({ signal }): Promise<SimilarCacheView> =>
      unwrap(await api.request('execution.similarCache', {}, { signal })),
  });
}

export function useUpdateSimilarCache() {
  const api = useApi();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (patch: Partial<SimilarCacheSettings>) =>
      unwrap(await api.request('execution.updateSimilarCache', patch)),
    onSuccess: (view) => queryClient.setQueryData(similarCacheQueryKey, view),
  });
}
