import { formatUsd } from '../eligibility';
import type { Proposal, StrategyInput } from './types';

/** Minimum quality to widen to when none of a use case's models is eligible. */
const FLOOR_BY_TIER = {
  ultra_economy: 0.5,
  economy: 0.7,
  standard: 0.8,
  premium: 0.9,
  enterprise: 0.93,
} as const;

/**
 * Use-case rules: the use case's primary model, then its fallbacks, under its budget tier's cost
 * cap. Without a given or detected use case this is the `conversation` rule.
 */
export function useCaseRules({ facts, rules }: StrategyInput): Proposal {
  const uc = facts.useCase;
  const name = uc.value ?? 'conversation';
  const rule = rules.use_cases[name];
  const tier = rules.budget_tiers[rule.budget_tier];
  const how =
    uc.source === 'given'
      ? 'given by the caller'
      : uc.value
        ? `detected (confidence ${uc.confidence.toFixed(2)}: ${uc.cues.join(', ')})`
        : 'no use case detected, so the conversation rule applies';
  return {
    strategy: 'use_case',
    matched: `use case "${name}"`,
    candidates: [rule.primary, ...rule.fallback],
    reasons: [
      `use case "${name}" ${how}`,
      `budget tier ${rule.budget_tier}: at most ${formatUsd(tier.max_cost_per_request)} per request`,
    ],
    cap: { usd: tier.max_cost_per_request, label: `${rule.budget_tier} budget tier max` },
    temperature: rule.temperature ?? null,
    maxTokens: rule.max_tokens ?? null,
    qualityFloor: FLOOR_BY_TIER[rule.budget_tier],
    confidence: uc.source === 'given' ? 1 : uc.value ? uc.confidence : 0.4,
  };
}
