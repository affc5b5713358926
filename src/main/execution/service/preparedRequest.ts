import type { RoutedGeneration } from '../../../shared/contract/execution';
import type { RoutingDecision } from '../../../shared/contract/routing';
import { toContractError } from '../../core/errors';
import type { RequestSource, RequestStatus } from '../../ledger/ledgerCodes';
import { serialisePrompt } from '../../ledger/requestHistory';
import type { ChatMessage } from '../types';
import type { ChainModel } from '../cascade/cascade';
import type { AttemptTrace } from '../cascade/cascadeError';
import type { RequestRecord } from '../../ledger/ledgerEntry';
import { toRequestRecord } from './ledgerRecord';
import { storedMessages } from './requestMessages';
import type { AttemptRecorder, PriceBook, SpendAdmission, SpendGuard } from './ports';
import { budgetView, type ResultContext } from './routedResult';

export interface RunOptions {
  source: RequestSource;
  signal?: AbortSignal;
  onDelta?: (text: string) => void;
  /** Broadcast execution.* events (the gateway, which streams to its own client, turns them off). */
  emitEvents?: boolean;
  /**
   * A model is about to be called by this request's own cascade (not for a cache hit or a shared
   * flight); `fallback` when it is not the first of the chain. The gateway names it in stream headers.
   */
  onModelCall?: (model: { modelKey: string; provider: string; model: string }, fallback: boolean) => void;
  /** The heavy task this request is one chunk of: its ledger row is linked to the task's parent row. */
  parent?: { taskId: number; chunk: string };
  /** Answered from a cache instead of a call (before its text is delivered); the gateway says so in headers. */
  onCacheHit?: (hit: {
    kind: 'exact' | 'similar';
    similarity: number | null;
    sourceRequestId: number | null;
  }) => void;
}

/** One request once routed: what its result and its ledger row are built from. */
export interface Prepared {
  requestId: string;
  decision: RoutingDecision;
  chain: ChainModel[];
  simulated: boolean;
  startedAt: number;
  t0: number;
  firstDeltaAt: number | null;
  opts: RunOptions;
  /** The chat as sent: the ledger hashes it, and keeps its text if the user opted in (storePrompts). */
  messages: readonly ChatMessage[];
  /** The A/B arm label (`<experiment>/<arm>`) the request was assigned to, if any. */
  arm?: string | null;
}

/** The routed model, then its fallbacks, each once. */
export function chainOf(d: RoutingDecision): ChainModel[] {
  const all = [{ modelKey: d.modelKey, provider: d.provider, model: d.model }, ...d.fallbackChain];
  const seen = new Set<string>();
  return all
    .filter((m) => !seen.has(m.modelKey) && seen.add(m.modelKey))
    .map((m) => ({ modelKey: m.modelKey, provider: m.provider, model: m.model }));
}

/** The chain with the budget-admitted model first (a downgrade). */
export function moveFirst(chain: ChainModel[], modelKey: string): ChainModel[] {
  const first = chain.find((m) => m.modelKey === modelKey);
  return first ? [first, ...chain.filter((m) => m !== first)] : chain;
}

export function resultContext(
  p: Prepared,
  admission: SpendAdmission | null,
  prices: PriceBook,
): ResultContext {
  const now = performance.now();
  return {
    requestId: p.requestId,
    decision: p.decision,
    chain: p.chain,
    simulated: p.simulated,
    latencyMs: now - p.t0,
    timeToFirstTokenMs: p.firstDeltaAt === null ? null : p.firstDeltaAt - p.t0,
    budget: budgetView(admission, p.simulated),
    prices,
  };
}

/**
 * Writes the request to the ledger (settling its reservation). Simulated requests are not
 * recorded: nothing was spent. A ledger that cannot write does not cost the user the answer;
 * the reservation is released and the returned note says what happened.
 */
export async function recordRequest(
  deps: { prices: PriceBook; recorder: AttemptRecorder; spend: SpendGuard },
  p: Prepared,
  status: RequestStatus,
  traces: readonly AttemptTrace[],
  dedup: boolean,
  admission: SpendAdmission | null,
  result: RoutedGeneration | null,
  cacheHit: { modelKey: string; promptTokens: number; completionTokens: number } | null = null,
  extra: {
    /** Stored with the prompt (if the user opted in) for the similar-prompt cache. */
    answer?: RequestRecord['answer'];
    similarHit?: RequestRecord['similarHit'];
    /** The row was committed as this ledger id. */
    onRecorded?: (ledgerId: number) => void;
  } = {},
): Promise<string | null> {
  if (p.simulated) return null;
  const record = toRequestRecord(
    {
      startedAt: p.startedAt,
      latencyMs: Math.round(performance.now() - p.t0),
      ttftMs: result?.timeToFirstTokenMs ?? null,
      source: p.opts.source,
      status,
      decision: p.decision,
      fallbackUsed: result?.fallbackUsed ?? false,
      dedup,
      traces,
      cacheHit,
    },
    deps.prices,
  );
  record.prompt = serialisePrompt(storedMessages(p.messages));
  if (p.opts.parent) record.parent = p.opts.parent;
  // The gateway hands the request id to its client (x-switchyard-request-id): keep it findable.
  if (p.opts.source === 'gateway') record.requestKey = p.requestId;
  if (p.arm) record.arm = p.arm;
  if (extra.answer) record.answer = extra.answer;
  if (extra.similarHit) record.similarHit = extra.similarHit;
  try {
    const receipt = await deps.recorder.record(record, { reservationId: admission?.reservationId ?? null });
    if (receipt && extra.onRecorded) extra.onRecorded(receipt.id);
    return null;
  } catch (e) {
    if (admission) deps.spend.release(admission);
    return `The ledger could not record this request: ${toContractError(e).message}`;
  }
}
