import { createHash } from 'node:crypto';
import type Database from 'better-sqlite3';
import { ForeignCommits } from '../../ledger/foreignCommits';

/**
 * Migration 16: one vector per (embeddings model, text), so a restart never pays to embed a
 * stored prompt again. Keyed by the text's hash, not by a request: the same prompt sent a hundred
 * times is one vector, and the learned router, the similar-prompt cache and the back-fill find it
 * from the text alone. Vectors are float32, little-endian. They hold no text, but retention deletes
 * those older than its cutoff all the same (ledger/retention.ts).
 */
export const PROMPT_EMBEDDINGS_SCHEMA_SQL = `
  CREATE TABLE prompt_embeddings (
    model      TEXT NOT NULL,      -- "<provider>/<model>"
    text_hash  TEXT NOT NULL,      -- textKey(): sha256 of the embedded text, base64url, 22 chars
    vector     BLOB NOT NULL,      -- float32 little-endian
    created_at INTEGER NOT NULL,   -- epoch ms
    PRIMARY KEY (model, text_hash)
  ) STRICT, WITHOUT ROWID;
`;

/**
 * Migration 17: what another connection (the CLI's `learning embeddings --backfill`) added since a
 * moment, read from this index alone (`EmbeddingStore` catching up). Without it that read scans
 * every vector of the model: 30–60 ms at 10k × 1,536 dimensions, against ~5 µs with it.
 */
export const PROMPT_EMBEDDINGS_BY_TIME_SQL = `
  CREATE INDEX prompt_embeddings_by_time ON prompt_embeddings (model, created_at);
`;

/**
 * A row another connection committed becomes visible up to this long after its `created_at` (the
 * writer takes the time before its transaction, which may wait for the write lock: busy_timeout
 * 5 s): catching up reads back this far. A row older still is found by the count check. Not wider:
 * every key in the window is read again at each catch-up (a back-fill stores ~160 a second).
 */
const CATCH_UP_SLACK_MS = 10_000;

/** How often a `peek` that misses asks whether another connection committed. */
const PEEK_FOREIGN_EVERY_MS = 1_000;

/** The key of an embedded text (128 bits of its sha256). */
export const textKey = (text: string): string =>
  createHash('sha256').update(text).digest('base64url').slice(0, 22);

const toBlob = (v: Float32Array): Buffer => Buffer.from(v.buffer, v.byteOffset, v.byteLength);
const fromBlob = (b: Buffer): Float32Array =>
  new Float32Array(b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength));

/** L2-normalised float32 copy (providers return unit vectors mostly; a cosine then is a dot product). */
export function unitVector(v: readonly number[]): Float32Array {
  const out = Float32Array.from(v);
  let norm = 0;
  for (const x of out) norm += x * x;
  norm = Math.sqrt(norm) || 1;
  for (let i = 0; i < out.length; i++) out[i]! /= norm;
  return out;
}

export const dot = (a: Float32Array, b: Float32Array): number => {
  const n = Math.min(a.length, b.length);
  let s = 0;
  for (let i = 0; i < n; i++) s += a[i]! * b[i]!;
  return s;
};

/**
 * The stored vectors of the embeddings model in use, mirrored in memory (routing and the cache
 * look vectors up synchronously, per example). The mirror is loaded on first use, one model at a
 * time; 10k prompts at 1,536 dimensions are ~60 MB.
 *
 * Vectors another connection stores (the CLI's back-fill on the same file) join the mirror: a
 * lookup that misses, `has` and `count` first ask `ForeignCommits` (`PRAGMA data_version`, ~4 µs)
 * whether anyone else committed, and if so read the keys created since the last catch-up (less
 * 10 s) from the `(model, created_at)` index and fetch the vectors the mirror lacks; then the
 * model's row count must equal the mirror's size, else (another process deleted rows, or a row
 * arrived older than that) the mirror is read again in full. A hit asks nothing: it costs a `Map`
 * lookup, as before.
 */
export class EmbeddingStore {
  private readonly selectModel: Database.Statement<[string], { text_hash: string; vector: Buffer }>;
  private readonly selectSince: Database.Statement<[string, number], { text_hash: string; vector: Buffer }>;
  private readonly selectOne: Database.Statement<[string, string], Buffer>;
  private readonly countModel: Database.Statement<[string], number>;
  private readonly insert: Database.Statement<[string, string, Buffer, number]>;
  private readonly foreign: ForeignCommits;
  /** `since`: catching up reads rows created from then on (this clock, less the slack). */
  private mirror: { model: string; vectors: Map<string, Float32Array>; since: number } | null = null;

  constructor(private readonly db: Database.Database) {
    this.selectModel = db.prepare('SELECT text_hash, vector FROM prompt_embeddings WHERE model = ?');
    this.selectSince = db.prepare(
      'SELECT text_hash, vector FROM prompt_embeddings WHERE model = ? AND created_at >= ?',
    );
    this.selectOne = db
      .prepare<[string, string], Buffer>(
        'SELECT vector FROM prompt_embeddings WHERE model = ? AND text_hash = ?',
      )
      .pluck();
    this.countModel = db
      .prepare<[string], number>('SELECT COUNT(*) FROM prompt_embeddings WHERE model = ?')
      .pluck();
    this.insert = db.prepare(
      'INSERT OR IGNORE INTO prompt_embeddings (model, text_hash, vector, created_at) VALUES (?, ?, ?, ?)',
    );
    this.foreign = new ForeignCommits(db);
  }

  /** The model's mirror, read in full when another model was mirrored (or none). */
  private vectorsOf(model: string): Map<string, Float32Array> {
    if (this.mirror?.model === model) return this.mirror.vectors;
    const since = Date.now() - CATCH_UP_SLACK_MS;
    this.foreign.changed(); // what is committed now is in the read below
    const vectors = new Map<string, Float32Array>();
    for (const row of this.selectModel.iterate(model)) vectors.set(row.text_hash, fromBlob(row.vector));
    this.mirror = { model, vectors, since };
    return vectors;
  }

  /** The mirror, first brought up to date if another connection committed since the last look. */
  private current(model: string): Map<string, Float32Array> {
    const vectors = this.vectorsOf(model);
    if (!this.foreign.changed()) return vectors;
    return this.db.transaction(() => this.catchUp(model, vectors))();
  }

  /** In one read transaction: the rows added since `since`, then the count check. */
  private catchUp(model: string, vectors: Map<string, Float32Array>): Map<string, Float32Array> {
    const mirror = this.mirror!;
    const since = Date.now() - CATCH_UP_SLACK_MS;
    for (const row of this.selectSince.iterate(model, mirror.since))
      if (!vectors.has(row.text_hash)) vectors.set(row.text_hash, fromBlob(row.vector));
    mirror.since = since;
    if (this.countModel.get(model) === vectors.size) return vectors;
    this.mirror = null;
    return this.vectorsOf(model);
  }

  get(model: string, key: string): Float32Array | null {
    return this.vectorsOf(model).get(key) ?? this.current(model).get(key) ?? null;
  }

  private peekedForeignAt = -Infinity;

  /**
   * As `get`, for loops over every stored example (the learned strategy's embedded examples, the
   * similar cache's entries): a miss asks about other connections' commits at most once a second,
   * so 20k examples without a vector cost 20k `Map` lookups, not 20k pragmas (~80 ms).
   */
  peek(model: string, key: string): Float32Array | null {
    const hit = this.vectorsOf(model).get(key);
    if (hit) return hit;
    const now = performance.now();
    if (now - this.peekedForeignAt < PEEK_FOREIGN_EVERY_MS) return null;
    this.peekedForeignAt = now;
    return this.current(model).get(key) ?? null;
  }

  has(model: string, key: string): boolean {
    return this.vectorsOf(model).has(key) || this.current(model).has(key);
  }

  /** Rows were deleted behind the mirror (retention): it is read again on next use. */
  reload(): void {
    this.mirror = null;
  }

  count(model: string): number {
    return this.current(model).size;
  }

  /** Stores vectors (one transaction); a text already stored keeps its first vector. */
  putMany(model: string, entries: readonly { key: string; vector: Float32Array }[]): void {
    const vectors = this.current(model);
    const now = Date.now();
    this.db.transaction(() => {
      for (const e of entries) {
        if (vectors.has(e.key)) continue;
        // Another connection may have stored it since the last look: the stored vector is kept.
        if (this.insert.run(model, e.key, toBlob(e.vector), now).changes === 0) {
          const blob = this.selectOne.get(model, e.key);
          if (blob) vectors.set(e.key, fromBlob(blob));
          continue;
        }
        vectors.set(e.key, e.vector);
      }
    })();
  }
}
