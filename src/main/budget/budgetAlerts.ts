import type Database from 'better-sqlite3';
import type { BudgetAlert } from '../../shared/contract/budget';
import type { LocalCalendar } from '../ledger/localCalendar';
import { formatUsd, nanosToUsd } from '../ledger/money';
import { describeBudget, type BudgetDefinition } from './budgetTypes';
import type { WindowBounds } from './budgetWindow';

type Level = BudgetAlert['level'];

/**
 * One alert per threshold crossing per window: the `budget_alerts` primary key (budget, window,
 * level) makes raising idempotent across restarts and processes; only the INSERT that actually
 * adds the row produces an event.
 */
export class BudgetAlertBook {
  /** Alerts known to exist, to skip the INSERT on every write after a crossing. */
  private readonly raised = new Set<string>();
  private readonly insert: Database.Statement;
  private readonly clear: Database.Statement;

  constructor(db: Database.Database) {
    this.insert = db.prepare(
      `INSERT OR IGNORE INTO budget_alerts (budget_id, window_start, level, raised_at, spent_nanos, limit_nanos)
       VALUES (?, ?, ?, ?, ?, ?)`,
    );
    this.clear = db.prepare(
      'DELETE FROM budget_alerts WHERE budget_id = ? AND window_start = ? AND level = ?',
    );
  }

  /** Alerts newly crossed by `spentNanos` in this window; call inside the write transaction. */
  check(
    b: BudgetDefinition,
    w: WindowBounds,
    spentNanos: number,
    now: number,
    calendar: LocalCalendar,
  ): BudgetAlert[] {
    const out: BudgetAlert[] = [];
    const warnAt = Math.ceil((b.limitNanos * b.warnPercent) / 100);
    if (b.warnPercent < 100 && spentNanos >= warnAt)
      this.raise(b, w, 'warning', spentNanos, now, calendar, out);
    if (spentNanos >= b.limitNanos) this.raise(b, w, 'exceeded', spentNanos, now, calendar, out);
    return out;
  }

  /** After a limit or threshold change, forget crossings the new numbers no longer make, so they can alert again. */
  rearm(b: BudgetDefinition, w: WindowBounds, spentNanos: number): void {
    const warnAt = Math.ceil((b.limitNanos * b.warnPercent) / 100);
    if (spentNanos < warnAt) this.clear.run(b.id, w.start, 'warning');
    if (spentNanos < b.limitNanos) this.clear.run(b.id, w.start, 'exceeded');
    this.raised.clear();
  }

  forget(): void {
    this.raised.clear();
  }

  private raise(
    b: BudgetDefinition,
    w: WindowBounds,
    level: Level,
    spent: number,
    now: number,
    calendar: LocalCalendar,
    out: BudgetAlert[],
  ): void {
    const key = `${b.id}:${w.start}:${level}`;
    if (this.raised.has(key)) return;
    this.raised.add(key);
    if (this.insert.run(b.id, w.start, level, now, spent, b.limitNanos).changes === 0) return;
    const percent = Math.round((spent / b.limitNanos) * 1000) / 10;
    const what = describeBudget(b);
    out.push({
      budgetId: b.id,
      scope: b.scope,
      value: b.value,
      window: b.window,
      mode: b.hard ? 'hard' : 'soft',
      level,
      windowStart: calendar.formatInstant(w.start),
      windowEnd: w.end >= Number.MAX_SAFE_INTEGER ? null : calendar.formatInstant(w.end),
      spentUsd: nanosToUsd(spent),
      limitUsd: nanosToUsd(b.limitNanos),
      percent,
      message:
        level === 'warning'
          ? `The ${what} is at ${percent}% (${formatUsd(spent)} of ${formatUsd(b.limitNanos)}).`
          : `The ${what} is used up (${formatUsd(spent)} of ${formatUsd(b.limitNanos)}).`,
    });
  }
}
