import { test, expect, type Locator, type Page } from '@playwright/test';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { ProvidersList } from '../src/shared/contract';
import { startFakeProviders, type FakeProviderServer } from '../src/main/execution/fake/server';
import { shellEnvWithoutKeys, startHeadlessShell, type HeadlessShell } from './helpers/headlessShell';

// The Settings screen against a real headless shell with a fresh data dir, the real keychain, and
// the fake provider server for "Test connection". `npm test` runs this inside
// scripts/with-keyring.sh (a throwaway unlocked GNOME Keyring); run bare, this machine has no
// Secret Service, and then the same tests check what a user without a keychain sees instead.

const KEY = 'sk-e2e-settings-Q7m2Lx9vR4tY8wZ1';
const ENV_KEY = 'e2e-env-deepseek-K3j5H7g9F1d2S4a6';

let fake: FakeProviderServer;
let shell: HeadlessShell;
let keychainAvailable = false;

test.beforeAll(async ({ request }) => {
  fake = await startFakeProviders();
  shell = await startHeadlessShell([], shellEnvWithoutKeys({ DEEPSEEK_API_KEY: ENV_KEY }));
  const res = await request.post(`${shell.origin}/rpc/providers.list`, {
    headers: { authorization: `Bearer ${shell.token}` },
    data: {},
  });
  const body = (await res.json()) as { ok: true; data: ProvidersList };
  keychainAvailable = body.data.keychain.status === 'available';
});

test.afterAll(async ({ request }) => {
  if (keychainAvailable) {
    for (const provider of ['openai', 'deepseek']) {
      await request.post(`${shell.origin}/rpc/keys.delete`, {
        headers: { authorization: `Bearer ${shell.token}` },
        data: { provider },
      });
    }
  }
  await shell?.stop();
  await fake?.close();
});

/** Writing provider keys is only safe in a keychain that is thrown away afterwards. */
const realKeychainReason =
  'refusing to write provider keys into this user’s real keychain: run inside scripts/with-keyring.sh (as `npm test` does)';
const inThrowawayKeyring = process.env.SWITCHYARD_IN_KEYRING === '1';

/** Every server answer the page receives, to check none carries a key; `all()` waits for each body. */
function recordResponses(page: Page): { all(): Promise<string[]> } {
  const bodies: Promise<string>[] = [];
  page.on('response', (r) => {
    if (new URL(r.url()).pathname.startsWith('/rpc/')) bodies.push(r.text().catch(() => ''));
  });
  return { all: () => Promise.all(bodies) };
}

/** Saves the connection form and waits for main's answer: the Base URL field shows the typed value at once. */
async function saveConnection(page: Page, card: Locator): Promise<void> {
  const saved = page.waitForResponse((r) => r.url().endsWith('/rpc/providers.update'));
  await card.getByRole('button', { name: 'Save connection' }).click();
  expect((await saved).status()).toBe(200);
}

async function openSettings(page: Page, s: HeadlessShell = shell): Promise<void> {
  await page.goto(s.url);
  await page.getByRole('link', { name: /^Settings/ }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Settings' })).toBeVisible();
  await expect(page.getByRole('region', { name: 'OpenAI', exact: true })).toBeVisible();
}

/** The DOM, every field's current value, and both storages: where a key must never be. */
async function pageState(page: Page): Promise<string> {
  // A string so this file needs no DOM typings; it runs in the page.
  return page.evaluate<string>(`[
    document.documentElement.outerHTML,
    ...Array.from(document.querySelectorAll('input')).map((i) => i.value),
    JSON.stringify({ ...localStorage }),
    JSON.stringify({ ...sessionStorage }),
  ].join('\\n')`);
}

function dataDirContains(dir: string, needle: string): string[] {
  const hits: string[] = [];
  for (const entry of readdirSync(dir)) {
    const p = join(dir, entry);
    if (statSync(p).isDirectory()) hits.push(...dataDirContains(p, needle));
    else if (readFileSync(p).includes(needle)) hits.push(p);
  }
  return hits;
}

test('add a key, see it masked, point the provider at the fake, test it active, delete it', async ({
  page,
}) => {
  test.skip(keychainAvailable && !inThrowawayKeyring, realKeychainReason);
  const responses = recordResponses(page);
  await openSettings(page);
  const openai = page.getByRole('region', { name: 'OpenAI', exact: true });

  if (!keychainAvailable) {
    // No Secret Service here: the screen must say so plainly, and keys cannot be entered.
    const notice = page.locator('.notice--warn', { hasText: 'The OS keychain is unavailable' });
    await expect(notice).toBeVisible();
    await expect(notice).toContainText('KEYCHAIN_UNAVAILABLE');
    await expect(notice).toContainText(/Secret Service/);
    await expect(openai.getByLabel('API key')).toBeDisabled();
    await expect(openai.locator('.badge')).toHaveText('No key');
    return;
  }

  await expect(openai.locator('.badge')).toHaveText('No key');
  await openai.getByLabel('API key').fill(KEY);
  await openai.getByRole('button', { name: 'Save key' }).click();
  await expect(openai.locator('.badge')).toHaveText('Untested');
  await expect(openai.getByText(`Stored: ends in ${KEY.slice(-4)}`)).toBeAttached();
  await expect(openai.locator('.key-mask')).toHaveText(`••••${KEY.slice(-4)}`);
  await expect(openai.getByLabel('API key')).toHaveValue('');

  await openai.getByText('Connection settings').click();
  await openai.getByLabel('Base URL').fill(fake.baseUrls.openai);
  await saveConnection(page, openai);
  await expect(openai.getByLabel('Base URL')).toHaveValue(fake.baseUrls.openai);

  await openai.getByRole('button', { name: 'Test connection' }).click();
  await expect(openai.locator('.badge')).toHaveText('Active');
  await expect(openai).toContainText('Answered the last test and listed 3 models.');
  await expect(openai).toContainText(/Last tested at /);
  expect(fake.log.list({}).at(-1)).toMatchObject({ path: '/v1/models', keyPresent: true, status: 200 });
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.screenshot({ path: test.info().outputPath('settings-provider-active.png') });

  // The provider refuses the key (the fake echoes it in its 401 body): invalid, and still no leak.
  fake.faults.add({ error: 'auth' }, { wire: 'openai' }, 1);
  await openai.getByRole('button', { name: 'Test connection' }).click();
  await expect(openai.locator('.badge')).toHaveText('Invalid key');
  await expect(openai).toContainText('refused the stored key at the last test (HTTP 401)');

  await page.reload();
  await expect(page.getByRole('region', { name: 'OpenAI', exact: true }).locator('.badge')).toHaveText(
    'Invalid key',
  );
  expect(await pageState(page)).not.toContain(KEY);

  await openai.getByRole('button', { name: 'Delete key' }).click();
  await openai
    .getByRole('group', { name: 'Confirm deleting the OpenAI key' })
    .getByRole('button', { name: 'Delete' })
    .click();
  await expect(openai.locator('.badge')).toHaveText('No key');
  await expect(openai).toContainText('No API key stored.');

  expect(await pageState(page)).not.toContain(KEY);
  const bodies = await responses.all();
  expect(bodies.length).toBeGreaterThan(5);
  expect(bodies.join('\n')).not.toContain(KEY);
  expect(dataDirContains(shell.dataDir, KEY)).toEqual([]);
});

test('offers to import a key from the shell’s environment, by name only', async ({ page }) => {
  test.skip(
    !keychainAvailable,
    'there is no keychain to import into here; the unavailable case is the next test',
  );
  test.skip(!inThrowawayKeyring, realKeychainReason);
  await openSettings(page);
  const offer = page.locator('.notice', { hasText: 'API keys found in the environment' });
  await expect(offer).toBeVisible();
  const choice = offer.getByRole('checkbox', { name: 'DeepSeek from DEEPSEEK_API_KEY' });
  await expect(choice).toBeChecked();
  await offer.getByRole('button', { name: 'Import selected' }).click();
  await expect(page.getByText('Imported DeepSeek')).toBeVisible();
  const deepseek = page.getByRole('region', { name: 'DeepSeek', exact: true });
  await expect(deepseek.locator('.badge')).toHaveText('Untested');
  await expect(deepseek.locator('.key-mask')).toHaveText(`••••${ENV_KEY.slice(-4)}`);
  expect(await pageState(page)).not.toContain(ENV_KEY);
  expect(dataDirContains(shell.dataDir, ENV_KEY)).toEqual([]);
});

test('with the keychain down, Settings says KEYCHAIN_UNAVAILABLE and local servers still test', async ({
  page,
}) => {
  // A shell whose D-Bus address leads nowhere: the keychain is truly unavailable to it.
  const down = await startHeadlessShell(
    [],
    shellEnvWithoutKeys({
      DBUS_SESSION_BUS_ADDRESS: 'unix:path=/nonexistent/switchyard-no-bus',
      OPENAI_API_KEY: KEY,
    }),
  );
  try {
    await openSettings(page, down);
    const notice = page.locator('.notice--warn', { hasText: 'The OS keychain is unavailable' });
    await expect(notice).toContainText('KEYCHAIN_UNAVAILABLE');
    await expect(notice).toContainText('never stored anywhere else');
    await expect(
      page.getByRole('region', { name: 'OpenAI', exact: true }).getByLabel('API key'),
    ).toBeDisabled();
    await expect(page.getByText('API keys found in the environment')).toHaveCount(0);

    const ollama = page.getByRole('region', { name: 'Ollama', exact: true });
    await ollama.getByText('Connection settings').click();
    await ollama.getByLabel('Base URL').fill(fake.baseUrls.local);
    await saveConnection(page, ollama);
    await expect(ollama.getByLabel('Base URL')).toHaveValue(fake.baseUrls.local);
    await ollama.getByRole('button', { name: 'Test connection' }).click();
    await expect(ollama.locator('.badge')).toHaveText('Active');
    expect(await pageState(page)).not.toContain(KEY);
  } finally {
    await down.stop();
  }
});
