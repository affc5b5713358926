import { afterAll, describe, expect, it } from 'vitest';
import { RoutingRequestSchema, type RoutingRequest } from '../../shared/contract/routing';
import type { RoutingRules } from '../../shared/contract/rules';
import { isSwitchyardError } from '../core/errors';
import { ModelCatalog } from './catalog/modelCatalog';
import { openLiveState, type LiveState } from './liveState';
import { RoutingEngine } from './routingEngine';
import { defaultRules } from './rules/defaultRules';
import { longText } from './test/prompts';

const catalog = new ModelCatalog(null);
let rules: RoutingRules = defaultRules();
const engine = new RoutingEngine(catalog, () => rules);
afterAll(() => engine.close());

const decide = (r: RoutingRequest, live: LiveState = openLiveState()) =>
  engine.decide(RoutingRequestSchema.parse(r), live);

async function rejection(r: RoutingRequest, live?: LiveState) {
  try {
    await decide(r, live);
  } catch (e) {
    if (isSwitchyardError(e)) return e;
    throw e;
  }
  throw new Error('expected the decision to fail');
}

describe('routing engine: the classic cases (default rules, all providers available)', () => {
  it('sends a 25k-token context to the balanced band', async () => {
    const d = await decide({ prompt: longText(25_000), strategy: 'context_bands' });
    expect(d.matched).toBe('balanced band');
    expect(rules.context_bands.balanced).toContain(d.modelKey);
    expect(d.reasons[0]).toMatch(/balanced band \(10,000–50,000 tokens\)/);
  });

  it('sends "Translate \'Hello\' to French" with max cost $0.0001 to a cheap model', async () => {
    const d = await decide({ prompt: "Translate 'Hello' to French", constraints: { maxCostUsd: 0.0001 } });
    expect(d.estimate.costUsd).toBeLessThanOrEqual(0.0001);
    const model = catalog.get(d.modelKey)!;
    expect(model.price.inputPerMTok).toBeLessThanOrEqual(0.2);
    expect(d.complexity.tier).toBe('simple');
    expect(d.fallbackChain.every((f) => f.estimatedCostUsd <= 0.0001)).toBe(true);
  });

  it('sends the CAP-theorem design prompt with min quality 0.95 to a top-tier model', async () => {
    const d = await decide({
      prompt: 'Design a distributed cache system with CAP theorem considerations',
      constraints: { minQuality: 0.95 },
    });
    expect(d.estimate.quality).toBeGreaterThanOrEqual(0.95);
    expect(['anthropic/claude-opus-4-5', 'openai/gpt-5', 'google/gemini-3-pro-preview']).toContain(
      d.modelKey,
    );
    expect(d.useCase).toMatchObject({ value: 'expert', source: 'detected' });
    expect(d.fallbackChain.every((f) => f.quality >= 0.95)).toBe(true);
  });

  it('sends an image to a vision-capable model and says why the others were skipped', async () => {
    const d = await decide({ prompt: 'What is in this picture?', images: [{ width: 1024, height: 768 }] });
    expect(catalog.get(d.modelKey)!.capabilities).toContain('vision');
    expect(d.fallbackChain.every((f) => catalog.get(f.modelKey)!.capabilities.includes('vision'))).toBe(true);
    expect(d.alternatives).toContainEqual({
      modelKey: 'groq/llama-3.1-8b-instant',
      status: 'rejected',
      reason: 'lacks vision',
    });
    const bands = await decide({ prompt: 'Describe it', images: [{}], strategy: 'context_bands' });
    expect(bands.matched).toBe('vision band');
  });

  it('fails with NO_ELIGIBLE_MODEL naming every model and its reason', async () => {
    const e = await rejection({
      prompt: 'Write a sonnet about the sea',
      constraints: { minQuality: 0.97, maxCostUsd: 0.000001 },
    });
    expect(e.code).toBe('NO_ELIGIBLE_MODEL');
    const rejected = e.details!.rejected as { model: string; reason: string }[];
    expect(rejected).toHaveLength(catalog.list().length);
    expect(rejected.every((r) => r.reason.length > 0)).toBe(true);
    expect(rejected.find((r) => r.model === 'groq/llama-3.1-8b-instant')!.reason).toMatch(
      /quality 0.52 < min 0.97/,
    );
    expect(rejected.find((r) => r.model === 'anthropic/claude-opus-4-5')!.reason).toMatch(/> max cost/);
  });
});

describe('routing engine: exact threshold boundaries', () => {
  // " hello" is one o200k token, so this text has exactly n tokens.
  const exactly = (n: number) => `hello${' hello'.repeat(n - 1)}`;

  it('counts exactly near a band boundary: 9,999 tokens is fast, 10,000 is balanced', async () => {
    const below = await decide({ prompt: exactly(9_999), strategy: 'context_bands' });
    const at = await decide({ prompt: exactly(10_000), strategy: 'context_bands' });
    expect(below.tokens.method).toBe('exact');
    expect(below.matched).toBe('fast band');
    expect(at.matched).toBe('balanced band');
    expect(at.tokens.note).toMatch(/within 10% of the 10,000-token fast band limit/);
  });

  it('advises chunking above 30,000 input tokens, not at 30,000', async () => {
    const at = await decide({ prompt: exactly(30_000) });
    const above = await decide({ prompt: exactly(30_001) });
    expect(at.shouldChunk).toBe(false);
    expect(above.shouldChunk).toBe(true);
    expect(above.chunkReason).toMatch(/30,001 input tokens is over the 30,000-token chunking threshold/);
  });

  it('places complexity scores on tier boundaries in the upper tier', async () => {
    const { complexityTierOf } = await import('./analysis/complexity');
    expect([0.2999, 0.3, 0.5999, 0.6, 0.8499, 0.85, 1].map((s) => complexityTierOf(s, rules))).toEqual([
      'simple',
      'medium',
      'medium',
      'complex',
      'complex',
      'breakthrough',
      'breakthrough',
    ]);
  });

  it('advises chunking for more than 3 files and more than 200 expected lines of code', async () => {
    expect((await decide({ prompt: 'Review these', files: 3 })).shouldChunk).toBe(false);
    expect((await decide({ prompt: 'Review these', files: 4 })).chunkReason).toBe(
      '4 input files is more than 3',
    );
    const code = await decide({
      prompt: 'Write a Python module of about 500 lines that implements a B-tree',
    });
    expect(code.chunkReason).toMatch(/~500 lines of code expected/);
  });
});

describe('routing engine: live state, pinning and strategies', () => {
  it('only routes to providers that are available, saying why the others were skipped', async () => {
    const live = openLiveState({
      availability: {
        simulated: false,
        check: (p) =>
          p === 'deepseek' || p === 'ollama' ? { ok: true } : { ok: false, reason: `no ${p} key` },
      },
    });
    const d = await decide(
      { prompt: 'Explain how a hash map handles collisions', useCase: 'analysis' },
      live,
    );
    expect(['deepseek', 'ollama']).toContain(d.provider);
    expect(d.alternatives).toContainEqual({
      modelKey: 'openai/gpt-5',
      status: 'rejected',
      reason: 'no openai key',
    });
  });

  it('skips a model whose circuit is open and one the budget policy refuses', async () => {
    const live = openLiveState({
      circuits: {
        check: (k) =>
          k === 'groq/llama-3.1-8b-instant' ? { ok: false, reason: 'circuit open' } : { ok: true },
      },
      budget: {
        check: (c) =>
          c.provider === 'openai' ? { ok: false, reason: 'daily budget reached' } : { ok: true },
      },
    });
    const d = await decide({ prompt: 'What is the capital of France?' }, live);
    expect(d.modelKey).toBe('google/gemini-2.5-flash-lite');
    expect(d.reasons).toContain('skipped groq/llama-3.1-8b-instant: circuit open');
    expect(d.reasons).toContain('skipped openai/gpt-5-nano: daily budget reached');
  });

  it('never swaps a pinned model: a prompt too big for it fails with its reason', async () => {
    const ok = await decide({ prompt: 'hi', model: 'openai/gpt-3.5-turbo' });
    expect(ok).toMatchObject({ modelKey: 'openai/gpt-3.5-turbo', strategy: 'pinned' });
    const e = await rejection({ prompt: longText(20_000), model: 'openai/gpt-3.5-turbo' });
    expect(e.code).toBe('NO_ELIGIBLE_MODEL');
    expect(e.details!.rejected).toEqual([
      {
        model: 'openai/gpt-3.5-turbo',
        reason: expect.stringMatching(/^context window 16,385 < ~\d{2},\d{3} input/),
      },
    ]);
  });

  it('the learned strategy, with nothing learned yet, ranks as auto and says so', async () => {
    const d = await decide({ prompt: 'hi', strategy: 'learned' });
    const a = await decide({ prompt: 'hi' });
    expect(d.strategy).toBe('learned');
    expect(d.modelKey).toBe(a.modelKey);
    expect(d.reasons[0]).toMatch(/no trained model yet/);
  });

  it('the constraint optimizer takes the cheapest model meeting the constraints', async () => {
    const d = await decide({ prompt: 'Compare quicksort and mergesort', strategy: 'constraints' });
    // No min quality given: the prompt's complexity tier floor applies, not "free local 8B".
    expect(d.estimate.quality).toBeGreaterThanOrEqual(rules.complexity_tiers[d.complexity.tier]!.min_quality);
    const strict = await decide({
      prompt: 'Compare quicksort and mergesort',
      strategy: 'constraints',
      constraints: { minQuality: 0.9, maxLatencySeconds: 20 },
    });
    expect(strict.estimate.quality).toBeGreaterThanOrEqual(0.9);
    expect(strict.estimate.latencySeconds).toBeLessThanOrEqual(20);
    for (const f of strict.fallbackChain.filter(
      (c) => c.provider !== 'ollama' && c.provider !== 'lmstudio',
    )) {
      expect(f.estimatedCostUsd).toBeGreaterThanOrEqual(strict.estimate.costUsd * 0.95);
    }
    expect(strict.reasons[0]).toMatch(
      /objective: lowest estimated cost with max latency 20 s, min quality 0.9/,
    );
  });

  it('round-robins among equivalent candidates when balancing is on', async () => {
    rules = {
      ...defaultRules(),
      balancing: { ...defaultRules().balancing, mode: 'round_robin', quality_tolerance: 0.3 },
    };
    try {
      const picks = new Set<string>();
      for (let i = 0; i < 4; i++) picks.add((await decide({ prompt: 'Tell me a joke' })).modelKey);
      expect(picks.size).toBeGreaterThan(1);
    } finally {
      rules = defaultRules();
    }
  });
});
