import type { QueryClient } from '@tanstack/react-query';
import type { SwitchyardApi } from '../../../shared/contract';
import { useCostsStore } from './costsStore';
import { budgetsQuery, reportQuery } from './useCostReports';

/**
 * Asks main for what the Costs screen paints first (the spend chart's timeline, then the summary
 * and the budgets), under the keys the screen's hooks read. The app calls it at start-up when it
 * opens on `#/costs`, so SQLite answers while the screen's code (recharts) is still loading instead
 * of after it has rendered once. The timeline goes first: main answers in the order it is asked.
 * Resolves when the timeline has been answered (or has failed: the screen then says why).
 */
export function prefetchCosts(queryClient: QueryClient, api: SwitchyardApi): Promise<void> {
  const { range, bucket } = useCostsStore.getState();
  const timeline = queryClient.prefetchQuery(reportQuery(api, 'reports.timeline', { ...range, bucket }));
  void queryClient.prefetchQuery(reportQuery(api, 'reports.overview', range));
  void queryClient.prefetchQuery(budgetsQuery(api));
  return timeline;
}
