import { createHash } from 'node:crypto';
import type Database from 'better-sqlite3';

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
 */
export class EmbeddingStore {
  private readonly selectModel: Database.Statement<[string], { text_hash: string; vector: Buffer }>;
  private readonly insert: Database.Statement<[string, string, Buffer, number]>;
  private mirror: { model: string; vectors: Map<string, Float32Array> } | null = null;

  constructor(private readonly db: Database.Database) {
    this.selectModel = db.prepare('SELECT text_hash, vector FROM prompt_embeddings WHERE model = ?');
    this.insert = db.prepare(
      'INSERT OR IGNORE INTO prompt_embeddings (model, text_hash, vector, created_at) VALUES (?, ?, ?, ?)',
    );
  }

  private vectorsOf(model: string): Map<string, Float32Array> {
    if (this.mirror?.model === model) return this.mirror.vectors;
    const vectors = new Map<string, Float32Array>();
    for (const row of this.selectModel.iterate(model)) vectors.set(row.text_hash, fromBlob(row.vector));
    this.mirror = { model, vectors };
    return vectors;
  }

  get(model: string, key: string): Float32Array | null {
    return this.vectorsOf(model).get(key) ?? null;
  }

  has(model: string, key: string): boolean {
    return this.vectorsOf(model).has(key);
  }

  /** Rows were deleted behind the mirror (retention): it is read again on next use. */
  reload(): void {
    this.mirror = null;
  }

  count(model: string): number {
    return this.vectorsOf(model).size;
  }

  /** Stores vectors (one transaction); a text already stored keeps its first vector. */
  putMany(model: string, entries: readonly { key: string; vector: Float32Array }[]): void {
    const vectors = this.vectorsOf(model);
    const now = Date.now();
    this.db.transaction(() => {
      for (const e of entries) {
        if (vectors.has(e.key)) continue;
        this.insert.run(model, e.key, toBlob(e.vector), now);
        vectors.set(e.key, e.vector);
      }
    })();
  }
}
