import type Database from 'better-sqlite3';
import { nanosToUsd } from './money';

export type TaskKind = 'step' | 'batch';

/** A heavy task's parent row with its requests summed in SQL: the task's cost is one number. */
export interface TaskTotals {
  taskId: number;
  kind: TaskKind;
  title: string;
  strategy: string | null;
  startedAt: string;
  requests: number;
  attempts: number;
  costUsd: number;
  chunks: Array<{ chunk: string; requests: number; attempts: number; costUsd: number }>;
}

const TITLE_MAX = 200;

/**
 * Parents of heavy tasks and batches (migration 9). The parent row is written when the task starts;
 * each chunk's request row carries `parent` and is linked in the ledger writer's transaction.
 */
export class TaskLedger {
  private readonly insert: Database.Statement;
  private readonly task: Database.Statement<
    [number],
    { kind: string; title: string; strategy: string | null; started_at: number }
  >;
  private readonly total: Database.Statement<
    [number, number],
    { requests: number; attempts: number; cost: number }
  >;
  private readonly byChunk: Database.Statement<
    [number],
    { chunk: string; requests: number; attempts: number; cost: number }
  >;

  constructor(db: Database.Database) {
    this.insert = db.prepare(
      'INSERT INTO ledger_tasks (started_at, kind, title, strategy) VALUES (?, ?, ?, ?)',
    );
    this.task = db.prepare('SELECT kind, title, strategy, started_at FROM ledger_tasks WHERE id = ?');
    this.total = db.prepare(
      `SELECT COUNT(*) AS requests, COALESCE(SUM(r.cost_nanos), 0) AS cost,
              (SELECT COUNT(*) FROM ledger_task_requests t2 JOIN ledger_attempts a ON a.request_id = t2.request_id
                WHERE t2.task_id = ?) AS attempts
         FROM ledger_task_requests t JOIN ledger_requests r ON r.id = t.request_id
        WHERE t.task_id = ?`,
    );
    this.byChunk = db.prepare(
      `SELECT t.chunk AS chunk, COUNT(*) AS requests, SUM(r.cost_nanos) AS cost,
              SUM((SELECT COUNT(*) FROM ledger_attempts a WHERE a.request_id = r.id)) AS attempts
         FROM ledger_task_requests t JOIN ledger_requests r ON r.id = t.request_id
        WHERE t.task_id = ?
        GROUP BY t.chunk ORDER BY MIN(r.id)`,
    );
  }

  open(kind: TaskKind, title: string, strategy: string | null, startedAt = Date.now()): number {
    const info = this.insert.run(startedAt, kind, title.slice(0, TITLE_MAX), strategy);
    return Number(info.lastInsertRowid);
  }

  totals(taskId: number): TaskTotals | null {
    const t = this.task.get(taskId);
    if (!t) return null;
    const chunks = this.byChunk.all(taskId).map((c) => ({
      chunk: c.chunk,
      requests: c.requests,
      attempts: c.attempts,
      costUsd: nanosToUsd(c.cost),
    }));
    const total = this.total.get(taskId, taskId) ?? { requests: 0, attempts: 0, cost: 0 };
    return {
      taskId,
      kind: t.kind === 'batch' ? 'batch' : 'step',
      title: t.title,
      strategy: t.strategy,
      startedAt: new Date(t.started_at).toISOString(),
      requests: total.requests,
      attempts: total.attempts,
      costUsd: nanosToUsd(total.cost),
      chunks,
    };
  }
}
