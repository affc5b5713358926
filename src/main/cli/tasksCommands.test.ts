import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MemorySecretStore } from '../routing/test/memorySecrets';
import { tempDir } from '../test/tempDir';
import { runCli } from './program';

function capture() {
  const out: string[] = [];
  const err: string[] = [];
  return { io: { out: (l: string) => out.push(l), err: (l: string) => err.push(l) }, out, err };
}

describe('switchyard step run / batch', () => {
  let dir: ReturnType<typeof tempDir>;
  beforeEach(() => (dir = tempDir()));
  afterEach(() => dir.cleanup());

  it('step run reads input files next to the step file, splits by file and writes the merged files', async () => {
    for (const f of ['a', 'b', 'c', 'd']) writeFileSync(join(dir.path, `${f}.py`), `# ${f}\nx = 1\n`);
    const stepFile = join(dir.path, 'step.json');
    writeFileSync(
      stepFile,
      JSON.stringify({
        description: 'Add type hints.',
        type: 'refactoring',
        inputFiles: ['a.py', 'b.py', 'c.py', { path: 'd.py' }],
      }),
    );
    const c = capture();
    const out = join(dir.path, 'out');
    const code = await runCli(
      ['--data-dir', join(dir.path, 'data'), '--simulate', 'step', 'run', stepFile, '--out', out],
      {
        io: c.io,
        secrets: new MemorySecretStore(),
      },
    );
    expect(code).toBe(0);
    expect(c.err.join('\n')).toMatch(/\[4\/4\] d\.py/);
    expect(c.err.at(-1)).toMatch(/^done: 4 chunk\(s\), split by file, cost \$[0-9.]+ \(not recorded\)$/);
    for (const f of ['a', 'b', 'c', 'd'])
      expect(readFileSync(join(out, `${f}.py`), 'utf8')).toMatch(/^Simulated answer/);
  });

  it('step run with a broken file says so and exits 1', async () => {
    const stepFile = join(dir.path, 'step.json');
    writeFileSync(stepFile, '{"description": ');
    const c = capture();
    const code = await runCli(['--data-dir', dir.path, '--simulate', 'step', 'run', stepFile], {
      io: c.io,
      secrets: new MemorySecretStore(),
    });
    expect(code).toBe(1);
    expect(c.err.join('\n')).toMatch(/error VALIDATION_FAILED: .*step\.json is not valid JSON/);
  });

  it('batch runs a CSV with a concurrency limit and writes model, cost and latency per row', async () => {
    const input = join(dir.path, 'prompts.csv');
    writeFileSync(
      input,
      'id,prompt\n' + Array.from({ length: 6 }, (_, i) => `r${i},"Prompt ${i}, please"`).join('\n'),
    );
    const results = join(dir.path, 'results.csv');
    const c = capture();
    const code = await runCli(
      ['--data-dir', dir.path, '--simulate', 'batch', input, '--concurrency', '2', '--out', results],
      { io: c.io, secrets: new MemorySecretStore() },
    );
    expect(code).toBe(0);
    expect(c.err.join('\n')).toMatch(/done: 6 ok, 0 failed, 0 skipped/);
    const rows = parse(readFileSync(results, 'utf8'), { columns: true }) as Record<string, string>[];
    expect(rows.map((r) => r.id)).toEqual(['r0', 'r1', 'r2', 'r3', 'r4', 'r5']);
    for (const r of rows) {
      expect(r.model).toMatch(/^[a-z]+\/.+/);
      expect(Number(r.cost_usd)).toBeGreaterThan(0);
      expect(r.latency_ms).toMatch(/^\d+$/);
    }
    const bad = capture();
    expect(await runCli(['--data-dir', dir.path, 'batch', input, '--concurrency', '0'], { io: bad.io })).toBe(
      2,
    );
    expect(existsSync(results)).toBe(true);
  });
});
