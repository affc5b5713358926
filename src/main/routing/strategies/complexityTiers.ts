import { complexityTierOf } from '../analysis/complexity';
import type { Proposal, StrategyInput } from './types';

/** Complexity tiers: the tier whose range holds the prompt's complexity score, models best-first. */
export function complexityTiers({ facts, rules }: StrategyInput): Proposal {
  const score = facts.complexity.score;
  const name = complexityTierOf(score, rules);
  const tier = rules.complexity_tiers[name];
  if (!tier) throw new Error(`complexity tier ${name} vanished`);
  const [from, to] = tier.complexity_range;
  const top = facts.complexity.features
    .filter((f) => f.contribution > 0)
    .sort((a, b) => b.contribution - a.contribution)
    .slice(0, 3)
    .map((f) => `${f.name.replace('_', ' ')} (${f.evidence})`);
  // Near a boundary the tier is a coin toss; 0.1 away from both edges it is certain.
  const inner = [from, to].filter((x) => x > 0 && x < 1);
  const distance = inner.reduce((d, x) => Math.min(d, Math.abs(score - x)), 0.1);
  return {
    strategy: 'complexity_tiers',
    matched: `complexity tier "${name}"`,
    candidates: tier.models,
    reasons: [
      `complexity ${score.toFixed(2)} is in tier "${name}" [${from}, ${to})` +
        (top.length ? `, driven by ${top.join('; ')}` : ''),
    ],
    cap: tier.max_cost_per_request
      ? { usd: tier.max_cost_per_request, label: `tier "${name}" max cost` }
      : null,
    temperature: tier.temperature,
    maxTokens: tier.max_tokens,
    qualityFloor: tier.min_quality,
    confidence: 0.5 + 0.5 * Math.min(1, distance / 0.1),
  };
}
