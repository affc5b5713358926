import { complexityTierOf } from '../analysis/complexity';
import type { Proposal, StrategyInput } from './types';

/** Costs within 5 % (or $0.00001) of each other count as equal, so quality decides between them. */
const COST_TIE = 0.05;
const COST_TIE_ABS = 0.00001;

/**
 * The constraint optimizer. Objective: the lowest estimated cost per request among the models that
 * meet every hard constraint (max cost, max latency, min quality, excluded providers, context fit,
 * capabilities — applied by the engine as for every strategy). Ties on cost go to the higher
 * quality, then the lower latency. Preferred providers come first, in that same order.
 *
 * Without a min quality from the caller, the floor of the prompt's complexity tier applies: the
 * plain cheapest model is nearly always a free local 8B model, which is not what "cheapest that
 * does the job" means.
 */
export function constraintOptimizer({ facts, rules, models, estimates }: StrategyInput): Proposal {
  const c = facts.request.constraints;
  const preferred = new Set(c.preferredProviders);
  const cost = (key: string): number => estimates.get(key)?.costUsd ?? Infinity;
  const latency = (key: string): number => estimates.get(key)?.latencySeconds ?? Infinity;
  const ranked = [...models].sort((a, b) => {
    const pa = preferred.has(a.provider) ? 0 : 1;
    const pb = preferred.has(b.provider) ? 0 : 1;
    if (pa !== pb) return pa - pb;
    const ca = cost(a.key);
    const cb = cost(b.key);
    if (Math.abs(ca - cb) > Math.max(COST_TIE_ABS, COST_TIE * Math.min(ca, cb))) return ca - cb;
    if (a.quality.score !== b.quality.score) return b.quality.score - a.quality.score;
    return latency(a.key) - latency(b.key);
  });
  const tierName = complexityTierOf(facts.complexity.score, rules);
  const tierFloor = rules.complexity_tiers[tierName]?.min_quality ?? 0;
  const gate =
    c.minQuality === undefined
      ? { minQuality: tierFloor, label: `tier "${tierName}" quality floor` }
      : undefined;
  const given = [
    c.maxCostUsd !== undefined ? `max cost $${c.maxCostUsd}` : null,
    c.maxLatencySeconds !== undefined ? `max latency ${c.maxLatencySeconds} s` : null,
    c.minQuality !== undefined ? `min quality ${c.minQuality}` : null,
    preferred.size ? `preferring ${[...preferred].join(', ')}` : null,
  ].filter((x): x is string => x !== null);
  return {
    strategy: 'constraints',
    matched: 'cheapest model meeting the constraints',
    candidates: ranked.map((m) => m.key),
    reasons: [
      `objective: lowest estimated cost${given.length ? ` with ${given.join(', ')}` : ''}` +
        (gate
          ? `; quality at least ${tierFloor} (the "${tierName}" tier floor, as no min quality was given)`
          : ''),
    ],
    cap: null,
    gate,
    temperature: null,
    maxTokens: null,
    qualityFloor: null,
    confidence: 0.9,
  };
}
