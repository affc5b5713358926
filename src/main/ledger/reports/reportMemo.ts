import type Database from 'better-sqlite3';
import { LRUCache } from 'lru-cache';

/** Answers kept: the Costs screen asks for about eight per range, and people flip between a few. */
const MAX_ANSWERS = 48;

/**
 * The reports' answers, kept until the ledger changes. Every figure is still one SQL aggregate; this
 * only spares SQLite from computing the same one again over an unchanged file (the Costs screen asks
 * for the same reports each time it is opened, and the report of a 1M-request ledger costs 10–25 ms
 * of main's single thread on a quiet machine, 50–150 ms on a loaded one, while the window that asked
 * is rendering: see src/renderer/features/costs/README.md).
 *
 * The ledger's revision is read from SQLite itself, so nothing that writes has to remember to
 * invalidate: `total_changes()` counts every row this connection inserted, updated or deleted (the
 * writer, budgets, retention, settings all share it), and `PRAGMA data_version` moves whenever
 * another connection commits to the file (a CLI `run`, a second shell, a worker thread). Both are
 * read per call, in microseconds. Answers are shared, not copied: callers must not mutate them.
 */
export class ReportMemo {
  private readonly answers = new LRUCache<string, { revision: string; value: object }>({ max: MAX_ANSWERS });
  private readonly changes: Database.Statement<[], number>;
  private readonly dataVersion: Database.Statement<[], number>;

  constructor(db: Database.Database) {
    this.changes = db.prepare<[], number>('SELECT total_changes()').pluck();
    this.dataVersion = db.prepare<[], number>('PRAGMA data_version').pluck();
  }

  /** The ledger file's state as this connection sees it: equal revisions, equal answers. */
  revision(): string {
    return `${this.dataVersion.get()}:${this.changes.get()}`;
  }

  /** `compute()`'s answer for `key`, or the one kept for it if the ledger has not changed since. */
  answer<T extends object>(key: string, compute: () => T): T {
    const revision = this.revision();
    const kept = this.answers.get(key);
    if (kept?.revision === revision) return kept.value as T;
    const value = compute();
    this.answers.set(key, { revision, value });
    return value;
  }

  clear(): void {
    this.answers.clear();
  }
}
