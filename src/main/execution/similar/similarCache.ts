import type { SimilarCacheSettings, SimilarCacheView } from '../../../shared/contract/execution';
import type { ParsedRoutingRequest } from '../../../shared/contract/routing';
import { parseStoredPrompt } from '../../ledger/requestHistory';
import { storedMessages } from '../service/requestMessages';
import type { ChatMessage } from '../types';
import { SimilarIndex } from './similarIndex';
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

export interface SimilarHit {
  /** Ledger id of the request whose answer is reused. */
  sourceRequestId: number;
  /** Cosine, rounded to 3 decimals. */
  similarity: number;
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
   * cannot be read (locked, damaged) costs the cache a hit, never the request its answer.
   */
  lookup(ask: SimilarAsk): SimilarHit | null {
    try {
      return this.tryLookup(ask);
    } catch {
      return null;
    }
  }

  private tryLookup(ask: SimilarAsk): SimilarHit | null {
    if (!this.source || ask.simulated || ask.partOfTask) return null;
    if (!requestAllowsSimilar(ask.request, ask.cache)) return null;
    if (!temperatureAllowed(ask.temperature)) return null;
    const settings = this.settings();
    if (!settings.enabled) return null;
    const query = similarQuery(storedMessages(ask.messages), ask.useCase);
    if (!query) return null;
    const index = this.loaded(this.source);
    const accepted = acceptedModels(ask.request, ask.chain);
    for (;;) {
      const match = index.find({
        ...query,
        threshold: settings.threshold,
        accepts: (e) => accepted.has(e.modelKey) && e.completionTokens <= ask.maxOutputTokens,
      });
      if (!match) return null;
      const stored = this.source.answer(match.entry.id);
      if (!stored) {
        // Retention removed it since it was indexed: forget it and look again.
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
    this.index.add({ id: ledgerId, scope: query.scope, modelKey, completionTokens }, query.text);
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
          { id: row.id, scope: query.scope, modelKey: row.modelKey, completionTokens: row.completionTokens },
          query.text,
        );
      }
      if (from + BUILD_SLICE < rows.length) setImmediate(() => addSlice(from + BUILD_SLICE)).unref();
    };
    addSlice(0);
    return index;
  }
}
