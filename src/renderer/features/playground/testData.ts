import type { CatalogModel, ProviderView, RoutedGeneration, RoutingDecision } from '../../../shared/contract';
import { EMPTY_DRAFT, useCompose } from './composeStore';
import { useHistory } from './historyStore';
import { usePlaygroundView } from './playgroundStore';
import { useRuns } from './runStore';

/** The playground's stores are module singletons; each test starts from a clean slate. */
export function resetPlayground(): void {
  useCompose.setState({ ...EMPTY_DRAFT, revision: 0 });
  usePlaygroundView.setState({
    mode: 'single',
    singleRunId: null,
    targets: [{ kind: 'routed' }],
    comparison: null,
  });
  useRuns.setState({ runs: {} });
  useHistory.setState({ entries: [] });
}

export function makeDecision(overrides: Partial<RoutingDecision> = {}): RoutingDecision {
  return {
    modelKey: 'groq/llama-3.1-8b-instant',
    provider: 'groq',
    model: 'llama-3.1-8b-instant',
    displayName: 'Llama 3.1 8B Instant',
    strategy: 'auto',
    matched: 'complexity tier "simple"',
    useCase: { value: 'conversation', source: 'detected', confidence: 0.7 },
    complexity: {
      score: 0.18,
      tier: 'simple',
      features: [
        { name: 'length', value: 0.1, weight: 0.2, contribution: 0.02, evidence: '12 input tokens' },
        { name: 'questions', value: 0.5, weight: 0.2, contribution: 0.1, evidence: '1 question mark' },
      ],
    },
    tokens: {
      input: 12,
      output: 220,
      method: 'estimate',
      family: 'llama',
      note: 'estimated from o200k × 1.1',
    },
    estimate: { costUsd: 0.000021, latencySeconds: 0.9, quality: 0.62 },
    temperature: 0.7,
    maxOutputTokens: 512,
    confidence: 0.8,
    reasons: ['auto: no use case given, so complexity tiers decide', 'complexity 0.18 is in the simple tier'],
    fallbackChain: [
      {
        modelKey: 'openai/gpt-4o-mini',
        provider: 'openai',
        model: 'gpt-4o-mini',
        estimatedCostUsd: 0.00014,
        estimatedLatencySeconds: 1.8,
        quality: 0.7,
      },
    ],
    alternatives: [
      { modelKey: 'openai/gpt-4o-mini', status: 'fallback', reason: 'second in the simple tier' },
      { modelKey: 'anthropic/claude-opus-4-5', status: 'rejected', reason: 'above the max cost of $0.001' },
    ],
    shouldChunk: false,
    chunkReason: null,
    simulated: false,
    decidedInMs: 0.4,
    ...overrides,
  };
}

export function makeModel(
  key: string,
  displayName: string,
  quality: number,
  inputPerMTok: number,
): CatalogModel {
  const [provider, model] = key.split('/') as [CatalogModel['provider'], string];
  return {
    key,
    provider,
    model,
    displayName,
    family: 'other',
    contextWindow: 128_000,
    maxOutputTokens: 8_192,
    capabilities: [],
    price: {
      inputPerMTok,
      outputPerMTok: inputPerMTok * 4,
      cachedInputPerMTok: null,
      longContext: null,
      perRequestUsd: 0,
      asOf: '2026-11-01',
      source: 'test',
    },
    quality: { score: quality, source: 'test' },
    performance: { ttftSeconds: 0.5, outputTokensPerSecond: 80, source: 'test' },
    openrouterId: null,
    origin: 'builtin',
    overridden: [],
    disabled: false,
  };
}

export const CATALOG = {
  models: [
    makeModel('groq/llama-3.1-8b-instant', 'Llama 3.1 8B Instant', 0.62, 0.05),
    makeModel('openai/gpt-4o-mini', 'GPT-4o mini', 0.7, 0.15),
    makeModel('anthropic/claude-opus-4-5', 'Claude Opus 4.5', 0.99, 5),
  ],
  providers: [],
};

export function makeGeneration(overrides: Partial<RoutedGeneration> = {}): RoutedGeneration {
  return {
    requestId: 'pg-test-request',
    modelKey: 'groq/llama-3.1-8b-instant',
    provider: 'groq',
    model: 'llama-3.1-8b-instant',
    output: 'Hello there, how can I help?',
    finishReason: 'stop',
    latencyMs: 840,
    timeToFirstTokenMs: 210,
    costUsd: 0.000019,
    estimatedCostUsd: 0.000021,
    cacheHit: false,
    cache: null,
    similar: null,
    sharedFlight: false,
    simulated: false,
    promptTokens: 14,
    completionTokens: 9,
    cachedInputTokens: null,
    usageSource: 'reported',
    fallbackUsed: false,
    attempts: [
      {
        modelKey: 'groq/llama-3.1-8b-instant',
        provider: 'groq',
        model: 'llama-3.1-8b-instant',
        outcome: 'ok',
        errorKind: null,
        skipReason: null,
        status: 200,
        latencyMs: 840,
        waitedMs: 0,
        message: null,
      },
    ],
    partial: false,
    error: null,
    route: { strategy: 'auto', matched: 'complexity tier "simple"', fallbackChain: ['openai/gpt-4o-mini'] },
    budget: { enforced: true, reservationId: 1, note: null },
    providerRequestId: 'req_123',
    ...overrides,
  };
}

export function makeProvider(id: ProviderView['id'], present: boolean): ProviderView {
  return {
    id,
    displayName: id,
    kind: 'cloud',
    keyRequired: true,
    enabled: true,
    baseUrl: null,
    defaultBaseUrl: null,
    effectiveBaseUrl: null,
    azure: null,
    envVars: [],
    key: { provider: id, present, last4: null, status: present ? 'active' : 'missing_key', reason: '' },
    lastCheck: null,
    warnings: [],
  };
}

/** A promise the test settles when it chooses (a run that is still streaming). */
export function deferred<T>() {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((r) => (resolve = r));
  return { promise, resolve };
}
