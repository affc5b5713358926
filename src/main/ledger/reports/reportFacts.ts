import { LATENCY_BUCKET_GROWTH, LATENCY_BUCKET_SQL } from '../ledgerCodes';

/**
 * SQL building blocks shared by every report, bound with the parameters of `planParams`.
 * `facts` has the columns of the rollups: whole months and days from them (see RangePlan), partial
 * days from raw rows mapped to the same columns (status codes: 1 error, 2 partial, 4 blocked).
 */
const rawFacts = (edge: 'e0' | 'e1'): string => `
  SELECT @${edge}day AS day, COALESCE(model_id, 0) AS model_id, COALESCE(use_case_id, 0) AS use_case_id,
         1 AS requests, status = 1 AS errors, status = 4 AS blocked, status = 2 AS partials,
         fallback_used AS fallbacks, cache_hit AS cache_hits, usage_estimated AS estimated,
         cost_nanos, COALESCE(saved_nanos, 0) AS saved_nanos, tokens_in, tokens_out,
         latency_ms AS latency_ms_sum
  FROM ledger_requests WHERE started_at >= @${edge}from AND started_at < @${edge}to`;

const TOTALS = `model_id, use_case_id, requests, errors, blocked, partials, fallbacks, cache_hits,
  estimated, cost_nanos, saved_nanos, tokens_in, tokens_out, latency_ms_sum`;

/** Month rows carry yyyymm00 as their day: only the by-day report groups by day, and it reads no months. */
export const FACTS_CTE = `
  facts AS (
    SELECT month * 100 AS day, ${TOTALS} FROM ledger_monthly WHERE month BETWEEN @m0 AND @m1
    UNION ALL SELECT day, ${TOTALS} FROM ledger_daily WHERE day BETWEEN @d0from AND @d0to
    UNION ALL SELECT day, ${TOTALS} FROM ledger_daily WHERE day BETWEEN @d1from AND @d1to
    UNION ALL ${rawFacts('e0')}
    UNION ALL ${rawFacts('e1')}
  )`;

const rawLatency = (edge: 'e0' | 'e1'): string => `
  SELECT model_id, ${LATENCY_BUCKET_SQL} AS bucket, 1 AS requests
  FROM ledger_requests
  WHERE started_at >= @${edge}from AND started_at < @${edge}to AND status = 0 AND cache_hit = 0
    AND model_id IS NOT NULL`;

const LN_GROWTH = Math.log(LATENCY_BUCKET_GROWTH);
const bucketMs = (col: string): string => `CAST(round(exp((${col} + 0.5) * ${LN_GROWTH}) - 1) AS INTEGER)`;

/**
 * p50/p95 per model from the latency histogram, entirely in SQL: a running sum over each model's
 * buckets in order (a window function) finds the first bucket holding half (or 95 %) of its
 * answered requests; the bucket's geometric middle is the reported latency.
 */
export const PERCENTILES_CTE = `
  latency AS (
    SELECT model_id, bucket, requests FROM ledger_latency_monthly WHERE month BETWEEN @m0 AND @m1
    UNION ALL SELECT model_id, bucket, requests FROM ledger_latency_daily WHERE day BETWEEN @d0from AND @d0to
    UNION ALL SELECT model_id, bucket, requests FROM ledger_latency_daily WHERE day BETWEEN @d1from AND @d1to
    UNION ALL ${rawLatency('e0')}
    UNION ALL ${rawLatency('e1')}
  ),
  histogram AS (SELECT model_id, bucket, SUM(requests) AS n FROM latency GROUP BY model_id, bucket),
  running AS (
    SELECT model_id, bucket,
           SUM(n) OVER (PARTITION BY model_id ORDER BY bucket ROWS UNBOUNDED PRECEDING) AS upto,
           SUM(n) OVER (PARTITION BY model_id) AS total
    FROM histogram
  ),
  percentiles AS (
    SELECT model_id,
           ${bucketMs('MIN(CASE WHEN upto >= 0.50 * total THEN bucket END)')} AS p50_ms,
           ${bucketMs('MIN(CASE WHEN upto >= 0.95 * total THEN bucket END)')} AS p95_ms
    FROM running GROUP BY model_id
  )`;
