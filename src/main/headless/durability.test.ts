import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startFakeProviders, type FakeProviderServer } from '../execution/fake/server';
import { LedgerDatabase } from '../ledger/database';
import { ledgerTotals } from '../ledger/testing/ledgerConsistency';
import { KeytarSecretStore } from '../secrets/keytarStore';
import { tempDir } from '../test/tempDir';

// Issue #5, "Done when": kill -9 of the real headless shell under load leaves every request that
// got a response in the ledger, and the file passes integrity_check.

const REPO_ROOT = fileURLToPath(new URL('../../..', import.meta.url));
const LOOPS = 16;
const ACKS_BEFORE_KILL = 200;
const START_TIMEOUT_MS = 30_000;

interface Shell {
  child: ChildProcess;
  origin: string;
  token: string;
  output(): string;
}

function startShell(dataDir: string): Promise<Shell> {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', 'src/main/headless/main.ts', '--port', '0', '--data-dir', dataDir],
    { cwd: REPO_ROOT, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, FORCE_COLOR: '0' } },
  );
  let output = '';
  child.stderr.on('data', (d: Buffer) => (output += d.toString()));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`the headless shell printed no UI URL:\n${output}`));
    }, START_TIMEOUT_MS);
    child.stdout.on('data', (d: Buffer) => {
      output += d.toString();
      const m = /^\s*UI:\s+(http:\/\/\S+)/m.exec(output);
      if (!m?.[1]) return;
      clearTimeout(timer);
      const url = new URL(m[1]);
      resolve({
        child,
        origin: url.origin,
        token: url.searchParams.get('token') ?? '',
        output: () => output,
      });
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(
        new Error(`the headless shell exited (code ${String(code)}) before printing its UI URL:\n${output}`),
      );
    });
  });
}

type RpcResult = { ok: true; data: Record<string, unknown> } | { ok: false; error: { code: string } };

async function rpc(shell: Shell, route: string, input: unknown): Promise<RpcResult> {
  const res = await fetch(`${shell.origin}/rpc/${route}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${shell.token}`, 'content-type': 'application/json' },
    body: JSON.stringify(input),
  });
  return (await res.json()) as RpcResult;
}

async function rpcOk(shell: Shell, route: string, input: unknown): Promise<Record<string, unknown>> {
  const r = await rpc(shell, route, input);
  if (!r.ok) throw new Error(`${route} failed: ${JSON.stringify(r.error)}\n${shell.output()}`);
  return r.data;
}

/** What the ledger row of an answered request holds and the answer tells: tokens in and out. */
type Ack = { tokensIn: number; tokensOut: number };

/**
 * LOOPS concurrent loops of execution.run, each prompt of a different length so every request has
 * its own tokens_in (the ledger stores no request id and, from execution, no prompt hash). Once
 * ACKS_BEFORE_KILL answers arrived, the shell gets SIGKILL with the other loops' requests in
 * flight. Every answer that arrived, before or after the kill was noticed, is an acknowledgement.
 */
async function loadThenKill(shell: Shell): Promise<{ acked: Ack[]; inFlightAtKill: number }> {
  const acked: Ack[] = [];
  let next = 0;
  let inFlight = 0;
  let inFlightAtKill = -1;
  const exited = new Promise<NodeJS.Signals | null>((r) => shell.child.once('exit', (_c, s) => r(s)));
  const loop = async (): Promise<void> => {
    while (inFlightAtKill < 0) {
      const i = next++;
      inFlight++;
      let r: RpcResult;
      try {
        r = await rpc(shell, 'execution.run', {
          request: { prompt: `durability probe ${i}: ${'abcd'.repeat(i)}`, model: 'openai/gpt-4o-mini' },
          temperature: 0.7,
          stream: false,
        });
      } catch {
        return; // the connection died with the shell: no answer, no promise made
      } finally {
        inFlight--;
      }
      if (!r.ok) throw new Error(`execution.run failed: ${JSON.stringify(r.error)}\n${shell.output()}`);
      const v = r.data as { promptTokens: number; completionTokens: number };
      acked.push({ tokensIn: v.promptTokens, tokensOut: v.completionTokens });
      if (inFlightAtKill < 0 && acked.length >= ACKS_BEFORE_KILL) {
        inFlightAtKill = inFlight;
        process.kill(shell.child.pid ?? 0, 'SIGKILL');
      }
    }
  };
  await Promise.all(Array.from({ length: LOOPS }, loop));
  expect(await exited).toBe('SIGKILL');
  return { acked, inFlightAtKill };
}

const inThrowawayKeyring = process.env['SWITCHYARD_IN_KEYRING'] === '1';

// The shell keeps provider keys in the OS keychain under the real service name, so this test sets
// openai's key there: it runs only inside scripts/with-keyring.sh's throwaway keyring (`npm test`
// on Linux), never against a developer's own keychain.
describe.skipIf(!inThrowawayKeyring)('headless shell durability', () => {
  let dir: ReturnType<typeof tempDir>;
  let fake: FakeProviderServer;
  let shell: Shell | undefined;
  const keychain = new KeytarSecretStore();
  let previousKey: string | null = null;

  beforeEach(async () => {
    dir = tempDir();
    fake = await startFakeProviders({ port: 0 });
    previousKey = await keychain.get('openai');
  });
  afterEach(async () => {
    if (shell && shell.child.exitCode === null && shell.child.signalCode === null) {
      shell.child.kill('SIGKILL');
    }
    if (previousKey === null) await keychain.delete('openai');
    else await keychain.set('openai', previousKey);
    await fake.close();
    dir.cleanup();
  });

  it('kill -9 under load: every answered execution.run is in the ledger and the file passes integrity_check', async () => {
    shell = await startShell(dir.path);
    await rpcOk(shell, 'keys.set', { provider: 'openai', key: 'sk-fake-durability-0000000000000000' });
    await rpcOk(shell, 'providers.update', { provider: 'openai', baseUrl: fake.baseUrls.openai });

    const { acked, inFlightAtKill } = await loadThenKill(shell);
    expect(acked.length).toBeGreaterThanOrEqual(ACKS_BEFORE_KILL);
    expect(inFlightAtKill).toBeGreaterThan(0);
    // Distinct prompt lengths give distinct token counts, so each answer names one row.
    expect(new Set(acked.map((a) => a.tokensIn)).size).toBe(acked.length);

    const database = LedgerDatabase.open(dir.path);
    try {
      const db = database.db;
      expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
      expect(db.pragma('foreign_key_check')).toEqual([]);
      const stored = new Map(
        (
          db.prepare('SELECT tokens_in, tokens_out FROM ledger_requests').all() as {
            tokens_in: number;
            tokens_out: number;
          }[]
        ).map((r) => [r.tokens_in, r.tokens_out]),
      );
      const missing = acked.filter((a) => stored.get(a.tokensIn) !== a.tokensOut);
      expect(missing).toEqual([]);
      // What was committed is whole: rollups, attempts and budget spend agree with the rows.
      const totals = ledgerTotals(db);
      expect(totals.rolledUp).toBe(totals.requests);
      expect(totals.attempts).toBe(totals.requests);
      expect(totals.rolledUpCostNanos).toBe(totals.costNanos);
    } finally {
      database.close();
    }
  }, 90_000);
});
