import { useMutation } from '@tanstack/react-query';
import type { VoteCandidate, VoteInput, VoteVerdict } from '../../../shared/contract/votes';
import { unwrap } from '../../transport';
import { useApi } from '../../transport/TransportProvider';
import type { Comparison } from './playgroundStore';
import type { RunState } from './runStore';

export function candidatesOf(
  comparison: Comparison,
  runs: readonly (RunState | undefined)[],
): VoteCandidate[] {
  return comparison.targets.map((target, i) => {
    const run = runs[i];
    const result = run?.result ?? null;
    return {
      target: target.kind === 'routed' ? 'routed' : target.modelKey,
      modelKey: result && !result.error ? result.modelKey : null,
      requestId: run?.requestId ?? null,
      costUsd: result?.costUsd ?? null,
      latencyMs: result?.latencyMs ?? null,
      simulated: result?.simulated ?? run?.simulated ?? false,
    };
  });
}

export interface VoteChoice {
  verdict: VoteVerdict;
  winner?: number;
}

/** Stores the verdict on a comparison in the ledger (votes.record); voting again replaces it. */
export function useVote(
  comparison: Comparison,
  runs: readonly (RunState | undefined)[],
  complexity: number | null,
) {
  const api = useApi();
  return useMutation({
    mutationKey: ['votes.record', comparison.id],
    mutationFn: async (choice: VoteChoice) => {
      const input: VoteInput = {
        comparisonId: comparison.id,
        verdict: choice.verdict,
        ...(choice.verdict === 'winner' ? { winner: choice.winner } : {}),
        candidates: candidatesOf(comparison, runs),
        useCase: (comparison.useCase as VoteInput['useCase']) ?? null,
        complexity,
      };
      return unwrap(await api.request('votes.record', input));
    },
  });
}
