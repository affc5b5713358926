import { complexityTiers } from './complexityTiers';
import { useCaseRules } from './useCaseRules';
import type { Proposal, StrategyInput } from './types';

/**
 * The default: the use-case rule when the use case is given or detected with enough confidence,
 * else the complexity tiers. Fit and constraints are applied afterwards, as for every strategy.
 */
export function auto(input: StrategyInput): Proposal {
  const uc = input.facts.useCase;
  const known =
    uc.source === 'given' ||
    (uc.value !== null && uc.confidence >= input.rules.defaults.use_case_min_confidence);
  const inner = known ? useCaseRules(input) : complexityTiers(input);
  const why = known
    ? 'auto: the use case is known, so its rule applies'
    : uc.value
      ? `auto: use case "${uc.value}" detected with low confidence (${uc.confidence.toFixed(2)}), so complexity tiers apply`
      : 'auto: no use case given or detected, so complexity tiers apply';
  return { ...inner, strategy: 'auto', reasons: [why, ...inner.reasons] };
}
