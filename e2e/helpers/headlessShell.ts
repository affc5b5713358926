import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { AZURE_ENDPOINT_ENV, PROVIDER_KEY_ENV } from '../../src/main/secrets/envKeys';

export const REPO_ROOT = fileURLToPath(new URL('../..', import.meta.url));

export interface HeadlessShell {
  /** The printed one-time UI URL, with the token. */
  url: string;
  origin: string;
  token: string;
  dataDir: string;
  /** Everything the shell printed so far, for failure messages. */
  output(): string;
  stop(): Promise<void>;
}

const START_TIMEOUT_MS = 60_000;
const STOP_TIMEOUT_MS = 10_000;

/**
 * Starts `src/main/headless/main.ts` from source on a free port with a fresh data directory, the
 * way `npm run serve` does, and waits for the UI URL it prints.
 */
export async function startHeadlessShell(
  extraArgs: string[] = [],
  /** The shell's whole environment (default: this process's). */
  env: NodeJS.ProcessEnv = process.env,
  /** A data directory prepared by the test (e.g. a seeded ledger); default: a fresh one. */
  options: { dataDir?: string } = {},
): Promise<HeadlessShell> {
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'switchyard-e2e-'));
  const child = spawn(
    process.execPath,
    [
      '--import',
      'tsx',
      'src/main/headless/main.ts',
      '--port',
      '0',
      '--data-dir',
      dataDir,
      '--renderer-dir',
      'out/renderer',
      ...extraArgs,
    ],
    { cwd: REPO_ROOT, stdio: ['ignore', 'pipe', 'pipe'], env: { ...env, FORCE_COLOR: '0' } },
  );
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));

  let url: string;
  try {
    url = await waitForUiUrl(child, () => output);
  } catch (e) {
    await stopChild(child);
    rmSync(dataDir, { recursive: true, force: true });
    throw e;
  }
  const parsed = new URL(url);
  return {
    url,
    origin: parsed.origin,
    token: parsed.searchParams.get('token') ?? '',
    dataDir,
    output: () => output,
    async stop() {
      await stopChild(child);
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

function waitForUiUrl(child: ChildProcess, output: () => string): Promise<string> {
  return new Promise((resolvePromise, reject) => {
    const timer = setTimeout(() => {
      cleanup();
      reject(new Error(`The headless shell printed no UI URL within ${START_TIMEOUT_MS} ms:\n${output()}`));
    }, START_TIMEOUT_MS);
    const onData = () => {
      const match = /^\s*UI:\s+(http:\/\/\S+)/m.exec(output());
      if (!match?.[1]) return;
      cleanup();
      resolvePromise(match[1]);
    };
    const onExit = (code: number | null) => {
      cleanup();
      reject(new Error(`The headless shell exited (code ${code}) before printing its UI URL:\n${output()}`));
    };
    const cleanup = () => {
      clearTimeout(timer);
      child.stdout?.off('data', onData);
      child.off('exit', onExit);
    };
    child.stdout?.on('data', onData);
    child.once('exit', onExit);
  });
}

async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((r) => child.once('exit', () => r()));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), STOP_TIMEOUT_MS);
  await exited;
  clearTimeout(timer);
}

/** Environment variables that would hand a shell the runner's own provider keys: main's own list. */
const PROVIDER_KEY_VARS = new Set<string>([...Object.values(PROVIDER_KEY_ENV).flat(), AZURE_ENDPOINT_ENV]);

/** The runner's environment without provider keys, plus the ones a test wants the shell to see. */
export function shellEnvWithoutKeys(extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !PROVIDER_KEY_VARS.has(k)));
  return { ...env, ...extra };
}
