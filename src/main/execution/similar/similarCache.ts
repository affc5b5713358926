import type { SimilarCacheSettings, SimilarCacheView } from '../../../shared/contract/execution';
import type { ParsedRoutingRequest } from '../../../shared/contract/routing';
import { parseStoredPrompt } from '../../ledger/requestHistory';
import { storedMessages } from '../service/requestMessages';
import type { ChatMessage } from '../types';
import { textKey } from '../../learning/embeddings/embeddingStore';
import type { PromptVector } from '../../learning/embeddings/promptEmbedder';
import { SimilarIndex, type IndexedAnswer, type SimilarMatch } from './similarIndex';
import { acceptedModels, requestAllowsSimilar, similarQuery, temperatureAllowed } from './similarRule';
import type { SimilarSettingsStore } from './similarSettings';
import type { SimilarAnswerSource } from './similarSource';

/** Prompts the index holds at most (oldest out first); README "Similar-prompt cache" has the lookup time. */
export const SIMILAR_INDEX_CAPACITY = 10_000;
const EXCERPT_CHARS = 160;
/**
 * Stored prompts indexed at once when the index is built; the rest follow in slices of this size,
 * one per event-loop turn, so building it from a full ledger (10k long prompts: seconds, see the
 * README) never stalls requests. Lookups meanwhile see the prompts indexed so far.
 */
const BUILD_SLICE = 500;

/** One request as the similar-prompt cache sees it, once routed. */
export interface SimilarAsk {
  request: ParsedRoutingRequest;
  /** The run's `cache` option: false means "run it for real". */
  cache: boolean | undefined;
  simulated: boolean;
  /** A chunk of a heavy task or a batch row (`RunOptions.parent`): never answered from this cache. */
  partOfTask: boolean;
  messages: readonly ChatMessage[];
  useCase: string | null;
  /** The decision's routed model and fallbacks. */
  chain: readonly { modelKey: string }[];
  temperature: number | null | undefined;
  maxOutputTokens: number;
}

/** The learning room's prompt embeddings, as the cache uses them (absent or off: text features only). */
export interface SimilarEmbeddings {
  /** The embeddings model in use, or null (off). */
  active(): string | null;
  /** The text's vector: stored, or one call bounded by a short timeout; or why there is none. */
  vectorFor(text: string): Promise<PromptVector>;
  /** A stored prompt's vector by its text key (null: not embedded yet). */
  vectorByKey(key: string): Float32Array | null;
}

export interface SimilarHit {
  /** Ledger id of the request whose answer is reused. */
  sourceRequestId: number;
  /** Cosine, rounded to 3 decimals. */
  similarity: number;
  /** What the cosine was taken of: the prompts' embeddings, or their text features (TF-IDF). */
  matchedOn: 'embeddings' | 'text features';
  /** Why text features were used although embeddings are on ("embeddings unavailable (…): …"). */
  note: string | null;
  modelKey: string;
  output: string;
  completionTokens: number;
  /** The start of the reused request's last user message. */
  sourcePrompt: string;
}

const excerpt = (text: string): string => {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length <= EXCERPT_CHARS ? flat : `${flat.slice(0, EXCERPT_CHARS - 1)}…`;
};

/**
 * The similar-prompt cache (opt-in): settings, the in-memory index (loaded from the ledger on the
 * first lookup while the cache is on, then kept up to date with every stored answer) and the rule
 * of when an answer may be reused (similarRule.ts). Answer texts stay in the ledger and are read
 * only on a hit.
 */
export class SimilarPromptCache {
  private index: SimilarIndex | null = null;
  /** Bumped when the index is dropped, so a build still running for the old one stops. */
  private generation = 0;

  constructor(
    private readonly settingsStore: SimilarSettingsStore,
    private readonly source: SimilarAnswerSource | null,
    private readonly capacity = SIMILAR_INDEX_CAPACITY,
    private readonly embeddings: SimilarEmbeddings | null = null,
  ) {}

  settings(): SimilarCacheSettings {
    return this.settingsStore.get();
  }

  view(): SimilarCacheView {
    return {
      ...this.settings(),
      indexed: this.index?.size ?? 0,
      storePrompts: this.source?.storePrompts() ?? false,
    };
  }

  update(patch: Partial<SimilarCacheSettings>): SimilarCacheView {
    const next = this.settingsStore.set(patch);
    // Off: the memory goes; on again, the index is rebuilt from the ledger on the next lookup.
    if (!next.enabled) {
      this.index = null;
      this.generation += 1;
    } else this.warm();
    return this.view();
  }

  /** Starts building the index from the ledger now if the cache is on (at start-up, when turned on). */
  warm(): void {
    try {
      if (this.source && !this.index && this.settings().enabled) this.loaded(this.source);
    } catch {
      // The ledger cannot be read now: the first lookup tries again.
      this.index = null;
    }
  }

  /**
   * A stored answer this request may take instead of a call, or null. Never throws: a ledger that
   * cannot be read (locked, damaged) costs the cache a hit, never the request its answer. With
   * embeddings on, the prompt's vector is compared first (at most one embeddings call, short
   * timeout); without a hit there, or without a vector, the text features decide as before.
   */
  async lookup(ask: SimilarAsk): Promise<SimilarHit | null> {
    try {
      return await this.tryLookup(ask);
    } catch {
      return null;
    }
  }

  private async tryLookup(ask: SimilarAsk): Promise<SimilarHit | null> {
    if (!this.source || ask.simulated || ask.partOfTask) return null;
    if (!requestAllowsSimilar(ask.request, ask.cache)) return null;
    if (!temperatureAllowed(ask.temperature)) return null;
    const settings = this.settings();
    if (!settings.enabled) return null;
    const query = similarQuery(storedMessages(ask.messages), ask.useCase);
    if (!query) return null;
    const index = this.loaded(this.source);
    if (!index.hasScope(query.scope)) return null;
    const accepted = acceptedModels(ask.request, ask.chain);
    const lookup = {
      ...query,
      threshold: settings.threshold,
      accepts: (e: IndexedAnswer) => accepted.has(e.modelKey) && e.completionTokens <= ask.maxOutputTokens,
    };
    let note: string | null = null;
    const embeddings = this.embeddings;
    if (embeddings?.active()) {
      const v = await embeddings.vectorFor(query.text);
      if (v.vector) {
        const vector = v.vector;
        const hit = this.firstAnswer(index, () =>
          index.findByVector({ ...lookup, vector, vectorOf: (key) => embeddings.vectorByKey(key) }),
        );
        if (hit) return { ...hit, matchedOn: 'embeddings', note: null };
      } else note = `embeddings unavailable (${v.unavailable}): matched on text features`;
    }
    const hit = this.firstAnswer(index, () => index.find(lookup));
    return hit ? { ...hit, matchedOn: 'text features', note } : null;
  }

  /** The best match whose answer is still in the ledger (retention may have removed one since). */
  private firstAnswer(
    index: SimilarIndex,
    find: () => SimilarMatch | null,
  ): Omit<SimilarHit, 'matchedOn' | 'note'> | null {
    for (;;) {
      const match = find();
      if (!match) return null;
      const stored = this.source?.answer(match.entry.id);
      if (!stored) {
        index.remove(match.entry.id);
        continue;
      }
      return {
        sourceRequestId: match.entry.id,
        similarity: Math.round(match.similarity * 1000) / 1000,
        modelKey: match.entry.modelKey,
        output: stored.text,
        completionTokens: stored.completionTokens,
        sourcePrompt: excerpt(parseStoredPrompt(stored.prompt).at(-1)?.content ?? ''),
      };
    }
  }

  /**
   * Whether a finished answer of this request is worth storing for later reuse: the same rule as
   * a lookup, apart from `cache: false` (a fresh answer asked for on purpose is a good one to keep).
   */
  storable(ask: SimilarAsk, finishReason: string): boolean {
    return (
      this.source !== null &&
      finishReason === 'stop' &&
      !ask.simulated &&
      requestAllowsSimilar(ask.request, undefined) &&
      temperatureAllowed(ask.temperature)
    );
  }

  /** A stored answer was committed to the ledger as `ledgerId`: the index (if loaded) learns it. */
  remember(ask: SimilarAsk, ledgerId: number, modelKey: string, completionTokens: number): void {
    if (!this.index) return;
    const query = similarQuery(storedMessages(ask.messages), ask.useCase);
    if (!query) return;
    // With embeddings on, the stored prompt gets its vector now (once; a no-op when its lookup
    // fetched it), so the next paraphrase can match it without waiting for the back-fill.
    if (this.embeddings?.active()) void this.embeddings.vectorFor(query.text).catch(() => undefined);
    this.index.add(
      { id: ledgerId, scope: query.scope, modelKey, completionTokens, embedKey: textKey(query.text) },
      query.text,
    );
  }

  private loaded(source: SimilarAnswerSource): SimilarIndex {
    if (this.index) return this.index;
    const rows = source.load(this.capacity);
    const index = new SimilarIndex(this.capacity);
    this.index = index;
    const generation = this.generation;
    const addSlice = (from: number): void => {
      if (generation !== this.generation) return;
      for (const row of rows.slice(from, from + BUILD_SLICE)) {
        const query = similarQuery(parseStoredPrompt(row.prompt), row.useCase);
        if (!query) continue;
        index.add(
          {
            id: row.id,
            scope: query.scope,
            modelKey: row.modelKey,
            completionTokens: row.completionTokens,
            embedKey: textKey(query.text),
          },
          query.text,
        );
      }
      if (from + BUILD_SLICE < rows.length) setImmediate(() => addSlice(from + BUILD_SLICE)).unref();
    };
    addSlice(0);
    return index;
  }
}
