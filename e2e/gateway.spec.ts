import { expect, test } from '@playwright/test';
import { startHeadlessShell, type HeadlessShell } from './helpers/headlessShell';

// This spec rotates the access token, so it runs its own shell instead of the worker's shared one
// (whose token the other specs keep using).
let shell: HeadlessShell;
test.beforeAll(async () => {
  shell = await startHeadlessShell();
});
test.afterAll(async () => {
  await shell?.stop();
});

// Settings → Gateway in Chromium against a real headless shell: the base URL, the token revealed
// and copied only on request, a rotation that the gateway honours at once, and the snippets.

test('Settings shows the gateway; reveal, copy and rotate the token; the old token is refused', async ({
  page,
  context,
  request,
}) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: shell.origin });
  const baseUrl = `${shell.origin}/v1`;
  const models = (token: string) =>
    request.get(`${baseUrl}/models`, { headers: { authorization: `Bearer ${token}` } });
  expect((await models(shell.token)).status()).toBe(200);

  await page.goto(shell.url);
  await page.getByRole('link', { name: /^Settings/ }).click();
  const card = page.getByRole('region', { name: 'OpenAI-compatible gateway' });
  await expect(card.getByTestId('gateway-url')).toHaveText(baseUrl);
  await expect(card.getByTestId('snippet-js')).toContainText(`baseURL: '${baseUrl}'`);
  await expect(card.getByTestId('snippet-python')).toContainText(`base_url="${baseUrl}"`);
  await expect(card.getByTestId('snippet-curl')).toContainText(`curl ${baseUrl}/chat/completions`);
  // Hidden until asked; the snippets never embed it.
  await expect(card.getByTestId('gateway-token')).not.toContainText(shell.token);
  await expect(card).not.toContainText(shell.token);

  await card.getByRole('button', { name: 'Reveal' }).click();
  await expect(card.getByTestId('gateway-token')).toHaveText(shell.token);
  await card.getByRole('button', { name: 'Hide' }).click();
  await expect(card.getByTestId('gateway-token')).not.toContainText(shell.token);

  await card.getByRole('button', { name: 'Copy token' }).click();
  await expect(card.getByText('Token copied.')).toBeVisible();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(shell.token);

  await card.getByRole('button', { name: 'Rotate…' }).click();
  await card.getByRole('button', { name: 'Rotate now' }).click();
  await expect(card.getByText(/Rotated: the old token no longer works/)).toBeVisible();
  expect((await models(shell.token)).status()).toBe(401);

  // The page stays signed in (its cookie was renewed) and shows the new token, which works.
  await card.getByRole('button', { name: 'Reveal' }).click();
  // Revealing asks main for the token: wait for it to replace the mask before reading it.
  await expect(card.getByTestId('gateway-token')).toHaveText(/^[A-Za-z0-9_-]{43}$/);
  const fresh = (await card.getByTestId('gateway-token').textContent()) ?? '';
  expect(fresh).not.toBe(shell.token);
  expect((await models(fresh)).status()).toBe(200);
  await card.getByRole('button', { name: 'Hide' }).click();
  await card.screenshot({ path: test.info().outputPath('gateway-settings.png') });

  // Switched off from the screen: the gateway refuses; on again, it answers.
  await card.getByRole('checkbox', { name: 'Serve the gateway' }).uncheck();
  await expect(card.getByTestId('gateway-url')).toHaveText('not serving');
  const off = await models(fresh);
  expect(off.status()).toBe(503);
  expect(await off.json()).toMatchObject({ error: { code: 'GATEWAY_DISABLED' } });
  await card.getByRole('checkbox', { name: 'Serve the gateway' }).check();
  await expect(card.getByTestId('gateway-url')).toHaveText(baseUrl);
  expect((await models(fresh)).status()).toBe(200);
});
