import type Database from 'better-sqlite3';

export interface LedgerTotals {
  requests: number;
  rolledUp: number;
  attempts: number;
  costNanos: number;
  rolledUpCostNanos: number;
  budgetSpentNanos: number;
}

/**
 * What crash tests compare after a `kill -9`: request rows against the daily rollups, the attempt
 * rows and the budget windows, which the same transactions maintain.
 */
export function ledgerTotals(db: Database.Database): LedgerTotals {
  const row = db
    .prepare(
      `SELECT (SELECT count(*) FROM ledger_requests) AS requests,
              (SELECT COALESCE(SUM(requests), 0) FROM ledger_daily) AS rolledUp,
              (SELECT count(*) FROM ledger_attempts) AS attempts,
              (SELECT COALESCE(SUM(cost_nanos), 0) FROM ledger_requests) AS costNanos,
              (SELECT COALESCE(SUM(cost_nanos), 0) FROM ledger_daily) AS rolledUpCostNanos,
              (SELECT COALESCE(SUM(spent_nanos), 0) FROM budget_spend) AS budgetSpentNanos`,
    )
    .get() as LedgerTotals;
  return row;
}
