import { useQuery } from '@tanstack/react-query';
import { unwrap } from '../../transport';
import { useApi } from '../../transport/TransportProvider';

/** Every catalog model, disabled ones too: a rule may name one (it is then skipped, not unknown). */
export function useRulesCatalog() {
  const api = useApi();
  return useQuery({
    queryKey: ['catalog.list', { includeDisabled: true }],
    queryFn: async ({ signal }) =>
      unwrap(await api.request('catalog.list', { includeDisabled: true }, { signal })).models,
    staleTime: 60_000,
  });
}
