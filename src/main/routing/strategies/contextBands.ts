import { formatInt } from '../eligibility';
import type { Proposal, StrategyInput } from './types';

/**
 * Context-size bands: below `fast_below` tokens a fast tier, up to `long_from` a balanced tier,
 * from `long_from` a long-context tier; images go to the vision list. Boundaries are half-open:
 * exactly `fast_below` tokens is already balanced, exactly `long_from` already long.
 */
export function contextBands({ facts, rules }: StrategyInput): Proposal {
  const b = rules.context_bands;
  const t = facts.referenceTokens;
  const base = { strategy: 'context_bands' as const, cap: null, temperature: null, maxTokens: null };
  if (facts.hasImages) {
    return {
      ...base,
      matched: 'vision band',
      candidates: b.vision,
      reasons: ['the request has images, so it goes to the vision band'],
      qualityFloor: null,
      confidence: 1,
    };
  }
  const [band, range, floor] =
    t < b.fast_below
      ? (['fast', `below ${formatInt(b.fast_below)}`, 0.5] as const)
      : t < b.long_from
        ? (['balanced', `${formatInt(b.fast_below)}–${formatInt(b.long_from)}`, 0.7] as const)
        : (['long', `${formatInt(b.long_from)} and above`, 0.8] as const);
  const nearest = [b.fast_below, b.long_from].reduce((d, x) => Math.min(d, Math.abs(t - x) / x), Infinity);
  return {
    ...base,
    matched: `${band} band`,
    candidates: b[band],
    reasons: [`~${formatInt(t)} input tokens is in the ${band} band (${range} tokens)`],
    qualityFloor: floor,
    confidence: Math.min(1, 0.6 + 2 * nearest),
  };
}
