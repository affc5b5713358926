import type { APIRequestContext, Page } from '@playwright/test';
import type { Status } from '../src/shared/contract';
import { expect, test } from './helpers/fixtures';
import type { HeadlessShell } from './helpers/headlessShell';
import { collectPageErrors } from './helpers/pageErrors';

const bearer = (shell: HeadlessShell) => ({ authorization: `Bearer ${shell.token}` });

async function serverStatus(request: APIRequestContext, shell: HeadlessShell): Promise<Status> {
  const res = await request.post(`${shell.origin}/rpc/system.status`, { headers: bearer(shell), data: {} });
  expect(res.status()).toBe(200);
  const body = (await res.json()) as { ok: true; data: Status };
  expect(body.ok).toBe(true);
  return body.data;
}

/** The app opens on the Playground; the Status screen is one click away. */
async function openUi(page: Page, shell: HeadlessShell): Promise<void> {
  await page.goto(shell.url);
  await page.getByRole('link', { name: /Status/ }).click();
  await expect(page.getByRole('region', { name: 'Database' })).toBeVisible();
}

test('without the token, the UI and the contract refuse to answer', async ({ shell, page, request }) => {
  const anonymous = await page.goto(`${shell.origin}/`);
  expect(anonymous?.status()).toBe(401);
  await expect(page.getByRole('heading', { name: 'Access token required' })).toBeVisible();

  const wrongUrl = await page.goto(`${shell.origin}/?token=not-the-token`);
  expect(wrongUrl?.status()).toBe(401);
  await expect(page.getByRole('heading', { name: 'Access token required' })).toBeVisible();

  const noToken = await request.post(`${shell.origin}/rpc/system.status`, { data: {} });
  expect(noToken.status()).toBe(401);
  expect(await noToken.json()).toMatchObject({ ok: false, error: { code: 'UNAUTHORIZED' } });

  const wrongToken = await request.post(`${shell.origin}/rpc/system.status`, {
    headers: { authorization: 'Bearer not-the-token' },
    data: {},
  });
  expect(wrongToken.status()).toBe(401);
  expect(await wrongToken.json()).toMatchObject({ ok: false, error: { code: 'UNAUTHORIZED' } });

  const events = await request.get(`${shell.origin}/events`);
  expect(events.status()).toBe(401);
});

test('the printed URL opens the UI, drops the token from the address bar, and survives a reload', async ({
  shell,
  page,
  context,
}) => {
  const errors = collectPageErrors(page);
  const first = await page.goto(shell.url);
  expect(first?.status()).toBe(200);
  expect(first?.headers()['content-security-policy']).toContain("script-src 'self'");

  expect(page.url()).toBe(`${shell.origin}/`);
  expect(page.url()).not.toContain(shell.token);
  await expect(page.getByRole('banner')).toContainText('Switchyard');
  await expect(page.getByRole('banner')).toContainText('Browser');
  // The screen people open first.
  await expect(page.getByRole('heading', { level: 1, name: 'Playground' })).toBeVisible();
  await page.getByRole('link', { name: /Status/ }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Status' })).toBeVisible();

  const port = new URL(shell.origin).port;
  const cookie = (await context.cookies()).find((c) => c.name === `sy_token_${port}`);
  expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Strict' });

  await page.reload();
  await expect(page.getByRole('region', { name: 'Database' })).toContainText('OK');
  expect(page.url()).not.toContain('token');

  await page.getByRole('link', { name: /Costs/ }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Costs' })).toBeVisible();
  await expect(page.getByRole('tab', { name: 'Budgets' })).toBeVisible();
  expect(errors).toEqual([]);
});

test('the Status screen shows what the server reports', async ({ shell, page, request }) => {
  const errors = collectPageErrors(page);
  const status = await serverStatus(request, shell);
  expect(status.database.path.startsWith(shell.dataDir)).toBe(true);

  await page.setViewportSize({ width: 1280, height: 800 });
  await openUi(page, shell);

  await expect(page.getByRole('region', { name: 'Application' })).toContainText(shell.dataDir);
  await expect(page.getByRole('region', { name: 'Application' })).toContainText('Headless (HTTP)');
  await expect(page.getByRole('region', { name: 'Runtime' })).toContainText(status.versions.node);

  const db = page.getByRole('region', { name: 'Database' });
  await expect(db.locator('.badge')).toHaveText('OK');
  await expect(db).toContainText(status.database.path);
  await expect(db).toContainText(
    `${status.database.schemaVersion} of ${status.database.latestSchemaVersion} (latest)`,
  );
  await expect(db).toContainText('WAL');
  await expect(db).toContainText(status.database.sqliteVersion);

  const keychain = page.getByRole('region', { name: 'Keychain' });
  await expect(keychain).toContainText(status.keychain.backend);
  const warning = page.getByText('The OS keychain is unavailable');
  if (status.keychain.status === 'available') {
    await expect(keychain.locator('.badge')).toHaveText('Available');
    await expect(warning).toHaveCount(0);
  } else {
    await expect(keychain.locator('.badge')).toHaveText('Unavailable');
    await expect(warning).toBeVisible();
    // The UI shows `quoted commands` as code, so compare without the backticks.
    await expect(page.locator('.notice--warn')).toContainText(
      (status.keychain.message ?? '').replaceAll('`', ''),
    );
  }
  await expect(keychain).toContainText(
    status.accessToken.storage === 'keychain' ? 'Kept in the OS keychain' : 'In memory only (this launch)',
  );
  await expect(page.getByRole('region', { name: 'Gateway' })).toContainText('Running');

  await page.screenshot({ path: '/tmp/status.png', fullPage: true });
  await page.emulateMedia({ colorScheme: 'dark' });
  await page.screenshot({ path: '/tmp/status-dark.png', fullPage: true });
  expect(errors).toEqual([]);
});

test('Recheck and rechecks from other clients update the view', async ({ shell, page, request }) => {
  await openUi(page, shell);
  const stamp = page.getByText(/^(Checked|Rechecked) at /);
  await expect(stamp).toHaveText(/^Checked at /);

  const [recheck] = await Promise.all([
    page.waitForResponse((r) => r.url().endsWith('/rpc/system.recheck')),
    page.getByRole('button', { name: 'Recheck' }).click(),
  ]);
  expect(recheck.status()).toBe(200);
  await expect(stamp).toHaveText(/^Rechecked at /);
  await expect(page.getByRole('button', { name: 'Recheck' })).toBeEnabled();

  // Another client rechecks; the page hears system.statusChanged over SSE and refreshes its stamp.
  // The stamp shows whole seconds: wait until the page's clock reads a time other than the one shown
  // (formatted as the Status screen formats it), so a refresh cannot look like no change.
  const before = (await stamp.textContent()) ?? '';
  const shownTime = before.replace(/^(Checked|Rechecked) at /, '');
  await expect
    .poll(() => page.evaluate(() => new Date().toLocaleTimeString(undefined, { timeStyle: 'medium' })))
    .not.toBe(shownTime);
  const other = await request.post(`${shell.origin}/rpc/system.recheck`, {
    headers: bearer(shell),
    data: {},
  });
  expect(other.status()).toBe(200);
  await expect(stamp).not.toHaveText(before);
});

test('bad input is answered with an error and the server stays up', async ({ shell, request }) => {
  const headers = bearer(shell);
  const unknown = await request.post(`${shell.origin}/rpc/nope`, { headers, data: {} });
  expect(unknown.status()).toBe(404);
  expect(await unknown.json()).toMatchObject({ ok: false, error: { code: 'UNKNOWN_ROUTE' } });

  const malformed = await request.post(`${shell.origin}/rpc/system.status`, {
    headers: { ...headers, 'content-type': 'application/json' },
    data: Buffer.from('{"not json'),
  });
  expect(malformed.status()).toBe(400);
  expect(await malformed.json()).toMatchObject({ ok: false, error: { code: 'BAD_JSON' } });

  const invalid = await request.post(`${shell.origin}/rpc/system.status`, { headers, data: { extra: 1 } });
  expect(invalid.status()).toBe(400);
  expect(await invalid.json()).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED' } });

  const status = await serverStatus(request, shell);
  expect(status.dataDir).toBe(shell.dataDir);
});

test('a foreign Host header is refused (DNS rebinding)', async ({ shell, request }) => {
  const page = await request.get(`${shell.origin}/`, { headers: { host: 'evil.example' } });
  expect(page.status()).toBe(403);

  const rpc = await request.post(`${shell.origin}/rpc/system.status`, {
    headers: { ...bearer(shell), host: 'evil.example' },
    data: {},
  });
  expect(rpc.status()).toBe(403);
  expect(await rpc.json()).toMatchObject({ ok: false, error: { code: 'FORBIDDEN_ORIGIN' } });
});
