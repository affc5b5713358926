import type Database from 'better-sqlite3';
import type { LatencyView } from '../routing/liveState';

export interface ModelStats {
  modelKey: string;
  /** null: over all use cases. */
  useCase: string | null;
  requests: number;
  /** Exponentially weighted by age (half-life HALF_LIFE_HOURS), so recent behaviour counts most. */
  ewmaLatencyMs: number;
  successRate: number;
  costPerRequestUsd: number;
}

/** Statistics replace catalog constants only from this many requests on. */
export const MIN_REQUESTS = 20;
const HALF_LIFE_HOURS = 24;
const WINDOW_DAYS = 30;
const CACHE_MS = 60_000;

/**
 * Live statistics per model (and per use case) from the ledger's request rows over the last 30
 * days, aggregated in SQL: time-decayed mean latency, success rate and cost per request. Cache
 * hits are left out (they say nothing about the model).
 */
export class LiveStats {
  private cache = new Map<string, { at: number; rows: ModelStats[] }>();

  constructor(
    private readonly db: () => Database.Database | null,
    private readonly now: () => number = Date.now,
  ) {}

  /**
   * `maxAgeMs`: how old a cached answer may be. Routing reads on every decision and takes the
   * minute-old figures; the Learning screen asks for fresher ones (it refetches at most once a
   * second after requests finish, so the 30-day aggregate still runs at most every few seconds).
   */
  read(byUseCase: boolean, maxAgeMs = CACHE_MS): ModelStats[] {
    const key = String(byUseCase);
    const hit = this.cache.get(key);
    const now = this.now();
    if (hit && now - hit.at < maxAgeMs) return hit.rows;
    const db = this.db();
    if (!db) return [];
    const tau = (HALF_LIFE_HOURS * 3_600_000) / Math.LN2;
    const rows = db
      .prepare(
        `WITH r AS (
           SELECT model_id, use_case_id, latency_ms, status, cost_nanos,
                  exp((started_at - @now) / @tau) AS w
             FROM ledger_requests
            WHERE started_at >= @since AND model_id IS NOT NULL AND cache_hit = 0 AND dedup = 0)
         SELECT m.provider || '/' || m.model AS modelKey, ${byUseCase ? 'u.name' : 'NULL'} AS useCase,
                COUNT(*) AS requests,
                SUM(r.w * r.latency_ms) / SUM(r.w) AS ewmaLatencyMs,
                SUM(r.w * (r.status = 0)) / SUM(r.w) AS successRate,
                AVG(r.cost_nanos) / 1e9 AS costPerRequestUsd
           FROM r JOIN ledger_models m ON m.id = r.model_id
           ${byUseCase ? 'LEFT JOIN ledger_labels u ON u.id = r.use_case_id' : ''}
          GROUP BY r.model_id${byUseCase ? ', r.use_case_id' : ''}
          ORDER BY requests DESC`,
      )
      .all({ now, tau, since: now - WINDOW_DAYS * 86_400_000 }) as ModelStats[];
    const rounded = rows.map((r) => ({
      ...r,
      ewmaLatencyMs: Math.round(r.ewmaLatencyMs),
      successRate: Number(r.successRate.toFixed(4)),
      costPerRequestUsd: Number(r.costPerRequestUsd.toFixed(9)),
    }));
    this.cache.set(key, { at: now, rows: rounded });
    return rounded;
  }

  /** A model's statistics once it has enough requests, else null. */
  forModel(modelKey: string): ModelStats | null {
    const s = this.read(false).find((r) => r.modelKey === modelKey);
    return s && s.requests >= MIN_REQUESTS ? s : null;
  }

  /**
   * Latency for routing (max-latency eligibility, least-latency balancing): the last hour's
   * observed median when there is one, else the ledger's decayed mean once there is enough data,
   * else null (the catalog estimate applies).
   */
  latencyView(recent: LatencyView): LatencyView {
    return {
      observedSeconds: (modelKey) => {
        const r = recent.observedSeconds(modelKey);
        if (r !== null) return r;
        const s = this.forModel(modelKey);
        return s ? s.ewmaLatencyMs / 1000 : null;
      },
    };
  }
}
