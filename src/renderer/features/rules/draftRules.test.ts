import { describe, expect, it } from 'vitest';
import { tokenScale } from './axisScale';
import { bandOf, removeTier, setTierThreshold, splitTier, tierOf, tierThresholds } from './draftEdits';
import { draftProblems } from './draftProblems';
import { testRules } from './testRules';

const KNOWN = new Set([
  'groq/llama-3.3-70b-versatile',
  'deepseek/deepseek-chat',
  'google/gemini-2.5-pro',
  'openai/gpt-4o',
  'openai/gpt-5-nano',
  'openai/gpt-5-mini',
  'openai/gpt-5',
  'ollama/llama3.1:8b',
]);

describe('editing a rules draft', () => {
  it('moves a tier threshold as one boundary: one tier ends where the next starts', () => {
    const r = testRules();
    setTierThreshold(r, 0, 0.2);
    expect(r.complexity_tiers.simple!.complexity_range).toEqual([0, 0.2]);
    expect(r.complexity_tiers.medium!.complexity_range).toEqual([0.2, 0.6]);
    expect(tierOf(r, 0.25)).toBe('medium');
    expect(draftProblems(r, KNOWN)).toEqual([]);
  });

  it('splits and removes tiers without leaving a gap', () => {
    const r = testRules();
    splitTier(r, 'complex');
    expect(tierThresholds(r)).toEqual([0.3, 0.6, 0.8]);
    expect(r.complexity_tiers.complex_2!.models).toEqual(['openai/gpt-5']);
    removeTier(r, 'medium');
    expect(tierThresholds(r)).toEqual([0.6, 0.8]);
    expect(r.complexity_tiers.simple!.complexity_range).toEqual([0, 0.6]);
    expect(draftProblems(r, KNOWN)).toEqual([]);
  });

  it('says what is wrong: overlapping bands, inverted thresholds, empty lists, unknown models', () => {
    const r = testRules();
    r.context_bands.long_from = 5_000;
    r.context_bands.vision = [];
    r.complexity_tiers.simple!.complexity_range = [0, 0.7];
    r.use_cases.expert.primary = 'openai/gpt-9';
    expect(draftProblems(r, KNOWN)).toEqual([
      { path: 'context_bands.long_from', message: expect.stringContaining('the bands overlap') },
      { path: 'context_bands.vision', message: 'the vision band has no models' },
      {
        path: 'complexity_tiers.medium.complexity_range',
        message: 'tier "medium" starts at 0.3 but the tier below ends at 0.7',
      },
      { path: 'use_cases.expert.primary', message: 'openai/gpt-9 is not in the catalog' },
    ]);
  });

  it('reports a value that is not a number instead of saving it', () => {
    const r = testRules();
    r.budget_tiers.premium.max_cost_per_request = Number.NaN;
    expect(draftProblems(r, KNOWN)).toEqual([
      { path: 'budget_tiers.premium.max_cost_per_request', message: 'must be a positive amount of USD' },
    ]);
  });

  it('places a request in a band as routing does (half-open; images go to vision)', () => {
    const r = testRules();
    expect(bandOf(r, 9_999, false)).toBe('fast');
    expect(bandOf(r, 10_000, false)).toBe('balanced');
    expect(bandOf(r, 50_000, false)).toBe('long');
    expect(bandOf(r, 100, true)).toBe('vision');
  });

  it('maps the token axis logarithmically and rounds dragged values to two figures', () => {
    expect(tokenScale.toFraction(100)).toBe(0);
    expect(tokenScale.toFraction(2_000_000)).toBe(1);
    expect(tokenScale.fromFraction(tokenScale.toFraction(10_000))).toBeCloseTo(10_000, 6);
    expect(tokenScale.round(12_345)).toBe(12_000);
    expect(tokenScale.step(10_000, false)).toBe(1_000);
    expect(tokenScale.step(10_000, true)).toBe(10_000);
  });
});
