import type { ModelPrice } from '../../shared/contract/catalog';
import type { AttemptStatus, RequestSource, RequestStatus } from './ledgerCodes';

/** Usage exactly as the provider reported it; null where it reported nothing. */
export interface ReportedUsage {
  inputTokens: number | null;
  outputTokens: number | null;
  cachedInputTokens: number | null;
}

/** One call to one model, as the execution room saw it. */
export interface AttemptRecord {
  provider: string;
  model: string;
  status: AttemptStatus;
  /** The execution room's failure class (rate_limit, stream_cut, …). */
  errorKind?: string | null;
  latencyMs: number;
  usage: ReportedUsage | null;
  /**
   * Our own counts, used wherever the provider reported nothing: the routing estimate of the
   * input, and the output actually delivered (a broken stream's text so far). The row is then
   * marked `usage_estimated`.
   */
  estimate: { inputTokens: number; outputTokens: number };
  /** The catalog price of the model at the moment of the call; it is stored with the row. */
  price: ModelPrice;
}

/** An answer served from Switchyard's response cache: no call, nothing billed, money saved. */
export interface CacheHitRecord {
  provider: string;
  model: string;
  inputTokens: number;
  outputTokens: number;
  price: ModelPrice;
}

/** What routing decided from (no text): lets the rules editor replay history under draft rules. */
export interface RoutingFeatures {
  /** Reference (o200k_base) input tokens. */
  inputTokens: number;
  expectedOutputTokens: number;
  /** 0–1. */
  complexity: number;
  /** 0–1; 1 when the caller gave the use case. */
  useCaseConfidence: number;
  vision: boolean;
}

/** One request through Switchyard, with every attempt it took. */
export interface RequestRecord {
  /** Epoch ms. */
  startedAt: number;
  latencyMs: number;
  ttftMs?: number | null;
  source: RequestSource;
  status: RequestStatus;
  useCase?: string | null;
  strategy?: string | null;
  /** A short summary of the routing decision, e.g. `complexity tier "simple"`. */
  decision?: string | null;
  arm?: string | null;
  fallbackUsed?: boolean;
  dedup?: boolean;
  /** The prompt as sent; hashed always, stored only when the user opted in. */
  prompt?: string | null;
  attempts: AttemptRecord[];
  cacheHit?: CacheHitRecord | null;
  /** Routing's inputs, stored in `ledger_features` (absent: the request cannot be replayed). */
  features?: RoutingFeatures | null;
  /** The heavy task (a `ledger_tasks` row) this request was one chunk of. */
  parent?: { taskId: number; chunk: string } | null;
  /** The id a caller outside the process was given for it (the gateway's `x-switchyard-request-id`). */
  requestKey?: string | null;
  /**
   * The complete answer and the temperature it was asked at; stored (`ledger_answers`) only with
   * the prompt, for the similar-prompt cache.
   */
  answer?: { text: string; temperature: number | null } | null;
  /** Answered from the similar-prompt cache: the ledger id of the reused request, and the cosine (0–1). */
  similarHit?: { sourceRequestId: number; similarity: number } | null;
}

/** What `LedgerWriter.record` resolves with once the row is committed. */
export interface LedgerReceipt {
  id: number;
  costNanos: number;
}

export interface RecordOptions {
  /** The budget reservation this request ran under; it is replaced by the actual cost atomically. */
  reservationId?: number | null;
}
