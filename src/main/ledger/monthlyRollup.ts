import type Database from 'better-sqlite3';
import { ROLLUP_COLUMNS } from './dailyRollup';
import type { RollupExtentStore } from './rollupExtent';

export const nextMonth = (m: number): number => (m % 100 === 12 ? m + 89 : m + 1);
export const prevMonth = (m: number): number => (m % 100 === 1 ? m - 89 : m - 1);

/**
 * Folds finished months from the daily rollups into the monthly ones, once, when the first row of
 * a later month is written: the write path then upserts one rollup per key instead of two. It runs
 * inside the writer's transaction, which also moves `monthsThrough`, so no month is folded twice.
 */
export class MonthlyRollup {
  private readonly foldTotals: Database.Statement;
  private readonly foldLatency: Database.Statement;

  constructor(
    db: Database.Database,
    private readonly extent: RollupExtentStore,
  ) {
    const sums = ROLLUP_COLUMNS.map((c) => `SUM(${c})`).join(', ');
    this.foldTotals = db.prepare(
      `INSERT INTO ledger_monthly (month, model_id, use_case_id, ${ROLLUP_COLUMNS.join(', ')})
       SELECT day / 100, model_id, use_case_id, ${sums} FROM ledger_daily
       WHERE day > @after * 100 + 99 AND day < @until * 100 GROUP BY day / 100, model_id, use_case_id`,
    );
    this.foldLatency = db.prepare(
      `INSERT INTO ledger_latency_monthly (month, model_id, bucket, requests)
       SELECT day / 100, model_id, bucket, SUM(requests) FROM ledger_latency_daily
       WHERE day > @after * 100 + 99 AND day < @until * 100 GROUP BY day / 100, model_id, bucket`,
    );
  }

  /** Folds every month after `monthsThrough` and before `latestMonth`; returns the new extent. */
  foldBefore(latestMonth: number, monthsThrough: number): number {
    const through = prevMonth(latestMonth);
    if (through <= monthsThrough) return monthsThrough;
    this.foldTotals.run({ after: monthsThrough, until: latestMonth });
    this.foldLatency.run({ after: monthsThrough, until: latestMonth });
    this.extent.markMonthsThrough(through);
    return through;
  }
}
