import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  RoutingRequestSchema,
  type LearningStatus,
  type LedgerRequest,
  type RoutedGeneration,
} from '../../../shared/contract';
import { startFakeProviders, type FakeProviderServer } from '../../execution/fake/server';
import { KEY } from '../../execution/test/harness';
import { servicesFixture, unwrap } from '../../test/servicesFixture';
import { textKey } from './embeddingStore';

/**
 * Prompt embeddings end to end on the real Services: a file-backed SQLite ledger, openai pointed
 * at the fake provider server over HTTP (its /v1/embeddings puts paraphrases close together,
 * which hashed word features cannot), everything set through the contract.
 */
const NANO = 'openai/gpt-4.1-nano';
const MINI = 'openai/gpt-4.1-mini';
const EMBEDDINGS = 'openai/text-embedding-3-small';
const ORIGINAL = 'How do I repair the engine of my car?';
const PARAPHRASE = 'Fixing an automobile motor: what steps?';
const OTHERS = [
  'Tell me a joke about cats.',
  'Translate good morning into Italian.',
  'Write a haiku about autumn leaves.',
  'Which planet is the largest in the solar system?',
  'Explain recursion to a child.',
  'Give me a recipe for pancakes.',
  'What is the boiling point of water at sea level?',
  'Name the longest river in Africa.',
  'List three uses of vinegar at home.',
  'Who painted the Mona Lisa?',
  'Suggest a name for a pet turtle.',
];

let fake: FakeProviderServer;

const f = servicesFixture({ keys: { openai: KEY } });
const { call } = f;
const data = unwrap;
const run = (request: Record<string, unknown>) =>
  data<RoutedGeneration>(call('execution.run', { request: { model: NANO, ...request }, stream: false }));
const status = () => data<LearningStatus>(call('learning.status', {}));
const embeddingCalls = () => fake.log.list().filter((e) => e.path === '/v1/embeddings');
const useEmbeddings = () => data<LearningStatus>(call('learning.setEmbeddingsModel', { model: EMBEDDINGS }));
const similarOn = () => data(call('execution.updateSimilarCache', { enabled: true }));
/** A learned decision as a run makes it (the prompt's embedding fetched first). */
const learnedDecision = (prompt: string) =>
  f.services.routing.decide(RoutingRequestSchema.parse({ prompt, strategy: 'learned' }));

beforeAll(async () => {
  fake = await startFakeProviders();
});
afterAll(() => fake.close());
beforeEach(async () => {
  fake.reset();
  await data(call('providers.update', { provider: 'openai', baseUrl: fake.baseUrls.openai }));
  await data(call('ledger.updateSettings', { storePrompts: true }));
});

/** Stored history the learned strategy trains on: every prompt answered by two models. */
async function trainedHistory(): Promise<void> {
  for (const prompt of [ORIGINAL, ...OTHERS]) {
    await run({ prompt });
    await run({ prompt, model: MINI });
  }
  const trained = await data<LearningStatus>(call('learning.train', { force: true }));
  expect(trained.trained).toBe(true);
}

describe('prompt embeddings', () => {
  it('without embeddings, a paraphrase sharing no telling word is asked again', async () => {
    await similarOn();
    await run({ prompt: ORIGINAL });
    expect(await run({ prompt: PARAPHRASE })).toMatchObject({ cache: null, cacheHit: false });
    expect(embeddingCalls()).toHaveLength(0);
  });

  it('with embeddings, serves that paraphrase from the similar-prompt cache, marked as matched by embeddings', async () => {
    await similarOn();
    // Stored before embeddings were on: the back-fill embeds it.
    await run({ prompt: ORIGINAL });
    await useEmbeddings();
    await f.services.learning.backfillNow();
    expect((await status()).embeddings).toMatchObject({ stored: 1, pending: 0, lastError: null });
    const hit = await run({ prompt: PARAPHRASE });
    expect(hit).toMatchObject({ cache: 'similar', cacheHit: true, costUsd: 0 });
    expect(hit.similar).toMatchObject({ matchedOn: 'embeddings', note: null, sourcePrompt: ORIGINAL });
    expect(hit.similar!.similarity).toBeGreaterThanOrEqual(0.85);

    // A prompt answered while embeddings are on gets its vector at once (no back-fill needed).
    await run({ prompt: 'Tell me a joke about cats.' });
    await vi.waitFor(async () => expect((await status()).embeddings.stored).toBe(3));
    const again = await run({ prompt: 'Tell me a pun about kittens.' });
    expect(again).toMatchObject({
      cache: 'similar',
      similar: { matchedOn: 'embeddings', sourcePrompt: 'Tell me a joke about cats.' },
    });
  });

  it('trains on the text it predicts from: a stored prompt is its own nearest example, quoted in plain text', async () => {
    await trainedHistory();
    const decision = await learnedDecision(ORIGINAL);
    const nearest = decision.reasons.find((r) => r.startsWith('nearest past prompts: '))!;
    expect(nearest).not.toContain('role');
    expect(nearest.startsWith(`nearest past prompts: "${ORIGINAL}" (similarity 1)`)).toBe(true);
    // A chat is read by its last user turn, in training and in prediction alike.
    const chat = await f.services.routing.decide(
      RoutingRequestSchema.parse({
        messages: [
          { role: 'system', content: 'You are terse.' },
          { role: 'user', content: [{ type: 'text', text: ORIGINAL }] },
        ],
        strategy: 'learned',
      }),
    );
    expect(chat.reasons.find((r) => r.startsWith('nearest past prompts: '))).toBe(nearest);
  });

  it('retrains in the background once the back-fill of a newly set embeddings model finishes, and says so', async () => {
    await trainedHistory();
    const before = await status();
    const set = await useEmbeddings();
    expect(set.lastOutcome).toBe(`training scheduled: after the embeddings back-fill (${EMBEDDINGS})`);
    await f.services.learning.backfillNow();
    await vi.waitFor(async () => {
      const after = await status();
      expect(after).toMatchObject({ training: false, lastOutcome: 'trained on 12 prompts' });
      expect(after.trainedAt).not.toBe(before.trainedAt);
    });
  });

  it('makes no embeddings call once a hard budget covering it is exhausted, says so, and a soft one only warns', async () => {
    await trainedHistory();
    await useEmbeddings();
    await f.services.learning.backfillNow();
    const soft = { scope: 'model', value: EMBEDDINGS, window: 'daily', limitUsd: 0.0000001, mode: 'soft' };
    const softBudget = await data<{ budget: { id: number } }>(call('budget.set', soft));
    const calls = embeddingCalls().length;
    const warned = await learnedDecision('Which mountain is the highest in Europe?');
    expect(warned.reasons.join('\n')).toContain('nearest past prompts by embeddings');
    expect(embeddingCalls()).toHaveLength(calls + 1);
    await data(call('budget.delete', { id: softBudget.budget.id }));

    await data(call('budget.set', { ...soft, mode: 'hard', policy: 'block' }));
    const skipped = await learnedDecision('Which desert is the largest in Asia?');
    const why = skipped.reasons.find((r) => r.startsWith('embeddings unavailable'));
    expect(why).toContain(`(${EMBEDDINGS}: embeddings skipped: budget exhausted (The `);
    expect(why).toContain('matched on text features');
    // The back-fill of a newly answered prompt stops too: no call, the prompt stays pending.
    await run({ prompt: 'Name a bird that cannot fly.' });
    await f.services.learning.backfillNow();
    expect(embeddingCalls()).toHaveLength(calls + 1);
    expect((await status()).embeddings.pending).toBeGreaterThan(0);
  });

  it('gives the learned strategy its nearest past prompts by embeddings', async () => {
    await trainedHistory();
    const byWords = await learnedDecision(PARAPHRASE);
    expect(byWords.reasons.join('\n')).not.toContain('by embeddings');

    await useEmbeddings();
    await f.services.learning.backfillNow();
    expect((await status()).embeddings).toMatchObject({ model: EMBEDDINGS, stored: 12, pending: 0 });
    const byMeaning = await learnedDecision(PARAPHRASE);
    const reasons = byMeaning.reasons.join('\n');
    expect(reasons).toContain(
      `nearest past prompts by embeddings (${EMBEDDINGS}; 12 of 12 past prompts embedded)`,
    );
    const nearest = byMeaning.reasons.find((r) => r.startsWith('nearest past prompts: '))!;
    expect(nearest.split(';')[0]).toContain('repair the engine of my car');
    // The same view with text features: the car prompt is not the nearest (no shared telling word).
    const tfidf = f.services.learning.view.predict(PARAPHRASE)!;
    expect(tfidf.neighbours[0]?.excerpt ?? '').not.toContain('repair the engine');
  });

  it('falls back to text features when embeddings fail or hang, says why, and still routes and answers', async () => {
    await trainedHistory();
    await useEmbeddings();
    await f.services.learning.backfillNow();

    fake.faults.add({ status: 503 }, { model: 'text-embedding-3-small' }, 1);
    const failed = await learnedDecision('Which mountain is the highest in Europe?');
    expect(failed.reasons).toContain(
      `embeddings unavailable (${EMBEDDINGS}: overloaded (HTTP 503)): matched on text features`,
    );
    expect(failed.modelKey).toMatch(/^openai\//);
    const s = await status();
    expect(s.embeddings.lastError?.message).toBe(`${EMBEDDINGS}: overloaded (HTTP 503)`);
    expect(JSON.stringify(s)).not.toContain(KEY);

    fake.faults.add({ hang: true }, { model: 'text-embedding-3-small' }, 1);
    const hung = await learnedDecision('Which desert is the largest in Asia?');
    expect(hung.reasons).toContain(
      `embeddings unavailable (${EMBEDDINGS}: no answer within 2 s): matched on text features`,
    );
    // A run with the learned strategy answers although its embedding is not to be had.
    fake.faults.add({ status: 500 }, { model: 'text-embedding-3-small' }, 1);
    const answered = await run({
      model: undefined,
      strategy: 'learned',
      prompt: 'Name a bird that cannot fly.',
    });
    expect(answered.output.length).toBeGreaterThan(0);
    expect(embeddingCalls().map((e) => e.outcome)).toContain('ok');
  });

  it('offers a near-duplicate on text features when the embedding fails, and says so', async () => {
    await similarOn();
    await useEmbeddings();
    await run({ prompt: ORIGINAL });
    await vi.waitFor(async () => expect((await status()).embeddings.stored).toBe(1));
    fake.faults.add({ status: 503 }, { model: 'text-embedding-3-small' }, 1);
    const hit = await run({ prompt: 'How do I repair the engine of my car ?' });
    expect(hit).toMatchObject({ cache: 'similar', similar: { matchedOn: 'text features' } });
    expect(hit.similar!.note).toBe(
      `embeddings unavailable (${EMBEDDINGS}: overloaded (HTTP 503)): matched on text features`,
    );
  });

  it('records each embeddings call as spend in the ledger, and a restart does not embed stored prompts again', async () => {
    await similarOn();
    await data(call('budget.set', { scope: 'model', value: EMBEDDINGS, window: 'daily', limitUsd: 1 }));
    await useEmbeddings();
    await run({ prompt: ORIGINAL });
    await run({ prompt: 'Tell me a joke about cats.' });
    await f.services.learning.backfillNow();
    await vi.waitFor(async () => expect((await status()).embeddings.stored).toBe(2));
    const calls = embeddingCalls().length;
    expect(calls).toBeGreaterThanOrEqual(1);

    const rows = (await data<{ requests: LedgerRequest[] }>(call('ledger.requests', { limit: 50 }))).requests;
    const spend = rows.filter((r) => r.useCase === 'embeddings');
    expect(spend).toHaveLength(calls);
    for (const r of spend) {
      expect(`${r.provider}/${r.model}`).toBe(EMBEDDINGS);
      expect(r.costUsd).toBeGreaterThan(0);
      expect(r.tokensIn).toBeGreaterThan(0);
    }
    // Budgets see it: a budget on the embeddings model has spent what those rows cost.
    const budgets = await data<{ budgets: { value: string | null; current: { spentUsd: number } }[] }>(
      call('budget.list', {}),
    );
    const spent = spend.reduce((sum, r) => sum + r.costUsd, 0);
    expect(budgets.budgets.find((b) => b.value === EMBEDDINGS)?.current.spentUsd).toBeCloseTo(spent, 9);
    const raw = f.services.database!.db.prepare('SELECT * FROM prompt_embeddings').all();
    expect(JSON.stringify(raw)).not.toContain('engine');

    await f.reopen();
    expect((await status()).embeddings).toMatchObject({ model: EMBEDDINGS, stored: 2 });
    await f.services.learning.backfillNow();
    expect(await run({ prompt: 'Fixing an automobile motor: what steps?' })).toMatchObject({
      cache: 'similar',
      similar: { matchedOn: 'embeddings' },
    });
    // The paraphrase was new (one call); the two stored prompts were not embedded again.
    expect(embeddingCalls()).toHaveLength(calls + 1);
  });

  it('retention deletes the vectors made before its cutoff, from the file and from the running app', async () => {
    await run({ prompt: ORIGINAL });
    await run({ prompt: 'Tell me a joke about cats.' });
    await useEmbeddings();
    await f.services.learning.backfillNow();
    expect((await status()).embeddings).toMatchObject({ stored: 2 });
    // The first request and its vector were made longer ago than the retention period.
    const { retentionDays } = await data<{ retentionDays: number }>(call('ledger.settings', {}));
    const old = Date.now() - (retentionDays + 1) * 86_400_000;
    const db = f.services.database!.db;
    const first = (
      await data<{ requests: LedgerRequest[] }>(call('ledger.requests', { limit: 2 }))
    ).requests.at(-1)!;
    db.prepare('UPDATE ledger_requests SET started_at = ? WHERE id = ?').run(old, first.id);
    db.prepare('UPDATE prompt_embeddings SET created_at = ? WHERE text_hash = ?').run(old, textKey(ORIGINAL));
    expect(db.prepare('SELECT COUNT(*) AS n FROM prompt_embeddings WHERE created_at = ?').get(old)).toEqual({
      n: 1,
    });

    expect(await data(call('ledger.cleanup', {}))).toMatchObject({ deletedRequests: 1 });
    expect(db.prepare('SELECT COUNT(*) AS n FROM prompt_embeddings').get()).toEqual({ n: 1 });
    expect(db.prepare('SELECT COUNT(*) AS n FROM prompt_embeddings WHERE created_at = ?').get(old)).toEqual({
      n: 0,
    });
    expect((await status()).embeddings).toMatchObject({ stored: 1, pending: 0 });
  });

  it('back-fills history in the background: retries after an outage, passes over texts the provider refuses', async () => {
    await run({ prompt: ORIGINAL });
    await run({ prompt: 'Tell me a joke about cats.' });
    await useEmbeddings();
    fake.faults.add({ status: 503 }, { model: 'text-embedding-3-small' }, 1);
    await f.services.learning.backfillNow();
    expect((await status()).embeddings).toMatchObject({
      stored: 0,
      pending: 2,
      lastError: { message: `${EMBEDDINGS}: overloaded (HTTP 503)` },
    });
    // The provider refuses the batch as such: it is passed over, not retried for ever.
    fake.faults.add({ status: 400 }, { model: 'text-embedding-3-small' }, 1);
    await f.services.learning.backfillNow();
    expect((await status()).embeddings).toMatchObject({ stored: 0, pending: 0 });
    // Newer prompts are still embedded.
    await run({ prompt: 'Write a haiku about autumn leaves.' });
    await f.services.learning.backfillNow();
    expect((await status()).embeddings).toMatchObject({ stored: 1, pending: 0, lastError: null });
  });

  it('refuses a model its provider does not offer or cannot use now, with a stable code, and keeps the setting', async () => {
    await useEmbeddings();
    const noEmbeddings = await call('learning.setEmbeddingsModel', { model: 'anthropic/claude-embed' });
    expect(noEmbeddings).toMatchObject({
      ok: false,
      error: { code: 'EMBEDDINGS_MODEL_INVALID', details: { reason: 'no_embeddings' } },
    });
    const noKey = await call('learning.setEmbeddingsModel', { model: 'mistral/mistral-embed' });
    expect(noKey).toMatchObject({
      ok: false,
      error: { code: 'EMBEDDINGS_MODEL_INVALID', details: { reason: 'unavailable' } },
    });
    expect(!noKey.ok && noKey.error.message).toContain('no API key is stored for');
    const unknown = await call('learning.setEmbeddingsModel', { model: 'openai/gpt-4.1' });
    expect(unknown).toMatchObject({ ok: false, error: { code: 'EMBEDDINGS_MODEL_INVALID' } });
    const malformed = await call('learning.setEmbeddingsModel', { model: 'text-embedding-3-small' });
    expect(malformed).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED' } });
    expect((await status()).embeddings.model).toBe(EMBEDDINGS);

    const options = await data<{ models: { modelKey: string; available: boolean }[] }>(
      call('learning.embeddingModels', {}),
    );
    expect(options.models.find((m) => m.modelKey === EMBEDDINGS)?.available).toBe(true);
    expect(options.models.find((m) => m.modelKey === 'mistral/mistral-embed')?.available).toBe(false);
    expect(
      (await data<LearningStatus>(call('learning.setEmbeddingsModel', { model: null }))).embeddings.model,
    ).toBe(null);
  });
});
