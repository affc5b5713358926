import type Database from 'better-sqlite3';
import type { LocalCalendar } from '../ledger/localCalendar';
import type { ScopedSpendQuery } from '../ledger/reports/scopedSpend';
import type { BudgetDefinition } from './budgetTypes';
import type { WindowBounds } from './budgetWindow';

/**
 * Running spend per budget window. A window's row starts from what the ledger already holds for
 * the scope (so a budget created mid-month counts the month so far) and is then advanced by every
 * ledger write in the same transaction. Must be used inside a write transaction, so the start
 * value and later increments can never double-count or miss a row.
 */
export class BudgetSpend {
  /** Windows known to have a row; cleared when a transaction rolls back. */
  private readonly ensured = new Set<string>();
  private readonly select: Database.Statement<[number, number], { spent_nanos: number }>;
  private readonly insert: Database.Statement;
  private readonly increment: Database.Statement;

  constructor(
    db: Database.Database,
    private readonly ledgerSpend: ScopedSpendQuery,
  ) {
    this.select = db.prepare('SELECT spent_nanos FROM budget_spend WHERE budget_id = ? AND window_start = ?');
    this.insert = db.prepare(
      'INSERT OR IGNORE INTO budget_spend (budget_id, window_start, spent_nanos) VALUES (?, ?, ?)',
    );
    this.increment = db.prepare(
      'UPDATE budget_spend SET spent_nanos = spent_nanos + ? WHERE budget_id = ? AND window_start = ?',
    );
  }

  /** Creates the window's row from the ledger if it does not exist yet. */
  ensure(b: BudgetDefinition, w: WindowBounds, calendar: LocalCalendar): void {
    const key = `${b.id}:${w.start}`;
    if (this.ensured.has(key)) return;
    if (!this.select.get(b.id, w.start)) {
      this.insert.run(b.id, w.start, this.ledgerSpend.costNanos(b.scope, b.value, w.start, w.end, calendar));
    }
    this.ensured.add(key);
  }

  /** Spend so far in the window, from the ledger if the window was never touched (read-only). */
  spent(b: BudgetDefinition, w: WindowBounds, calendar: LocalCalendar): number {
    return (
      this.select.get(b.id, w.start)?.spent_nanos ??
      this.ledgerSpend.costNanos(b.scope, b.value, w.start, w.end, calendar)
    );
  }

  add(budgetId: number, windowStart: number, nanos: number): void {
    this.increment.run(nanos, budgetId, windowStart);
  }

  forget(): void {
    this.ensured.clear();
  }
}
