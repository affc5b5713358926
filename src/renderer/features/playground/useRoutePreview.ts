import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { RoutingDecision, RoutingRequest } from '../../../shared/contract/routing';
import { unwrap } from '../../transport';
import { useApi } from '../../transport/TransportProvider';

/**
 * routing.decide for the settled draft. Keyed by the draft's revision (not its text, which may be
 * 400k characters), so a new revision makes the previous call stale: React Query aborts its signal
 * and the transport drops the request. The last decision stays on screen until the new one lands.
 */
export function useRoutePreview(request: RoutingRequest | null, revision: number) {
  const api = useApi();
  return useQuery({
    queryKey: ['playground', 'routing.decide', revision],
    queryFn: async ({ signal }): Promise<RoutingDecision> =>
      unwrap(await api.request('routing.decide', request as RoutingRequest, { signal })),
    enabled: request !== null,
    placeholderData: keepPreviousData,
    // The next keystroke asks again; retrying an old draft only delays the current one.
    retry: false,
    staleTime: 10_000,
    gcTime: 30_000,
    refetchOnWindowFocus: false,
  });
}
