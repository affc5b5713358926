import type { ComplexityTierRule, RoutingRules } from '../../../shared/contract/rules';

export type BandName = 'fast' | 'balanced' | 'long' | 'vision';
export const BANDS: readonly BandName[] = ['fast', 'balanced', 'long', 'vision'];

/** The tiers in axis order (by where they start), with their names. */
export function sortedTiers(rules: RoutingRules): [string, ComplexityTierRule][] {
  return Object.entries(rules.complexity_tiers).sort(
    (a, b) => a[1].complexity_range[0] - b[1].complexity_range[0],
  );
}

/** The thresholds between consecutive tiers: where each tier after the first starts. */
export function tierThresholds(rules: RoutingRules): number[] {
  return sortedTiers(rules)
    .slice(1)
    .map(([, t]) => t.complexity_range[0]);
}

/** Moves the boundary between tier `index` and `index + 1`: one ends and the next starts there. */
export function setTierThreshold(rules: RoutingRules, index: number, value: number): void {
  const tiers = sortedTiers(rules);
  const below = tiers[index]?.[1];
  const above = tiers[index + 1]?.[1];
  if (!below || !above) return;
  below.complexity_range = [below.complexity_range[0], value];
  above.complexity_range = [value, above.complexity_range[1]];
}

/** Splits a tier in two at its middle; the new tier copies the split one's settings. */
export function splitTier(rules: RoutingRules, name: string): void {
  const tier = rules.complexity_tiers[name];
  if (!tier) return;
  const [from, to] = tier.complexity_range;
  const mid = Math.round(((from + to) / 2) * 100) / 100;
  if (mid <= from || mid >= to) return;
  let n = 2;
  while (rules.complexity_tiers[`${name}_${n}`]) n += 1;
  tier.complexity_range = [from, mid];
  rules.complexity_tiers[`${name}_${n}`] = { ...structuredClone(tier), complexity_range: [mid, to] };
}

/** Removes a tier; the tier below it (or above, for the first) takes over its range. */
export function removeTier(rules: RoutingRules, name: string): void {
  const tiers = sortedTiers(rules);
  const at = tiers.findIndex(([n]) => n === name);
  if (at < 0 || tiers.length < 2) return;
  const [, gone] = tiers[at]!;
  const neighbour = (tiers[at - 1] ?? tiers[at + 1])![1];
  neighbour.complexity_range =
    at > 0
      ? [neighbour.complexity_range[0], gone.complexity_range[1]]
      : [gone.complexity_range[0], neighbour.complexity_range[1]];
  delete rules.complexity_tiers[name];
}

/** The band a request of `tokens` input tokens (and images or not) lands in, under `rules`. */
export function bandOf(rules: RoutingRules, tokens: number, vision: boolean): BandName {
  const b = rules.context_bands;
  if (vision) return 'vision';
  return tokens < b.fast_below ? 'fast' : tokens < b.long_from ? 'balanced' : 'long';
}

/** The tier holding `score` (the top tier also holds 1), as routing reads it. */
export function tierOf(rules: RoutingRules, score: number): string {
  const tiers = sortedTiers(rules);
  const hit = tiers.find(([, t]) => score >= t.complexity_range[0] && score < t.complexity_range[1]);
  return (hit ?? tiers.at(-1))?.[0] ?? '';
}
