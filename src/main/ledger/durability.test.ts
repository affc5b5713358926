import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { tempDir } from '../test/tempDir';
import { LedgerDatabase } from './database';
import { ledgerTotals } from './testing/ledgerConsistency';

const CHILD = fileURLToPath(new URL('./testing/durabilityChild.ts', import.meta.url));

/** Starts the writer, lets it acknowledge `acks` requests under load, then kill -9. */
function writeThenKill(dataDir: string, acks: number): Promise<Map<number, number>> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', CHILD, dataDir], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const acked = new Map<number, number>();
    let buffer = '';
    let stderr = '';
    let killed = false;
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.stdout.on('data', (d: Buffer) => {
      buffer += d.toString();
      const lines = buffer.split('\n');
      buffer = lines.pop() ?? ''; // a line cut by the kill is not an acknowledgement
      for (const line of lines) {
        const m = /^ack (\d+) (\d+)$/.exec(line);
        if (m) acked.set(Number(m[1]), Number(m[2]));
      }
      if (!killed && acked.size >= acks) {
        killed = true;
        child.kill('SIGKILL');
      }
    });
    child.on('error', reject);
    child.on('exit', (_code, signal) => {
      if (signal === 'SIGKILL') resolve(acked);
      else reject(new Error(`the writer exited on its own (${String(signal)}): ${stderr}`));
    });
  });
}

describe('durability', () => {
  let dir: ReturnType<typeof tempDir>;
  beforeEach(() => (dir = tempDir()));
  afterEach(() => dir.cleanup());

  it('kill -9 under load: every acknowledged request is in the ledger and the file passes integrity_check', async () => {
    const acked = await writeThenKill(dir.path, 5_000);
    expect(acked.size).toBeGreaterThanOrEqual(5_000);

    const database = LedgerDatabase.open(dir.path);
    try {
      const db = database.db;
      expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
      expect(db.pragma('foreign_key_check')).toEqual([]);
      const stored = new Map(
        (
          db.prepare('SELECT id, tokens_in FROM ledger_requests').all() as { id: number; tokens_in: number }[]
        ).map((r) => [r.id, r.tokens_in]),
      );
      const missing = [...acked].filter(([id, tokens]) => stored.get(id) !== tokens);
      expect(missing).toEqual([]);
      // What was committed is whole: rollups, attempts and budget spend agree with the rows.
      const totals = ledgerTotals(db);
      expect(totals.rolledUp).toBe(totals.requests);
      expect(totals.attempts).toBe(totals.requests);
      expect(totals.budgetSpentNanos).toBe(totals.costNanos);
    } finally {
      database.close();
    }
  }, 60_000);
});
