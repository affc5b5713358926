import type { RoutedGeneration } from '../../../shared/contract/execution';
import type { RoutingDecision } from '../../../shared/contract/routing';
import type { CascadeOutcome, ChainModel } from '../cascade/cascade';
import type { AttemptTrace } from '../cascade/cascadeError';
import type { CachedAnswer } from '../cache/responseCache';
import type { SimilarHit } from '../similar/similarCache';
import { requestCostUsd, usageOf } from './cost';
import type { PriceBook, SpendAdmission } from './ports';

export interface ResultContext {
  requestId: string;
  decision: RoutingDecision;
  chain: readonly ChainModel[];
  simulated: boolean;
  latencyMs: number;
  timeToFirstTokenMs: number | null;
  budget: RoutedGeneration['budget'];
  prices: PriceBook;
}

const route = (c: ResultContext): RoutedGeneration['route'] => ({
  strategy: c.decision.strategy,
  matched: c.decision.matched,
  fallbackChain: c.chain.map((m) => m.modelKey),
});

const answeringTrace = (traces: readonly AttemptTrace[]): AttemptTrace | undefined =>
  [...traces].reverse().find((t) => t.attempt.outcome !== 'skipped');

/**
 * The RoutedGeneration of a cascade outcome. `payer` false: another caller's identical request
 * made the call and pays for it, so this one costs nothing.
 */
export function routedFromOutcome(o: CascadeOutcome, c: ResultContext, payer: boolean): RoutedGeneration {
  const trace = answeringTrace(o.traces);
  const usage = trace ? usageOf(trace, c.decision.tokens.input) : null;
  const partial = o.kind === 'partial';
  const latencyMs = Math.round(c.latencyMs);
  const e = partial ? o.error : null;
  return {
    requestId: c.requestId,
    modelKey: o.model.modelKey,
    provider: o.model.provider,
    model: o.model.model,
    output: o.kind === 'answer' ? o.result.text : o.error.partialText,
    finishReason: o.kind === 'answer' ? o.result.finishReason : 'error',
    latencyMs,
    timeToFirstTokenMs: Math.round(c.timeToFirstTokenMs ?? latencyMs),
    costUsd: payer ? requestCostUsd(o.traces, c.prices, c.decision.tokens.input) : 0,
    estimatedCostUsd: c.decision.estimate.costUsd,
    cacheHit: false,
    cache: null,
    similar: null,
    sharedFlight: !payer,
    simulated: c.simulated,
    promptTokens: usage?.promptTokens ?? null,
    completionTokens: usage?.completionTokens ?? null,
    cachedInputTokens: usage?.cachedInputTokens ?? null,
    usageSource: usage?.source ?? 'none',
    fallbackUsed: o.model.modelKey !== c.chain[0]?.modelKey,
    attempts: o.traces.map((t) => t.attempt),
    partial,
    error: e && { code: e.code, kind: e.kind, message: e.message, status: e.status, retryable: e.retryable },
    route: route(c),
    budget: c.budget,
    providerRequestId: o.kind === 'answer' ? o.result.requestId : (e?.requestId ?? null),
  };
}

/** A cache hit: no call, $0, the cached answer's token counts for reference. */
export function routedFromCache(hit: CachedAnswer, c: ResultContext): RoutedGeneration {
  const [provider, ...rest] = hit.modelKey.split('/');
  const latencyMs = Math.round(c.latencyMs);
  return {
    requestId: c.requestId,
    modelKey: hit.modelKey,
    provider: provider as RoutedGeneration['provider'],
    model: rest.join('/'),
    output: hit.output,
    finishReason: hit.finishReason,
    latencyMs,
    timeToFirstTokenMs: latencyMs,
    costUsd: 0,
    estimatedCostUsd: c.decision.estimate.costUsd,
    cacheHit: true,
    cache: 'exact',
    similar: null,
    sharedFlight: false,
    simulated: c.simulated,
    promptTokens: hit.promptTokens,
    completionTokens: hit.completionTokens,
    cachedInputTokens: null,
    usageSource: hit.promptTokens === null ? 'none' : 'reported',
    fallbackUsed: hit.modelKey !== c.chain[0]?.modelKey,
    attempts: [],
    partial: false,
    error: null,
    route: route(c),
    budget: c.budget,
    providerRequestId: null,
  };
}

/**
 * An answer from the similar-prompt cache: no call, $0. The prompt differs from the one answered,
 * so its tokens are this request's own estimate; the answer's are the stored answer's.
 */
export function routedFromSimilar(hit: SimilarHit, c: ResultContext): RoutedGeneration {
  const exact = routedFromCache(
    {
      modelKey: hit.modelKey,
      output: hit.output,
      finishReason: 'stop',
      promptTokens: c.decision.tokens.input,
      completionTokens: hit.completionTokens,
      cachedAt: 0,
    },
    c,
  );
  return {
    ...exact,
    cache: 'similar',
    similar: {
      sourceRequestId: hit.sourceRequestId,
      similarity: hit.similarity,
      sourcePrompt: hit.sourcePrompt,
      matchedOn: hit.matchedOn,
      note: hit.note,
    },
    usageSource: 'estimated',
  };
}

export const budgetView = (a: SpendAdmission | null, simulated: boolean): RoutedGeneration['budget'] =>
  simulated || a === null
    ? {
        enforced: false,
        reservationId: null,
        note: simulated
          ? 'Simulated: nothing was spent and no budget was touched; the cost is what it would have been.'
          : null,
      }
    : { enforced: a.enforced, reservationId: a.reservationId, note: a.note };
