// The desktop app end to end: the built app under a real Electron, driven by Playwright. Where no
// Electron binary is installed (machines without internet cannot download it) the file reports
// itself skipped with the reason instead of failing.
import { _electron as electron, expect, test, type ElectronApplication, type Page } from '@playwright/test';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { SwitchyardApi } from '../src/shared/contract';
import { REPO_ROOT } from './helpers/headlessShell';

/** Like node_modules/electron/index.js, minus its blocking download when the binary is missing. */
function electronBinary(): string | null {
  try {
    const relative = readFileSync(join(REPO_ROOT, 'node_modules/electron/path.txt'), 'utf8').trim();
    const full = join(REPO_ROOT, 'node_modules/electron/dist', relative);
    return relative !== '' && existsSync(full) ? full : null;
  } catch {
    return null;
  }
}

const binary = electronBinary();
test.skip(
  binary === null,
  'Electron binary not installed (no network to download it); run on a machine where `node node_modules/electron/install.js` succeeds.',
);

type PageGlobals = { switchyard?: SwitchyardApi; require?: unknown; process?: unknown };

let app: ElectronApplication;
let page: Page;
let dataDir: string;
const pageErrors: string[] = [];

test.beforeAll(async () => {
  test.setTimeout(15 * 60_000);
  const run = (script: string[]) => spawnSync(process.execPath, script, { cwd: REPO_ROOT, stdio: 'inherit' });
  // Main and preload must be current too, not only the renderer the global setup checks.
  expect(run(['node_modules/electron-vite/bin/electron-vite.js', 'build']).status).toBe(0);
  // Without the Electron-ABI better-sqlite3 the app starts but its database is unavailable.
  expect(run(['scripts/native-electron.mjs']).status).toBe(0);

  dataDir = mkdtempSync(join(tmpdir(), 'switchyard-electron-e2e-'));
  const env = { ...process.env } as Record<string, string>;
  delete env.ELECTRON_RUN_AS_NODE;
  delete env.ELECTRON_RENDERER_URL;
  app = await electron.launch({
    executablePath: binary ?? undefined,
    cwd: REPO_ROOT,
    // Chromium refuses its own sandbox as root (CI containers); the renderer stays `sandbox: true`.
    args: [...(process.getuid?.() === 0 ? ['--no-sandbox'] : []), '.', '--data-dir', dataDir],
    env,
  });
  page = await app.firstWindow();
  page.on('console', (m) => {
    if (m.type() === 'error') pageErrors.push(m.text());
  });
  page.on('pageerror', (e) => pageErrors.push(e.message));
});

test.afterAll(async () => {
  await app?.close();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

test('the window opens on the Playground; Status shows the data dir it was given', async () => {
  expect(page.url()).toMatch(/^app:\/\/switchyard\//);
  await expect(page.getByRole('heading', { level: 1, name: 'Playground' })).toBeVisible();
  await page.getByRole('link', { name: /Status/ }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Status' })).toBeVisible();
  const application = page.getByRole('region', { name: 'Application' });
  await expect(application).toContainText(dataDir);
  await expect(application).toContainText('Desktop (Electron)');
  const db = page.getByRole('region', { name: 'Database' });
  await expect(db.locator('.badge')).toHaveText('OK');
  await expect(db).toContainText(join(dataDir, 'switchyard.db'));
  expect(pageErrors).toEqual([]);
});

test('the page sees only request/subscribe, and no Node', async () => {
  // contextBridge refuses to expose anything without context isolation, so the API being there at
  // all shows isolation is on; no require/process shows Node stays out of the page.
  const facts = await page.evaluate(async () => {
    const g = globalThis as unknown as PageGlobals;
    const api = g.switchyard;
    return {
      keys: api ? Object.keys(api).sort() : null,
      require: typeof g.require,
      process: typeof g.process,
      unknown: api ? await api.request('no.such.route' as 'system.status', {}) : null,
      status: api ? await api.request('system.status', {}) : null,
    };
  });
  expect(facts.keys).toEqual(['request', 'subscribe']);
  expect(facts.require).toBe('undefined');
  expect(facts.process).toBe('undefined');
  expect(facts.unknown).toMatchObject({ ok: false, error: { code: 'UNKNOWN_ROUTE' } });
  expect(facts.status).toMatchObject({ ok: true, data: { shell: 'electron', dataDir } });
});

test('new windows, navigation away and remote fetches are refused', async () => {
  // file: URLs are refused outright (never handed to the OS), so nothing opens on the test machine.
  const opened = await page.evaluate(() =>
    (globalThis as unknown as { open(u: string): unknown }).open('file:///etc/passwd'),
  );
  expect(opened).toBeNull();
  expect(app.windows()).toHaveLength(1);

  await page.evaluate(() => {
    (globalThis as unknown as { location: { href: string } }).location.href = 'file:///etc/passwd';
  });
  await page.waitForTimeout(500);
  expect(page.url()).toMatch(/^app:\/\/switchyard\//);

  const remote = await page.evaluate(() =>
    fetch('https://example.com/').then(
      () => 'fetched',
      () => 'blocked',
    ),
  );
  expect(remote).toBe('blocked');
});
