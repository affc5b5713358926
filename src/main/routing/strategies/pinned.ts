import type { Proposal, StrategyInput } from './types';

/** Pinned: the caller named the model. It is still checked for fit and availability, never swapped. */
export function pinned({ facts }: StrategyInput): Proposal {
  const key = facts.request.model ?? '';
  return {
    strategy: 'pinned',
    matched: `pinned to ${key}`,
    candidates: [key],
    reasons: [`the caller pinned ${key}`],
    cap: null,
    temperature: null,
    maxTokens: null,
    qualityFloor: null,
    confidence: 1,
  };
}
