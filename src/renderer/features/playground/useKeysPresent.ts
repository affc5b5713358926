import { useQuery } from '@tanstack/react-query';
import { unwrap } from '../../transport';
import { useApi } from '../../transport/TransportProvider';

/**
 * How many providers have a key stored (null while unknown). Shares the Settings screen's
 * providers.list cache, so a key added there shows here at once.
 */
export function useKeysPresent(): number | null {
  const api = useApi();
  const providers = useQuery({
    queryKey: ['providers.list'],
    queryFn: async ({ signal }) => unwrap(await api.request('providers.list', {}, { signal })),
    staleTime: 30_000,
  });
  if (!providers.data) return null;
  return providers.data.providers.filter((p) => p.keyRequired && p.key.present).length;
}
