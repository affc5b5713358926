import { describe, expect, it } from 'vitest';
import { twoConnections } from '../../test/twoConnections';
import { EmbeddingStore, textKey, unitVector } from './embeddingStore';
import { PromptEmbedder, type EmbeddingCaller } from './promptEmbedder';

const MODEL = 'openai/text-embedding-3-small';
const vector = (seed: number): Float32Array => unitVector([seed, 1, 2, 3]);

/**
 * The running app mirrors stored vectors in memory; `npm run switchyard -- learning embeddings
 * --backfill` stores vectors through another connection to the same file. The app must use them
 * instead of paying to embed those texts again.
 */
describe('prompt embeddings stored by another connection', () => {
  const db = twoConnections();

  it('are found by the running store, and the app makes no call for them', async () => {
    const app = new EmbeddingStore(db.app.db);
    const cli = new EmbeddingStore(db.cli.db);
    app.putMany(MODEL, [{ key: textKey('own prompt'), vector: vector(1) }]);
    expect(app.count(MODEL)).toBe(1); // the mirror is loaded

    cli.putMany(MODEL, [
      { key: textKey('backfilled prompt'), vector: vector(2) },
      { key: textKey('another one'), vector: vector(3) },
    ]);
    expect(app.get(MODEL, textKey('backfilled prompt'))).toEqual(vector(2));
    expect(app.has(MODEL, textKey('another one'))).toBe(true);
    expect(app.count(MODEL)).toBe(3);

    cli.putMany(MODEL, [{ key: textKey('for the embedder'), vector: vector(4) }]);
    const calls: string[][] = [];
    const caller: EmbeddingCaller = {
      embed: (_spec, texts) => {
        calls.push(texts);
        return Promise.resolve({ vectors: texts.map(() => [9, 9, 9, 9]), tokens: 1 });
      },
    };
    const embedder = new PromptEmbedder(app, () => MODEL, caller);
    const found = await embedder.vectorFor('for the embedder');
    expect(found).toEqual({ vector: vector(4), model: MODEL });
    expect(calls).toEqual([]);
    // The other connection's store sees this one's vectors too (its mirror catches up the same way).
    expect(cli.get(MODEL, textKey('own prompt'))).toEqual(vector(1));
  });

  it('catches up on rows older than its last look, and on rows the other connection deleted', () => {
    const app = new EmbeddingStore(db.app.db);
    const cli = new EmbeddingStore(db.cli.db);
    expect(app.count(MODEL)).toBe(0);
    // Written with a time long before the app's last look (another clock, a long transaction).
    db.cli.db
      .prepare('INSERT INTO prompt_embeddings (model, text_hash, vector, created_at) VALUES (?, ?, ?, ?)')
      .run(MODEL, textKey('old'), Buffer.from(vector(5).buffer), Date.now() - 86_400_000);
    expect(app.get(MODEL, textKey('old'))).toEqual(vector(5));

    cli.putMany(MODEL, [{ key: textKey('gone soon'), vector: vector(6) }]);
    expect(app.count(MODEL)).toBe(2);
    db.cli.db.prepare('DELETE FROM prompt_embeddings WHERE text_hash = ?').run(textKey('gone soon'));
    expect(app.count(MODEL)).toBe(1);
    expect(app.get(MODEL, textKey('gone soon'))).toBeNull();
  });

  it('keeps the first stored vector when both connections embed the same text', () => {
    const app = new EmbeddingStore(db.app.db);
    const cli = new EmbeddingStore(db.cli.db);
    expect(app.count(MODEL)).toBe(0);
    cli.putMany(MODEL, [{ key: textKey('same'), vector: vector(7) }]);
    // The app did not look since: its insert is ignored and it keeps the stored vector.
    app.putMany(MODEL, [{ key: textKey('same'), vector: vector(8) }]);
    expect(app.get(MODEL, textKey('same'))).toEqual(vector(7));
    expect(app.count(MODEL)).toBe(1);
  });
});
