import type { ModelPrice } from '../../src/shared/contract/catalog';
import type { RequestRecord } from '../../src/main/ledger/ledgerEntry';

/** A deterministic pseudo-random stream (mulberry32), so every run writes the same ledger. */
export function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

const price = (input: number, output: number): ModelPrice => ({
  inputPerMTok: input,
  outputPerMTok: output,
  cachedInputPerMTok: input / 10,
  longContext: null,
  perRequestUsd: 0,
  asOf: '2026-01-01',
  source: 'bench',
});

/** 20 models over 8 providers with list prices of their class, and typical latencies (ms). */
const MODELS: Array<[string, string, ModelPrice, number]> = [
  ['anthropic', 'claude-opus-4-1', price(15, 75), 9_000],
  ['anthropic', 'claude-sonnet-4-5', price(3, 15), 5_000],
  ['anthropic', 'claude-haiku-4-5', price(1, 5), 1_800],
  ['openai', 'gpt-4.1', price(2, 8), 4_000],
  ['openai', 'gpt-4.1-mini', price(0.4, 1.6), 1_500],
  ['openai', 'gpt-4o-mini', price(0.15, 0.6), 1_200],
  ['openai', 'o3', price(2, 8), 15_000],
  ['google', 'gemini-2.5-pro', price(1.25, 10), 6_000],
  ['google', 'gemini-2.5-flash', price(0.3, 2.5), 1_400],
  ['google', 'gemini-2.5-flash-lite', price(0.1, 0.4), 700],
  ['mistral', 'mistral-large-latest', price(2, 6), 3_500],
  ['mistral', 'mistral-small-latest', price(0.1, 0.3), 900],
  ['deepseek', 'deepseek-chat', price(0.27, 1.1), 3_000],
  ['deepseek', 'deepseek-reasoner', price(0.55, 2.19), 12_000],
  ['groq', 'llama-3.3-70b-versatile', price(0.59, 0.79), 500],
  ['groq', 'llama-3.1-8b-instant', price(0.05, 0.08), 250],
  ['xai', 'grok-4', price(3, 15), 7_000],
  ['qwen', 'qwen-plus', price(0.4, 1.2), 2_500],
  ['moonshot', 'kimi-k2', price(0.6, 2.5), 4_500],
  ['ollama', 'llama3.1:8b', price(0, 0), 2_000],
];
const USE_CASES = [
  'classification',
  'code_generation',
  'conversation',
  'summarization',
  'analysis',
  'long_context',
  'web_research',
  'expert',
];
const STRATEGIES = ['auto', 'complexity_tiers', 'use_case', 'constraints'];
const DECISIONS = [
  'complexity tier "simple"',
  'complexity tier "moderate"',
  'complexity tier "complex"',
  'balanced band',
  'fast band',
  'use case rule',
];

/**
 * One request as the execution room would record it: mostly one answered attempt, 8 % after a
 * failed first attempt (a fallback), 5 % cache hits, 2 % errors, 1 % broken streams.
 */
export function syntheticRequest(rnd: () => number, startedAt: number): RequestRecord {
  const m = MODELS[Math.floor(rnd() ** 1.6 * MODELS.length)]!;
  const [provider, model, p, typical] = m;
  const latencyMs = Math.round(typical * Math.exp((rnd() - 0.5) * 1.2));
  const inputTokens = 50 + Math.floor(rnd() ** 3 * 8_000);
  const outputTokens = 20 + Math.floor(rnd() ** 2 * 1_500);
  const roll = rnd();
  const base: RequestRecord = {
    startedAt,
    latencyMs,
    ttftMs: Math.round(latencyMs * 0.2),
    source: roll < 0.5 ? 'gateway' : 'ui',
    status: 'ok',
    useCase: USE_CASES[Math.floor(rnd() * USE_CASES.length)]!,
    strategy: STRATEGIES[Math.floor(rnd() * STRATEGIES.length)]!,
    decision: DECISIONS[Math.floor(rnd() * DECISIONS.length)]!,
    attempts: [],
    // Every routed request keeps what routing decided from (ledger_features, for the rules replay).
    features: {
      inputTokens,
      expectedOutputTokens: outputTokens,
      complexity: Math.round(rnd() * 1000) / 1000,
      useCaseConfidence: Math.round(rnd() * 1000) / 1000,
      vision: rnd() < 0.03,
    },
  };
  const usage = {
    inputTokens,
    outputTokens,
    cachedInputTokens: rnd() < 0.2 ? Math.floor(inputTokens / 2) : 0,
  };
  const answered = {
    provider,
    model,
    status: 'ok' as const,
    latencyMs,
    usage,
    estimate: { inputTokens, outputTokens },
    price: p,
  };
  if (roll < 0.05)
    return { ...base, latencyMs: 3, cacheHit: { provider, model, inputTokens, outputTokens, price: p } };
  if (roll < 0.07) {
    const failed = {
      ...answered,
      status: 'error' as const,
      errorKind: 'server',
      usage: null,
      estimate: { inputTokens: 0, outputTokens: 0 },
    };
    return { ...base, status: 'error', attempts: [failed] };
  }
  if (roll < 0.08) {
    const partial = {
      ...answered,
      status: 'partial' as const,
      usage: null,
      estimate: { inputTokens, outputTokens: Math.floor(outputTokens / 3) },
    };
    return { ...base, status: 'partial', attempts: [partial] };
  }
  if (roll < 0.16) {
    const f = MODELS[Math.floor(rnd() * MODELS.length)]!;
    const failed = {
      provider: f[0],
      model: f[1],
      status: 'error' as const,
      errorKind: 'rate_limit',
      latencyMs: 300,
      usage: null,
      estimate: { inputTokens: 0, outputTokens: 0 },
      price: f[2],
    };
    return { ...base, fallbackUsed: true, attempts: [failed, answered] };
  }
  return { ...base, attempts: [answered] };
}
