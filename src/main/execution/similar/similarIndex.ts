import { cosine, FEATURE_BUCKETS, terms, type SparseVector } from '../../learning/textFeatures';

/**
 * Pseudo-documents containing every term, added to the document frequencies: with few prompts
 * indexed, a word none of them has (even a "!" for a ".") would otherwise weigh up to 2.4× a
 * shared one and push a near-duplicate under the threshold; with thousands indexed the prior fades
 * and the IDF is the usual one.
 */
const PRIOR_DOCS = 10;

/** One stored answer the index can offer (its text stays in the ledger; read on a hit). */
export interface IndexedAnswer {
  /** Ledger request id. */
  id: number;
  scope: string;
  modelKey: string;
  /** As stored: the answer's size decides whether it fits a request's max output tokens. */
  completionTokens: number;
  /** `textKey` of the compared text: finds its embedding vector, when embeddings are on. */
  embedKey?: string;
}

interface Entry extends IndexedAnswer {
  /** 1 + ln(term count) per bucket, ascending buckets; weighted by IDF into `vector`. */
  tf: SparseVector;
  vector: SparseVector;
  words: ReadonlySet<string>;
}

/** Share of indexed prompts under which a word counts as distinctive (see `sameSubject`). */
const DISTINCTIVE_SHARE = 0.02;

const wordsOf = (text: string): Set<string> => new Set(text.toLowerCase().match(/[\p{L}\p{N}_]+/gu) ?? []);

export interface SimilarMatch {
  entry: IndexedAnswer;
  similarity: number;
}

export interface SimilarLookup {
  scope: string;
  text: string;
  threshold: number;
  accepts: (e: IndexedAnswer) => boolean;
}

/** A lookup by embedding: the query's unit vector, and the stored vector of an entry (null: not embedded yet). */
export interface VectorLookup extends SimilarLookup {
  vector: Float32Array;
  vectorOf: (key: string) => Float32Array | null;
}

const numbersOf = (words: ReadonlySet<string>): string[] => [...words].filter((w) => /\p{N}/u.test(w));

/** Term frequencies of a text on the learning room's hashed n-gram features (textFeatures.ts). */
function termFrequencies(text: string): SparseVector {
  const counts = new Map<number, number>();
  for (const t of terms(text)) counts.set(t.bucket, (counts.get(t.bucket) ?? 0) + 1);
  const entries = [...counts].sort((a, b) => a[0] - b[0]);
  const idx = new Int32Array(entries.length);
  const val = new Float32Array(entries.length);
  entries.forEach(([bucket, count], i) => {
    idx[i] = bucket;
    val[i] = 1 + Math.log(count);
  });
  return { idx, val };
}

/**
 * The similar-prompt cache's index: stored prompts as TF-IDF vectors on the learning room's hashed
 * word uni- and bigrams, grouped by scope (same use case and conversation before the last user
 * message, see similarRule.ts), bounded to `capacity` entries (oldest out first).
 *
 * IDF comes from the indexed prompts themselves (document frequencies kept as they are added and
 * removed), so words every prompt shares weigh little and the words that tell two prompts apart
 * ("France" / "Spain") weigh most. Stored vectors are re-weighted once the index has grown by a
 * quarter since they were weighted, so the weights a lookup compares stay consistent at an
 * amortised constant cost per added prompt.
 *
 * A lookup does not compare the query with every prompt of its scope (20 ms at 10k prompts in one
 * scope, measured by `npm run bench -- similar-cache`): each scope keeps posting lists (bucket →
 * entries), and only entries sharing one of the query's rarer buckets are compared. That is exact,
 * not a heuristic (prefix filtering): the query's most common buckets are left out only while their
 * weight stays under the threshold, and an entry sharing none of the others has a cosine of at
 * most that weight (Cauchy–Schwarz, both vectors of length 1), so it cannot reach the threshold.
 */
export class SimilarIndex {
  private readonly entries = new Map<number, Entry>();
  private readonly scopes = new Map<string, Scope>();
  private readonly df = new Uint32Array(FEATURE_BUCKETS);
  private readonly wordDf = new Map<string, number>();
  private weightedAt = 0;

  constructor(readonly capacity: number) {}

  get size(): number {
    return this.entries.size;
  }

  has(id: number): boolean {
    return this.entries.has(id);
  }

  add(answer: IndexedAnswer, promptText: string): void {
    if (this.entries.has(answer.id)) return;
    const tf = termFrequencies(promptText);
    if (tf.idx.length === 0) return;
    for (const b of tf.idx) this.df[b]!++;
    const words = wordsOf(promptText);
    for (const w of words) this.wordDf.set(w, (this.wordDf.get(w) ?? 0) + 1);
    const entry: Entry = { ...answer, tf, vector: this.weigh(tf), words };
    this.entries.set(entry.id, entry);
    let scope = this.scopes.get(entry.scope);
    if (!scope) this.scopes.set(entry.scope, (scope = new Scope()));
    scope.add(entry);
    while (this.entries.size > this.capacity) {
      const oldest = this.entries.keys().next().value;
      if (oldest === undefined) break;
      this.remove(oldest);
    }
    if (this.entries.size > this.weightedAt * 1.25 + 8) this.reweigh();
  }

  remove(id: number): void {
    const entry = this.entries.get(id);
    if (!entry) return;
    this.entries.delete(id);
    for (const b of entry.tf.idx) this.df[b]!--;
    for (const w of entry.words) {
      const n = (this.wordDf.get(w) ?? 1) - 1;
      if (n > 0) this.wordDf.set(w, n);
      else this.wordDf.delete(w);
    }
    const scope = this.scopes.get(entry.scope);
    scope?.remove(entry);
    if (scope?.size === 0) this.scopes.delete(entry.scope);
  }

  /** The most similar accepted entry of the scope at or above the threshold (the newest on a tie). */
  find(q: SimilarLookup): SimilarMatch | null {
    const scope = this.scopes.get(q.scope);
    if (!scope) return null;
    const query = this.weigh(termFrequencies(q.text));
    const words = wordsOf(q.text);
    let best: SimilarMatch | null = null;
    for (const entry of scope.candidates(query, q.threshold, this.df)) {
      const similarity = Math.min(1, cosine(query, entry.vector));
      if (similarity < q.threshold) continue;
      if (
        best &&
        (similarity < best.similarity || (similarity === best.similarity && entry.id < best.entry.id))
      )
        continue;
      if (q.accepts(entry) && this.sameSubject(words, entry.words)) best = { entry, similarity };
    }
    return best;
  }

  /** Whether any prompt of this scope is indexed (a lookup with nothing to compare pays for no embedding). */
  hasScope(scope: string): boolean {
    return (this.scopes.get(scope)?.size ?? 0) > 0;
  }

  /**
   * The most similar accepted entry of the scope by embedding cosine, at or above the threshold
   * (the newest on a tie). A scan of the scope's embedded entries: 10k × 1,536 dimensions is
   * ~15M multiply-adds. Embeddings see meaning, so the distinctive-word rule of `find` is left
   * out (a paraphrase shares few words by design); numbers must still agree, as "3 apples" and
   * "4 apples" embed almost alike.
   */
  findByVector(q: VectorLookup): SimilarMatch | null {
    const scope = this.scopes.get(q.scope);
    if (!scope) return null;
    const numbers = numbersOf(wordsOf(q.text));
    let best: SimilarMatch | null = null;
    for (const entry of scope.live()) {
      const v = entry.embedKey ? q.vectorOf(entry.embedKey) : null;
      if (!v) continue;
      let similarity = 0;
      for (let i = 0; i < v.length && i < q.vector.length; i++) similarity += v[i]! * q.vector[i]!;
      similarity = Math.min(1, similarity);
      if (similarity < q.threshold) continue;
      if (
        best &&
        (similarity < best.similarity || (similarity === best.similarity && entry.id < best.entry.id))
      )
        continue;
      const theirs = numbersOf(entry.words);
      const same = theirs.length === numbers.length && theirs.every((n) => numbers.includes(n));
      if (same && q.accepts(entry)) best = { entry, similarity };
    }
    return best;
  }

  /**
   * Bag-of-words similarity cannot tell "the capital of Spain" from "the capital of France" when
   * the rest of a long prompt is the same (0.86 with a shared instruction sentence). So a match
   * also needs both prompts to agree on every distinctive word: a number, or a word fewer than 2 %
   * of the indexed prompts (and at least 2) contain. Common words may differ ("can you explain"),
   * the subject may not. With few prompts indexed every word is distinctive: the cache starts
   * strict and loosens as history shows which words are everyday.
   */
  private sameSubject(a: ReadonlySet<string>, b: ReadonlySet<string>): boolean {
    const cutoff = Math.max(2, this.entries.size * DISTINCTIVE_SHARE);
    const distinctive = (w: string): boolean => /\p{N}/u.test(w) || (this.wordDf.get(w) ?? 0) < cutoff;
    for (const w of a) if (!b.has(w) && distinctive(w)) return false;
    for (const w of b) if (!a.has(w) && distinctive(w)) return false;
    return true;
  }

  private weigh(tf: SparseVector): SparseVector {
    const n = this.entries.size;
    const val = new Float32Array(tf.val.length);
    let norm = 0;
    for (let i = 0; i < val.length; i++) {
      const w = tf.val[i]! * (Math.log((1 + n + PRIOR_DOCS) / (1 + this.df[tf.idx[i]!]! + PRIOR_DOCS)) + 1);
      val[i] = w;
      norm += w * w;
    }
    norm = Math.sqrt(norm) || 1;
    for (let i = 0; i < val.length; i++) val[i]! /= norm;
    return { idx: tf.idx, val };
  }

  private reweigh(): void {
    this.weightedAt = this.entries.size;
    for (const e of this.entries.values()) e.vector = this.weigh(e.tf);
  }
}

/** One posting list: slots of the entries holding a bucket, and the bucket's position in each entry's vector. */
interface Posting {
  slots: number[];
  at: number[];
}

/**
 * The entries of one scope and their posting lists. Entries are numbered (slots) so a lookup
 * sums dot products in one reused Float64Array: no allocation per posting, which at 10k long
 * prompts was most of a lookup's time (garbage collection). A removed entry's slot is emptied and
 * skipped; slots and lists are rebuilt once empty slots outnumber live ones.
 */
class Scope {
  private postings = new Map<number, Posting>();
  private slots: Array<Entry | undefined> = [];
  private slotOf = new Map<Entry, number>();
  private sums = new Float64Array(64);

  get size(): number {
    return this.slotOf.size;
  }

  live(): IterableIterator<Entry> {
    return this.slotOf.keys();
  }

  add(entry: Entry): void {
    const slot = this.slots.length;
    this.slots.push(entry);
    this.slotOf.set(entry, slot);
    entry.tf.idx.forEach((b, i) => {
      const list = this.postings.get(b);
      if (list) {
        list.slots.push(slot);
        list.at.push(i);
      } else this.postings.set(b, { slots: [slot], at: [i] });
    });
  }

  remove(entry: Entry): void {
    const slot = this.slotOf.get(entry);
    if (slot === undefined) return;
    this.slotOf.delete(entry);
    this.slots[slot] = undefined;
    if (this.slots.length > 2 * this.slotOf.size && this.slotOf.size > 0) {
      const live = this.slots.filter((e): e is Entry => e !== undefined);
      this.postings = new Map();
      this.slots = [];
      this.slotOf = new Map();
      for (const e of live) this.add(e);
    }
  }

  /**
   * Entries that may reach the threshold. The query's most common buckets are left out while their
   * squared weight stays under threshold² (class comment of SimilarIndex); the dot product over
   * the rest is summed from the posting lists, and an entry is returned only if that sum plus the
   * most the left-out buckets could add (their weight: Cauchy–Schwarz) reaches the threshold.
   */
  candidates(query: SparseVector, threshold: number, df: Uint32Array): Entry[] {
    const order = Array.from(query.idx.keys()).sort((a, b) => df[query.idx[b]!]! - df[query.idx[a]!]!);
    const limit = threshold * threshold * (1 - 1e-6);
    let skipped = 0;
    let at = 0;
    for (; at < order.length; at++) {
      const w = query.val[order[at]!]!;
      if (skipped + w * w >= limit) break;
      skipped += w * w;
    }
    if (this.sums.length < this.slots.length) this.sums = new Float64Array(this.slots.length * 2);
    const sums = this.sums;
    const touched: number[] = [];
    for (; at < order.length; at++) {
      const q = order[at]!;
      const list = this.postings.get(query.idx[q]!);
      if (!list) continue;
      const w = query.val[q]!;
      const { slots, at: positions } = list;
      for (let i = 0; i < slots.length; i++) {
        const slot = slots[i]!;
        const e = this.slots[slot];
        if (!e) continue;
        if (sums[slot] === 0) touched.push(slot);
        sums[slot]! += w * e.vector.val[positions[i]!]!;
      }
    }
    const reach = threshold - Math.sqrt(skipped) - 1e-6;
    const out: Entry[] = [];
    for (const slot of touched) {
      if (sums[slot]! >= reach) out.push(this.slots[slot]!);
      sums[slot] = 0;
    }
    return out;
  }
}
