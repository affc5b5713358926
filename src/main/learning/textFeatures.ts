/**
 * Offline text features for the learned router: hashed word unigrams and bigrams weighted by
 * TF-IDF, L2-normalised. Hashing keeps the vocabulary fixed-size (no dictionary to store or grow)
 * and works on any prompt without a network or an embeddings provider.
 */

/** 2^18 buckets: collisions stay rare for prompt-sized vocabularies, vectors stay sparse. */
export const FEATURE_BUCKETS = 1 << 18;
/** Only the head and tail of long prompts are read, so featurising costs the same for 1k or 100k tokens. */
const HEAD_CHARS = 6000;
const TAIL_CHARS = 2000;

export interface SparseVector {
  /** Bucket indices, ascending. */
  idx: Int32Array;
  val: Float32Array;
}

/** A hashed token with the text it came from (kept only for explanations). */
interface Term {
  bucket: number;
  text: string;
}

/** FNV-1a, 32 bit. */
function hash(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return (h >>> 0) % FEATURE_BUCKETS;
}

function readable(text: string): string {
  return text.length <= HEAD_CHARS + TAIL_CHARS
    ? text
    : `${text.slice(0, HEAD_CHARS)} ${text.slice(-TAIL_CHARS)}`;
}

const words = (text: string): string[] => text.toLowerCase().match(/[\p{L}\p{N}_]+|[^\s\p{L}\p{N}_]/gu) ?? [];

/**
 * The last paragraph: few-shot prompts put the actual question after the examples, and without
 * its own features the shared examples would decide which past prompts look alike.
 */
function lastParagraph(text: string): string {
  const tail = text.slice(-TAIL_CHARS);
  const cut = tail.trimEnd().lastIndexOf('\n\n');
  return cut >= 0 && tail.length - cut > 40 ? tail.slice(cut) : '';
}

/** Lower-cased words and code symbols: unigrams, adjacent-pair bigrams, last-paragraph unigrams. */
export function terms(text: string): Term[] {
  const out: Term[] = [];
  for (const w of words(lastParagraph(text))) out.push({ bucket: hash(`¶${w}`), text: w });
  const all = words(readable(text));
  for (let i = 0; i < all.length; i++) {
    const w = all[i]!;
    out.push({ bucket: hash(w), text: w });
    if (i > 0) {
      const bigram = `${all[i - 1]!} ${w}`;
      out.push({ bucket: hash(bigram), text: bigram });
    }
  }
  return out;
}

/** How often each bucket occurs in a text. */
export function termCounts(text: string): Map<number, number> {
  const counts = new Map<number, number>();
  for (const t of terms(text)) counts.set(t.bucket, (counts.get(t.bucket) ?? 0) + 1);
  return counts;
}

/** Inverse document frequencies learned from the training prompts; unseen buckets get the maximum. */
export class TfIdf {
  private constructor(
    private readonly idf: Float32Array,
    readonly documents: number,
  ) {}

  static fit(texts: readonly string[]): TfIdf {
    return TfIdf.fitCounts(texts.map(termCounts));
  }

  /** From each text's `termCounts`, which training reuses for the vectors (extracting terms is the slow part). */
  static fitCounts(counts: readonly Map<number, number>[]): TfIdf {
    const df = new Uint32Array(FEATURE_BUCKETS);
    for (const c of counts) for (const bucket of c.keys()) df[bucket]!++;
    const idf = new Float32Array(FEATURE_BUCKETS);
    const n = counts.length;
    for (let b = 0; b < FEATURE_BUCKETS; b++) idf[b] = Math.log((1 + n) / (1 + df[b]!)) + 1;
    return new TfIdf(idf, n);
  }

  /** Sparse IDF: only buckets seen in training are stored, the rest take the unseen weight. */
  toJSON(): { documents: number; seen: Record<string, number> } {
    const unseen = Math.log(1 + this.documents) + 1;
    const seen: Record<string, number> = {};
    this.idf.forEach((v, b) => {
      if (Math.abs(v - unseen) > 1e-6) seen[b] = Number(v.toFixed(4));
    });
    return { documents: this.documents, seen };
  }

  /** The IDF of every bucket, for the binary model file and the training worker's hand-over. */
  get weights(): Float32Array {
    return this.idf;
  }

  static fromWeights(idf: Float32Array, documents: number): TfIdf {
    return new TfIdf(idf, documents);
  }

  static fromJSON(json: { documents: number; seen: Record<string, number> }): TfIdf {
    const idf = new Float32Array(FEATURE_BUCKETS).fill(Math.log(1 + json.documents) + 1);
    for (const [b, v] of Object.entries(json.seen)) idf[Number(b)] = v;
    return new TfIdf(idf, json.documents);
  }

  vector(text: string): SparseVector {
    return this.vectorOf(termCounts(text));
  }

  vectorOf(counts: Map<number, number>): SparseVector {
    const entries = [...counts].sort((a, b) => a[0] - b[0]);
    const idx = new Int32Array(entries.length);
    const val = new Float32Array(entries.length);
    let norm = 0;
    entries.forEach(([bucket, count], i) => {
      const w = (1 + Math.log(count)) * this.idf[bucket]!;
      idx[i] = bucket;
      val[i] = w;
      norm += w * w;
    });
    norm = Math.sqrt(norm) || 1;
    for (let i = 0; i < val.length; i++) val[i]! /= norm;
    return { idx, val };
  }
}

/** Cosine similarity of two L2-normalised sparse vectors (a merge over sorted indices). */
export function cosine(a: SparseVector, b: SparseVector): number {
  let i = 0;
  let j = 0;
  let dot = 0;
  while (i < a.idx.length && j < b.idx.length) {
    const x = a.idx[i]!;
    const y = b.idx[j]!;
    if (x === y) dot += a.val[i++]! * b.val[j++]!;
    else if (x < y) i++;
    else j++;
  }
  return dot;
}
