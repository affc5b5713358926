import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { LedgerRequest, RoutedGeneration, SimilarCacheView } from '../../../shared/contract';
import { startFakeProviders, type FakeProviderServer } from '../fake/server';
import { KEY, upstreamCalls } from '../test/harness';
import { servicesFixture, unwrap } from '../../test/servicesFixture';

/**
 * The similar-prompt cache on the real Services: a file-backed SQLite ledger with stored prompts,
 * openai pointed at the fake provider server over HTTP, everything through the contract.
 */
const NANO = 'openai/gpt-4.1-nano';
const MINI = 'openai/gpt-4.1-mini';
const FRANCE = 'What is the capital of France? Answer in one short sentence.';
const FRANCE_AGAIN = 'what is the capital of France? Answer in one short sentence!';
const SPAIN = 'What is the capital of Spain? Answer in one short sentence.';

let fake: FakeProviderServer;

const f = servicesFixture({ keys: { openai: KEY } });
const { call } = f;
const data = unwrap;
const run = (request: Record<string, unknown>, extra: Record<string, unknown> = {}) =>
  data<RoutedGeneration>(
    call('execution.run', { request: { model: NANO, ...request }, stream: false, ...extra }),
  );
const ledgerId = async (): Promise<number> =>
  (await data<{ requests: LedgerRequest[] }>(call('ledger.requests', { limit: 1 }))).requests[0]!.id;

beforeAll(async () => {
  fake = await startFakeProviders();
});
afterAll(() => fake.close());
beforeEach(async () => {
  fake.reset();
  await data(call('providers.update', { provider: 'openai', baseUrl: fake.baseUrls.openai }));
  await data(call('ledger.updateSettings', { storePrompts: true }));
});

const turnOn = (threshold?: number) =>
  data<SimilarCacheView>(
    call('execution.updateSimilarCache', { enabled: true, ...(threshold ? { threshold } : {}) }),
  );

describe('similar-prompt cache', () => {
  it('is off by default: a near-duplicate prompt is asked again and paid again', async () => {
    expect(await data<SimilarCacheView>(call('execution.similarCache', {}))).toMatchObject({
      enabled: false,
      threshold: 0.85,
      storePrompts: true,
    });
    await run({ prompt: FRANCE });
    const second = await run({ prompt: FRANCE_AGAIN });
    expect(second).toMatchObject({ cache: null, similar: null, cacheHit: false });
    expect(second.costUsd).toBeGreaterThan(0);
    expect(upstreamCalls(fake)).toHaveLength(2);
  });

  it('offers the earlier answer for a near-duplicate, marked similar, at $0, and the ledger says so', async () => {
    await turnOn();
    const first = await run({ prompt: FRANCE });
    const firstId = await ledgerId();
    const second = await run({ prompt: FRANCE_AGAIN });

    expect(upstreamCalls(fake)).toHaveLength(1);
    expect(second.output).toBe(first.output);
    expect(second).toMatchObject({
      cache: 'similar',
      cacheHit: true,
      costUsd: 0,
      modelKey: NANO,
      attempts: [],
    });
    expect(second.similar?.sourceRequestId).toBe(firstId);
    expect(second.similar?.similarity).toBeGreaterThanOrEqual(0.85);
    expect(second.similar?.similarity).toBeLessThan(1);
    expect(second.similar?.sourcePrompt).toBe(FRANCE);

    const row = await data<LedgerRequest>(call('ledger.request', { id: await ledgerId() }));
    expect(row).toMatchObject({ cacheHit: true, costUsd: 0, similarTo: { requestId: firstId } });
    expect(row.similarTo?.similarity).toBeCloseTo(second.similar!.similarity, 3);
    const saved = f.services
      .database!.db.prepare('SELECT saved_nanos AS saved FROM ledger_requests WHERE id = ?')
      .get(row.id) as { saved: number };
    expect(saved.saved).toBeGreaterThan(0);
    expect((await data<{ similarHits: number }>(call('execution.stats', {}))).similarHits).toBe(1);
  });

  it('runs for real below the threshold, and when asked to (cache: false)', async () => {
    await turnOn();
    await run({ prompt: FRANCE });
    const spain = await run({ prompt: SPAIN });
    expect(spain).toMatchObject({ cache: null, cacheHit: false });
    expect(spain.costUsd).toBeGreaterThan(0);
    const forReal = await run({ prompt: FRANCE_AGAIN }, { cache: false });
    expect(forReal).toMatchObject({ cache: null, cacheHit: false });
    expect(upstreamCalls(fake)).toHaveLength(3);
    // A stricter threshold refuses what 0.85 accepted.
    await turnOn(0.99);
    expect(
      await run({ prompt: 'What is the capital of France? Answer in one short sentence' }),
    ).toMatchObject({
      cache: null,
    });
  });

  it('does not match across system prompts, pinned models or high temperatures', async () => {
    await turnOn();
    const system = (text: string) => [
      { role: 'system', content: text },
      { role: 'user', content: FRANCE },
    ];
    await run({ messages: system('You are terse.') });
    expect(await run({ messages: system('You answer as a pirate.') })).toMatchObject({ cache: null });
    expect(await run({ model: MINI, messages: system('You are terse.') })).toMatchObject({ cache: null });
    expect(await run({ messages: system('You are terse.') }, { temperature: 1 })).toMatchObject({
      cache: null,
    });
    // The same system prompt and model: reused.
    const again = system('You are terse.');
    again[1]!.content = FRANCE_AGAIN;
    expect(await run({ messages: again })).toMatchObject({ cache: 'similar' });
    expect(upstreamCalls(fake)).toHaveLength(4);
  });

  it('builds its index from the ledger after a restart; without stored prompts nothing is offered', async () => {
    await turnOn();
    await run({ prompt: FRANCE });
    await f.reopen();
    expect(await run({ prompt: FRANCE_AGAIN })).toMatchObject({ cache: 'similar' });
    expect((await data<SimilarCacheView>(call('execution.similarCache', {}))).indexed).toBe(1);

    await data(call('ledger.updateSettings', { storePrompts: false }));
    await run({ prompt: 'Name three rivers of Europe and their lengths.' });
    expect(await run({ prompt: 'Name three rivers in Europe and their lengths.' })).toMatchObject({
      cache: null,
    });
    const answers = f.services.database!.db.prepare('SELECT COUNT(*) AS n FROM ledger_answers').get() as {
      n: number;
    };
    expect(answers.n).toBe(1);
  });

  it('never answers a batch row from it (rows are written for their place in the task)', async () => {
    await turnOn();
    // Routed, not pinned: the batch row is routed too, so only the batch rule keeps them apart.
    await data(call('execution.run', { request: { prompt: FRANCE }, stream: false }));
    const summary = await data<{ status: string; succeeded: number }>(
      call('batch.run', {
        batchId: 'batch_similar',
        format: 'jsonl',
        text: JSON.stringify(FRANCE_AGAIN),
        concurrency: 1,
      }),
    );
    expect(summary).toMatchObject({ status: 'done', succeeded: 1 });
    expect(upstreamCalls(fake)).toHaveLength(2);
    // The same prompt outside a batch, routed rather than pinned, is answered from the cache.
    const routed = await data<RoutedGeneration>(
      call('execution.run', { request: { prompt: FRANCE_AGAIN }, stream: false }),
    );
    expect(routed.cache).toBe('similar');
    expect(upstreamCalls(fake)).toHaveLength(2);
  });

  it('refuses a threshold outside 0.5–1 and keeps the stored one', async () => {
    await turnOn(0.9);
    const r = await call('execution.updateSimilarCache', { threshold: 0.2 });
    expect(r).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED' } });
    expect(await data<SimilarCacheView>(call('execution.similarCache', {}))).toMatchObject({
      enabled: true,
      threshold: 0.9,
    });
  });
});
