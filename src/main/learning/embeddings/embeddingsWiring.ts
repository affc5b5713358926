import type { EmbeddingModelOption } from '../../../shared/contract/learning';
import { isProviderId, type ProviderId } from '../../../shared/providers';
import { SwitchyardError, isSwitchyardError } from '../../core/errors';
import { ProviderAdapter } from '../../execution/providers/adapter';
import type { Services } from '../../services';
import {
  EMBEDDING_MODELS,
  type EmbeddingModelSpec,
  embeddingModelSpec,
  embeddingPrice,
  embeddingProviders,
  splitModelKey,
} from './embeddingModels';
import type { EmbeddingCaller, EmbeddingSpend } from './promptEmbedder';

/** The ledger's use case for embeddings calls: budgets and the Costs screen see their spend under it. */
export const EMBEDDINGS_USE_CASE = 'embeddings';

/**
 * Embeddings calls through the execution room's provider adapter (the key is read from the
 * keychain here, in main, and never leaves it) and their spend in the ledger: one request row per
 * call, use case "embeddings", priced from the embeddings price list, no prompt stored.
 */
export function embeddingCallerFor(s: Services): EmbeddingCaller {
  return {
    embed: async (spec, texts, timeoutMs, purpose) => {
      if (!s.providers.settings(spec.provider).enabled)
        throw new Error(`the provider ${spec.provider} is switched off in Settings`);
      const connection = await s.providers.connection(spec.provider);
      // Hard budgets that cover the embeddings spend (global, use case, the model's provider or
      // the model) are checked by the budget gate like any call; a refusal skips the call (the
      // caller falls back to text features and says why). Soft budgets only warn, via the ledger.
      const reservation = s.database ? reserveEmbeddings(s, spec, texts) : null;
      const release = () => {
        if (reservation) s.requireBudget().release(reservation);
      };
      const started = performance.now();
      let result: { vectors: number[][]; tokens: number };
      try {
        result = await new ProviderAdapter(connection).embed(spec.model, texts, { timeoutMs });
      } catch (e) {
        release();
        throw e;
      }
      const spend = {
        spec,
        tokens: result.tokens,
        texts: texts.length,
        latencyMs: Math.round(performance.now() - started),
        purpose,
      };
      // The reservation is held until the spend row is committed, so a concurrent call never sees
      // the budget without this call's money. Not awaited: the vectors are not held up by the
      // ledger's group commit; a ledger that cannot write says so on the Status screen.
      if (s.database)
        void s
          .requireLedger()
          .record(spendRecord(spend, s.options.shell === 'cli' ? 'cli' : 'ui'))
          .catch(() => undefined)
          .then(() => {
            try {
              release();
            } catch {
              // The database closed meanwhile (shutdown): the reservation expires and is swept.
            }
          });
      return result;
    },
  };
}

/** The most an embeddings call can cost (about 4 characters a token), held against hard budgets while it runs. */
function reserveEmbeddings(s: Services, spec: EmbeddingModelSpec, texts: readonly string[]) {
  try {
    return s.requireBudget().reserve({
      provider: spec.provider,
      model: spec.model,
      useCase: EMBEDDINGS_USE_CASE,
      estimatedInputTokens: Math.ceil(texts.reduce((n, t) => n + t.length, 0) / 4),
      maxOutputTokens: 0,
      price: embeddingPrice(spec),
    });
  } catch (e) {
    if (isSwitchyardError(e) && e.code === 'BUDGET_EXCEEDED')
      throw new Error(`embeddings skipped: budget exhausted (${e.message.split(';')[0]})`);
    throw e;
  }
}

function spendRecord(spend: EmbeddingSpend, source: 'cli' | 'ui') {
  const { spec, tokens, latencyMs } = spend;
  return {
    startedAt: Date.now() - latencyMs,
    latencyMs,
    source,
    status: 'ok' as const,
    useCase: EMBEDDINGS_USE_CASE,
    strategy: null,
    decision:
      spend.purpose === 'history'
        ? `embeddings: ${spend.texts} stored prompts (back-fill)`
        : 'embeddings: a prompt (learned router, similar-prompt cache)',
    prompt: null,
    attempts: [
      {
        provider: spec.provider,
        model: spec.model,
        status: 'ok' as const,
        latencyMs,
        usage: { inputTokens: tokens, outputTokens: 0, cachedInputTokens: null },
        estimate: { inputTokens: tokens, outputTokens: 0 },
        price: embeddingPrice(spec),
      },
    ],
  };
}

/** Why a provider's embeddings cannot be used now, or null when they can. */
async function unavailableReason(s: Services, provider: ProviderId): Promise<string | null> {
  const view = await s.providers.get(provider);
  if (!view.enabled) return `${view.displayName} is switched off in Settings`;
  if (view.keyRequired && !view.key.present) return `no API key is stored for ${view.displayName}`;
  if (!view.effectiveBaseUrl) return `${view.displayName} needs a base URL in Settings`;
  return null;
}

/** The embeddings models of every provider with an embeddings endpoint here, for the Learning screen. */
export async function embeddingModelOptions(s: Services): Promise<EmbeddingModelOption[]> {
  const out: EmbeddingModelOption[] = [];
  for (const provider of embeddingProviders()) {
    const models = EMBEDDING_MODELS.filter((m) => m.provider === provider);
    if (models.length === 0) continue;
    const reason = await unavailableReason(s, provider);
    for (const m of models)
      out.push({
        modelKey: `${m.provider}/${m.model}`,
        provider,
        inputPerMTok: m.inputPerMTok,
        available: reason === null,
        reason,
      });
  }
  return out;
}

/** EMBEDDINGS_MODEL_INVALID unless the model can be used now: offered by its provider here, key stored, provider on. */
export async function checkEmbeddingsModel(s: Services, key: string): Promise<void> {
  const { provider } = splitModelKey(key);
  const invalid = (message: string, reason: string): SwitchyardError =>
    new SwitchyardError('EMBEDDINGS_MODEL_INVALID', message, { model: key, reason });
  if (!isProviderId(provider)) throw invalid(`There is no provider "${provider}".`, 'unknown_provider');
  if (!embeddingProviders().includes(provider))
    throw invalid(
      `${provider} has no embeddings model here; pick one from OpenAI, Google, Mistral or an OpenAI-compatible server.`,
      'no_embeddings',
    );
  if (!embeddingModelSpec(key))
    throw invalid(
      `${key} is not in the embeddings price list (${EMBEDDING_MODELS.filter((m) => m.provider === provider)
        .map((m) => m.model)
        .join(', ')}); its calls could not be priced.`,
      'unknown_model',
    );
  const reason = await unavailableReason(s, provider);
  if (reason) throw invalid(`${key} cannot be used now: ${reason}.`, 'unavailable');
}
