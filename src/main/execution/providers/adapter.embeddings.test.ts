import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { fakeConnection } from '../fake/connections';
import { FAKE_EMBEDDING_DIMENSIONS } from '../fake/embeddings';
import { startFakeProviders, type FakeProviderServer } from '../fake/server';
import { isGenerationError } from '../generationError';
import { TfIdf, cosine } from '../../learning/textFeatures';
import { ProviderAdapter } from './adapter';

// Embeddings through the real SDKs against the fake's OpenAI-format POST /v1/embeddings, over HTTP.
let fake: FakeProviderServer;
beforeAll(async () => {
  fake = await startFakeProviders();
});
afterAll(() => fake.close());
beforeEach(() => fake.reset());

const KEY = 'sk-embeddings-test-key-3f9a';
const MODEL = 'text-embedding-3-small';
const dot = (a: number[], b: number[]): number => a.reduce((s, x, i) => s + x * b[i]!, 0);

const ORIGINAL = 'How do I repair the engine of my car?';
const PARAPHRASE = 'Fixing an automobile motor: what steps?';
const UNRELATED = 'Tell me a joke about cats.';

describe('embeddings through the providers layer', () => {
  it('returns one unit vector per text; a paraphrase with no rare word in common is close, TF-IDF is not', async () => {
    const openai = new ProviderAdapter(fakeConnection(fake, 'openai', KEY));
    const { vectors, tokens } = await openai.embed(MODEL, [ORIGINAL, PARAPHRASE, UNRELATED]);
    expect(vectors).toHaveLength(3);
    for (const v of vectors) {
      expect(v).toHaveLength(FAKE_EMBEDDING_DIMENSIONS);
      expect(dot(v, v)).toBeCloseTo(1, 5);
    }
    expect(tokens).toBeGreaterThan(0);
    expect(dot(vectors[0]!, vectors[1]!)).toBeGreaterThan(0.85);
    expect(dot(vectors[0]!, vectors[2]!)).toBeLessThan(0.3);
    // The same texts as the learned router's offline features see them: nothing in common.
    const tfidf = TfIdf.fit([ORIGINAL, PARAPHRASE, UNRELATED]);
    expect(cosine(tfidf.vector(ORIGINAL), tfidf.vector(PARAPHRASE))).toBeLessThan(0.2);
    // Deterministic: the same text gives the same vector again.
    const again = await openai.embed(MODEL, [ORIGINAL]);
    expect(again.vectors[0]).toEqual(vectors[0]);
    const logged = fake.log.list().filter((e) => e.path === '/v1/embeddings');
    expect(logged.map((e) => [e.model, e.outcome, e.keyPresent])).toEqual([
      [MODEL, 'ok', true],
      [MODEL, 'ok', true],
    ]);
  });

  it('works for an OpenAI-compatible local server without a key', async () => {
    const local = new ProviderAdapter(fakeConnection(fake, 'ollama', null));
    const { vectors } = await local.embed('nomic-embed-text', [ORIGINAL, PARAPHRASE]);
    expect(dot(vectors[0]!, vectors[1]!)).toBeGreaterThan(0.85);
  });

  it('fails as a classified provider error with the key scrubbed, under the same faults as chat', async () => {
    const openai = new ProviderAdapter(fakeConnection(fake, 'openai', KEY));
    fake.faults.add({ status: 503 }, { model: MODEL }, 1);
    const down = await openai.embed(MODEL, [ORIGINAL]).catch((e: unknown) => e);
    expect(isGenerationError(down) && down.kind).toBe('overloaded');
    const denied = await new ProviderAdapter(fakeConnection(fake, 'openai', 'invalid'))
      .embed(MODEL, [ORIGINAL])
      .catch((e: unknown) => e);
    expect(isGenerationError(denied) && denied.kind).toBe('auth');
    const noKey = await new ProviderAdapter(fakeConnection(fake, 'openai', null))
      .embed(MODEL, [ORIGINAL])
      .catch((e: unknown) => e);
    expect(isGenerationError(noKey) && noKey.kind).toBe('auth');
    for (const e of [down, denied, noKey]) expect(JSON.stringify(e) + String(e)).not.toContain(KEY);
  });

  it('says which providers have no embeddings model', async () => {
    const anthropic = new ProviderAdapter(fakeConnection(fake, 'anthropic', KEY));
    await expect(anthropic.embed('any', [ORIGINAL])).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
  });
});
