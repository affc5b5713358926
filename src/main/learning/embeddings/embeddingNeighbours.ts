import type { ExternalNeighbour } from '../qualityModel';
import { dot } from './embeddingStore';

/** A trained model's examples that have a vector for the embeddings model in use. */
export interface EmbeddedExamples {
  /** Example indexes, in the quality model's order. */
  indexes: Int32Array;
  vectors: Float32Array[];
}

/** The examples whose text was embedded (the others wait for the back-fill). */
export function embeddedExamples(
  keys: readonly (string | undefined)[],
  vectorOf: (key: string) => Float32Array | null,
): EmbeddedExamples {
  const indexes: number[] = [];
  const vectors: Float32Array[] = [];
  keys.forEach((key, i) => {
    const v = key ? vectorOf(key) : null;
    if (v) {
      indexes.push(i);
      vectors.push(v);
    }
  });
  return { indexes: Int32Array.from(indexes), vectors };
}

/**
 * The `k` examples with the highest cosine to the query (unit vectors: a dot product each), by a
 * scan of every embedded example: 20k prompts × 1,536 dimensions is ~30M multiply-adds, tens of
 * ms; an approximate index is not worth its weight below that.
 */
export function nearestByEmbedding(
  query: Float32Array,
  examples: EmbeddedExamples,
  k: number,
): ExternalNeighbour[] {
  const best: ExternalNeighbour[] = [];
  for (let i = 0; i < examples.vectors.length; i++) {
    const similarity = dot(query, examples.vectors[i]!);
    if (best.length === k && similarity <= best[k - 1]!.similarity) continue;
    let at = best.length === k ? k - 1 : best.length;
    if (best.length < k) best.push({ index: 0, similarity: 0 });
    while (at > 0 && best[at - 1]!.similarity < similarity) {
      best[at] = best[at - 1]!;
      at--;
    }
    best[at] = { index: examples.indexes[i]!, similarity };
  }
  return best;
}
