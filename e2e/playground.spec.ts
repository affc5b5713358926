import { createHash } from 'node:crypto';
import { test, expect, type APIRequestContext, type Page, type TestInfo } from '@playwright/test';
import { startFakeProviders, type FakeProviderServer } from '../src/main/execution/fake/server';
import type { Vote } from '../src/shared/contract';
import { shellEnvWithoutKeys, startHeadlessShell, type HeadlessShell } from './helpers/headlessShell';
import { collectPageErrors } from './helpers/pageErrors';
import { openScreen, snapshot as screenSnapshot } from './helpers/screens';

// The Playground against a real headless shell in simulation mode: every provider is answered by
// the project's fake provider server through the real SDK adapters and the real cascade. Faults are
// queued for chosen models through SWITCHYARD_SIMULATE_FAULTS, so each test pins the model whose
// behaviour it needs: a slow stream, a very slow stream, a provider that refuses the request.

const STREAMING_MODEL = 'openai/gpt-4.1-nano';
const SLOW_MODEL = 'openai/gpt-4.1-mini';
const BROKEN_MODEL = 'openai/gpt-4o-mini';

const FAULTS = [
  { fault: 'chunk-delay=30', match: { wire: 'openai', model: 'gpt-4.1-nano' }, times: 1000 },
  { fault: 'chunk-delay=250', match: { wire: 'openai', model: 'gpt-4.1-mini' }, times: 1000 },
  // Context-length errors are not retried: the cascade moves to the next model at once.
  { fault: 'error=context_length', match: { wire: 'openai', model: 'gpt-4o-mini' }, times: 1000 },
];

let shell: HeadlessShell;

test.beforeAll(async () => {
  shell = await startHeadlessShell(['--simulate'], {
    ...process.env,
    SWITCHYARD_SIMULATE_FAULTS: JSON.stringify(FAULTS),
  });
});

test.afterAll(async () => {
  await shell?.stop();
});

const openPlayground = (page: Page) => openScreen(page, shell, 'playground', 'Playground');

/** A full-page screenshot, also kept in test-reports/screenshots/playground. */
const snapshot = (page: Page, testInfo: TestInfo, name: string) =>
  screenSnapshot(page, testInfo, name, { keep: 'playground' });

const preview = (page: Page) => page.getByRole('region', { name: 'Route preview' });
const answerCard = (page: Page) => page.getByRole('region', { name: 'Answer' });

async function pin(page: Page, modelKey: string): Promise<void> {
  await expect(page.getByLabel('Pinned model')).toBeEnabled();
  await page.getByLabel('Pinned model').selectOption(modelKey);
}

test('pasting a prompt shows the route and why, labelled as simulated', async ({ page }, testInfo) => {
  const errors = collectPageErrors(page);
  await openPlayground(page);
  await expect(page.getByRole('switch', { name: 'Simulated providers' })).toBeChecked();
  await expect(page.getByText('This server was started with --simulate')).toBeVisible();

  await page
    .getByLabel('User message')
    .fill('Design a distributed cache system with CAP theorem considerations. Explain the trade-offs.');

  const route = preview(page);
  await expect(route.getByTestId('route-model')).not.toBeEmpty();
  await expect(route).toContainText('Simulated providers');
  await expect(route.getByRole('region', { name: 'Why this model' })).toContainText('Use case');
  await expect(route.getByRole('region', { name: 'Complexity' }).getByRole('row').first()).toBeVisible();
  await expect(route.getByRole('region', { name: 'Fallback chain' })).toBeVisible();
  await expect(route.getByRole('region', { name: 'Alternatives' })).toBeVisible();
  await expect(route.getByLabel('Estimate')).toContainText('Cost');
  await expect(route).toContainText('Up to date');
  // The whole explanation is on the page: the card is as tall as what it says, not a box cut at the
  // window's height whose last sections hide in a scroll area.
  const card = (await route.boundingBox())!;
  const details = (await route.getByRole('region', { name: 'Details' }).boundingBox())!;
  expect(details.y + details.height).toBeLessThanOrEqual(card.y + card.height);
  await route.getByRole('region', { name: 'Details' }).scrollIntoViewIfNeeded();
  await expect(route.getByRole('region', { name: 'Details' })).toBeInViewport();
  await snapshot(page, testInfo, 'route-preview');
  expect(errors).toEqual([]);
});

test('typing into a 400k-character prompt asks the router once per pause, not per keystroke', async ({
  page,
}, testInfo) => {
  await openPlayground(page);
  const huge = 'The quick brown fox jumps over the lazy dog. '.repeat(9_000); // ~405k characters
  const box = page.getByLabel('User message');
  await box.fill(huge);
  await expect(preview(page).getByLabel('Estimate')).toContainText(/\d{2,3},\d{3} in/);

  const decides: string[] = [];
  page.on('request', (r) => {
    if (r.url().endsWith('/rpc/routing.decide')) decides.push(r.url());
  });
  // When each keystroke reached the page: a machine under load can leave a gap between two of them
  // as long as the pause the preview waits for, and then asking there is right. (A string: this
  // file is compiled without the DOM library.)
  await page.evaluate(`(() => {
    const times = (window.__keyTimes = []);
    document.getElementById('pg-user').addEventListener('input', () => times.push(performance.now()));
  })()`);
  await box.press('End');
  await box.pressSequentially(' and one more sentence', { delay: 20 });
  await expect(page.getByText('405,022 characters')).toBeVisible();
  await expect(preview(page)).toContainText('Up to date');

  // 22 keystrokes: the preview asked once after the last one, plus once for each pause between two
  // keystrokes that was as long as its debounce (PREVIEW_DEBOUNCE_MS, 300 ms) — never per keystroke.
  const times = await page.evaluate<number[]>('window.__keyTimes');
  expect(times).toHaveLength(22);
  const pauses = times.slice(1).filter((t, i) => t - times[i]! >= 300).length;
  expect(decides.length).toBeGreaterThanOrEqual(1);
  expect(decides.length).toBeLessThanOrEqual(1 + pauses);
  await expect(box).toHaveValue(`${huge} and one more sentence`);
  await snapshot(page, testInfo, 'large-prompt');
});

test('Run streams the answer in several paints, then shows what it cost and took', async ({
  page,
}, testInfo) => {
  const errors = collectPageErrors(page);
  await openPlayground(page);
  await page.getByLabel('User message').fill('Explain what a router does. [[words:60]]');
  await pin(page, STREAMING_MODEL);

  // Record every text length the answer shows until the run is done. (A string: this file is
  // compiled without the DOM library; the script runs in the page.)
  await page.evaluate(`(() => {
    const lengths = (window.__answerLengths = []);
    new MutationObserver(() => {
      const length = document.querySelector('[data-testid="answer"]')?.textContent?.length ?? 0;
      if (length > 0 && lengths.at(-1) !== length) lengths.push(length);
    }).observe(document.body, { subtree: true, childList: true, characterData: true });
  })()`);
  await page.keyboard.press('Control+Enter');

  await expect(answerCard(page).getByTestId('run-status')).toContainText('Streaming');
  await expect(answerCard(page).getByTestId('answer')).toContainText('Simulated answer from gpt-4.1-nano');
  await snapshot(page, testInfo, 'run-streaming');
  await expect(answerCard(page).getByTestId('run-status')).toContainText('Done', { timeout: 20_000 });

  const lengths = await page.evaluate<number[]>('window.__answerLengths');
  expect(lengths.length).toBeGreaterThan(2); // more than one paint before the end
  expect(lengths[0]).toBeLessThan(lengths.at(-1)!);

  const facts = answerCard(page).getByLabel('Run figures');
  await expect(facts).toContainText(STREAMING_MODEL);
  await expect(facts).toContainText('openai');
  await expect(facts).toContainText(/\d+ in · \d+ out/);
  await expect(facts).toContainText('would-be: nothing was spent');
  await expect(facts).toContainText('First token');
  await expect(facts).toContainText('Miss');
  // The provider's request id reads whole, on one line, with a button to copy it.
  const requestId = facts.getByText(/^req_/);
  await expect(requestId).toBeVisible();
  expect(await requestId.evaluate((el) => el.getClientRects().length)).toBe(1);
  await expect(facts.getByRole('button', { name: 'Copy id' })).toBeVisible();
  await expect(answerCard(page).getByRole('note')).toContainText('not by a real model');
  await expect(answerCard(page).getByRole('region', { name: 'Attempts' })).toContainText('Answered');
  await expect(page.getByRole('region', { name: 'History' })).toContainText('Explain what a router does.');
  await snapshot(page, testInfo, 'run-done');
  expect(errors).toEqual([]);
});

test('a provider that fails shows the fallback in the attempts timeline', async ({ page }, testInfo) => {
  await openPlayground(page);
  await page.getByLabel('User message').fill('Say hello in French.');
  await pin(page, BROKEN_MODEL);
  await expect(preview(page).getByRole('region', { name: 'Fallback chain' })).not.toContainText(
    'No fallback',
  );

  await page.getByRole('button', { name: 'Run', exact: true }).click();

  await expect(answerCard(page).getByTestId('run-status')).toContainText('Done', { timeout: 20_000 });
  const timeline = answerCard(page).getByRole('region', { name: 'Attempts' });
  await expect(timeline.getByRole('listitem').first()).toContainText(BROKEN_MODEL);
  await expect(timeline.getByRole('listitem').first()).toContainText('context length');
  await expect(timeline).toContainText('Fell back to the next model.');
  await expect(timeline.getByRole('listitem').last()).toContainText('Answered');
  await expect(timeline.getByRole('listitem').last()).not.toContainText(BROKEN_MODEL);
  await expect(answerCard(page).getByLabel('Run figures')).toContainText('Fallback used');
  await snapshot(page, testInfo, 'fallback-timeline');
});

test('Cancel stops a slow stream', async ({ page }, testInfo) => {
  await openPlayground(page);
  await page.getByLabel('User message').fill('Tell me a very long story. [[words:400]]');
  await pin(page, SLOW_MODEL);
  await page.getByRole('button', { name: 'Run', exact: true }).click();
  const answer = answerCard(page).getByTestId('answer');
  await expect(answer).toContainText('Simulated answer from gpt-4.1-mini', { timeout: 15_000 });

  await page.getByRole('button', { name: 'Cancel' }).click();

  await expect(answerCard(page).getByTestId('run-status')).toContainText('Cancelled');
  await expect(page.getByRole('button', { name: 'Cancel' })).toHaveCount(0);
  const stopped = (await answer.textContent()) ?? '';
  await page.waitForTimeout(1_000); // four chunk intervals: a stream still flowing would have grown
  expect(await answer.textContent()).toBe(stopped);
  expect(stopped.split(' ').length).toBeLessThan(100);
  await expect(page.getByRole('button', { name: 'Run', exact: true })).toBeEnabled();
  await snapshot(page, testInfo, 'cancelled');
});

// A real 2×2 PNG (red and blue pixels): what the simulated vision model must acknowledge byte for byte.
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAIAAAACCAIAAAD91JpzAAAAEElEQVR4nGP4zwAE/xkgFAAb8gP91pbyKwAAAABJRU5ErkJggg==',
  'base64',
);
const PNG_SHA = createHash('sha256').update(PNG).digest('hex').slice(0, 12);

test('an attached or pasted image routes to a vision model, which receives it', async ({
  page,
}, testInfo) => {
  const errors = collectPageErrors(page);
  await openPlayground(page);
  await page.getByLabel('User message').fill('What colours are in this picture?');
  const attached = page.getByRole('list', { name: 'Attached images' });

  // The file picker: a thumbnail with its size, and a way to take it off again.
  await page
    .getByLabel('Attach image')
    .setInputFiles({ name: 'squares.png', mimeType: 'image/png', buffer: PNG });
  await expect(attached).toContainText('squares.png');
  await expect(attached).toContainText('2×2');
  await expect(attached.getByRole('img', { name: 'Thumbnail of squares.png' })).toBeVisible();
  await expect(preview(page)).toContainText('Vision: images attached');
  await page.getByRole('button', { name: 'Remove squares.png' }).click();
  await expect(attached).toHaveCount(0);
  await expect(preview(page)).not.toContainText('Vision: images attached');

  // Pasting a screenshot into the prompt attaches it. (The page script is a string: this file is
  // compiled without the DOM library.)
  await page.evaluate(`(() => {
    const bytes = Uint8Array.from(atob(${JSON.stringify(PNG.toString('base64'))}), (c) => c.charCodeAt(0));
    const data = new DataTransfer();
    data.items.add(new File([bytes], 'screenshot.png', { type: 'image/png' }));
    document.getElementById('pg-user').dispatchEvent(
      new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }),
    );
  })()`);
  await expect(attached).toContainText('screenshot.png');
  await expect(page.getByLabel('User message')).toHaveValue('What colours are in this picture?');
  await expect(preview(page)).toContainText('Vision: images attached');
  await expect(preview(page)).toContainText('Up to date');
  await snapshot(page, testInfo, 'image-attached');

  await page.getByRole('button', { name: 'Run', exact: true }).click();
  await expect(answerCard(page).getByTestId('run-status')).toContainText('Done', { timeout: 20_000 });
  // The simulated provider answers through the real SDK and wire format, and names what it received.
  await expect(answerCard(page).getByTestId('answer')).toContainText(
    `[saw image image/png ${PNG.length} bytes sha256:${PNG_SHA}]`,
  );
  await snapshot(page, testInfo, 'image-answered');
  expect(errors).toEqual([]);
});

test('Compare runs three targets side by side with their costs, and the vote is stored', async ({
  page,
  request,
}, testInfo) => {
  const errors = collectPageErrors(page);
  await openPlayground(page);
  await page.getByLabel('User message').fill('Write a haiku about railway switches.');
  await page.getByRole('button', { name: 'Compare models' }).click();
  const picker = page.getByLabel('Add a model to compare');
  await picker.selectOption('openai/gpt-4o');
  await picker.selectOption('anthropic/claude-haiku-4-5');
  await expect(page.getByRole('list', { name: 'Compare targets' }).getByRole('listitem')).toHaveCount(3);

  await page.getByRole('button', { name: 'Compare 3' }).click();

  const comparison = page.getByRole('region', { name: 'Comparison' });
  const columns = comparison.locator('.pg-column');
  await expect(columns).toHaveCount(3);
  // All three, however many had rendered their cost slot yet.
  await expect(comparison.getByTestId('column-cost')).toHaveText([/^\$/, /^\$/, /^\$/], { timeout: 20_000 });
  await expect(comparison.getByText('Cheapest')).toHaveCount(1);
  await expect(comparison.getByText('Fastest').first()).toBeVisible();
  await snapshot(page, testInfo, 'compare-columns');

  const haiku = comparison.getByRole('region', { name: 'Claude Haiku 4.5' });
  await haiku.getByRole('button', { name: 'This one wins' }).click();
  await expect(comparison.getByRole('status').filter({ hasText: 'Vote saved' })).toContainText(
    'anthropic/claude-haiku-4-5 won',
  );

  const res = await request.post(`${shell.origin}/rpc/votes.list`, {
    headers: { authorization: `Bearer ${shell.token}` },
    data: {},
  });
  const body = (await res.json()) as { ok: true; data: { votes: Vote[] } };
  expect(body.ok).toBe(true);
  const [vote] = body.data.votes;
  expect(vote).toMatchObject({ verdict: 'winner', winner: 2, winnerModelKey: 'anthropic/claude-haiku-4-5' });
  expect(vote?.candidates.map((c) => c.target)).toEqual([
    'routed',
    'openai/gpt-4o',
    'anthropic/claude-haiku-4-5',
  ]);
  expect(vote?.candidates.every((c) => c.simulated && c.costUsd !== null && c.latencyMs !== null)).toBe(true);
  await snapshot(page, testInfo, 'compare-voted');

  await haiku.getByRole('button', { name: 'Continue with this one' }).click();
  await expect(page.getByRole('region', { name: 'Conversation so far' })).toContainText(
    'Write a haiku about railway switches.',
  );
  await expect(page.getByLabel('Pinned model')).toHaveValue('anthropic/claude-haiku-4-5');
  await expect(page.getByLabel('User message')).toBeFocused();
  await snapshot(page, testInfo, 'continue-conversation');
  expect(errors).toEqual([]);
});

// Simulated runs are not recorded in the ledger, so the history from the ledger needs real runs: a
// second shell without --simulate, whose OpenAI provider is pointed at the fake provider server, with
// an OpenAI key in the (throwaway) keychain and prompt storage turned on through the contract.
test.describe('history from the ledger (real runs against the fake provider server)', () => {
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

  test.beforeAll(async ({ request }) => {
    fake = await startFakeProviders();
    // No provider key of the runner's reaches the shell.
    live = await startHeadlessShell([], shellEnvWithoutKeys());
    await rpc(request, 'keys.set', { provider: 'openai', key: 'sk-e2e-history-Q7m2Lx9vR4tY8wZ1' });
    await rpc(request, 'providers.update', { provider: 'openai', baseUrl: fake.baseUrls.openai });
    await rpc(request, 'ledger.updateSettings', { storePrompts: true });
  });

  test.afterAll(async ({ request }) => {
    if (live) await rpc(request, 'keys.delete', { provider: 'openai' });
    await live?.stop();
    await fake?.close();
  });

  test('a run appears in the history from the ledger and reopens with its prompt, route and result', async ({
    page,
    request,
  }, testInfo) => {
    const errors = collectPageErrors(page);
    await page.setViewportSize({ width: 1400, height: 1000 });
    await page.goto(live.url);
    await page.goto(`${live.origin}/#/playground`);
    const history = page.getByRole('region', { name: 'History' });
    await expect(history.getByTestId('ledger-history-empty')).toContainText(
      'Simulated runs are not recorded',
    );
    await expect(page.getByRole('switch', { name: 'Simulated providers' })).not.toBeChecked();

    await page.getByLabel('User message').fill('What does a ledger keep? [[words:12]]');
    await expect(page.getByLabel('Pinned model')).toBeEnabled();
    await page.getByLabel('Pinned model').selectOption(STREAMING_MODEL);
    await page.keyboard.press('Control+Enter');
    await expect(answerCard(page).getByTestId('run-status')).toContainText('Done', { timeout: 20_000 });

    // Refreshed after the run: the row is the ledger's, with its stored prompt.
    const rows = history.getByRole('list', { name: 'Recent requests in the ledger' }).getByRole('listitem');
    await expect(rows).toHaveCount(1);
    await expect(rows.first()).toContainText('What does a ledger keep?');
    await expect(rows.first()).toContainText('openai/gpt-4.1-nano');
    await expect(history.getByTestId('ledger-today')).toContainText('Ledger today: 1 request ·');
    const listed = (await rpc(request, 'ledger.requests', { limit: 5 })) as {
      requests: { id: number; promptStored: boolean; provider: string; strategy: string }[];
    };
    expect(listed.requests).toHaveLength(1);
    expect(listed.requests[0]).toMatchObject({ promptStored: true, provider: 'openai', strategy: 'pinned' });

    await page.getByLabel('User message').fill('something else');
    await rows.first().getByRole('button', { name: 'Reopen' }).click();
    const reopened = history.getByTestId('reopened-request');
    await expect(reopened).toContainText(`Request #${listed.requests[0]!.id}`);
    await expect(reopened).toContainText('pinned');
    await expect(reopened.getByRole('list', { name: 'Attempts' })).toContainText('openai/gpt-4.1-nano · ok');
    await expect(page.getByLabel('User message')).toHaveValue('What does a ledger keep? [[words:12]]');
    await expect(page.getByLabel('Pinned model')).toHaveValue('openai/gpt-4.1-nano');
    await snapshot(page, testInfo, 'history-reopened');
    expect(errors).toEqual([]);
  });
});
