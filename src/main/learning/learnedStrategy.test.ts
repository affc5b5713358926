import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { RoutingRequestSchema } from '../../shared/contract/routing';
import { VoteInputSchema } from '../../shared/contract/votes';
import type { AttemptRecord } from '../ledger/ledgerEntry';
import {
  okAttempt,
  okRequest,
  openLedgerFixture,
  PRICES,
  type LedgerFixture,
} from '../ledger/testing/ledgerFixture';
import { VoteStore } from '../ledger/votes';
import { ModelCatalog } from '../routing/catalog/modelCatalog';
import { openLiveState } from '../routing/liveState';
import { RoutingEngine } from '../routing/routingEngine';
import { defaultRules } from '../routing/rules/defaultRules';
import { LearningService, MODEL_FILE } from './learningService';

// A: a free local model; B: a hosted one that answers everything.
const A = { provider: 'ollama', model: 'llama3.1:8b' };
const B = { provider: 'openai', model: 'gpt-5-mini' };
const A_KEY = 'ollama/llama3.1:8b';

const topics = [
  'linked list',
  'binary tree',
  'hash map',
  'priority queue',
  'trie',
  'graph',
  'matrix',
  'string',
];
const verbs = ['reverse', 'balance', 'merge', 'sort', 'search', 'serialize', 'flatten', 'rotate'];
const codePrompts = topics.flatMap((t, i) => [
  `Write a Python function to ${verbs[i]} a ${t} and return the result.`,
  `Implement a TypeScript class that can ${verbs[(i + 3) % 8]} a ${t}, with unit tests.`,
  `Fix the bug in this function that should ${verbs[(i + 5) % 8]} a ${t}: def f(x): return x[::-1]`,
]);
const animals = ['cats', 'owls', 'horses', 'frogs', 'ducks', 'goats', 'bees', 'foxes'];
const names = ['Anna', 'Omar', 'Lena', 'Kofi', 'Mei', 'Raj', 'Sara', 'Tom'];
const chatPrompts = animals.flatMap((a, i) => [
  `Tell me a short joke about ${a}.`,
  `Say hello to my friend ${names[i]} and wish a lovely day.`,
  `What a lovely morning! How are you today, ${names[(i + 2) % 8]}?`,
]);

const fail = (p: { provider: string; model: string }): AttemptRecord => ({
  ...okAttempt(p.provider, p.model, PRICES.mini, 40, 0),
  status: 'error',
  errorKind: 'server',
});

const catalog = new ModelCatalog(null);
const engine = new RoutingEngine(catalog, () => defaultRules());
afterAll(() => engine.close());

describe('learned strategy on the real ledger', () => {
  let fx: LedgerFixture;
  let learning: LearningService;
  beforeEach(() => {
    fx = openLedgerFixture();
    fx.ledger.settings.set({ storePrompts: true });
    learning = new LearningService(fx.dir, fx.database);
    // A thrifty user: $0.0001 per request for a sure answer, so cost weighs against quality.
    learning.setWillingnessToPay(0.0001);
  });
  afterEach(() => {
    learning.close();
    fx.cleanup();
  });

  const record = async (prompt: string, attempts: AttemptRecord[]): Promise<void> => {
    await fx.ledger.record(
      okRequest(attempts.at(-1)!, {
        prompt,
        attempts,
        status: attempts.at(-1)!.status === 'ok' ? 'ok' : 'error',
      }),
    );
  };
  const choose = async (prompt: string) =>
    engine.decide(
      RoutingRequestSchema.parse({ prompt, strategy: 'learned' }),
      openLiveState({ learned: learning.view }),
    );
  const unseenCode = 'Write a Python function to merge two sorted linked list inputs and return the result.';
  const unseenChat = 'Tell me a short joke about dogs, please.';

  it('stops choosing a model for the class of prompts it always fails, keeps it for the rest', async () => {
    // At first the cheap model answers everything: the learned strategy takes it for both kinds.
    for (const p of [...codePrompts, ...chatPrompts])
      await record(p, [okAttempt(A.provider, A.model, PRICES.mini, 40, 80)]);
    expect((await learning.train()).trained).toBe(true);
    expect((await choose(unseenCode)).modelKey).toBe(A_KEY);
    expect((await choose(unseenChat)).modelKey).toBe(A_KEY);

    // Then it fails every coding prompt (the cascade falls back to B), still answers the chat.
    for (let round = 0; round < 3; round++) {
      for (const p of codePrompts)
        await record(p, [fail(A), okAttempt(B.provider, B.model, PRICES.mini, 40, 80)]);
    }
    const status = await learning.train();
    expect(status.prompts).toBe(codePrompts.length + chatPrompts.length);
    const code = await choose(unseenCode);
    expect(code.modelKey).not.toBe(A_KEY);
    expect(code.strategy).toBe('learned');
    expect((await choose(unseenChat)).modelKey).toBe(A_KEY);

    // Explainable: the prediction, the prompt's main features and the nearest past prompts.
    expect(code.reasons.join('\n')).toMatch(/predicted quality \d+ %/);
    expect(code.reasons.join('\n')).toMatch(/main features: .*"/);
    expect(code.reasons.join('\n')).toMatch(/nearest past prompts: "(Write|Implement|Fix)/);

    // Stored in the data dir: a restarted app routes the same way without retraining.
    expect(existsSync(join(fx.dir, MODEL_FILE))).toBe(true);
    const reopened = new LearningService(fx.dir, fx.database);
    expect(reopened.status()).toMatchObject({ trained: true, prompts: status.prompts });
    const again = await engine.decide(
      RoutingRequestSchema.parse({ prompt: unseenCode, strategy: 'learned' }),
      openLiveState({ learned: reopened.view }),
    );
    expect(again.modelKey).toBe(code.modelKey);
    reopened.close();
  });

  const withMinQuality = (prompt: string, minQuality: number, view = learning.view) =>
    engine.decide(
      RoutingRequestSchema.parse({ prompt, strategy: 'learned', constraints: { minQuality } }),
      openLiveState({ learned: view }),
    );

  it("compares a request's min quality with the quality predicted for its prompt, not the catalog's", async () => {
    // Untrained: the catalog says the local 8B model (0.48) is under 0.6, so it is not used.
    const untrained = await withMinQuality(unseenChat, 0.6);
    expect(untrained.modelKey).not.toBe(A_KEY);
    expect(untrained.reasons.join('\n')).toMatch(
      /skipped .*ollama\/llama3\.1:8b.*: quality 0\.48 < min 0\.6/,
    );

    for (const p of chatPrompts) await record(p, [okAttempt(A.provider, A.model, PRICES.mini, 40, 80)]);
    for (let round = 0; round < 3; round++)
      for (const p of codePrompts)
        await record(p, [fail(A), okAttempt(B.provider, B.model, PRICES.mini, 40, 80)]);
    await learning.train();

    // History says it answers chat prompts: predicted above 0.6 it is a candidate (free ones first).
    const chat = await withMinQuality(unseenChat, 0.6);
    expect([chat.modelKey, ...chat.fallbackChain.map((c) => c.modelKey)]).toContain(A_KEY);
    expect(chat.reasons.join('\n')).not.toMatch(/skipped .*ollama\/llama3\.1:8b/);
    expect(chat.reasons[0]).toMatch(/cheapest model predicted to reach quality 0\.6/);
    // It fails coding prompts: predicted under 0.6, it is neither chosen nor kept as a fallback.
    const code = await withMinQuality(unseenCode, 0.6);
    expect(code.modelKey).not.toBe(A_KEY);
    expect(code.fallbackChain.map((c) => c.modelKey)).not.toContain(A_KEY);
    expect(code.reasons.join('\n')).toMatch(/ollama\/llama3\.1:8b.*: predicted quality \d+ % < min 60 %/);
  });

  it('"all bad" compare votes on a model\'s answers teach the learned strategy to stop choosing it', async () => {
    const votes = new VoteStore(fx.database);
    const C = { provider: 'ollama', model: 'qwen2.5-coder:7b' };
    // Both free local models answer everything, so one of them is always the choice.
    for (const p of [...codePrompts, ...chatPrompts]) {
      await record(p, [okAttempt(A.provider, A.model, PRICES.mini, 40, 80)]);
      await record(p, [okAttempt(C.provider, C.model, PRICES.mini, 40, 80)]);
    }
    for (const p of codePrompts) await record(p, [okAttempt(B.provider, B.model, PRICES.mini, 40, 80)]);
    await learning.train();
    const local = [A_KEY, 'ollama/qwen2.5-coder:7b'];
    expect(local).toContain((await choose(unseenCode)).modelKey);

    // The user compares the two on each coding prompt and finds both answers bad.
    for (const [i, p] of codePrompts.entries()) {
      await record(p, [okAttempt(A.provider, A.model, PRICES.mini, 40, 80)]);
      await record(p, [okAttempt(C.provider, C.model, PRICES.mini, 40, 80)]);
      votes.record(
        VoteInputSchema.parse({
          comparisonId: `cmp-code-${String(i).padStart(3, '0')}`,
          verdict: 'all_bad',
          candidates: local.map((m, n) => ({
            target: m,
            modelKey: m,
            requestId: `pg-code-${i}-${n}`,
            costUsd: 0,
            latencyMs: 800,
            simulated: false,
          })),
        }),
      );
    }
    expect((await learning.train()).lastOutcome).toMatch(/trained on/);
    expect(local).not.toContain((await choose(unseenCode)).modelKey);
    expect(local).toContain((await choose(unseenChat)).modelKey);
  });

  it('trains in a background thread: routing answers while it runs, then uses the new model', async () => {
    for (const p of chatPrompts) await record(p, [okAttempt(A.provider, A.model, PRICES.mini, 40, 80)]);
    for (const p of codePrompts)
      await record(p, [fail(A), okAttempt(B.provider, B.model, PRICES.mini, 40, 80)]);
    let finished = false;
    const training = learning.train(true).then((s) => {
      finished = true;
      return s;
    });
    expect(learning.status().training).toBe(true);
    // A decision made meanwhile answers before the training ends, from what was there (no model).
    const during = await choose(unseenCode);
    expect(finished).toBe(false);
    expect(during.reasons[0]).toMatch(/no trained model yet/);
    // A second request to train waits for the running one instead of starting another.
    const again = learning.train();
    const status = await training;
    expect(status).toMatchObject({
      trained: true,
      training: false,
      prompts: chatPrompts.length + codePrompts.length,
    });
    expect((await again).trainedAt).toBe(status.trainedAt);
    const after = await choose(unseenCode);
    expect(after.modelKey).not.toBe(A_KEY);
    expect(after.reasons.join('\n')).toMatch(/predicted quality \d+ %/);
  });

  it('ignores a damaged model file and says it is not trained', async () => {
    writeFileSync(join(fx.dir, MODEL_FILE), 'SYLM garbage');
    const reopened = new LearningService(fx.dir, fx.database);
    expect(reopened.status().trained).toBe(false);
    reopened.close();
  });

  it('does not train on too little history and says why', async () => {
    for (const p of chatPrompts.slice(0, 3))
      await record(p, [okAttempt(A.provider, A.model, PRICES.mini, 40, 80)]);
    const status = await learning.train();
    expect(status.trained).toBe(false);
    expect(status.lastOutcome).toMatch(/3 labelled prompts, at least 10 needed/);
    expect((await choose(unseenChat)).reasons[0]).toMatch(/no trained model yet/);
  });
});
