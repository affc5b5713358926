import type { RoutingDecision } from '../../../shared/contract/routing';
import { parseModelKey, type ProviderId } from '../../../shared/providers';
import type { ChainModel } from '../cascade/cascade';
import { resolveCascadeSettings, type CascadeSettings } from '../cascade/settings';
import type { Clock } from '../clock';
import { fakeConnection } from '../fake/connections';
import { parseFaultHeader, type FaultMatch } from '../fake/faults';
import type { FakeProviderServer } from '../fake/server';
import type { CascadeRules } from '../../../shared/contract/execution';
import type { ConnectionSource, Router } from '../service/ports';

export const KEY = 'sk-test-7f3a9c1e5b2d4f6a';

/** Every provider's real SDK pointed at the fake, with a valid key (or `overrides`). */
export function fakeConnections(
  fake: FakeProviderServer,
  overrides: Partial<Record<ProviderId, { apiKey?: string | null; baseUrl?: string }>> = {},
): ConnectionSource {
  return {
    connection: async (provider) => {
      const o = overrides[provider];
      const c = fakeConnection(fake, provider, o?.apiKey === undefined ? KEY : o.apiKey);
      return o?.baseUrl ? { ...c, baseUrl: o.baseUrl } : c;
    },
  };
}

/** Queues `fault` (header syntax) for the next `times` calls to `model`. */
export function fault(
  fake: FakeProviderServer,
  spec: string,
  model: string,
  times = 1,
  wire?: FaultMatch['wire'],
): void {
  fake.faults.add(parseFaultHeader(spec), { model, ...(wire ? { wire } : {}) }, times);
}

export const upstreamCalls = (fake: FakeProviderServer, model?: string) =>
  fake.log.list(model ? { model } : {}).filter((e) => e.model !== null);

/** Real time, except that sleeps return at once and move `now` forward; jitter draws `seed`. */
export function steppingClock(seed = 0.5): { clock: Clock; sleeps: number[] } {
  let offset = 0;
  const sleeps: number[] = [];
  return {
    sleeps,
    clock: {
      now: () => Date.now() + offset,
      random: () => seed,
      sleep: async (ms) => {
        sleeps.push(ms);
        offset += ms;
      },
    },
  };
}

export const chain = (...keys: string[]): ChainModel[] =>
  keys.map((modelKey) => {
    const ref = parseModelKey(modelKey);
    if (!ref) throw new Error(`bad model key ${modelKey}`);
    return { modelKey, ...ref };
  });

export const settings = (rules: CascadeRules = {}): CascadeSettings => resolveCascadeSettings(rules);

/** A routing decision with exactly this chain: the cascade's tests need a fixed route. */
export function decisionFor(keys: string[], extra: Partial<RoutingDecision> = {}): RoutingDecision {
  const [first, ...rest] = chain(...keys);
  if (!first) throw new Error('empty chain');
  const choice = (m: ChainModel) => ({
    ...m,
    estimatedCostUsd: 0.001,
    estimatedLatencySeconds: 1,
    quality: 0.8,
  });
  return {
    modelKey: first.modelKey,
    provider: first.provider,
    model: first.model,
    displayName: first.model,
    strategy: 'pinned',
    matched: 'test route',
    useCase: { value: null, source: 'none', confidence: 0 },
    complexity: { score: 0.1, tier: 'simple', features: [] },
    tokens: { input: 20, output: 50, method: 'estimate', family: 'o200k', note: '' },
    estimate: { costUsd: 0.001, latencySeconds: 1, quality: 0.8 },
    temperature: 0,
    maxOutputTokens: 256,
    confidence: 1,
    reasons: [],
    fallbackChain: rest.map(choice),
    alternatives: [],
    shouldChunk: false,
    chunkReason: null,
    simulated: false,
    decidedInMs: 0,
    ...extra,
  };
}

/** A router that always answers with this chain (temperature from the decision unless overridden). */
export const fixedRouter = (keys: string[], extra: Partial<RoutingDecision> = {}): Router => ({
  decide: async (request) => ({ ...decisionFor(keys, extra), simulated: request.simulate === true }),
});
