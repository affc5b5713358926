import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Result } from '../../../shared/errors';
import { servicesFixture } from '../../test/servicesFixture';

/** The tasks and batch routes on the real Services (simulated providers), as the UI calls them. */
const t = servicesFixture({ simulate: true });
const { call, data } = t;

async function code(p: Promise<Result<unknown>>): Promise<string> {
  const r = await p;
  return r.ok ? 'ok' : `${r.error.code}: ${r.error.message}`;
}

describe('tasks routes', () => {
  it('analyzes with the rules in force and runs a sectioned step through routing', async () => {
    const step = { description: 'A TypeScript rate limiter.', language: 'typescript', expectedLines: 400 };
    const a = await data('tasks.analyze', step);
    expect(a).toMatchObject({ shouldSplit: true, strategy: 'by_section', thresholds: { maxCodeLines: 200 } });
    const r = await data('tasks.run', { taskId: 'task_route_1', step });
    expect(r).toMatchObject({ status: 'done', simulated: true, ledgerTaskId: null, strategy: 'by_section' });
    expect(r.chunks).toHaveLength(7);
    expect(r.files.map((f) => f.path)).toEqual(['generated.ts']);
    expect(r.costUsd).toBeGreaterThan(0);
  });

  it('refuses bad steps and batch files with stable codes', async () => {
    expect(await code(call('tasks.analyze', { description: '  ' }))).toMatch(/^VALIDATION_FAILED/);
    expect(await code(call('tasks.run', { taskId: 'x', step: { description: 'a' } }))).toMatch(
      /^VALIDATION_FAILED/,
    );
    const bad = { batchId: 'batch_bad_1', format: 'csv', text: 'question\nhi\n' };
    expect(await code(call('batch.run', bad))).toMatch(
      /^BATCH_INPUT_INVALID: The CSV needs a "prompt" column/,
    );
    expect(await code(call('batch.export', { batchId: 'batch_none_1', format: 'csv' }))).toMatch(
      /^NOT_FOUND/,
    );
    expect(await code(call('tasks.ledger', { ledgerTaskId: 99 }))).toMatch(/^NOT_FOUND/);
  });

  it('saves files to the folder the desktop dialog picks, and never outside it', async () => {
    const files = [{ path: 'src/app.py', content: 'print(1)\n' }];
    expect(await data('tasks.saveToFolder', { files })).toEqual({
      available: false,
      folder: null,
      saved: 0,
    });
    const folder = join(t.dataDir, 'picked');
    t.services.folderPicker = { choose: async () => folder };
    expect(await data('tasks.saveToFolder', { files })).toEqual({ available: true, folder, saved: 1 });
    expect(readFileSync(join(folder, 'src/app.py'), 'utf8')).toBe('print(1)\n');
    const escaping = [
      { path: 'ok.txt', content: 'x' },
      { path: '../escaped.txt', content: 'x' },
    ];
    expect(await code(call('tasks.saveToFolder', { files: escaping }))).toMatch(
      /^VALIDATION_FAILED: Refusing to write \.\.\/escaped/,
    );
    expect(existsSync(join(folder, 'ok.txt'))).toBe(false);
    expect(existsSync(join(t.dataDir, 'escaped.txt'))).toBe(false);
    t.services.folderPicker = { choose: async () => null };
    expect(await data('tasks.saveToFolder', { files })).toEqual({
      available: true,
      folder: null,
      saved: 0,
    });
  });
});
