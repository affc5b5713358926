import { spawnSync } from 'node:child_process';
import { statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { tempDir } from '../test/tempDir';
import { runCli } from './program';

function capture() {
  const out: string[] = [];
  const err: string[] = [];
  return { io: { out: (l: string) => out.push(l), err: (l: string) => err.push(l) }, out, err };
}

describe('CLI', () => {
  let dir: ReturnType<typeof tempDir>;
  beforeEach(() => (dir = tempDir()));
  afterEach(() => dir.cleanup());

  it('status --json reports the real data dir, database and keychain', async () => {
    const dataDir = join(dir.path, 'nested', 'data');
    const c = capture();
    expect(await runCli(['--data-dir', dataDir, '--json', 'status'], { io: c.io })).toBe(0);
    const status = JSON.parse(c.out.join('\n'));
    expect(status.dataDir).toBe(dataDir);
    expect(status.shell).toBe('cli');
    expect(status.database).toMatchObject({ status: 'ok', path: join(dataDir, 'switchyard.db') });
    expect(['available', 'unavailable']).toContain(status.keychain.status);
    expect(statSync(dataDir).mode & 0o777).toBe(0o700);
  });

  it('token prints the same token twice and --rotate replaces it (real keychain)', async () => {
    const a = capture();
    expect(await runCli(['--data-dir', dir.path, 'token'], { io: a.io })).toBe(0);
    const b = capture();
    expect(await runCli(['--data-dir', dir.path, 'token'], { io: b.io })).toBe(0);
    expect(a.out[0]).toMatch(/^[A-Za-z0-9_-]{40,}$/);
    expect(b.out[0]).toBe(a.out[0]);
    const r = capture();
    expect(await runCli(['--data-dir', dir.path, '--json', 'token', '--rotate'], { io: r.io })).toBe(0);
    const rotated = JSON.parse(r.out[0] ?? '{}') as { token: string; rotated: boolean };
    expect(rotated.rotated).toBe(true);
    expect(rotated.token).not.toBe(a.out[0]);
    const after = capture();
    await runCli(['--data-dir', dir.path, 'token'], { io: after.io });
    expect(after.out[0]).toBe(rotated.token);
  });

  it('an unknown command is a usage error with exit code 2', async () => {
    const c = capture();
    expect(await runCli(['--data-dir', dir.path, 'frobnicate'], { io: c.io })).toBe(2);
    expect(c.err.join('\n')).toMatch(/unknown command 'frobnicate'/);
  });

  it('a data dir that cannot be created fails with DATA_DIR_UNUSABLE', async () => {
    const blocker = join(dir.path, 'a-file');
    writeFileSync(blocker, 'not a directory');
    const c = capture();
    const code = await runCli(['--data-dir', join(blocker, 'data'), 'status'], { io: c.io });
    expect(code).toBe(1);
    expect(c.err.join('\n')).toMatch(/^error DATA_DIR_UNUSABLE: /);
  });

  it('runs as `npm run switchyard` with --help listing the commands', () => {
    const r = spawnSync(process.execPath, ['--import', 'tsx', 'src/main/cli/index.ts', '--help'], {
      encoding: 'utf8',
    });
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/status/);
    expect(r.stdout).toMatch(/token/);
    expect(r.stdout).toMatch(/--data-dir/);
  });
});
