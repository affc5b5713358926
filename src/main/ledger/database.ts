import Database from 'better-sqlite3';
import { statSync } from 'node:fs';
import { join } from 'node:path';
import type { DatabaseStatus } from '../../shared/contract';
import { SwitchyardError } from '../core/errors';
import { LATEST_SCHEMA_VERSION, migrations, type Migration } from './migrations';

export const DATABASE_FILE = 'switchyard.db';

export interface OpenOptions {
  /** Path of a better_sqlite3.node built for the running runtime (the Electron shell passes one). */
  nativeBinding?: string;
  migrations?: readonly Migration[];
}

/** The SQLite database in the data dir: WAL, foreign keys on, migrated on open. */
export class LedgerDatabase {
  readonly path: string;
  readonly db: Database.Database;

  private constructor(path: string, db: Database.Database) {
    this.path = path;
    this.db = db;
  }

  static open(dataDir: string, options: OpenOptions = {}): LedgerDatabase {
    const path = join(dataDir, DATABASE_FILE);
    let db: Database.Database;
    try {
      db = new Database(path, options.nativeBinding ? { nativeBinding: options.nativeBinding } : {});
      db.pragma('journal_mode = WAL');
      db.pragma('synchronous = NORMAL');
      db.pragma('foreign_keys = ON');
      db.pragma('busy_timeout = 5000');
    } catch (e) {
      throw new SwitchyardError(
        'DB_UNAVAILABLE',
        `The database ${path} cannot be opened: ${(e as Error).message}`,
        { path },
        { cause: e },
      );
    }
    const ledger = new LedgerDatabase(path, db);
    ledger.migrate(options.migrations ?? migrations);
    return ledger;
  }

  schemaVersion(): number {
    return this.db.pragma('user_version', { simple: true }) as number;
  }

  /** Applies every migration newer than the file's `user_version`, each in its own transaction. */
  migrate(list: readonly Migration[]): void {
    const current = this.schemaVersion();
    const latest = list.at(-1)?.version ?? 0;
    if (current > latest) {
      throw new SwitchyardError(
        'DB_UNAVAILABLE',
        `The database ${this.path} was written by a newer Switchyard (schema ${current}, this build knows ${latest}). Update Switchyard; nothing was changed.`,
        { path: this.path, schemaVersion: current },
      );
    }
    for (const m of list) {
      if (m.version <= current) continue;
      this.db.transaction(() => {
        this.db.exec(m.sql);
        this.db.pragma(`user_version = ${m.version}`);
      })();
    }
  }

  status(): DatabaseStatus {
    try {
      const journalMode = this.db.pragma('journal_mode', { simple: true }) as string;
      const sqliteVersion = (this.db.prepare('SELECT sqlite_version() AS v').get() as { v: string }).v;
      return {
        status: 'ok',
        path: this.path,
        schemaVersion: this.schemaVersion(),
        latestSchemaVersion: LATEST_SCHEMA_VERSION,
        journalMode,
        sizeBytes: fileSize(this.path) + fileSize(`${this.path}-wal`),
        sqliteVersion,
      };
    } catch (e) {
      return {
        status: 'error',
        path: this.path,
        schemaVersion: 0,
        latestSchemaVersion: LATEST_SCHEMA_VERSION,
        journalMode: 'unknown',
        sizeBytes: fileSize(this.path),
        sqliteVersion: 'unknown',
        message: (e as Error).message,
      };
    }
  }

  close(): void {
    if (this.db.open) this.db.close();
  }
}

function fileSize(path: string): number {
  try {
    return statSync(path).size;
  } catch {
    return 0;
  }
}
