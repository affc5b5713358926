import { useQuery } from '@tanstack/react-query';
import type { CatalogModel, ProviderInfo } from '../../../shared/contract/catalog';
import { unwrap } from '../../transport';
import { useApi } from '../../transport/TransportProvider';

export interface Catalog {
  models: CatalogModel[];
  providers: ProviderInfo[];
}

/** Every enabled model, for the pinned-model and compare pickers. */
export function useCatalog() {
  const api = useApi();
  return useQuery({
    queryKey: ['catalog.list', { includeDisabled: false }],
    queryFn: async ({ signal }): Promise<Catalog> =>
      unwrap(await api.request('catalog.list', { includeDisabled: false }, { signal })),
    staleTime: 60_000,
  });
}
