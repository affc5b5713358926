import { readFileSync } from 'node:fs';
import { test, expect, type Page } from '@playwright/test';
import { parse } from 'csv-parse/sync';
import { strFromU8, unzipSync } from 'fflate';
import { startHeadlessShell, type HeadlessShell } from './helpers/headlessShell';
import { openScreen, snapshot } from './helpers/screens';

// Large tasks and batches in the Playground against a real headless shell with simulated
// providers: the project's fake provider server answers through the real SDK adapters, the
// cascade and the heavy-task and batch services, and the results come back over SSE and /rpc.
// Every simulated stream is slowed a little so progress can be seen part way.

const SLOW_STREAMS = [{ fault: 'chunk-delay=40', times: 100_000 }];

let shell: HeadlessShell;

test.beforeAll(async () => {
  shell = await startHeadlessShell(['--simulate'], {
    ...process.env,
    SWITCHYARD_SIMULATE_FAULTS: JSON.stringify(SLOW_STREAMS),
  });
});

test.afterAll(async () => {
  await shell?.stop();
});

async function openTab(page: Page, tab: 'Large task' | 'Batch'): Promise<void> {
  await openScreen(page, shell, 'playground', 'Playground', { viewport: { width: 1400, height: 1100 } });
  await page.getByRole('tab', { name: tab }).click();
}

test('a large task shows its sections advancing and ends with a file tree and a zip', async ({
  page,
}, info) => {
  test.setTimeout(120_000);
  await openTab(page, 'Large task');
  await page
    .getByLabel('Step description')
    .fill('Write a command line inventory tool with add, list and export.');
  await page.getByLabel('Expected lines').fill('600');
  await page.getByLabel('Language').fill('python');
  await page.getByLabel('Result file').fill('tools/inventory.py');
  await page.getByRole('button', { name: 'Analyze' }).click();
  const analysis = page.getByRole('region', { name: 'Analysis' });
  await expect(analysis).toContainText('Split by section');
  await expect(analysis).toContainText('600 expected lines of code is more than the limit of 200');

  await page.getByRole('button', { name: 'Run task' }).click();
  const bar = page.getByRole('progressbar', { name: 'Task progress' });
  // Part way: some sections done, others still to come.
  await expect(bar).toHaveAttribute('aria-valuenow', /^[1-6]$/, { timeout: 60_000 });
  await expect(page.getByRole('progressbar', { name: 'Chunk imports' })).toHaveAttribute(
    'aria-valuenow',
    '1',
  );
  await page.screenshot({ path: info.outputPath('large-task-progress.png') });
  await expect(bar).toHaveAttribute('aria-valuenow', '7', { timeout: 90_000 });
  await expect(page.getByRole('status').filter({ hasText: 'Finished, split by section' })).toBeVisible();

  const tree = page.getByRole('tree', { name: 'Result files' });
  await expect(tree).toContainText('tools/');
  await expect(tree.getByRole('button', { name: 'inventory.py' })).toBeVisible();
  await expect(page.getByLabel('File preview')).toContainText('Simulated answer');
  await snapshot(page, info, 'large-task-result');

  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Download zip' }).click();
  const zip = await download;
  expect(zip.suggestedFilename()).toBe('switchyard-task.zip');
  const files = unzipSync(readFileSync(await zip.path()));
  expect(Object.keys(files)).toEqual(['tools/inventory.py']);
  expect(strFromU8(files['tools/inventory.py'] ?? new Uint8Array())).toContain('Simulated answer');
});

test('a 50-prompt batch shows progress, pauses, resumes and exports its results', async ({ page }, info) => {
  test.setTimeout(150_000);
  await openTab(page, 'Batch');
  const jsonl = Array.from({ length: 50 }, (_, i) =>
    JSON.stringify({ id: `p${i + 1}`, prompt: `Batch question ${i + 1}?` }),
  );
  await page.getByLabel(/Prompts file/).setInputFiles({
    name: 'prompts.jsonl',
    mimeType: 'application/x-ndjson',
    buffer: Buffer.from(jsonl.join('\n')),
  });
  await expect(page.getByLabel('At a time')).toHaveValue('3');
  await page.getByRole('button', { name: 'Run batch' }).click();
  const bar = page.getByRole('progressbar', { name: 'Batch progress' });
  await expect(bar).toHaveAttribute('aria-valuenow', /^([1-9]|[1-3]\d)$/, { timeout: 60_000 });

  await page.getByRole('button', { name: 'Pause' }).click();
  await expect(bar).toHaveAttribute('aria-valuetext', /\(paused\)/);
  await page.screenshot({ path: info.outputPath('batch-paused.png') });
  await page.getByRole('button', { name: 'Resume' }).click();
  await expect(bar).toHaveAttribute('aria-valuenow', '50', { timeout: 120_000 });
  await expect(
    page.getByRole('status').filter({ hasText: 'Finished: 50 ok, 0 failed, 0 skipped.' }),
  ).toBeVisible();
  await snapshot(page, info, 'batch-done');

  const csvDownload = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export CSV' }).click();
  const csv = await csvDownload;
  expect(csv.suggestedFilename()).toMatch(/-results\.csv$/);
  const rows = parse(readFileSync(await csv.path(), 'utf8'), { columns: true }) as Record<string, string>[];
  expect(rows).toHaveLength(50);
  expect(rows.map((r) => r.id)).toEqual(Array.from({ length: 50 }, (_, i) => `p${i + 1}`));
  for (const r of rows) {
    expect(r.status).toBe('ok');
    expect(r.model).toMatch(/^[a-z]+\/.+/);
    expect(Number(r.cost_usd)).toBeGreaterThan(0);
    expect(r.latency_ms).toMatch(/^\d+$/);
  }

  const jsonlDownload = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export JSONL' }).click();
  const lines = readFileSync(await (await jsonlDownload).path(), 'utf8')
    .trim()
    .split('\n');
  expect(lines).toHaveLength(50);
  expect(JSON.parse(lines[0] ?? '{}')).toMatchObject({ id: 'p1', status: 'ok' });
});
