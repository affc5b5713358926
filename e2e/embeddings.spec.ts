import { test, expect, type Page } from '@playwright/test';
import { startFakeProviders, type FakeProviderServer } from '../src/main/execution/fake/server';
import { contractClient } from './helpers/contractClient';
import { shellEnvWithoutKeys, startHeadlessShell, type HeadlessShell } from './helpers/headlessShell';
import { collectPageErrors } from './helpers/pageErrors';
import { openScreen } from './helpers/screens';

// The Learning screen's embeddings setting against a real headless shell: no provider keys, Ollama
// pointed at the project's fake provider server (a local server: its embeddings need no key).

let fake: FakeProviderServer;
let shell: HeadlessShell;

const { ok } = contractClient(() => shell);

test.beforeAll(async () => {
  fake = await startFakeProviders();
  shell = await startHeadlessShell([], shellEnvWithoutKeys());
  await ok('providers.update', { provider: 'ollama', baseUrl: fake.baseUrls.local });
});

test.afterAll(async () => {
  await shell?.stop();
  await fake?.close();
});

const openLearning = (page: Page) => openScreen(page, shell, 'learning', 'Learning');

test('the Learning screen sets the embeddings model, refuses one without a key, and shows it after a reload', async ({
  page,
}, testInfo) => {
  const errors = collectPageErrors(page);
  await openLearning(page);
  const card = page.getByRole('region', { name: 'Prompt embeddings' });
  const select = card.getByLabel('Embeddings model');
  await expect(select).toHaveValue('');
  await expect(card).toContainText('off');

  // OpenAI has no key in this shell: main refuses, the screen says why, the setting stays off.
  await select.selectOption('openai/text-embedding-3-small');
  await expect(card.getByRole('alert')).toContainText('no API key is stored for OpenAI');
  await expect(select).toHaveValue('');
  expect((await ok('learning.status', {})).embeddings.model).toBeNull();

  await select.selectOption('ollama/nomic-embed-text');
  await expect(card.getByTestId('embeddings-model')).toHaveText('ollama/nomic-embed-text');
  await expect(card.getByRole('alert')).toHaveCount(0);
  expect((await ok('learning.status', {})).embeddings.model).toBe('ollama/nomic-embed-text');

  await page.reload();
  await expect(card.getByTestId('embeddings-model')).toHaveText('ollama/nomic-embed-text');
  await expect(select).toHaveValue('ollama/nomic-embed-text');
  const path = testInfo.outputPath('learning-embeddings.png');
  await card.screenshot({ path });
  await testInfo.attach('learning-embeddings', { path, contentType: 'image/png' });

  await select.selectOption('');
  await expect(card.getByTestId('embeddings-status')).toHaveCount(0);
  expect((await ok('learning.status', {})).embeddings.model).toBeNull();
  // The one refusal above is a 400 answer, which Chromium logs; nothing else may be.
  expect(errors.filter((e) => !e.includes('status of 400 (Bad Request)'))).toEqual([]);
  expect(errors).toHaveLength(1);
});
