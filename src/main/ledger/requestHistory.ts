import type Database from 'better-sqlite3';
import type { LedgerAttempt, LedgerRequest, StoredMessage } from '../../shared/contract/ledger';
import { SwitchyardError } from '../core/errors';
import { withDatabase } from './dbErrors';
import { ATTEMPT_STATUSES, sourceName, statusName } from './ledgerCodes';
import type { LedgerSettingsStore } from './ledgerSettings';
import { nanosToUsd } from './money';

export interface RequestPageInput {
  limit: number;
  before?: string;
  since?: string;
  until?: string;
}

interface RequestRowRead {
  id: number;
  started_at: number;
  latency_ms: number;
  ttft_ms: number | null;
  source: number;
  status: number;
  provider: string | null;
  model: string | null;
  use_case: string | null;
  strategy: string | null;
  decision: string | null;
  cost_nanos: number;
  tokens_in: number;
  tokens_out: number;
  cache_hit: number;
  dedup: number;
  fallback_used: number;
  usage_estimated: number;
  prompt: string | null;
  similar_source: number | null;
  similarity: number | null;
}

interface AttemptRowRead {
  n: number;
  provider: string;
  model: string;
  status: number;
  error_kind: string | null;
  latency_ms: number;
  tokens_in: number;
  tokens_out: number;
  tokens_cached: number | null;
  cost_nanos: number;
  usage_estimated: number;
}

const COLUMNS = `r.id, r.started_at, r.latency_ms, r.ttft_ms, r.source, r.status, m.provider, m.model,
  uc.name AS use_case, st.name AS strategy, de.name AS decision, r.cost_nanos, r.tokens_in, r.tokens_out,
  r.cache_hit, r.dedup, r.fallback_used, r.usage_estimated, p.prompt,
  sh.source_request_id AS similar_source, sh.similarity`;
const JOINS = `LEFT JOIN ledger_models m ON m.id = r.model_id
  LEFT JOIN ledger_labels uc ON uc.id = r.use_case_id
  LEFT JOIN ledger_labels st ON st.id = r.strategy_id
  LEFT JOIN ledger_labels de ON de.id = r.decision_id
  LEFT JOIN ledger_prompts p ON p.request_id = r.id
  LEFT JOIN ledger_similar_hits sh ON sh.request_id = r.id`;

/**
 * Newest first, keyset-paged on (started_at, id): a range scan of the start-time index read
 * backwards (the index holds the rowid, so the ORDER BY needs no sort), never a full scan.
 */
export const REQUEST_PAGE_SQL = `SELECT ${COLUMNS} FROM ledger_requests r ${JOINS}
  WHERE r.started_at BETWEEN @lo AND @hi AND (r.started_at < @hi OR r.id < @beforeId)
  ORDER BY r.started_at DESC, r.id DESC LIMIT @limit`;
const ONE_SQL = `SELECT ${COLUMNS} FROM ledger_requests r ${JOINS} WHERE r.id = ?`;
const ATTEMPTS_SQL = `SELECT a.n, m.provider, m.model, a.status, ek.name AS error_kind, a.latency_ms,
    a.tokens_in, a.tokens_out, a.tokens_cached, a.cost_nanos, a.usage_estimated
  FROM ledger_attempts a JOIN ledger_models m ON m.id = a.model_id
  LEFT JOIN ledger_labels ek ON ek.id = a.error_kind_id
  WHERE a.request_id = ? ORDER BY a.n`;

const MAX = Number.MAX_SAFE_INTEGER;
const ROLES = new Set(['system', 'user', 'assistant']);

/**
 * The stored prompt text: the execution room writes the messages as sent, as a JSON array of
 * `{ role, content }`; anything else (other writers, older rows) is one user message.
 */
export function parseStoredPrompt(text: string): StoredMessage[] {
  if (text.startsWith('[')) {
    try {
      const parsed: unknown = JSON.parse(text);
      if (
        Array.isArray(parsed) &&
        parsed.every(
          (m): m is StoredMessage =>
            typeof m === 'object' &&
            m !== null &&
            ROLES.has((m as StoredMessage).role) &&
            typeof (m as StoredMessage).content === 'string',
        )
      ) {
        return parsed.map((m) => ({
          role: m.role,
          content: m.content,
          ...(typeof m.images === 'number' && m.images > 0 ? { images: m.images } : {}),
        }));
      }
    } catch {
      // not ours: plain text
    }
  }
  return [{ role: 'user', content: text }];
}

/** What the execution room stores as the prompt of a request: the messages' text as sent, and how many images each had. */
export const serialisePrompt = (messages: readonly StoredMessage[]): string =>
  JSON.stringify(
    messages.map((m) => ({ role: m.role, content: m.content, ...(m.images ? { images: m.images } : {}) })),
  );

function toRequest(r: RequestRowRead): LedgerRequest {
  const status = statusName(r.status);
  return {
    id: r.id,
    startedAt: new Date(r.started_at).toISOString(),
    source: sourceName(r.source),
    useCase: r.use_case,
    strategy: r.strategy,
    decision: r.decision,
    provider: r.provider,
    model: r.model,
    status,
    costUsd: nanosToUsd(r.cost_nanos),
    tokensIn: r.tokens_in,
    tokensOut: r.tokens_out,
    latencyMs: r.latency_ms,
    ttftMs: r.ttft_ms,
    cacheHit: r.cache_hit === 1,
    similarTo:
      r.similar_source === null
        ? null
        : { requestId: r.similar_source, similarity: (r.similarity ?? 0) / 1000 },
    dedup: r.dedup === 1,
    fallbackUsed: r.fallback_used === 1,
    partial: status === 'partial',
    usageEstimated: r.usage_estimated === 1,
    promptStored: r.prompt !== null,
    prompt: r.prompt === null ? null : parseStoredPrompt(r.prompt),
  };
}

function toAttempt(a: AttemptRowRead): LedgerAttempt {
  return {
    n: a.n,
    provider: a.provider,
    model: a.model,
    status: ATTEMPT_STATUSES[a.status] ?? 'error',
    errorKind: a.error_kind,
    latencyMs: a.latency_ms,
    tokensIn: a.tokens_in,
    tokensOut: a.tokens_out,
    tokensCached: a.tokens_cached,
    costUsd: nanosToUsd(a.cost_nanos),
    usageEstimated: a.usage_estimated === 1,
  };
}

const cursorOf = (r: LedgerRequest): string => `${Date.parse(r.startedAt)}_${r.id}`;

/** Recent requests for the playground's history (`ledger.requests`, `ledger.request`). */
export class RequestHistory {
  private readonly page: Database.Statement<[Record<string, number>], RequestRowRead>;
  private readonly one: Database.Statement<[number], RequestRowRead>;
  private readonly attempts: Database.Statement<[number], AttemptRowRead>;
  private byKey?: Database.Statement<[string], { id: number }>;

  constructor(
    private readonly db: Database.Database,
    private readonly path: string,
    private readonly settings: LedgerSettingsStore,
  ) {
    this.page = db.prepare(REQUEST_PAGE_SQL);
    this.one = db.prepare(ONE_SQL);
    this.attempts = db.prepare(ATTEMPTS_SQL);
  }

  /** The request a gateway client knows by its `x-switchyard-request-id`. */
  getByKey(requestKey: string): LedgerRequest & { attempts: LedgerAttempt[] } {
    const found = withDatabase(this.path, 'read the request', () => {
      this.byKey ??= this.db.prepare(
        'SELECT request_id AS id FROM ledger_request_keys WHERE request_key = ?',
      );
      return this.byKey.get(requestKey);
    });
    if (!found) {
      throw new SwitchyardError(
        'NOT_FOUND',
        `Request ${requestKey} is not in the ledger (not recorded yet, or removed by retention).`,
      );
    }
    return this.get(found.id);
  }

  list(input: RequestPageInput): { requests: LedgerRequest[]; next: string | null } {
    const calendar = this.settings.currentCalendar();
    const instant = (value: string | undefined, name: string): number | null => {
      if (value === undefined) return null;
      const ms = calendar.parse(value);
      if (ms === null)
        throw new SwitchyardError('VALIDATION_FAILED', `"${name}" is not an ISO date or date-time.`);
      return ms;
    };
    const lo = instant(input.since, 'since') ?? 0;
    const until = instant(input.until, 'until');
    let hi = until === null ? MAX : until - 1;
    let beforeId = MAX;
    if (input.before !== undefined) {
      const [at, id] = input.before.split('_').map(Number) as [number, number];
      // The cursor row itself and everything after it are excluded: (started_at, id) < cursor.
      if (at <= hi) {
        hi = at;
        beforeId = id;
      }
    }
    if (hi < lo) return { requests: [], next: null };
    return withDatabase(this.path, 'read the request history', () => {
      const rows = this.page.all({ lo, hi, beforeId, limit: input.limit + 1 }).map(toRequest);
      const more = rows.length > input.limit;
      const requests = more ? rows.slice(0, input.limit) : rows;
      return { requests, next: more ? cursorOf(requests[requests.length - 1]!) : null };
    });
  }

  get(id: number): LedgerRequest & { attempts: LedgerAttempt[] } {
    return withDatabase(this.path, 'read the request', () => {
      const row = this.one.get(id);
      if (!row) {
        throw new SwitchyardError(
          'NOT_FOUND',
          `Request ${id} is not in the ledger (retention may have removed it; aggregates are kept).`,
        );
      }
      return { ...toRequest(row), attempts: this.attempts.all(id).map(toAttempt) };
    });
  }
}
