import type Database from 'better-sqlite3';
import type { LedgerDatabase } from './database';
import type { LedgerReceipt, RecordOptions, RequestRecord } from './ledgerEntry';
import { LedgerSettingsStore } from './ledgerSettings';
import { LedgerWriter, type LedgerWriterOptions } from './ledgerWriter';
import { RequestHistory } from './requestHistory';
import { LedgerReports } from './reports/ledgerReports';
import type { BaselinePrice } from './reports/overviewQuery';
import { ScopedSpendQuery } from './reports/scopedSpend';
import { LedgerRetention } from './retention';
import { TaskLedger } from './taskLedger';

export interface LedgerOptions extends LedgerWriterOptions {
  /** The catalog's current price of a model, for a savings baseline the ledger has never seen. */
  catalogPrice?: (modelKey: string) => BaselinePrice | null;
}

/**
 * The ledger room's face: `record` (group-committed writes), `reports`, `history`, `settings`
 * and `retention`, all over the one database connection of this process.
 */
export class Ledger {
  readonly db: Database.Database;
  readonly path: string;
  readonly settings: LedgerSettingsStore;
  readonly writer: LedgerWriter;
  readonly reports: LedgerReports;
  readonly retention: LedgerRetention;
  readonly scopedSpend: ScopedSpendQuery;
  /** Recent requests, newest first, and one request with its attempts. */
  readonly history: RequestHistory;
  /** Heavy tasks and batches: the parent rows their chunk requests are linked to. */
  readonly tasks: TaskLedger;

  constructor(database: Pick<LedgerDatabase, 'db' | 'path'>, options: LedgerOptions = {}) {
    this.db = database.db;
    this.path = database.path;
    // 64 MiB of page cache (SQLite's default is 16): a year of rollups and the hot ends of the
    // ledger's indexes stay in memory, which more than halves the cost of a write.
    this.db.pragma('cache_size = -65536');
    this.settings = new LedgerSettingsStore(this.db);
    this.writer = new LedgerWriter(this.db, this.path, this.settings, options);
    this.reports = new LedgerReports(this.db, this.settings, options.catalogPrice);
    this.retention = new LedgerRetention(this.db, this.settings);
    this.scopedSpend = new ScopedSpendQuery(this.db);
    this.history = new RequestHistory(this.db, this.path, this.settings);
    this.tasks = new TaskLedger(this.db);
  }

  /** Resolves once committed: await it before answering the client (see LedgerWriter). */
  record(request: RequestRecord, options?: RecordOptions): Promise<LedgerReceipt> {
    return this.writer.record(request, options);
  }

  close(): void {
    this.writer.close();
  }
}
