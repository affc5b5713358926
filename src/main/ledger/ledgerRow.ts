import { createHash } from 'node:crypto';
import { SwitchyardError } from '../core/errors';
import { sourceCode, statusCode } from './ledgerCodes';
import type { AttemptRecord, RecordOptions, RequestRecord, RoutingFeatures } from './ledgerEntry';
import { costNanos, unitPricesFor, type UnitPrices } from './money';

export interface AttemptRow {
  provider: string;
  model: string;
  status: number;
  errorKind: string | null;
  latencyMs: number;
  tokensIn: number;
  tokensOut: number;
  tokensCached: number | null;
  costNanos: number;
  prices: UnitPrices;
  usageEstimated: boolean;
}

/** A request ready to insert: costs computed, names still strings (interned at flush time). */
export interface RequestRow {
  startedAt: number;
  latencyMs: number;
  ttftMs: number | null;
  source: number;
  status: number;
  provider: string | null;
  model: string | null;
  useCase: string | null;
  strategy: string | null;
  decision: string | null;
  arm: string | null;
  costNanos: number;
  tokensIn: number;
  tokensOut: number;
  prices: UnitPrices | null;
  savedNanos: number | null;
  cacheHit: boolean;
  dedup: boolean;
  fallbackUsed: boolean;
  usageEstimated: boolean;
  promptHash: bigint | null;
  prompt: string | null;
  attempts: AttemptRow[];
  reservationId: number | null;
  features: FeaturesRow | null;
  parent: { taskId: number; chunk: string } | null;
  requestKey: string | null;
  answer: { text: string; temperature: number | null } | null;
  /** Similarity × 1000. */
  similarHit: { sourceRequestId: number; similarity: number } | null;
}

/** `ledger_features` values: scores as integers × 1000. */
export interface FeaturesRow {
  inputTokens: number;
  outputTokens: number;
  complexity: number;
  useCaseConfidence: number;
  vision: boolean;
}

const count = (v: number, what: string): number => {
  if (!Number.isFinite(v) || v < 0) {
    throw new SwitchyardError('VALIDATION_FAILED', `Ledger record: ${what} must be a non-negative number.`);
  }
  return Math.round(v);
};

/** Provider-reported usage where present, our estimate where not; a broken stream never bills $0. */
function attemptRow(a: AttemptRecord): AttemptRow {
  const reportedIn = a.usage?.inputTokens ?? null;
  const reportedOut = a.usage?.outputTokens ?? null;
  let tokensIn = count(reportedIn ?? a.estimate.inputTokens, 'input tokens');
  let tokensOut = count(reportedOut ?? a.estimate.outputTokens, 'output tokens');
  if (a.status === 'partial') {
    // Something was delivered, so something was billed upstream.
    tokensIn = Math.max(1, tokensIn);
    tokensOut = Math.max(1, tokensOut);
  }
  const tokensCached = a.usage?.cachedInputTokens ?? null;
  const prices = unitPricesFor(a.price, tokensIn);
  return {
    provider: a.provider,
    model: a.model,
    status: statusCode(a.status),
    errorKind: a.errorKind ?? null,
    latencyMs: count(a.latencyMs, 'latency'),
    tokensIn,
    tokensOut,
    tokensCached,
    costNanos: costNanos(
      { inputTokens: tokensIn, outputTokens: tokensOut, cachedInputTokens: tokensCached ?? 0 },
      prices,
    ),
    prices,
    usageEstimated: reportedIn === null || reportedOut === null,
  };
}

const fraction = (v: number, what: string): number => {
  if (!Number.isFinite(v) || v < 0 || v > 1) {
    throw new SwitchyardError('VALIDATION_FAILED', `Ledger record: ${what} must be between 0 and 1.`);
  }
  return Math.round(v * 1000);
};

function featuresRow(f: RoutingFeatures): FeaturesRow {
  return {
    inputTokens: count(f.inputTokens, 'feature input tokens'),
    outputTokens: count(f.expectedOutputTokens, 'feature output tokens'),
    complexity: fraction(f.complexity, 'complexity'),
    useCaseConfidence: fraction(f.useCaseConfidence, 'use case confidence'),
    vision: f.vision,
  };
}

export function promptHash(prompt: string): bigint {
  const digest = createHash('sha256').update(prompt).digest();
  return digest.readBigInt64BE(0);
}

/** Validates and prices a record; the prompt is kept so the writer can store it if the user opted in. */
export function toRequestRow(r: RequestRecord, opts: RecordOptions): RequestRow {
  const attempts = r.attempts.map(attemptRow);
  const answering = attempts.at(-1) ?? null;
  const hit = r.cacheHit ?? null;
  const hitPrices = hit ? unitPricesFor(hit.price, hit.inputTokens) : null;
  const tokensIn = hit ? count(hit.inputTokens, 'input tokens') : (answering?.tokensIn ?? 0);
  const tokensOut = hit ? count(hit.outputTokens, 'output tokens') : (answering?.tokensOut ?? 0);
  return {
    startedAt: count(r.startedAt, 'startedAt'),
    latencyMs: count(r.latencyMs, 'latency'),
    ttftMs: r.ttftMs === null || r.ttftMs === undefined ? null : count(r.ttftMs, 'time to first token'),
    source: sourceCode(r.source),
    status: statusCode(r.status),
    provider: hit?.provider ?? answering?.provider ?? null,
    model: hit?.model ?? answering?.model ?? null,
    useCase: r.useCase ?? null,
    strategy: r.strategy ?? null,
    decision: r.decision ?? null,
    arm: r.arm ?? null,
    costNanos: attempts.reduce((sum, a) => sum + a.costNanos, 0),
    tokensIn,
    tokensOut,
    prices: hitPrices ?? answering?.prices ?? null,
    savedNanos:
      hit && hitPrices
        ? costNanos({ inputTokens: tokensIn, outputTokens: tokensOut, cachedInputTokens: 0 }, hitPrices)
        : null,
    cacheHit: hit !== null,
    dedup: r.dedup ?? false,
    fallbackUsed: r.fallbackUsed ?? false,
    usageEstimated: attempts.some((a) => a.usageEstimated),
    promptHash: r.prompt ? promptHash(r.prompt) : null,
    prompt: r.prompt ?? null,
    attempts,
    reservationId: opts.reservationId ?? null,
    features: r.features ? featuresRow(r.features) : null,
    parent: r.parent ?? null,
    requestKey: r.requestKey ?? null,
    answer: r.answer ?? null,
    similarHit: r.similarHit
      ? {
          sourceRequestId: count(r.similarHit.sourceRequestId, 'similar source request id'),
          similarity: fraction(r.similarHit.similarity, 'similarity'),
        }
      : null,
  };
}
