import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { EventName } from '../../../shared/contract';
import type { CascadeRules, ParsedExecutionRunInput } from '../../../shared/contract/execution';
import { EventBus } from '../../core/eventBus';
import { isSwitchyardError } from '../../core/errors';
import { ModelCatalog } from '../../routing/catalog/modelCatalog';
import type { Clock } from '../clock';
import { startFakeProviders, type FakeProviderServer } from '../fake/server';
import { MemoryHealthStore } from '../health/healthStore';
import { fakeConnections, fault, fixedRouter, upstreamCalls } from '../test/harness';
import { catalogPriceBook, MemoryAttemptRecorder, unenforcedSpendGuard } from './defaults';
import { GenerationService, type GenerationServiceDeps } from './generationService';
import { SimulatedProviders } from './simulation';

let fake: FakeProviderServer;
const simulation = new SimulatedProviders({});
beforeAll(async () => {
  fake = await startFakeProviders();
});
afterAll(async () => {
  await fake.close();
  await simulation.close();
});
beforeEach(() => fake.reset());

const prices = catalogPriceBook(new ModelCatalog(null));

/** Real time plus a hand-moved offset, for stepping past the cache TTL. */
function movableClock() {
  let offset = 0;
  const clock: Clock = {
    now: () => Date.now() + offset,
    random: () => 0.5,
    sleep: async (ms) => {
      offset += ms;
    },
  };
  return { clock, advance: (ms: number) => (offset += ms) };
}

let events: EventBus;
let seen: Array<{ event: EventName; payload: unknown }>;
beforeEach(() => {
  events = new EventBus();
  seen = [];
  events.onAny((event, payload) => seen.push({ event, payload }));
});

function service(
  keys = ['openai/gpt-4o-mini', 'anthropic/claude-haiku-4-5'],
  o: {
    rules?: CascadeRules;
    clock?: Clock;
    recorder?: MemoryAttemptRecorder;
    extra?: Partial<GenerationServiceDeps>;
  } = {},
) {
  const recorder = o.recorder ?? new MemoryAttemptRecorder();
  const rejected: string[] = [];
  const svc = new GenerationService({
    router: fixedRouter(keys),
    connections: fakeConnections(fake),
    simulation,
    prices,
    rules: { cascade: () => o.rules },
    spend: unenforcedSpendGuard,
    recorder,
    statusSink: { keyRejected: (e) => rejected.push(`${e.provider}:${e.status}`) },
    events,
    healthStore: new MemoryHealthStore(),
    clock: o.clock,
    simulate: false,
    ...o.extra,
  });
  return { svc, recorder, rejected };
}

const input = (prompt: string, extra: Partial<ParsedExecutionRunInput> = {}): ParsedExecutionRunInput => ({
  request: {
    prompt,
    images: [],
    files: 0,
    requires: [],
    constraints: { preferredProviders: [], excludedProviders: [] },
  },
  stream: true,
  ...extra,
});

describe('response cache', () => {
  it('serves a repeated deterministic request from the cache at $0, until the TTL passes', async () => {
    const { clock, advance } = movableClock();
    const { svc, recorder } = service(undefined, { clock });
    const first = await svc.run(input('What is a circuit breaker?'), { source: 'ui' });
    expect(first).toMatchObject({ cacheHit: false, modelKey: 'openai/gpt-4o-mini' });
    expect(first.costUsd).toBeGreaterThan(0);
    const second = await svc.run(input('What is a circuit breaker?'), { source: 'ui' });
    expect(second).toMatchObject({ cacheHit: true, costUsd: 0, output: first.output, attempts: [] });
    expect(upstreamCalls(fake)).toHaveLength(1);
    expect(recorder.records[1]!.request.cacheHit).toMatchObject({ provider: 'openai', model: 'gpt-4o-mini' });
    advance(299_000);
    expect((await svc.run(input('What is a circuit breaker?'), { source: 'ui' })).cacheHit).toBe(true);
    advance(1_001);
    expect((await svc.run(input('What is a circuit breaker?'), { source: 'ui' })).cacheHit).toBe(false);
    expect(upstreamCalls(fake)).toHaveLength(2);
    expect(svc.stats().cacheHits).toBe(2);
  });

  it('evicts the least recently used answer beyond max_entries', async () => {
    const { svc } = service(undefined, { rules: { cache: { max_entries: 2 } } });
    for (const p of ['one', 'two']) await svc.run(input(p), { source: 'ui' });
    await svc.run(input('one'), { source: 'ui' }); // "one" is now the most recently used
    await svc.run(input('three'), { source: 'ui' }); // evicts "two"
    expect((await svc.run(input('one'), { source: 'ui' })).cacheHit).toBe(true);
    expect((await svc.run(input('two'), { source: 'ui' })).cacheHit).toBe(false);
  });

  it('caches only deterministic requests or opt-ins, and can be switched off', async () => {
    const warm = service(['openai/gpt-4o-mini'], {});
    await warm.svc.run(input('sampled', { temperature: 0.7 }), { source: 'ui' });
    expect((await warm.svc.run(input('sampled', { temperature: 0.7 }), { source: 'ui' })).cacheHit).toBe(
      false,
    );
    await warm.svc.run(input('opted in', { temperature: 0.7, cache: true }), { source: 'ui' });
    expect(
      (await warm.svc.run(input('opted in', { temperature: 0.7, cache: true }), { source: 'ui' })).cacheHit,
    ).toBe(true);
    expect(
      (await warm.svc.run(input('opted in', { temperature: 0.7, cache: false }), { source: 'ui' })).cacheHit,
    ).toBe(false);
    const off = service(['openai/gpt-4o-mini'], { rules: { cache: { enabled: false } } });
    await off.svc.run(input('no cache'), { source: 'ui' });
    expect((await off.svc.run(input('no cache'), { source: 'ui' })).cacheHit).toBe(false);
  });
});

describe('single-flight', () => {
  it('50 identical concurrent requests make one upstream call', async () => {
    const { svc, recorder } = service();
    fault(fake, 'latency=100', 'gpt-4o-mini');
    const deltas = new Map<number, string>();
    const results = await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        svc.run(input('Shared question [[words:20]]'), {
          source: 'ui',
          onDelta: (t) => deltas.set(i, (deltas.get(i) ?? '') + t),
        }),
      ),
    );
    expect(upstreamCalls(fake)).toHaveLength(1);
    expect(new Set(results.map((r) => r.output)).size).toBe(1);
    expect(results.every((r, i) => deltas.get(i) === r.output)).toBe(true);
    expect(results.filter((r) => !r.sharedFlight)).toHaveLength(1);
    expect(results.filter((r) => r.sharedFlight && r.costUsd === 0)).toHaveLength(49);
    expect(recorder.records.filter((r) => r.request.dedup)).toHaveLength(49);
    expect(recorder.records.filter((r) => r.request.attempts.length === 1)).toHaveLength(1);
    expect(svc.stats().sharedFlights).toBe(49);
  });
  it('one caller cancelling leaves the shared call running for the others', async () => {
    const { svc } = service();
    fault(fake, 'chunk-delay=20', 'gpt-4o-mini');
    const a = svc.run(input('Shared slow [[words:30]]', { requestId: 'req-share-a' }), { source: 'ui' });
    const b = svc.run(input('Shared slow [[words:30]]', { requestId: 'req-share-b' }), {
      source: 'ui',
      onDelta: () => svc.cancel('req-share-b'),
    });
    await expect(b).rejects.toMatchObject({ code: 'CANCELLED' });
    const r = await a;
    expect(r).toMatchObject({ partial: false, sharedFlight: false });
    expect(upstreamCalls(fake)).toHaveLength(1);
    expect(upstreamCalls(fake)[0]!.aborted).toBe(false);
  });
});

describe('streaming, cancellation and partial answers', () => {
  it('streams deltas as events and ends with execution.done', async () => {
    const { svc } = service();
    const r = await svc.run(input('Stream this [[words:12]]', { requestId: 'req-events-1' }), {
      source: 'ui',
    });
    const names = seen.map((s) => s.event);
    expect(names[0]).toBe('execution.started');
    expect(names.at(-1)).toBe('execution.done');
    const text = seen
      .filter((s) => s.event === 'execution.delta')
      .map((s) => (s.payload as { text: string }).text)
      .join('');
    expect(text).toBe(r.output);
    expect(r.timeToFirstTokenMs).toBeLessThanOrEqual(r.latencyMs);
  });

  it('execution.cancel by request id stops the upstream stream', async () => {
    const { svc, recorder } = service();
    fault(fake, 'chunk-delay=40', 'gpt-4o-mini');
    let chunks = 0;
    const run = svc.run(input('Long answer [[words:200]]', { requestId: 'req-cancel-1', temperature: 0.5 }), {
      source: 'ui',
      onDelta: () => {
        if (++chunks === 2) svc.cancel('req-cancel-1');
      },
    });
    const r = await run;
    expect(r.partial).toBe(true);
    expect(r.error).toMatchObject({ code: 'CANCELLED', kind: 'cancelled' });
    await expect.poll(() => upstreamCalls(fake)[0]?.aborted).toBe(true);
    expect(upstreamCalls(fake)[0]!.chunksSent).toBeLessThan(20);
    expect(recorder.records[0]!.request.status).toBe('cancelled');
    expect(recorder.records[0]!.request.attempts[0]!.status).toBe('partial');
    expect(svc.cancel('req-cancel-1')).toBe(false);
  });

  it('a cancel before any text throws CANCELLED', async () => {
    const { svc } = service();
    fault(fake, 'first-token-delay=2000', 'gpt-4o-mini');
    const run = svc.run(input('Slow start', { requestId: 'req-cancel-2' }), { source: 'ui' });
    setTimeout(() => svc.cancel('req-cancel-2'), 100);
    await expect(run).rejects.toMatchObject({ code: 'CANCELLED' });
    await expect.poll(() => upstreamCalls(fake)[0]?.aborted).toBe(true);
  });

  it('a stream cut after tokens returns the partial answer with its error and bills the estimate', async () => {
    const { svc, recorder } = service();
    fault(fake, 'cut-after=5', 'gpt-4o-mini');
    const r = await svc.run(input('Cut me off [[words:40]]'), { source: 'ui' });
    expect(r).toMatchObject({ partial: true, usageSource: 'estimated', finishReason: 'error' });
    expect(r.error).toMatchObject({ kind: 'stream_cut', code: 'PROVIDER_ERROR' });
    expect(r.output.length).toBeGreaterThan(0);
    expect(r.costUsd).toBeGreaterThan(0);
    expect(upstreamCalls(fake)).toHaveLength(1);
    const row = recorder.records[0]!.request;
    expect(row).toMatchObject({ status: 'partial' });
    // The chat as sent goes to the ledger, which hashes it and keeps it only with storePrompts.
    expect(JSON.parse(row.prompt!)).toEqual([{ role: 'user', content: 'Cut me off [[words:40]]' }]);
    expect(row.attempts[0]).toMatchObject({ status: 'partial', errorKind: 'stream_cut', usage: null });
    expect(row.attempts[0]!.estimate.outputTokens).toBeGreaterThan(0);
  });
});

describe('results and errors', () => {
  it('reports the fallback, every attempt and the cost; a rejected key reaches the status sink', async () => {
    const { svc, rejected } = service(['openai/gpt-4o-mini', 'anthropic/claude-haiku-4-5'], {
      extra: { connections: fakeConnections(fake, { openai: { apiKey: 'invalid' } }) },
    });
    const r = await svc.run(input('Who answers?'), { source: 'ui' });
    expect(r).toMatchObject({
      modelKey: 'anthropic/claude-haiku-4-5',
      fallbackUsed: true,
      usageSource: 'reported',
    });
    expect(r.attempts.map((a) => [a.modelKey, a.outcome, a.errorKind, a.status])).toEqual([
      ['openai/gpt-4o-mini', 'error', 'auth', 401],
      ['anthropic/claude-haiku-4-5', 'ok', null, null],
    ]);
    expect(rejected).toEqual(['openai:401']);
    expect(JSON.stringify(r)).not.toContain('sk-');
    expect(seen.some((s) => s.event === 'execution.attempt')).toBe(true);
  });

  it('a failed request throws with its attempts, and execution.done carries the error', async () => {
    const { svc, recorder } = service(['openai/gpt-4o-mini']);
    fault(fake, 'error=bad_request', 'gpt-4o-mini');
    try {
      await svc.run(input('Bad request'), { source: 'ui' });
      throw new Error('expected a failure');
    } catch (e) {
      expect(isSwitchyardError(e) && e.message).toMatch(/^HTTP 400: bad request/);
      expect(isSwitchyardError(e) && e.details?.attempts).toHaveLength(1);
    }
    expect(seen.at(-1)).toMatchObject({
      event: 'execution.done',
      payload: { result: null, error: { code: 'PROVIDER_ERROR' } },
    });
    expect(recorder.records[0]!.request).toMatchObject({ status: 'error' });
  });

  it('simulated requests run in-process, are labelled, cost would-be dollars and are not recorded', async () => {
    const { svc, recorder } = service();
    const r = await svc.run(
      input('Simulate me', { request: { ...input('').request, prompt: 'Simulate me', simulate: true } }),
      {
        source: 'cli',
      },
    );
    expect(r.simulated).toBe(true);
    expect(r.output).toMatch(/^Simulated answer from gpt-4o-mini/);
    expect(r.costUsd).toBeGreaterThan(0);
    expect(r.budget.note).toMatch(/would have been/);
    expect(upstreamCalls(fake)).toHaveLength(0);
    expect(upstreamCalls(await simulation.fake(), 'gpt-4o-mini').length).toBeGreaterThan(0);
    expect(recorder.records).toHaveLength(0);
  });
});
