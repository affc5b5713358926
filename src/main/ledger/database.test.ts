import Database from 'better-sqlite3';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { isSwitchyardError } from '../core/errors';
import { tempDir } from '../test/tempDir';
import { DATABASE_FILE, LedgerDatabase } from './database';
import { LATEST_SCHEMA_VERSION, migrations, type Migration } from './migrations';
import { MIGRATION_SEEDS, tableContents } from './testing/migrationSeeds';

describe('LedgerDatabase', () => {
  let dir: ReturnType<typeof tempDir>;
  beforeEach(() => (dir = tempDir()));
  afterEach(() => dir.cleanup());

  it('creates the database file in WAL mode at the latest schema', () => {
    const db = LedgerDatabase.open(dir.path);
    const status = db.status();
    db.close();
    expect(status).toMatchObject({
      status: 'ok',
      path: join(dir.path, DATABASE_FILE),
      schemaVersion: LATEST_SCHEMA_VERSION,
      latestSchemaVersion: LATEST_SCHEMA_VERSION,
      journalMode: 'wal',
    });
    expect(status.sizeBytes).toBeGreaterThan(0);
    expect(status.sqliteVersion).toMatch(/^3\.\d+\.\d+$/);
  });

  it('migrates from every earlier version and keeps the rows already stored', () => {
    for (let from = 0; from < migrations.length; from++) {
      const sub = join(dir.path, `from-${from}`);
      LedgerDatabase.open(mkdir(sub), { migrations: migrations.slice(0, from) }).close();
      const raw = new Database(join(sub, DATABASE_FILE));
      for (const m of migrations.slice(0, from)) MIGRATION_SEEDS[m.name]?.(raw);
      const before = tableContents(raw);
      raw.close();

      const db = LedgerDatabase.open(sub);
      expect(db.schemaVersion()).toBe(LATEST_SCHEMA_VERSION);
      const after = tableContents(db.db);
      for (const [table, rows] of before)
        expect(after.get(table), `${table} after migrating from ${from}`).toEqual(rows);
      if (from > 0)
        expect(db.db.prepare("SELECT value FROM app_meta WHERE key = 'kept'").get()).toEqual({
          value: 'yes',
        });
      expect(db.db.pragma('foreign_key_check')).toEqual([]);
      db.close();
    }
    // A seed whose migration was renamed would silently stop checking anything.
    expect(Object.keys(MIGRATION_SEEDS).filter((name) => !migrations.some((m) => m.name === name))).toEqual(
      [],
    );
  });

  it('reopening an up-to-date database changes nothing', () => {
    LedgerDatabase.open(dir.path).close();
    const db = LedgerDatabase.open(dir.path);
    expect(db.schemaVersion()).toBe(LATEST_SCHEMA_VERSION);
    db.close();
  });

  it('refuses a database from a newer Switchyard and leaves it untouched', () => {
    const raw = new Database(join(dir.path, DATABASE_FILE));
    raw.pragma(`user_version = ${LATEST_SCHEMA_VERSION + 5}`);
    raw.close();
    let caught: unknown;
    try {
      LedgerDatabase.open(dir.path);
    } catch (e) {
      caught = e;
    }
    expect(isSwitchyardError(caught) && caught.code).toBe('DB_UNAVAILABLE');
    expect((caught as Error).message).toMatch(/newer Switchyard/);
    const check = new Database(join(dir.path, DATABASE_FILE));
    expect(check.pragma('user_version', { simple: true })).toBe(LATEST_SCHEMA_VERSION + 5);
    check.close();
  });

  it('rolls a failing migration back completely', () => {
    const broken: Migration[] = [
      ...migrations,
      {
        version: LATEST_SCHEMA_VERSION + 1,
        name: 'broken',
        sql: 'CREATE TABLE ok_part (x); SELECT * FROM missing_table;',
      },
    ];
    expect(() => LedgerDatabase.open(dir.path, { migrations: broken })).toThrow();
    const db = LedgerDatabase.open(dir.path);
    expect(db.schemaVersion()).toBe(LATEST_SCHEMA_VERSION);
    expect(db.db.prepare("SELECT 1 FROM sqlite_master WHERE name = 'ok_part'").get()).toBeUndefined();
    db.close();
  });

  it('reports a clear DB_UNAVAILABLE when the file is not a database', () => {
    writeFileSync(
      join(dir.path, DATABASE_FILE),
      'this is not sqlite, just text that is long enough '.repeat(20),
    );
    expect(() => LedgerDatabase.open(dir.path)).toThrowError(/cannot be opened/);
  });
});

function mkdir(p: string): string {
  mkdirSync(p, { recursive: true });
  return p;
}
