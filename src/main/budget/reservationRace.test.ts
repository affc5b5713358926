import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openLedgerFixture, type LedgerFixture } from '../ledger/testing/ledgerFixture';

const CHILD = fileURLToPath(new URL('./testing/reserveRaceChild.ts', import.meta.url));

interface Tally {
  admitted: number;
  refused: number;
}

interface Racer {
  ready: Promise<void>;
  go(): void;
  result: Promise<Tally>;
}

/** A separate Node process on the same data dir, waiting for `go` on its stdin. */
function startRacer(dataDir: string, count: number, seed: number, mode = 'each'): Racer {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', CHILD, dataDir, String(count), String(seed), mode],
    {
      stdio: ['pipe', 'pipe', 'pipe'],
    },
  );
  let out = '';
  let err = '';
  let signalReady: () => void = () => {};
  const ready = new Promise<void>((resolve) => (signalReady = resolve));
  child.stdout.on('data', (d: Buffer) => {
    out += d.toString();
    if (out.startsWith('ready\n')) signalReady();
  });
  child.stderr.on('data', (d: Buffer) => (err += d.toString()));
  const result = new Promise<Tally>((resolve, reject) => {
    child.on('error', reject);
    child.on('exit', (code) => {
      if (code !== 0) reject(new Error(`racer exited ${code}: ${err}`));
      else resolve(JSON.parse(out.trim().split('\n').at(-1) ?? '{}') as Tally);
    });
  });
  return { ready, go: () => child.stdin.write('go\n'), result };
}

describe('two processes against one hard cap', () => {
  let f: LedgerFixture;
  beforeEach(() => {
    f = openLedgerFixture({ timeZone: 'UTC' });
    f.setBudget({ scope: 'global', window: 'total', limitUsd: 1, mode: 'hard', policy: 'block' });
  });
  afterEach(() => f.cleanup());

  it('an app and a CLI reserving at once never spend past $1.00 between them', async () => {
    await race([startRacer(f.dir, 500, 7), startRacer(f.dir, 500, 11)]);
  }, 60_000);

  it('holds as well when the app admits its calls in groups (AdmissionQueue)', async () => {
    await race([startRacer(f.dir, 500, 7, 'queued'), startRacer(f.dir, 500, 11)]);
  }, 60_000);

  async function race(racers: Racer[]): Promise<void> {
    await Promise.all(racers.map((r) => r.ready));
    for (const r of racers) r.go();
    const [a, b] = (await Promise.all(racers.map((r) => r.result))) as [Tally, Tally];
    const spent = (
      f.ledger.db.prepare('SELECT SUM(cost_nanos) AS s FROM ledger_requests').get() as { s: number }
    ).s;
    expect(a.admitted + a.refused + b.admitted + b.refused).toBe(1000);
    expect(a.admitted).toBeGreaterThan(0);
    expect(b.admitted).toBeGreaterThan(0);
    expect(a.refused + b.refused).toBeGreaterThan(0);
    expect(spent).toBeLessThanOrEqual(1_000_000_000);
    expect(spent).toBeGreaterThan(900_000_000); // the cap was actually reached, not avoided
    expect(f.ledger.db.prepare('SELECT count(*) AS n FROM budget_reservations').get()).toEqual({ n: 0 });
    expect(f.budget.list().budgets[0]!.current!.spentUsd * 1e9).toBeCloseTo(spent, 0);
  }
});
