import Database from 'better-sqlite3';
import { closeSync, openSync, statSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { isSwitchyardError, type SwitchyardError } from '../core/errors';
import { createDispatcher } from '../rpc/dispatch';
import { MemorySecretStore } from '../routing/test/memorySecrets';
import { Services } from '../services';
import { tempDir } from '../test/tempDir';
import { DATABASE_FILE } from './database';
import { openLedgerFixture, okAttempt, okRequest, price, type LedgerFixture } from './testing/ledgerFixture';

const P = price(0, 10); // 1,000 output tokens = 1 ¢
const request = (out = 1_000) => okRequest(okAttempt('openai', 'gpt-4.1', P, 0, out));
const call = {
  provider: 'openai',
  model: 'gpt-4.1',
  estimatedInputTokens: 0,
  maxOutputTokens: 1_000,
  price: P,
};

async function rejection(p: Promise<unknown>): Promise<SwitchyardError> {
  try {
    await p;
  } catch (e) {
    if (isSwitchyardError(e)) return e;
    throw e;
  }
  throw new Error('expected a rejection');
}

describe('a database in a bad state', () => {
  let f: LedgerFixture;
  afterEach(() => f.cleanup());

  it('locked by another process: DB_UNAVAILABLE, reads go on, the row is kept and written once the lock is gone', async () => {
    f = openLedgerFixture();
    f.setBudget({ scope: 'global', window: 'total', limitUsd: 1, mode: 'hard', policy: 'block' });
    const kept = f.budget.reserve(call);
    await f.ledger.record(request(500));
    f.ledger.db.pragma('busy_timeout = 50'); // the shipped 5 s would only make this test slow
    const other = new Database(join(f.dir, DATABASE_FILE));
    other.exec('BEGIN IMMEDIATE'); // e.g. a long write by a CLI run
    try {
      const refused = await rejection(f.ledger.record(request(), { reservationId: kept.id }));
      expect(refused.code).toBe('DB_UNAVAILABLE');
      expect(refused.message).toMatch(/locked.*kept in memory and retried/);
      expect(refused.details).toMatchObject({ state: 'locked', kept: true });
      expect(f.ledger.writer.retainedCount).toBe(1);
      expect(() => f.budget.reserve(call)).toThrowError(/locked/);
      // WAL readers are not blocked by a writer: the dashboards keep working.
      expect(f.ledger.reports.overview({}).requests).toBe(1);
    } finally {
      other.exec('ROLLBACK');
      other.close();
    }
    f.ledger.writer.flush();
    expect(f.ledger.writer.retainedCount).toBe(0);
    expect(f.ledger.reports.overview({}).requests).toBe(2);
    expect(f.ledger.db.prepare('SELECT count(*) AS n FROM budget_reservations').get()).toEqual({ n: 0 });
    expect(f.budget.list().budgets[0]!.current!.spentUsd).toBeCloseTo(0.015, 9);
  });

  it('read-only: writes and reservations are refused loudly, reports still answer, nothing written is lost', async () => {
    f = openLedgerFixture();
    await f.ledger.record(request());
    f.ledger.db.pragma('query_only = ON'); // what SQLite reports for a read-only file or mount
    const refused = await rejection(f.ledger.record(request()));
    expect(refused.code).toBe('DB_UNAVAILABLE');
    expect(refused.message).toMatch(/read-only; check the file and folder permissions/);
    expect(() => f.budget.reserve(call)).toThrowError(/read-only/);
    expect(() => f.setBudget({ scope: 'global', window: 'daily', limitUsd: 1 })).toThrowError(/read-only/);
    expect(f.ledger.reports.overview({}).requests).toBe(1);
    f.ledger.db.pragma('query_only = OFF');
    f.ledger.writer.flush();
    expect(f.ledger.reports.overview({}).requests).toBe(2);
  });

  it('corrupt pages: DB_UNAVAILABLE with advice, and the file is left as it was', async () => {
    f = openLedgerFixture();
    await Promise.all(Array.from({ length: 2_000 }, () => f.ledger.record(request())));
    const path = join(f.dir, DATABASE_FILE);
    // The schema's pages stay readable (a later migration may put one past the middle), the rows do not.
    const schemaEnd = f.database.db
      .prepare("SELECT max(pageno) AS page FROM dbstat WHERE name = 'sqlite_schema'")
      .pluck()
      .get() as number;
    f.close();
    const size = statSync(path).size;
    const half = Math.max(schemaEnd * 4096, Math.floor(size / 2 / 4096) * 4096);
    const fd = openSync(path, 'r+');
    writeSync(fd, Buffer.alloc(size - half, 0xab), 0, size - half, half);
    closeSync(fd);
    f = f.reopen();
    const read = (() => {
      try {
        f.ledger.reports.csv({ kind: 'requests', by: 'day', limit: 100_000 });
      } catch (e) {
        return e as SwitchyardError;
      }
      return null;
    })();
    expect(read?.code).toBe('DB_UNAVAILABLE');
    expect(read?.message).toMatch(/corrupt; restore a backup or move the file aside/);
    expect(statSync(path).size).toBeGreaterThanOrEqual(size);
  });

  it('a database that cannot be opened does not stop the app: routes answer DB_UNAVAILABLE', async () => {
    const dir = tempDir();
    try {
      const fd = openSync(join(dir.path, DATABASE_FILE), 'w');
      writeSync(fd, 'not a database, just text long enough to look like one '.repeat(40));
      closeSync(fd);
      const services = await Services.create({
        dataDir: dir.path,
        shell: 'cli',
        secrets: new MemorySecretStore(),
      });
      try {
        const dispatch = createDispatcher(services);
        expect(services.status().database.status).toBe('error');
        for (const route of ['reports.overview', 'budget.list', 'ledger.settings'] as const) {
          const r = await dispatch(route, {}, { source: 'cli' });
          expect(r.ok ? 'ok' : r.error.code).toBe('DB_UNAVAILABLE');
        }
      } finally {
        services.close();
      }
    } finally {
      dir.cleanup();
    }
  });
});
