import type { RoutingRules } from '../../../shared/contract/rules';
import { setTierThreshold, sortedTiers } from './draftEdits';

/** Main names a suggested edge by its rules path: the upper end of a complexity tier. */
const TIER_END = /^complexity_tiers\.(.+)\.complexity_range\[1\]$/;

/** Where a suggestion stands against the draft: applicable, already there, or about a tier it lacks. */
export type SuggestionFit = 'applicable' | 'applied' | 'unknown';

export function suggestionFit(rules: RoutingRules, path: string, suggested: number): SuggestionFit {
  const at = tierIndex(rules, path);
  if (at === null) return 'unknown';
  return sortedTiers(rules)[at]![1].complexity_range[1] === suggested ? 'applied' : 'applicable';
}

/**
 * Puts a suggested tier edge into the draft: the tier ends there and the next tier starts there
 * (the same edit as dragging the boundary). Returns false when the draft has no such tier edge.
 */
export function applySuggestion(rules: RoutingRules, path: string, suggested: number): boolean {
  const at = tierIndex(rules, path);
  if (at === null) return false;
  setTierThreshold(rules, at, suggested);
  return true;
}

/** The tier's place in axis order, if it has a tier above it (the top tier's end is always 1). */
function tierIndex(rules: RoutingRules, path: string): number | null {
  const name = TIER_END.exec(path)?.[1];
  const tiers = sortedTiers(rules);
  const at = tiers.findIndex(([n]) => n === name);
  return at < 0 || at >= tiers.length - 1 ? null : at;
}
