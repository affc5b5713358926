import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { RoutingDecision, RoutingRequest, StrategyName } from '../../../shared/contract/routing';
import type { RoutingRules } from '../../../shared/contract/rules';
import { unwrap } from '../../transport';
import { useApi } from '../../transport/TransportProvider';
import { useRulesDraft } from './draftStore';

/** The rules in force; loading them (again) resets the draft. */
export function useSavedRules() {
  const api = useApi();
  return useQuery({
    queryKey: ['rules.get'],
    queryFn: async ({ signal }) => unwrap(await api.request('rules.get', {}, { signal })),
    staleTime: Infinity,
    // Changes made while the screen was closed (its `rules.changed` subscription with it) show on return.
    refetchOnMount: 'always',
  });
}

/** The server's check of the draft (the schema's last word), keyed by the draft's revision. */
export function useDraftCheck(draft: RoutingRules | null, revision: number) {
  const api = useApi();
  return useQuery({
    queryKey: ['rules.validate', revision],
    queryFn: async ({ signal }) => unwrap(await api.request('rules.validate', { rules: draft }, { signal })),
    enabled: draft !== null,
    placeholderData: keepPreviousData,
    retry: false,
    gcTime: 5_000,
  });
}

export interface PreviewInput {
  prompt: string;
  strategy: StrategyName | null;
  images: boolean;
}

/** The decision for the test prompt under the draft, as if every provider had a key (simulated). */
export function useDraftPreview(
  draft: RoutingRules | null,
  revision: number,
  input: PreviewInput,
  valid: boolean,
) {
  const api = useApi();
  const request: RoutingRequest = {
    prompt: input.prompt,
    simulate: true,
    ...(input.strategy ? { strategy: input.strategy } : {}),
    ...(input.images ? { images: [{ detail: 'auto' as const }] } : {}),
  };
  return useQuery({
    queryKey: ['rules.preview', revision, input],
    queryFn: async ({ signal }): Promise<RoutingDecision> =>
      unwrap(await api.request('rules.preview', { rules: draft, request }, { signal })),
    enabled: draft !== null && valid && input.prompt.trim() !== '',
    placeholderData: keepPreviousData,
    retry: false,
    gcTime: 5_000,
    refetchOnWindowFocus: false,
  });
}

export function useSaveRules() {
  const api = useApi();
  const client = useQueryClient();
  const load = useRulesDraft((s) => s.load);
  return useMutation({
    mutationFn: async (rules: RoutingRules) => unwrap(await api.request('rules.save', { rules })),
    onSuccess: (saved) => {
      load(saved.rules);
      void client.invalidateQueries({ queryKey: ['rules.get'] });
      void client.invalidateQueries({ queryKey: ['rules.versions'] });
    },
  });
}

export function useRuleVersions() {
  const api = useApi();
  return useQuery({
    queryKey: ['rules.versions'],
    queryFn: async ({ signal }) => unwrap(await api.request('rules.versions', {}, { signal })).versions,
  });
}

export function useRestoreVersion() {
  const api = useApi();
  const client = useQueryClient();
  const load = useRulesDraft((s) => s.load);
  return useMutation({
    mutationFn: async (id: string) => unwrap(await api.request('rules.restore', { id })),
    onSuccess: (restored) => {
      load(restored.rules);
      void client.invalidateQueries({ queryKey: ['rules.get'] });
      void client.invalidateQueries({ queryKey: ['rules.versions'] });
    },
  });
}

/** Tier edges suggested from the ledger's history; shown as suggestions, never applied by main. */
export function useThresholdSuggestions() {
  const api = useApi();
  return useQuery({
    queryKey: ['learning.suggestThresholds'],
    queryFn: async ({ signal }) =>
      unwrap(await api.request('learning.suggestThresholds', {}, { signal })).suggestions,
    staleTime: 60_000,
  });
}
