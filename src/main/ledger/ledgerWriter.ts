import type Database from 'better-sqlite3';
import { SwitchyardError, isSwitchyardError } from '../core/errors';
import { DailyRollup, type InsertedRequest } from './dailyRollup';
import { dbUnavailable, isDatabaseFailure } from './dbErrors';
import type { LedgerReceipt, RecordOptions, RequestRecord } from './ledgerEntry';
import { LedgerNames } from './ledgerNames';
import { toRequestRow, type RequestRow } from './ledgerRow';
import type { LedgerSettingsStore } from './ledgerSettings';
import type { LocalCalendar } from './localCalendar';
import { MonthlyRollup } from './monthlyRollup';
import { RequestInsert } from './requestInsert';
import { RollupExtentStore } from './rollupExtent';
import { DailyTopList } from './topDaily';

/** Work other rooms do in the same transaction as a ledger write (budget spend, reconciliation). */
export interface LedgerBatchHook {
  /** Inside the transaction, before this batch's rows exist (read the ledger as it was). */
  beforeInsert?(rows: readonly RequestRow[], calendar: LocalCalendar): void;
  /** Inside the transaction, after the rows are inserted; may return work to run after commit. */
  afterInsert?(batch: readonly InsertedRequest[], calendar: LocalCalendar): (() => void) | void;
  /** The transaction rolled back: forget anything cached from inside it. */
  rolledBack?(): void;
}

interface Pending {
  row: RequestRow;
  resolve: (r: LedgerReceipt) => void;
  reject: (e: unknown) => void;
}

export interface LedgerWriterOptions {
  /** Rows per transaction at most; a longer queue is written in several. */
  maxBatch?: number;
  /** Rows kept in memory for retry while the database is unavailable. */
  maxRetained?: number;
  retryIntervalMs?: number;
}

/**
 * Writes ledger rows with group commit: every `record()` of one event-loop turn joins one
 * BEGIN IMMEDIATE transaction, committed before any of their promises resolve. A caller that
 * awaits `record()` before answering its client therefore never answers a request the ledger
 * does not hold (WAL keeps a committed transaction through a process crash).
 *
 * When the database itself fails (locked past the busy timeout, read-only, corrupt, disk full)
 * the rows are kept in memory and retried every few seconds, and each caller is told loudly with
 * DB_UNAVAILABLE; nothing already in the file is touched. A row that fails on its own (a bug) is
 * isolated by retrying the batch row by row, so it cannot take its neighbours down with it.
 */
export class LedgerWriter {
  private queue: Pending[] = [];
  private retained: RequestRow[] = [];
  private scheduled = false;
  private retryTimer: NodeJS.Timeout | null = null;
  private readonly hooks: LedgerBatchHook[] = [];
  private readonly names: LedgerNames;
  private readonly insert: RequestInsert;
  private readonly rollup: DailyRollup;
  private readonly topList: DailyTopList;
  private readonly extent: RollupExtentStore;
  private readonly monthly: MonthlyRollup;
  private readonly write: (rows: readonly RequestRow[]) => { ids: number[]; after: Array<() => void> };
  private readonly maxBatch: number;
  private readonly maxRetained: number;
  private readonly retryIntervalMs: number;

  constructor(
    private readonly db: Database.Database,
    private readonly path: string,
    private readonly settings: LedgerSettingsStore,
    options: LedgerWriterOptions = {},
  ) {
    this.maxBatch = options.maxBatch ?? 5_000;
    this.maxRetained = options.maxRetained ?? 100_000;
    this.retryIntervalMs = options.retryIntervalMs ?? 2_000;
    this.names = new LedgerNames(db);
    this.insert = new RequestInsert(db, this.names);
    this.rollup = new DailyRollup(db);
    this.topList = new DailyTopList(db);
    this.extent = new RollupExtentStore(db);
    this.monthly = new MonthlyRollup(db, this.extent);
    const tx = db.transaction((rows: readonly RequestRow[]) => this.writeRows(rows));
    this.write = (rows) => tx.immediate(rows);
  }

  addHook(hook: LedgerBatchHook): void {
    this.hooks.push(hook);
  }

  /** Resolves once the request is committed; rejects with DB_UNAVAILABLE if it could not be. */
  record(request: RequestRecord, options: RecordOptions = {}): Promise<LedgerReceipt> {
    let row: RequestRow;
    try {
      row = toRequestRow(request, options);
    } catch (e) {
      return Promise.reject(e);
    }
    return new Promise((resolve, reject) => {
      this.queue.push({ row, resolve, reject });
      if (!this.scheduled) {
        this.scheduled = true;
        setImmediate(() => this.flush());
      }
    });
  }

  /** Writes everything queued now (the tick flush calls this; so do close and tests). */
  flush(): void {
    this.scheduled = false;
    if (this.retained.length > 0) this.retryRetained();
    while (this.queue.length > 0) this.commit(this.queue.splice(0, this.maxBatch));
  }

  /** Rows waiting in memory for the database to come back. */
  get retainedCount(): number {
    return this.retained.length;
  }

  close(): void {
    this.flush();
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.retryTimer = null;
  }

  private writeRows(rows: readonly RequestRow[]): { ids: number[]; after: Array<() => void> } {
    const settings = this.settings.get();
    const calendar = this.settings.calendarFor(settings.timeZone);
    for (const h of this.hooks) h.beforeInsert?.(rows, calendar);
    const inserted = this.insert.run(rows, settings.storePrompts);
    const { monthsThrough } = this.extent.read();
    this.monthly.foldBefore(this.rollup.add(inserted, calendar, monthsThrough), monthsThrough);
    this.topList.add(inserted, calendar);
    const after: Array<() => void> = [];
    for (const h of this.hooks) {
      const then = h.afterInsert?.(inserted, calendar);
      if (then) after.push(then);
    }
    return { ids: inserted.map((i) => i.id), after };
  }

  private commit(batch: Pending[]): void {
    let result: { ids: number[]; after: Array<() => void> };
    try {
      result = this.write(batch.map((p) => p.row));
    } catch (e) {
      this.rolledBack();
      if (isDatabaseFailure(e)) return this.retain(batch, e);
      if (batch.length > 1) {
        for (const p of batch) this.commit([p]);
        return;
      }
      batch[0]?.reject(isSwitchyardError(e) ? e : internalError(e));
      return;
    }
    batch.forEach((p, i) => p.resolve({ id: result.ids[i] ?? 0, costNanos: p.row.costNanos }));
    runAfterCommit(result.after);
  }

  private retain(batch: Pending[], e: unknown): void {
    const room = Math.max(0, this.maxRetained - this.retained.length);
    const kept = batch.slice(0, room);
    this.retained.push(...kept.map((p) => p.row));
    const base = dbUnavailable(e, this.path, 'record the request in the ledger');
    for (const [i, p] of batch.entries()) {
      const note =
        i < room
          ? 'It is kept in memory and retried.'
          : 'It was NOT kept: too many rows are already waiting.';
      p.reject(
        new SwitchyardError('DB_UNAVAILABLE', `${base.message} ${note}`, { ...base.details, kept: i < room }),
      );
    }
    this.scheduleRetry();
  }

  private retryRetained(): void {
    const rows = this.retained;
    try {
      const { after } = this.write(rows);
      this.retained = [];
      runAfterCommit(after);
    } catch (e) {
      this.rolledBack();
      // A row that can never be written must not block the others forever.
      if (!isDatabaseFailure(e)) this.retained = rows.filter((row) => this.tryAlone(row));
      this.scheduleRetry();
    }
  }

  /** Writes one retained row alone; returns true if it must stay retained (database still down). */
  private tryAlone(row: RequestRow): boolean {
    try {
      runAfterCommit(this.write([row]).after);
      return false;
    } catch (e) {
      this.rolledBack();
      if (isDatabaseFailure(e)) return true;
      console.error('[switchyard] dropping a ledger row that cannot be written:', (e as Error).message);
      return false;
    }
  }

  private scheduleRetry(): void {
    if (this.retryTimer || this.retained.length === 0) return;
    this.retryTimer = setTimeout(() => {
      this.retryTimer = null;
      if (this.db.open) this.flush();
    }, this.retryIntervalMs);
    this.retryTimer.unref();
  }

  private rolledBack(): void {
    this.names.forget();
    this.topList.forget();
    for (const h of this.hooks) h.rolledBack?.();
  }
}

function runAfterCommit(after: Array<() => void>): void {
  for (const fn of after) {
    try {
      fn();
    } catch (e) {
      console.error('[switchyard] after-commit ledger hook failed:', e);
    }
  }
}

function internalError(e: unknown): SwitchyardError {
  console.error('[switchyard] a ledger row could not be written:', e);
  return new SwitchyardError(
    'INTERNAL',
    'A ledger row could not be written; see the log for details.',
    undefined,
    {
      cause: e,
    },
  );
}
