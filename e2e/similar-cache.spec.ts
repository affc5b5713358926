import { join } from 'node:path';
import { test, expect, type APIRequestContext, type Page, type TestInfo } from '@playwright/test';
import { startFakeProviders, type FakeProviderServer } from '../src/main/execution/fake/server';
import type { LedgerRequest } from '../src/shared/contract';
import { shellEnvWithoutKeys, startHeadlessShell, type HeadlessShell } from './helpers/headlessShell';
import { collectPageErrors } from './helpers/pageErrors';
import { keptScreenshots, snapshot as screenSnapshot } from './helpers/screens';

// The similar-prompt cache end to end: real runs (not simulated, which the ledger never records)
// through a headless shell whose OpenAI provider points at the fake provider server, with a key in
// the throwaway keychain and prompt storage on. Turned on in Settings; the second, near-identical
// prompt is answered from the cache and the playground says so, and runs it for real on request.

const MODEL = 'openai/gpt-4.1-nano';
const FIRST = 'What is the capital of France? Answer in one short sentence.';
const AGAIN = 'what is the capital of France? Answer in one short sentence!';
/** A full-page screenshot, also kept in test-reports/screenshots/similar-cache. */
const snapshot = (page: Page, testInfo: TestInfo, name: string) =>
  screenSnapshot(page, testInfo, name, { keep: 'similar-cache' });

test.describe('similar-prompt cache (real runs against the fake provider server)', () => {
  test.skip(
    process.env.SWITCHYARD_IN_KEYRING !== '1',
    'writes a provider key: run inside scripts/with-keyring.sh (as `npm test` does)',
  );
  let fake: FakeProviderServer;
  let live: HeadlessShell;
  const rpc = async (request: APIRequestContext, route: string, data: unknown) => {
    const res = await request.post(`${live.origin}/rpc/${route}`, {
      headers: { authorization: `Bearer ${live.token}` },
      data,
    });
    const body = (await res.json()) as { ok: boolean; data?: unknown; error?: unknown };
    expect(body, route).toMatchObject({ ok: true });
    return body.data;
  };
  const upstreamCalls = () => fake.log.list({}).filter((e) => e.model !== null).length;

  test.beforeAll(async ({ request }) => {
    fake = await startFakeProviders();
    live = await startHeadlessShell([], shellEnvWithoutKeys());
    await rpc(request, 'keys.set', { provider: 'openai', key: 'sk-e2e-similar-Q7m2Lx9vR4tY8wZ1' });
    await rpc(request, 'providers.update', { provider: 'openai', baseUrl: fake.baseUrls.openai });
    await rpc(request, 'ledger.updateSettings', { storePrompts: true });
  });

  test.afterAll(async ({ request }) => {
    if (live) await rpc(request, 'keys.delete', { provider: 'openai' });
    await live?.stop();
    await fake?.close();
  });

  test('turned on in Settings, a near-duplicate prompt is answered from the cache, marked, and can run for real', async ({
    page,
    request,
  }, testInfo) => {
    const errors = collectPageErrors(page);
    await page.setViewportSize({ width: 1400, height: 1000 });
    await page.goto(live.url);

    await page.goto(`${live.origin}/#/settings`);
    const settings = page.getByTestId('similar-cache-settings');
    await expect(settings).toContainText('0 stored answers indexed.');
    const toggle = settings.getByLabel('Offer stored answers to similar prompts');
    await expect(toggle).not.toBeChecked();
    await toggle.check();
    await expect(toggle).toBeChecked();
    await expect(settings.getByLabel('Similarity threshold')).toHaveValue('0.85');
    await snapshot(page, testInfo, 'settings-on');
    await page.getByRole('region', { name: 'Similar-prompt cache' }).screenshot({
      path: join(keptScreenshots('similar-cache'), 'settings-card.png'),
    });
    // The switch follows the click at once; main may still be saving it.
    await expect
      .poll(() => rpc(request, 'execution.similarCache', {}))
      .toMatchObject({ enabled: true, threshold: 0.85 });

    await page.goto(`${live.origin}/#/playground`);
    const answer = page.getByRole('region', { name: 'Answer' });
    const ask = async (text: string) => {
      await page.getByLabel('User message').fill(text);
      await expect(page.getByLabel('Pinned model')).toBeEnabled();
      await page.getByLabel('Pinned model').selectOption(MODEL);
      await page.keyboard.press('Control+Enter');
      await expect(answer.getByTestId('run-status')).toContainText('Done', { timeout: 20_000 });
    };
    await ask(FIRST);
    // The rendered Markdown (its chunk loads with the first answer; until then the raw text shows),
    // whitespace aside: the markdown view may still be settling its blank lines.
    const markdown = answer.getByTestId('answer').locator('.pg-markdown');
    const answerText = async () => (await markdown.innerText()).replace(/\s+/g, ' ');
    await expect(markdown).not.toBeEmpty();
    const firstAnswer = await answerText();
    await expect(answer.getByTestId('similar-cache-note')).toHaveCount(0);
    expect(upstreamCalls()).toBe(1);
    const first = (await rpc(request, 'ledger.requests', { limit: 1 })) as { requests: LedgerRequest[] };
    const firstId = first.requests[0]!.id;

    await ask(AGAIN);
    const note = answer.getByTestId('similar-cache-note');
    // No embeddings model is set: it says the match was on text features.
    await expect(note).toContainText(
      /From similar-prompt cache, 0\.\d\d similar \(text features\) to request #\d+/,
    );
    await expect(note).toContainText(`request #${firstId}`);
    await expect(note).toContainText(FIRST);
    await expect(answer.getByRole('definition').filter({ hasText: /^Similar-prompt cache/ })).toContainText(
      '$0',
    );
    await expect.poll(answerText).toBe(firstAnswer);
    expect(upstreamCalls()).toBe(1);
    await snapshot(page, testInfo, 'answer-from-similar-cache');

    const listed = (await rpc(request, 'ledger.requests', { limit: 1 })) as { requests: LedgerRequest[] };
    expect(listed.requests[0]).toMatchObject({
      cacheHit: true,
      costUsd: 0,
      similarTo: { requestId: firstId },
    });
    const history = page.getByRole('region', { name: 'History' });
    await expect(history.getByText(new RegExp(`similar 0\\.\\d\\d to #${firstId}`))).toBeVisible();

    // The gateway says so in its headers.
    const gateway = await request.post(`${live.origin}/v1/chat/completions`, {
      headers: { authorization: `Bearer ${live.token}` },
      data: {
        model: MODEL,
        messages: [{ role: 'user', content: 'What is the capital of France? Answer in one short sentence' }],
      },
    });
    expect(gateway.status()).toBe(200);
    expect(gateway.headers()['x-switchyard-cache']).toBe('similar');
    expect(Number(gateway.headers()['x-switchyard-similarity'])).toBeGreaterThanOrEqual(0.85);
    expect(gateway.headers()['x-switchyard-similar-to']).toBe(String(firstId));
    expect(upstreamCalls()).toBe(1);

    await note.getByRole('button', { name: 'Run it for real' }).click();
    // The note goes with the cached run; only then is "Done" the new run's, not the one before.
    await expect(answer.getByTestId('similar-cache-note')).toHaveCount(0);
    await expect(answer.getByTestId('run-status')).toContainText('Done', { timeout: 20_000 });
    await expect(answer.getByRole('definition').filter({ hasText: /^Miss$/ })).toBeVisible();
    expect(upstreamCalls()).toBe(2);
    await snapshot(page, testInfo, 'run-for-real');
    expect(errors).toEqual([]);
  });
});
