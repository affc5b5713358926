import type Database from 'better-sqlite3';
import type { ModelTotals, ReportGrouping, SpendRow } from '../../../shared/contract/reports';
import { nanosToUsd } from '../money';
import { FACTS_CTE, PERCENTILES_CTE } from './reportFacts';

type Params = Record<string, number>;

interface SpendSqlRow {
  key: string;
  requests: number;
  cost: number;
  tin: number;
  tout: number;
  errors: number;
  fallbacks: number;
  hits: number;
  saved: number;
}

const SUMS = `SUM(requests) AS requests, SUM(cost_nanos) AS cost, SUM(tokens_in) AS tin, SUM(tokens_out) AS tout,
  SUM(errors) AS errors, SUM(fallbacks) AS fallbacks, SUM(cache_hits) AS hits, SUM(saved_nanos) AS saved`;
const RESUMS = `SUM(requests) AS requests, SUM(cost) AS cost, SUM(tin) AS tin, SUM(tout) AS tout,
  SUM(errors) AS errors, SUM(fallbacks) AS fallbacks, SUM(hits) AS hits, SUM(saved) AS saved`;

/** Group first by the integer id, then name the groups: joins run once per group, not per fact. */
const SPEND_SQL: Record<ReportGrouping, string> = {
  day: `WITH ${FACTS_CTE}
    SELECT printf('%04d-%02d-%02d', day / 10000, day / 100 % 100, day % 100) AS key, ${SUMS}
    FROM facts GROUP BY day ORDER BY day`,
  model: `WITH ${FACTS_CTE}, g AS (SELECT model_id, ${SUMS} FROM facts GROUP BY model_id)
    SELECT COALESCE(m.provider || '/' || m.model, 'none') AS key, g.* FROM g
    LEFT JOIN ledger_models m ON m.id = g.model_id ORDER BY cost DESC, key`,
  provider: `WITH ${FACTS_CTE}, g AS (SELECT model_id, ${SUMS} FROM facts GROUP BY model_id)
    SELECT COALESCE(m.provider, 'none') AS key, ${RESUMS} FROM g
    LEFT JOIN ledger_models m ON m.id = g.model_id GROUP BY key ORDER BY cost DESC, key`,
  use_case: `WITH ${FACTS_CTE}, g AS (SELECT use_case_id, ${SUMS} FROM facts GROUP BY use_case_id)
    SELECT COALESCE(l.name, 'none') AS key, g.* FROM g
    LEFT JOIN ledger_labels l ON l.id = g.use_case_id ORDER BY cost DESC, key`,
};

const MODELS_SQL = `WITH ${FACTS_CTE}, ${PERCENTILES_CTE},
  per_model AS (
    SELECT model_id, SUM(requests) AS requests, SUM(cost_nanos) AS cost, SUM(tokens_in) AS tin,
           SUM(tokens_out) AS tout, SUM(errors) AS errors, SUM(fallbacks) AS fallbacks,
           SUM(latency_ms_sum) AS latency_sum
    FROM facts WHERE model_id != 0 GROUP BY model_id
  )
  SELECT m.provider, m.model, pm.requests, pm.cost, pm.tin, pm.tout, pm.errors, pm.fallbacks,
         pm.latency_sum, p.p50_ms, p.p95_ms
  FROM per_model pm JOIN ledger_models m ON m.id = pm.model_id
  LEFT JOIN percentiles p ON p.model_id = pm.model_id
  ORDER BY pm.cost DESC, m.provider, m.model`;

interface ModelSqlRow {
  provider: string;
  model: string;
  requests: number;
  cost: number;
  tin: number;
  tout: number;
  errors: number;
  fallbacks: number;
  latency_sum: number;
  p50_ms: number | null;
  p95_ms: number | null;
}

const rate = (part: number, whole: number): number => (whole > 0 ? part / whole : 0);

/** The aggregate reports: every sum, group and percentile is computed by SQLite. */
export class SpendQueries {
  private readonly spendStatements: Record<ReportGrouping, Database.Statement<[Params], SpendSqlRow>>;
  private readonly modelsStatement: Database.Statement<[Params], ModelSqlRow>;

  constructor(db: Database.Database) {
    this.spendStatements = {
      day: db.prepare(SPEND_SQL.day),
      model: db.prepare(SPEND_SQL.model),
      provider: db.prepare(SPEND_SQL.provider),
      use_case: db.prepare(SPEND_SQL.use_case),
    };
    this.modelsStatement = db.prepare(MODELS_SQL);
  }

  spend(by: ReportGrouping, params: Params): SpendRow[] {
    return this.spendStatements[by].all(params).map((r) => ({
      key: r.key,
      requests: r.requests,
      costUsd: nanosToUsd(r.cost),
      tokensIn: r.tin,
      tokensOut: r.tout,
      errors: r.errors,
      fallbacks: r.fallbacks,
      cacheHits: r.hits,
      cacheSavedUsd: nanosToUsd(r.saved),
    }));
  }

  models(params: Params): ModelTotals[] {
    return this.modelsStatement.all(params).map((r) => ({
      modelKey: `${r.provider}/${r.model}`,
      provider: r.provider,
      model: r.model,
      requests: r.requests,
      costUsd: nanosToUsd(r.cost),
      tokensIn: r.tin,
      tokensOut: r.tout,
      meanLatencyMs: r.requests > 0 ? Math.round(r.latency_sum / r.requests) : null,
      p50LatencyMs: r.p50_ms,
      p95LatencyMs: r.p95_ms,
      errorRate: rate(r.errors, r.requests),
      fallbackRate: rate(r.fallbacks, r.requests),
    }));
  }
}
