import type Database from 'better-sqlite3';
import { sourceName, statusName } from '../ledgerCodes';
import { formatNanosUsd, nanosToUsd } from '../money';
import { toCsv } from './csv';

export interface TopRequest {
  id: number;
  startedAt: string;
  provider: string | null;
  model: string | null;
  useCase: string | null;
  status: string;
  costUsd: number;
  tokensIn: number;
  tokensOut: number;
  latencyMs: number;
  fallbackUsed: boolean;
  cacheHit: boolean;
}

interface TopRow {
  id: number;
  started_at: number;
  provider: string | null;
  model: string | null;
  use_case: string | null;
  status: number;
  cost_nanos: number;
  tokens_in: number;
  tokens_out: number;
  latency_ms: number;
  fallback_used: number;
  cache_hit: number;
}

const TOP_COLUMNS = `r.id, r.started_at, m.provider, m.model, uc.name AS use_case, r.status, r.cost_nanos,
  r.tokens_in, r.tokens_out, r.latency_ms, r.fallback_used, r.cache_hit`;
const TOP_JOINS = `LEFT JOIN ledger_models m ON m.id = r.model_id
  LEFT JOIN ledger_labels uc ON uc.id = r.use_case_id`;

const edgeTop = (edge: 'e0' | 'e1'): string => `SELECT id FROM (SELECT id FROM ledger_requests
  WHERE started_at >= @${edge}from AND started_at < @${edge}to ORDER BY cost_nanos DESC LIMIT @limit)`;

/**
 * Candidates: the listed dearest of every whole day (walked by cost, so a long range stops early)
 * and the dearest of the partial days at the ends, read from raw rows; then the N dearest of those.
 */
const TOP_SQL = `WITH candidates AS (
    SELECT id FROM (SELECT t.request_id AS id FROM ledger_top_daily t INDEXED BY ledger_top_daily_cost
      JOIN ledger_requests k ON k.id = t.request_id -- skips entries whose row retention already took
      WHERE t.day BETWEEN @d0from AND @d0to ORDER BY t.cost_nanos DESC LIMIT @limit)
    UNION ALL ${edgeTop('e0')}
    UNION ALL ${edgeTop('e1')}
  )
  SELECT ${TOP_COLUMNS} FROM candidates c JOIN ledger_requests r ON r.id = c.id ${TOP_JOINS}
  ORDER BY r.cost_nanos DESC, r.id LIMIT @limit`;

const EXPORT_SQL = `SELECT id, started_at, ended_at, latency_ms, ttft_ms, source, status, provider, model,
    use_case, strategy, decision, arm, cost_nanos, tokens_in, tokens_out, input_price, output_price,
    saved_nanos, cache_hit, dedup, fallback_used, usage_estimated, prompt_hash
  FROM ledger_requests_readable WHERE started_at >= @from AND started_at < @to
  ORDER BY started_at, id LIMIT @limit`;

const EXPORT_HEADER = [
  'id', 'started_at', 'ended_at', 'latency_ms', 'ttft_ms', 'source', 'status', 'provider', 'model',
  'use_case', 'strategy', 'decision', 'arm', 'cost_usd', 'tokens_in', 'tokens_out',
  'input_usd_per_mtok', 'output_usd_per_mtok', 'cache_saved_usd', 'cache_hit', 'dedup',
  'fallback_used', 'usage_estimated', 'prompt_hash',
]; // prettier-ignore

const perMTok = (micro: unknown): string =>
  typeof micro === 'number' ? formatNanosUsd(micro * 1000, 6) : '';

export class RequestQueries {
  private readonly topRows: Database.Statement<[Record<string, number>], TopRow>;
  private readonly exportRows: Database.Statement<[Record<string, number>], unknown[]>;

  constructor(db: Database.Database) {
    this.topRows = db.prepare(TOP_SQL);
    this.exportRows = db.prepare(EXPORT_SQL).raw(true) as Database.Statement<
      [Record<string, number>],
      unknown[]
    >;
  }

  /** The `limit` (≤ TOP_PER_DAY) dearest requests of a range planned by days (`planRange(…, true)`). */
  top(params: Record<string, number>, limit: number): TopRequest[] {
    return this.topRows.all({ ...params, limit }).map((r) => ({
      id: r.id,
      startedAt: new Date(r.started_at).toISOString(),
      provider: r.provider,
      model: r.model,
      useCase: r.use_case,
      status: statusName(r.status),
      costUsd: nanosToUsd(r.cost_nanos),
      tokensIn: r.tokens_in,
      tokensOut: r.tokens_out,
      latencyMs: r.latency_ms,
      fallbackUsed: r.fallback_used === 1,
      cacheHit: r.cache_hit === 1,
    }));
  }

  /** Raw requests as CSV, money as exact decimals; rows stream from SQLite one at a time. */
  exportCsv(from: number, to: number, limit: number): { csv: string; rows: number } {
    const lines: unknown[][] = [];
    for (const r of this.exportRows.iterate({ from, to, limit })) {
      const [id, started, ended, latency, ttft, source, status, ...rest] = r;
      const [provider, model, useCase, strategy, decision, arm, cost, tin, tout, pin, pout, saved, ...flags] =
        rest;
      lines.push([
        id,
        new Date(started as number).toISOString(),
        new Date(ended as number).toISOString(),
        latency,
        ttft,
        sourceName(source as number),
        statusName(status as number),
        provider,
        model,
        useCase,
        strategy,
        decision,
        arm,
        formatNanosUsd(cost as number),
        tin,
        tout,
        perMTok(pin),
        perMTok(pout),
        saved === null ? '' : formatNanosUsd(saved as number),
        ...flags,
      ]);
    }
    return { csv: toCsv(EXPORT_HEADER, lines), rows: lines.length };
  }
}
