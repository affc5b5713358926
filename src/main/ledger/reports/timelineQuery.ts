import type Database from 'better-sqlite3';
import type { TimelineRow } from '../../../shared/contract/reports';
import type { LocalCalendar } from '../localCalendar';
import { nanosToUsd } from '../money';
import type { BaselinePrice } from './overviewQuery';
import { FACTS_CTE } from './reportFacts';

type Params = Record<string, number>;
const HOUR = 3_600_000;

/**
 * Per bucket and provider: the sums, and the baseline cost of the answered tokens priced in SQL
 * (tokens × micro-USD per 1M / 1000 = nano-USD), so no row of money is added up in JavaScript.
 */
const SUMMED = `SUM(requests) AS requests, SUM(cost_nanos) AS cost, SUM(fallbacks) AS fallbacks,
  SUM(saved_nanos) AS saved,
  SUM(CASE WHEN model_id != 0 THEN tokens_in ELSE 0 END) AS ain,
  SUM(CASE WHEN model_id != 0 THEN tokens_out ELSE 0 END) AS aout`;
const BY_PROVIDER = `SELECT g.b, COALESCE(m.provider, 'none') AS provider, SUM(g.requests) AS requests,
    SUM(g.cost) AS cost, SUM(g.fallbacks) AS fallbacks, SUM(g.saved) AS saved,
    CAST(round((SUM(g.ain) * @baseIn + SUM(g.aout) * @baseOut) / 1000.0) AS INTEGER) AS baseline
  FROM g LEFT JOIN ledger_models m ON m.id = g.model_id
  GROUP BY g.b, provider ORDER BY g.b, provider`;

/** Days and months from the rollups (a month row's day is yyyymm00, so day / 100 is its month). */
const ROLLUP_SQL = `WITH ${FACTS_CTE},
  g AS (SELECT day / CAST(@div AS INTEGER) AS b, model_id, ${SUMMED} FROM facts GROUP BY b, model_id)
  ${BY_PROVIDER}`;

/** Hours from raw rows over the range (the start-time index bounds the scan). */
const HOURLY_SQL = `WITH g AS (
    SELECT (started_at - CAST(@phase AS INTEGER)) / ${HOUR} AS b, COALESCE(model_id, 0) AS model_id, COUNT(*) AS requests,
           SUM(cost_nanos) AS cost, SUM(fallback_used) AS fallbacks, SUM(COALESCE(saved_nanos, 0)) AS saved,
           SUM(CASE WHEN model_id IS NOT NULL THEN tokens_in ELSE 0 END) AS ain,
           SUM(CASE WHEN model_id IS NOT NULL THEN tokens_out ELSE 0 END) AS aout
    FROM ledger_requests WHERE started_at >= @since AND started_at < @until
    GROUP BY b, model_id)
  ${BY_PROVIDER}`;

interface TimelineSqlRow {
  b: number;
  provider: string;
  requests: number;
  cost: number;
  fallbacks: number;
  saved: number;
  baseline: number;
}

/** Spend over time per provider, for the stacked chart and the savings line. */
export class TimelineQuery {
  private readonly rollup: Database.Statement<[Params], TimelineSqlRow>;
  private readonly hourly: Database.Statement<[Params], TimelineSqlRow>;

  constructor(db: Database.Database) {
    this.rollup = db.prepare(ROLLUP_SQL);
    this.hourly = db.prepare(HOURLY_SQL);
  }

  /** Day buckets need a plan read by day; month buckets may use the monthly rollups. */
  byDayOrMonth(
    bucket: 'day' | 'month',
    params: Params,
    baseline: BaselinePrice | null,
    calendar: LocalCalendar,
  ): TimelineRow[] {
    const rows = this.rollup.all({ ...params, ...prices(baseline), div: bucket === 'day' ? 1 : 100 });
    const label =
      bucket === 'day'
        ? (b: number) => calendar.formatDay(b)
        : (b: number) => `${Math.floor(b / 100)}-${String(b % 100).padStart(2, '0')}`;
    return rows.map((r) => toRow(r, label(r.b)));
  }

  /** [since, until) in epoch ms; buckets start on local hours (zones offset by :30 or :45 included). */
  byHour(
    since: number,
    until: number,
    baseline: BaselinePrice | null,
    calendar: LocalCalendar,
  ): TimelineRow[] {
    const phase = calendar.day(since).start % HOUR;
    const rows = this.hourly.all({ since, until, phase, ...prices(baseline) });
    return rows.map((r) => toRow(r, calendar.formatInstant(r.b * HOUR + phase).slice(0, 13) + ':00'));
  }
}

const prices = (b: BaselinePrice | null) => ({ baseIn: b?.input ?? 0, baseOut: b?.output ?? 0 });

const toRow = (r: TimelineSqlRow, bucket: string): TimelineRow => ({
  bucket,
  provider: r.provider,
  requests: r.requests,
  costUsd: nanosToUsd(r.cost),
  fallbacks: r.fallbacks,
  cacheSavedUsd: nanosToUsd(r.saved),
  baselineCostUsd: nanosToUsd(r.baseline),
});
