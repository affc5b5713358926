import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { StepAnalysis, TaskResult } from '../../../shared/contract';
import type { Result } from '../../../shared/errors';
import { MemorySecretStore } from '../../routing/test/memorySecrets';
import { createDispatcher } from '../../rpc/dispatch';
import { Services } from '../../services';
import { tempDir } from '../../test/tempDir';

/** The tasks and batch routes on the real Services (simulated providers), as the UI calls them. */
let dir: ReturnType<typeof tempDir>;
let services: Services;
beforeEach(async () => {
  dir = tempDir();
  services = await Services.create({
    dataDir: dir.path,
    shell: 'headless',
    simulate: true,
    secrets: new MemorySecretStore(),
  });
});
afterEach(() => {
  services.close();
  dir.cleanup();
});

const call = (route: string, input: unknown) =>
  createDispatcher(services)(route, input, { source: 'http' }) as Promise<Result<unknown>>;

async function data<T>(p: Promise<Result<unknown>>): Promise<T> {
  const r = await p;
  if (!r.ok) throw new Error(`${r.error.code}: ${r.error.message}`);
  return r.data as T;
}

async function code(p: Promise<Result<unknown>>): Promise<string> {
  const r = await p;
  return r.ok ? 'ok' : `${r.error.code}: ${r.error.message}`;
}

describe('tasks routes', () => {
  it('analyzes with the rules in force and runs a sectioned step through routing', async () => {
    const step = { description: 'A TypeScript rate limiter.', language: 'typescript', expectedLines: 400 };
    const a = await data<StepAnalysis>(call('tasks.analyze', step));
    expect(a).toMatchObject({ shouldSplit: true, strategy: 'by_section', thresholds: { maxCodeLines: 200 } });
    const r = await data<TaskResult>(call('tasks.run', { taskId: 'task_route_1', step }));
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
    expect(await data(call('tasks.saveToFolder', { files }))).toEqual({
      available: false,
      folder: null,
      saved: 0,
    });
    const folder = join(dir.path, 'picked');
    services.folderPicker = { choose: async () => folder };
    expect(await data(call('tasks.saveToFolder', { files }))).toEqual({ available: true, folder, saved: 1 });
    expect(readFileSync(join(folder, 'src/app.py'), 'utf8')).toBe('print(1)\n');
    const escaping = [
      { path: 'ok.txt', content: 'x' },
      { path: '../escaped.txt', content: 'x' },
    ];
    expect(await code(call('tasks.saveToFolder', { files: escaping }))).toMatch(
      /^VALIDATION_FAILED: Refusing to write \.\.\/escaped/,
    );
    expect(existsSync(join(folder, 'ok.txt'))).toBe(false);
    expect(existsSync(join(dir.path, 'escaped.txt'))).toBe(false);
    services.folderPicker = { choose: async () => null };
    expect(await data(call('tasks.saveToFolder', { files }))).toEqual({
      available: true,
      folder: null,
      saved: 0,
    });
  });
});
