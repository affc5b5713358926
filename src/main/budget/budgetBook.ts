import type Database from 'better-sqlite3';
import type { BudgetPolicy, BudgetScope, BudgetWindow } from '../../shared/contract/budget';
import { ForeignCommits } from '../ledger/foreignCommits';
import type { BudgetDefinition } from './budgetTypes';

interface BudgetRow {
  id: number;
  scope: BudgetScope;
  scope_value: string;
  period: BudgetWindow;
  limit_nanos: number;
  hard: number;
  warn_percent: number;
  policy: BudgetPolicy;
}

export interface BudgetChange {
  scope: BudgetScope;
  value: string | null;
  window: BudgetWindow;
  limitNanos: number;
  hard: boolean;
  warnPercent: number;
  policy: BudgetPolicy;
}

const REVISION_KEY = 'budget.revision';

const toDefinition = (r: BudgetRow): BudgetDefinition => ({
  id: r.id,
  scope: r.scope,
  value: r.scope_value === '' ? null : r.scope_value,
  window: r.period,
  limitNanos: r.limit_nanos,
  hard: r.hard === 1,
  warnPercent: r.warn_percent,
  policy: r.policy,
});

/**
 * The budgets table. The list is cached and reloaded only when `budget.revision` in app_meta
 * changes; every change bumps it, so a `budget set` from the CLI reaches a running app at its next
 * reservation or ledger write, inside the same transaction that reads it. The revision itself is
 * read only after another connection committed (`ForeignCommits`); this book's own changes drop
 * the cache.
 */
export class BudgetBook {
  private cached: { revision: string; budgets: BudgetDefinition[] } | null = null;
  private readonly revision: Database.Statement<[], { value: string }>;
  private readonly bump: Database.Statement;
  private readonly all: Database.Statement<[], BudgetRow>;
  private readonly find: Database.Statement<[string, string, string], BudgetRow>;
  private readonly insert: Database.Statement;
  private readonly update: Database.Statement;
  private readonly remove: Database.Statement;
  private readonly foreign: ForeignCommits;

  constructor(private readonly db: Database.Database) {
    this.foreign = new ForeignCommits(db);
    this.revision = db.prepare(`SELECT value FROM app_meta WHERE key = '${REVISION_KEY}'`);
    this.bump = db.prepare(
      `INSERT INTO app_meta (key, value) VALUES ('${REVISION_KEY}', '1')
       ON CONFLICT (key) DO UPDATE SET value = CAST(value AS INTEGER) + 1`,
    );
    this.all = db.prepare('SELECT * FROM budgets ORDER BY id');
    this.find = db.prepare('SELECT * FROM budgets WHERE scope = ? AND scope_value = ? AND period = ?');
    this.insert = db.prepare(
      `INSERT INTO budgets (scope, scope_value, period, limit_nanos, hard, warn_percent, policy, created_at, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    this.update = db.prepare(
      'UPDATE budgets SET limit_nanos = ?, hard = ?, warn_percent = ?, policy = ?, updated_at = ? WHERE id = ?',
    );
    this.remove = db.prepare('DELETE FROM budgets WHERE id = ?');
  }

  /** Current budgets; call inside the transaction that acts on them. */
  list(): BudgetDefinition[] {
    if (!this.foreign.changed() && this.cached) return this.cached.budgets;
    const revision = this.revision.get()?.value ?? '0';
    if (this.cached?.revision !== revision)
      this.cached = { revision, budgets: this.all.all().map(toDefinition) };
    return this.cached.budgets;
  }

  get(id: number): BudgetDefinition | undefined {
    return this.list().find((b) => b.id === id);
  }

  /** Creates the budget of this scope and window, or changes its limit, mode, warning and policy. */
  upsert(
    change: BudgetChange,
    now: number,
  ): { budget: BudgetDefinition; created: boolean; previous: BudgetDefinition | null } {
    this.cached = null;
    return this.db
      .transaction(() => {
        const existing = this.find.get(change.scope, change.value ?? '', change.window);
        const hard = change.hard ? 1 : 0;
        if (existing)
          this.update.run(change.limitNanos, hard, change.warnPercent, change.policy, now, existing.id);
        else {
          this.insert.run(
            change.scope,
            change.value ?? '',
            change.window,
            change.limitNanos,
            hard,
            change.warnPercent,
            change.policy,
            now,
            now,
          );
        }
        this.bump.run();
        const row = this.find.get(change.scope, change.value ?? '', change.window) as BudgetRow;
        return {
          budget: toDefinition(row),
          created: !existing,
          previous: existing ? toDefinition(existing) : null,
        };
      })
      .immediate();
  }

  delete(id: number): boolean {
    this.cached = null;
    return this.db
      .transaction(() => {
        const changed = this.remove.run(id).changes > 0;
        if (changed) this.bump.run();
        return changed;
      })
      .immediate();
  }
}
