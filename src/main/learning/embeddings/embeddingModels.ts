import type { ModelPrice } from '../../../shared/contract/catalog';
import { PROVIDER_IDS, type ProviderId } from '../../../shared/providers';
import { PROVIDER_SPECS, providerNeedsKey } from '../../execution/providers/catalog';

/** An embeddings model the Learning screen offers, with its list price (input tokens only). */
export interface EmbeddingModelSpec {
  provider: ProviderId;
  model: string;
  /** USD per million input tokens (embeddings have no output tokens). */
  inputPerMTok: number;
  /** Prices as published by the providers on this date. */
  asOf: string;
}

const AS_OF = '2026-11-01';

/**
 * Embeddings models with a known price. A keyed provider's model must be one of these (its calls
 * cost money, and the ledger needs the price); a local server (no key: Ollama, LM Studio, a custom
 * OpenAI-compatible URL) may name any model it serves, at $0.
 */
export const EMBEDDING_MODELS: readonly EmbeddingModelSpec[] = [
  { provider: 'openai', model: 'text-embedding-3-small', inputPerMTok: 0.02, asOf: AS_OF },
  { provider: 'openai', model: 'text-embedding-3-large', inputPerMTok: 0.13, asOf: AS_OF },
  { provider: 'google', model: 'gemini-embedding-001', inputPerMTok: 0.15, asOf: AS_OF },
  { provider: 'mistral', model: 'mistral-embed', inputPerMTok: 0.1, asOf: AS_OF },
  { provider: 'ollama', model: 'nomic-embed-text', inputPerMTok: 0, asOf: AS_OF },
  { provider: 'lmstudio', model: 'text-embedding-nomic-embed-text-v1.5', inputPerMTok: 0, asOf: AS_OF },
];

/** Providers whose SDK (or OpenAI-compatible API) has an embeddings endpoint here. */
export const embeddingProviders = (): ProviderId[] =>
  PROVIDER_IDS.filter((p) => PROVIDER_SPECS[p].embeddingModel !== undefined);

export const splitModelKey = (key: string): { provider: string; model: string } => {
  const at = key.indexOf('/');
  return { provider: key.slice(0, at), model: key.slice(at + 1) };
};

/** The model's spec, or null where the provider has no embeddings or a keyed provider's model is unknown. */
export function embeddingModelSpec(key: string): EmbeddingModelSpec | null {
  const { provider, model } = splitModelKey(key);
  const known = EMBEDDING_MODELS.find((m) => m.provider === provider && m.model === model);
  if (known) return known;
  const id = provider as ProviderId;
  if (!PROVIDER_IDS.includes(id) || !PROVIDER_SPECS[id].embeddingModel || providerNeedsKey(id)) return null;
  return { provider: id, model, inputPerMTok: 0, asOf: AS_OF };
}

/** The price the ledger stores with an embeddings call. */
export const embeddingPrice = (spec: EmbeddingModelSpec): ModelPrice => ({
  inputPerMTok: spec.inputPerMTok,
  outputPerMTok: 0,
  cachedInputPerMTok: null,
  longContext: null,
  perRequestUsd: 0,
  asOf: spec.asOf,
  source: 'Switchyard embeddings price list',
});
