import type { StrategyName } from '../../../shared/contract/routing';
import { SwitchyardError } from '../../core/errors';
import { auto } from './auto';
import { complexityTiers } from './complexityTiers';
import { constraintOptimizer } from './constraintOptimizer';
import { contextBands } from './contextBands';
import { learned } from './learned';
import { pinned } from './pinned';
import type { Strategy } from './types';
import { useCaseRules } from './useCaseRules';

const STRATEGIES: Partial<Record<StrategyName, Strategy>> = {
  auto,
  context_bands: contextBands,
  complexity_tiers: complexityTiers,
  use_case: useCaseRules,
  constraints: constraintOptimizer,
  // Load-balanced ranks like auto; the engine then balances among the equivalent leaders.
  load_balanced: (input) => ({ ...auto(input), strategy: 'load_balanced' }),
  pinned,
  learned,
};

export function strategyFor(name: StrategyName): Strategy {
  const s = STRATEGIES[name];
  if (!s) {
    throw new SwitchyardError(
      'STRATEGY_UNAVAILABLE',
      `The "${name}" strategy is not available. Use "auto".`,
      { strategy: name },
    );
  }
  return s;
}

export type { Proposal, RoutingFacts, Strategy, StrategyInput } from './types';
