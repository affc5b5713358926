import { isGenerationError } from '../../execution/generationError';
import { embeddingModelSpec, type EmbeddingModelSpec } from './embeddingModels';
import { textKey, unitVector, type EmbeddingStore } from './embeddingStore';

/**
 * How long a decision or a cache lookup waits for a prompt's embedding before it goes on with the
 * text features: a request must never hang on an optional helper.
 */
export const LOOKUP_TIMEOUT_MS = 2_000;
/**
 * Texts are embedded from their start up to this many characters (~2k tokens): under every listed
 * model's input limit (OpenAI 8,191 tokens, nomic-embed-text 2,048), so a long prompt never fails
 * for its length. Its key is still the hash of the whole text.
 */
export const MAX_EMBEDDED_CHARS = 8_000;
/** A text whose embedding just failed is not asked for again this soon (the decision and the cache lookup of one request share it). */
const FAILURE_MEMO_MS = 30_000;

/** A prompt's vector, or why there is none (said in decisions and similar-cache results). */
export type PromptVector =
  { vector: Float32Array; model: string } | { vector: null; model: string | null; unavailable: string };

/** One embeddings call as the ledger records it (its spend). */
export interface EmbeddingSpend {
  spec: EmbeddingModelSpec;
  tokens: number;
  texts: number;
  latencyMs: number;
  purpose: 'prompt' | 'history';
}

export interface EmbeddingCaller {
  /**
   * Vectors from the provider (through the execution room's adapter; the key stays in main). The
   * caller also writes the call's spend to the ledger (use case "embeddings") and holds its budget
   * reservation until that row is committed.
   */
  embed(
    spec: EmbeddingModelSpec,
    texts: string[],
    timeoutMs: number,
    purpose: EmbeddingSpend['purpose'],
  ): Promise<{ vectors: number[][]; tokens: number }>;
}

/** A failure that repeating the same texts would meet again (the provider refused them as such). */
export const refusesTexts = (e: unknown): boolean =>
  isGenerationError(e) && (e.kind === 'bad_request' || e.kind === 'context_length');

/** Why a call failed, for people: the provider's failure class, never a key or a prompt. */
export function failureReason(e: unknown, timeoutMs: number): string {
  if (isGenerationError(e)) {
    if (e.kind === 'timeout' || e.kind === 'cancelled') return `no answer within ${timeoutMs / 1000} s`;
    if (e.kind === 'auth') return 'the provider refused the key or none is stored';
    return `${e.kind.replace('_', ' ')}${e.status ? ` (HTTP ${e.status})` : ''}`;
  }
  return e instanceof Error ? e.message.slice(0, 200) : 'unknown failure';
}

/**
 * Prompt embeddings for the learned router and the similar-prompt cache: from the store when the
 * text was embedded before (a restart pays nothing again), else one call to the configured model,
 * shared by concurrent askers of the same text, bounded by a short timeout, its spend recorded.
 */
export class PromptEmbedder {
  private readonly inFlight = new Map<string, Promise<PromptVector>>();
  private readonly failures = new Map<string, { reason: string; until: number }>();
  lastError: { at: string; message: string } | null = null;

  constructor(
    private readonly store: EmbeddingStore | null,
    private readonly model: () => string | null,
    private readonly caller: EmbeddingCaller | null,
  ) {}

  /** The configured model's key, or null (off). */
  active(): string | null {
    return this.store && this.caller ? this.model() : null;
  }

  /** The stored vector of a text, without any call (the typing previews use this). */
  cached(text: string): PromptVector {
    const model = this.active();
    if (!model || !this.store) return { vector: null, model: null, unavailable: 'off' };
    const vector = this.store.get(model, textKey(text));
    return vector
      ? { vector, model }
      : { vector: null, model, unavailable: `${model}: not embedded yet, previews make no calls` };
  }

  /**
   * Vector of a stored example by its text key (sync; null when not embedded yet). Called per
   * example in loops, so a miss does not ask about other connections' commits each time (`peek`).
   */
  vectorByKey(key: string): Float32Array | null {
    const model = this.active();
    return model && this.store ? this.store.peek(model, key) : null;
  }

  /** The text's vector: stored, or fetched with at most one call bounded by `timeoutMs`. */
  vectorFor(text: string, timeoutMs = LOOKUP_TIMEOUT_MS): Promise<PromptVector> {
    const model = this.active();
    if (!model) return Promise.resolve({ vector: null, model: null, unavailable: 'off' });
    const key = textKey(text);
    const stored = this.store!.get(model, key);
    if (stored) return Promise.resolve({ vector: stored, model });
    const failed = this.failures.get(`${model} ${key}`);
    if (failed && failed.until > Date.now())
      return Promise.resolve({ vector: null, model, unavailable: failed.reason });
    const flightKey = `${model} ${key}`;
    let flight = this.inFlight.get(flightKey);
    if (!flight) {
      flight = this.fetch(model, key, text, timeoutMs).finally(() => this.inFlight.delete(flightKey));
      this.inFlight.set(flightKey, flight);
    }
    return flight;
  }

  private async fetch(model: string, key: string, text: string, timeoutMs: number): Promise<PromptVector> {
    try {
      await this.embedTexts(model, [{ key, text }], timeoutMs, 'prompt');
      const vector = this.store!.get(model, key);
      if (vector) return { vector, model };
      return { vector: null, model, unavailable: `${model}: the provider returned no vector` };
    } catch (e) {
      const reason = `${model}: ${failureReason(e, timeoutMs)}`;
      this.failures.set(`${model} ${key}`, { reason, until: Date.now() + FAILURE_MEMO_MS });
      if (this.failures.size > 1_000) this.failures.clear();
      return { vector: null, model, unavailable: reason };
    }
  }

  /**
   * Embeds texts in one call and stores their vectors; throws the provider's failure (recorded as
   * `lastError`). Used for one prompt and for the back-fill's batches.
   */
  async embedTexts(
    model: string,
    texts: readonly { key: string; text: string }[],
    timeoutMs: number,
    purpose: EmbeddingSpend['purpose'],
  ): Promise<void> {
    const spec = embeddingModelSpec(model);
    if (!spec || !this.caller || !this.store) throw new Error(`${model} is not an embeddings model here`);
    try {
      const { vectors } = await this.caller.embed(
        spec,
        texts.map((t) => t.text.slice(0, MAX_EMBEDDED_CHARS)),
        timeoutMs,
        purpose,
      );
      if (vectors.length !== texts.length)
        throw new Error(`expected ${texts.length} vectors, got ${vectors.length}`);
      this.store.putMany(
        model,
        texts.map((t, i) => ({ key: t.key, vector: unitVector(vectors[i]!) })),
      );
      this.lastError = null;
    } catch (e) {
      this.lastError = { at: new Date().toISOString(), message: `${model}: ${failureReason(e, timeoutMs)}` };
      throw e;
    }
  }

  hasStored(model: string, key: string): boolean {
    return this.store?.has(model, key) ?? false;
  }

  /** Vectors stored for the model in use. */
  storedCount(): number {
    const model = this.active();
    return model && this.store ? this.store.count(model) : 0;
  }
}
