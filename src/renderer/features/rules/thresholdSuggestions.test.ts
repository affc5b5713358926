import { describe, expect, it } from 'vitest';
import type { RoutingRules } from '../../../shared/contract/rules';
import { tierThresholds } from './draftEdits';
import { testRules } from './testRules';
import { applySuggestion, suggestionFit } from './thresholdSuggestions';

describe('threshold suggestions in the draft', () => {
  it('apply moves the tier edge and the next tier’s start, like dragging the boundary', () => {
    const rules: RoutingRules = testRules();
    const [name, tier] = Object.entries(rules.complexity_tiers).sort(
      (a, b) => a[1].complexity_range[0] - b[1].complexity_range[0],
    )[0]!;
    const path = `complexity_tiers.${name}.complexity_range[1]`;
    const suggested = Math.round((tier.complexity_range[1] - 0.05) * 100) / 100;
    expect(suggestionFit(rules, path, suggested)).toBe('applicable');
    expect(applySuggestion(rules, path, suggested)).toBe(true);
    expect(rules.complexity_tiers[name]!.complexity_range[1]).toBe(suggested);
    expect(tierThresholds(rules)[0]).toBe(suggested);
    expect(suggestionFit(rules, path, suggested)).toBe('applied');
  });

  it('refuses a path the draft no longer has, changing nothing', () => {
    const rules: RoutingRules = testRules();
    const before = JSON.stringify(rules);
    expect(suggestionFit(rules, 'complexity_tiers.gone.complexity_range[1]', 0.2)).toBe('unknown');
    expect(applySuggestion(rules, 'complexity_tiers.gone.complexity_range[1]', 0.2)).toBe(false);
    expect(JSON.stringify(rules)).toBe(before);
  });
});
