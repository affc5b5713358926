import { keepPreviousData, queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import type {
  BudgetInput,
  ReportGrouping,
  RouteInput,
  RouteName,
  RouteOutput,
  SwitchyardApi,
} from '../../../shared/contract';
import { unwrap } from '../../transport';
import { useApi } from '../../transport/TransportProvider';
import { useCostsStore, type CostsRange } from './costsStore';

/** Every report shares this key prefix, so one invalidation refreshes the dashboard. */
export const REPORTS = 'reports';
export const budgetsQueryKey = ['budget.list'] as const;

/** One report as React Query caches it; `prefetchCosts` asks for the same keys before the screen mounts. */
export function reportQuery<K extends RouteName>(api: SwitchyardApi, route: K, input: RouteInput<K>) {
  return queryOptions({
    queryKey: [REPORTS, route, input],
    queryFn: async ({ signal }): Promise<RouteOutput<K>> =>
      unwrap(await api.request(route, input, { signal })),
  });
}

export const budgetsQuery = (api: SwitchyardApi) =>
  queryOptions({
    queryKey: budgetsQueryKey,
    queryFn: async () => unwrap(await api.request('budget.list', {})),
  });

function useReport<K extends RouteName>(route: K, input: RouteInput<K>, enabled = true) {
  const api = useApi();
  return useQuery({
    ...reportQuery(api, route, input),
    // Changing the range keeps the old figures on screen until the new ones arrive.
    placeholderData: keepPreviousData,
    enabled,
  });
}

export const useCostsRange = (): CostsRange => useCostsStore((s) => s.range);

export function useOverview(range: CostsRange) {
  return useReport('reports.overview', range);
}

export function useTimeline(range: CostsRange) {
  const bucket = useCostsStore((s) => s.bucket);
  return useReport('reports.timeline', { ...range, bucket });
}

export function useSpend(range: CostsRange, by: ReportGrouping) {
  return useReport('reports.spend', { ...range, by });
}

export function useModelTotals(range: CostsRange) {
  return useReport('reports.models', range);
}

export function useTopRequests(range: CostsRange) {
  return useReport('reports.topRequests', { ...range, limit: 10 });
}

export function useRequestDetail(id: number | null) {
  const api = useApi();
  return useQuery({
    queryKey: ['ledger.request', id],
    queryFn: async () => unwrap(await api.request('ledger.request', { id: id ?? 0 })),
    enabled: id !== null,
  });
}

export function useBudgets() {
  return useQuery(budgetsQuery(useApi()));
}

/**
 * A finished request changes spend and budget usage: refresh them, at most once per second so a
 * burst of gateway traffic does not turn into a burst of report queries.
 */
export function useLiveCosts(): void {
  const api = useApi();
  const queryClient = useQueryClient();
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | null = null;
    const refresh = () => {
      timer ??= setTimeout(() => {
        timer = null;
        void queryClient.invalidateQueries({ queryKey: [REPORTS] });
        void queryClient.invalidateQueries({ queryKey: budgetsQueryKey });
      }, 1_000);
    };
    const offs = [api.subscribe('execution.done', refresh), api.subscribe('budget.alert', refresh)];
    return () => {
      offs.forEach((off) => off());
      if (timer) clearTimeout(timer);
    };
  }, [api, queryClient]);
}

export function useSaveBudget() {
  const api = useApi();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (input: BudgetInput) => unwrap(await api.request('budget.set', input)),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: budgetsQueryKey }),
  });
}

export function useDeleteBudget() {
  const api = useApi();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (id: number) => unwrap(await api.request('budget.delete', { id })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: budgetsQueryKey }),
  });
}

/** Asks main for the CSV of the range and hands it to the browser as a file download. */
export function useCsvExport() {
  const api = useApi();
  return useMutation({
    mutationFn: async (input: RouteInput<'reports.csv'>) => {
      const { csv, rows } = unwrap(await api.request('reports.csv', input));
      const url = URL.createObjectURL(new Blob([csv], { type: 'text/csv;charset=utf-8' }));
      const link = document.createElement('a');
      link.href = url;
      link.download = `switchyard-${input.kind === 'requests' ? 'requests' : `spend-by-${input.by}`}.csv`;
      document.body.append(link);
      link.click();
      link.remove();
      setTimeout(() => URL.revokeObjectURL(url), 10_000);
      return rows;
    },
  });
}
