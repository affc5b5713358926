import type Database from 'better-sqlite3';
import type { BudgetScope } from '../../shared/contract/budget';
import type { BudgetDefinition, BudgetTarget } from './budgetTypes';
import type { WindowBounds } from './budgetWindow';

const SCOPE_COLUMN: Record<BudgetScope, string | null> = {
  global: null,
  provider: 'provider',
  model: 'model_key',
  use_case: 'use_case',
};

/** Rows of `budget_reservations`: the maximum cost of calls in flight. */
export class ReservationTable {
  private readonly insertRow: Database.Statement;
  private readonly deleteRow: Database.Statement;
  private readonly sweepRows: Database.Statement;
  private readonly sums: Record<BudgetScope, Database.Statement<unknown[], { total: number }>>;

  constructor(db: Database.Database) {
    this.insertRow = db.prepare(
      `INSERT INTO budget_reservations (created_at, expires_at, amount_nanos, provider, model_key, use_case)
       VALUES (?, ?, ?, ?, ?, ?)`,
    );
    this.deleteRow = db.prepare('DELETE FROM budget_reservations WHERE id = ?');
    this.sweepRows = db.prepare('DELETE FROM budget_reservations WHERE expires_at <= ?');
    const sum = (scope: BudgetScope): Database.Statement<unknown[], { total: number }> => {
      const col = SCOPE_COLUMN[scope];
      return db.prepare(
        `SELECT COALESCE(SUM(amount_nanos), 0) AS total FROM budget_reservations
         WHERE created_at >= ? AND created_at < ? AND expires_at > ?${col ? ` AND ${col} = ?` : ''}`,
      );
    };
    this.sums = {
      global: sum('global'),
      provider: sum('provider'),
      model: sum('model'),
      use_case: sum('use_case'),
    };
  }

  insert(target: BudgetTarget, amountNanos: number, now: number, expiresAt: number): number {
    const info = this.insertRow.run(
      now,
      expiresAt,
      amountNanos,
      target.provider,
      target.modelKey,
      target.useCase,
    );
    return Number(info.lastInsertRowid);
  }

  delete(id: number): boolean {
    return this.deleteRow.run(id).changes > 0;
  }

  /** Expired reservations belong to crashed or abandoned calls: they stop holding budget. */
  sweep(now: number): number {
    return this.sweepRows.run(now).changes;
  }

  /** Held by live reservations made in this budget's window, for calls its scope covers. */
  reservedFor(b: BudgetDefinition, w: WindowBounds, now: number): number {
    const args: unknown[] = [w.start, w.end, now];
    if (b.scope !== 'global') args.push(b.value);
    return (this.sums[b.scope].get(...args) as { total: number }).total;
  }
}
