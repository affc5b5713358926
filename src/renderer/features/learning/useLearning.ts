import { useMutation, useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import type { ExperimentInput, LearningStatus, UseCase } from '../../../shared/contract';
import { unwrap } from '../../transport';
import { useApi } from '../../transport/TransportProvider';

/** Reads that finished requests and votes move; refetched together. */
const LIVE_KEYS = [['learning.stats'], ['learning.leaderboard'], ['experiments.report'], ['learning.status']];
/** A backstop only: the screen follows finished requests; votes and training have no event. */
const BACKSTOP_MS = 15_000;
/** While a background training runs, the status is read this often to show its end. */
const TRAINING_POLL_MS = 2_000;
/** Bursts of finished requests refresh the figures at most this often. */
const THROTTLE_MS = 1_000;

export function useLeaderboard(useCase: UseCase | null) {
  const api = useApi();
  return useQuery({
    queryKey: ['learning.leaderboard', useCase],
    queryFn: async ({ signal }) => unwrap(await api.request('learning.leaderboard', { useCase }, { signal })),
    refetchInterval: BACKSTOP_MS,
  });
}

export function useModelStats(byUseCase: boolean) {
  const api = useApi();
  return useQuery({
    queryKey: ['learning.stats', byUseCase],
    queryFn: async ({ signal }) => unwrap(await api.request('learning.stats', { byUseCase }, { signal })),
    refetchInterval: BACKSTOP_MS,
  });
}

export function useLearningStatus() {
  const api = useApi();
  return useQuery({
    queryKey: ['learning.status'],
    queryFn: async ({ signal }) => unwrap(await api.request('learning.status', {}, { signal })),
    // A training in the background (its worker thread) has no event: look again soon while it runs.
    refetchInterval: (query) => (query.state.data?.training ? TRAINING_POLL_MS : BACKSTOP_MS),
  });
}

export function useTrainNow() {
  const api = useApi();
  const client = useQueryClient();
  return useMutation({
    mutationFn: async () => unwrap(await api.request('learning.train', { force: true })),
    onSuccess: (status) => client.setQueryData<LearningStatus>(['learning.status'], status),
  });
}

/**
 * Saves run one at a time, in the order they were asked for: two saves in flight at once could reach
 * main out of order and leave the older value stored while the slider shows the newer one.
 */
export function useSetWillingnessToPay() {
  const api = useApi();
  const client = useQueryClient();
  return useMutation({
    scope: { id: 'learning.setWillingnessToPay' },
    mutationFn: async (usd: number) => unwrap(await api.request('learning.setWillingnessToPay', { usd })),
    onSuccess: async (status) => {
      // A status read still on its way (a refresh after finished requests) may have been answered
      // before this save was stored: dropped, so it cannot put the old value back on the slider.
      await client.cancelQueries({ queryKey: ['learning.status'] });
      client.setQueryData<LearningStatus>(['learning.status'], status);
    },
  });
}

export function useExperiments() {
  const api = useApi();
  return useQuery({
    queryKey: ['experiments.list'],
    queryFn: async ({ signal }) => unwrap(await api.request('experiments.list', {}, { signal })).experiments,
  });
}

export function useExperimentReport(name: string | null) {
  const api = useApi();
  return useQuery({
    queryKey: ['experiments.report', name],
    queryFn: async ({ signal }) =>
      unwrap(await api.request('experiments.report', { name: name! }, { signal })),
    enabled: name !== null,
    refetchInterval: BACKSTOP_MS,
  });
}

export function useCreateExperiment() {
  const api = useApi();
  const client = useQueryClient();
  return useMutation({
    mutationFn: async (input: ExperimentInput) => unwrap(await api.request('experiments.create', input)),
    onSuccess: () => void client.invalidateQueries({ queryKey: ['experiments.list'] }),
  });
}

/** Stop (promote null) or promote an arm; a promoted arm changes the rules in force. */
export function useEndExperiment() {
  const api = useApi();
  const client = useQueryClient();
  return useMutation({
    mutationFn: async (input: { name: string; promote: string | null }) =>
      unwrap(await api.request('experiments.end', input)),
    onSuccess: () => {
      void client.invalidateQueries({ queryKey: ['experiments.list'] });
      void client.invalidateQueries({ queryKey: ['experiments.report'] });
      void client.invalidateQueries({ queryKey: ['rules.get'] });
      void client.invalidateQueries({ queryKey: ['rules.versions'] });
    },
  });
}

/** Saved rules versions, the same cache entry the rule editor uses. */
export function useRulesVersions() {
  const api = useApi();
  return useQuery({
    queryKey: ['rules.versions'],
    queryFn: async ({ signal }) => unwrap(await api.request('rules.versions', {}, { signal })).versions,
  });
}

function refreshLearning(client: QueryClient): void {
  for (const queryKey of LIVE_KEYS) void client.invalidateQueries({ queryKey });
}

/** Keeps the screen live: finished requests move the statistics and the experiment's report. */
export function useLiveLearning(): void {
  const api = useApi();
  const client = useQueryClient();
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | null = null;
    const throttled = (): void => {
      timer ??= setTimeout(() => {
        timer = null;
        refreshLearning(client);
      }, THROTTLE_MS);
    };
    const off = api.subscribe('execution.done', throttled);
    return () => {
      if (timer) clearTimeout(timer);
      off();
    };
  }, [api, client]);
}
