import type { ModelPrice } from '../../../shared/contract/catalog';
import type { RoutingDecision } from '../../../shared/contract/routing';
import type { AttemptStatus, RequestSource, RequestStatus } from '../../ledger/ledgerCodes';
import type { AttemptRecord, RequestRecord } from '../../ledger/ledgerEntry';
import { roughTokenCount } from '../../ledger/streamSpend';
import type { AttemptTrace } from '../cascade/cascadeError';
import type { PriceBook } from './ports';

/** A model the catalog does not price (a custom server): recorded at $0, and the row says why. */
const UNPRICED: ModelPrice = {
  inputPerMTok: 0,
  outputPerMTok: 0,
  cachedInputPerMTok: null,
  longContext: null,
  perRequestUsd: 0,
  asOf: '',
  source: 'not in the catalog: cost unknown',
};

function attemptStatus(t: AttemptTrace): AttemptStatus {
  if (t.attempt.outcome === 'ok') return 'ok';
  if (t.deliveredText !== '') return 'partial';
  return t.attempt.errorKind === 'cancelled' ? 'cancelled' : 'error';
}

export interface RequestFacts {
  startedAt: number;
  latencyMs: number;
  ttftMs: number | null;
  source: RequestSource;
  status: RequestStatus;
  decision: RoutingDecision;
  fallbackUsed: boolean;
  /** Answered by another caller's identical request: no calls of its own to record. */
  dedup: boolean;
  traces: readonly AttemptTrace[];
  cacheHit: { modelKey: string; promptTokens: number; completionTokens: number } | null;
}

const priceOf = (prices: PriceBook, key: string): ModelPrice => prices.price(key) ?? UNPRICED;

function attemptRecord(t: AttemptTrace, estimatedInput: number, prices: PriceBook): AttemptRecord {
  const reported = t.usage.inputTokens !== null || t.usage.outputTokens !== null;
  return {
    provider: t.attempt.provider,
    model: t.attempt.model,
    status: attemptStatus(t),
    errorKind: t.attempt.errorKind,
    latencyMs: t.attempt.latencyMs,
    usage: reported ? t.usage : null,
    estimate: { inputTokens: estimatedInput, outputTokens: roughTokenCount(t.deliveredText) },
    price: priceOf(prices, t.attempt.modelKey),
  };
}

/**
 * The ledger's row for one request: every call it made (skipped models made none). Helpers live at
 * module level rather than as closures here: under tsx every named closure made per request also
 * costs a property definition (`__name`), which the gateway bench's profile showed on this path.
 */
export function toRequestRecord(f: RequestFacts, prices: PriceBook): RequestRecord {
  const estimatedInput = f.decision.tokens.input;
  const attempts: AttemptRecord[] = [];
  if (!f.dedup)
    for (const t of f.traces)
      if (t.attempt.outcome !== 'skipped') attempts.push(attemptRecord(t, estimatedInput, prices));
  return {
    startedAt: f.startedAt,
    latencyMs: f.latencyMs,
    ttftMs: f.ttftMs,
    source: f.source,
    status: f.status,
    useCase: f.decision.useCase.value,
    strategy: f.decision.strategy,
    decision: f.decision.matched,
    fallbackUsed: f.fallbackUsed,
    dedup: f.dedup,
    features: {
      inputTokens: f.decision.tokens.reference ?? f.decision.tokens.input,
      expectedOutputTokens: f.decision.tokens.output,
      complexity: f.decision.complexity.score,
      useCaseConfidence: f.decision.useCase.value ? f.decision.useCase.confidence : 0,
      vision: f.decision.vision ?? false,
    },
    attempts,
    cacheHit: f.cacheHit
      ? {
          provider: f.cacheHit.modelKey.slice(0, f.cacheHit.modelKey.indexOf('/')),
          model: f.cacheHit.modelKey.slice(f.cacheHit.modelKey.indexOf('/') + 1),
          inputTokens: f.cacheHit.promptTokens,
          outputTokens: f.cacheHit.completionTokens,
          price: priceOf(prices, f.cacheHit.modelKey),
        }
      : null,
  };
}
