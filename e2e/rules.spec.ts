import { execFile } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { test, expect, type Page, type TestInfo } from '@playwright/test';
import type { RoutingRules } from '../src/shared/contract/rules';
import { LedgerDatabase } from '../src/main/ledger/database';
import { Ledger } from '../src/main/ledger/ledger';
import { okAttempt, okRequest, price } from '../src/main/ledger/testing/ledgerFixture';
import { contractClient } from './helpers/contractClient';
import {
  REPO_ROOT,
  shellEnvWithoutKeys,
  startHeadlessShell,
  type HeadlessShell,
} from './helpers/headlessShell';
import { collectPageErrors } from './helpers/pageErrors';
import { openScreen, snapshot } from './helpers/screens';

// The routing rule editor against a real headless shell: drag and keyboard on the axes, the live
// preview through rules.preview, validation, save and reload, routing.decide over HTTP, YAML out
// and in, and the what-if replay over a ledger seeded through the real ledger writer.

const DAY = 86_400_000;
/** ~1,000 input tokens: in the fast band (below 10k) until the boundary is dragged below it. */
const LONG_PROMPT = `Explain this log line by line. ${'The service restarted after the health check failed. '.repeat(110)}`;

let shell: HeadlessShell;

/** Requests the default rules sent to the simple tier (complexity 0.2) and the medium one (0.5). */
async function seedLedger(dataDir: string): Promise<void> {
  const database = LedgerDatabase.open(dataDir);
  const ledger = new Ledger(database);
  const cheap = price(0.05, 0.08);
  const mid = price(0.25, 2);
  const rows = [
    ...Array.from({ length: 24 }, (_, i) =>
      okRequest(okAttempt('groq', 'llama-3.1-8b-instant', cheap, 2_000, 600), {
        startedAt: Date.now() - (i % 6) * DAY - 3_600_000,
        useCase: null,
        features: {
          inputTokens: 2_000,
          expectedOutputTokens: 600,
          complexity: 0.2,
          useCaseConfidence: 0,
          vision: false,
        },
      }),
    ),
    ...Array.from({ length: 6 }, (_, i) =>
      okRequest(okAttempt('openai', 'gpt-5-mini', mid, 3_000, 900), {
        startedAt: Date.now() - i * DAY - 7_200_000,
        useCase: null,
        features: {
          inputTokens: 3_000,
          expectedOutputTokens: 900,
          complexity: 0.5,
          useCaseConfidence: 0,
          vision: false,
        },
      }),
    ),
  ];
  await Promise.all(rows.map((r) => ledger.record(r)));
  ledger.close();
  database.close();
}

test.beforeAll(async () => {
  shell = await startHeadlessShell();
  await seedLedger(shell.dataDir);
});

test.afterAll(async () => {
  await shell?.stop();
});

async function openRules(page: Page): Promise<void> {
  await openScreen(page, shell, 'rules', 'Rules');
  await expect(page.getByRole('slider', { name: 'Fast | balanced boundary' })).toBeVisible();
}

/** One part of the screen, at full resolution, kept with the test's results. */
async function shot(page: Page, testInfo: TestInfo, region: string, name: string): Promise<void> {
  const path = testInfo.outputPath(`${name}.png`);
  await page.getByRole('region', { name: region }).screenshot({ path });
  await testInfo.attach(name, { path, contentType: 'image/png' });
}

/** Contract calls as another client (bearer token), not the page. */
const { ok } = contractClient(() => shell);

const decide = (prompt: string) =>
  ok('routing.decide', { prompt, strategy: 'context_bands', simulate: true });

/** Sets the preview's prompt and strategy, and waits for its model. */
async function previewWith(page: Page, prompt: string, strategy: string): Promise<string> {
  await page.getByLabel('Test prompt').fill(prompt);
  await page.getByLabel('Decide with').selectOption(strategy);
  const model = page.getByTestId('preview-model-key');
  await expect(page.getByRole('region', { name: 'Live preview' })).toHaveAttribute('aria-busy', 'false');
  await expect(model).not.toBeEmpty();
  return (await model.textContent()) ?? '';
}

/** Drags a boundary with the mouse to `fraction` of its axis. */
async function dragTo(page: Page, sliderName: string, fraction: number): Promise<void> {
  const handle = page.getByRole('slider', { name: sliderName });
  const track = handle.locator('xpath=..');
  const box = (await track.boundingBox())!;
  const from = (await handle.boundingBox())!;
  await page.mouse.move(from.x + from.width / 2, from.y + from.height / 2);
  await page.mouse.down();
  const steps = 8;
  for (let i = 1; i <= steps; i += 1) {
    const x =
      from.x + from.width / 2 + ((box.x + box.width * fraction - from.x - from.width / 2) * i) / steps;
    await page.mouse.move(x, from.y + from.height / 2);
  }
  await page.mouse.up();
}

test('dragging a boundary moves the prompt to another band and changes the previewed model', async ({
  page,
}, testInfo) => {
  const errors = collectPageErrors(page);
  await openRules(page);
  const before = await previewWith(page, LONG_PROMPT, 'context_bands');
  const bands = page.getByRole('region', { name: 'Context-size bands' });
  await expect(bands.getByText('lands in fast')).toBeVisible();
  await expect(bands.getByTestId('axis-marker')).toBeVisible();

  // 300 tokens: log10(300 / 100) / log10(2M / 100) of the axis.
  await dragTo(page, 'Fast | balanced boundary', Math.log10(3) / Math.log10(20_000));
  const handle = page.getByRole('slider', { name: 'Fast | balanced boundary' });
  await expect(handle).toHaveAttribute('aria-valuenow', /^[2-3]\d\d$/);
  await expect(bands.getByText('lands in balanced')).toBeVisible();
  await expect(page.getByTestId('preview-model-key')).not.toHaveText(before);
  await expect(page.getByTestId('draft-state')).toHaveText('Unsaved changes');
  await snapshot(page, testInfo, 'rules-dragged');
  await shot(page, testInfo, 'Live preview', 'rules-dragged-preview');
  await shot(page, testInfo, 'Context-size bands', 'rules-dragged-bands');

  // The keyboard moves a focused boundary too.
  const value = Number(await handle.getAttribute('aria-valuenow'));
  await handle.focus();
  await page.keyboard.press('ArrowRight');
  await expect(handle).toHaveAttribute('aria-valuenow', String(value + 10));
  await page.getByRole('button', { name: 'Revert' }).click();
  await expect(handle).toHaveAttribute('aria-valuenow', '10000');
  await expect(page.getByTestId('preview-model-key')).toHaveText(before);
  expect(errors).toEqual([]);
});

test('a model list reorders from the keyboard, and the preview follows the new first model', async ({
  page,
}) => {
  await openRules(page);
  await previewWith(page, 'What is the capital of France?', 'context_bands');
  await expect(page.getByTestId('preview-model-key')).toHaveText('groq/llama-3.3-70b-versatile');
  const fast = page.getByRole('list', { name: 'fast band models' });
  const grip = fast.getByRole('button', { name: 'Reorder groq/llama-3.3-70b-versatile in fast band models' });
  await grip.focus();
  // @dnd-kit's keyboard drag: Space picks the row up, arrows move it, Space drops it.
  await page.keyboard.press('Space');
  await expect(grip).toHaveAttribute('aria-pressed', 'true');
  await page.keyboard.press('ArrowDown');
  await expect(fast.getByRole('listitem').first()).toHaveAttribute('style', /translate/);
  // What a screen reader hears once the row is over its new place; dropping before that is a no-op.
  await expect(
    page.getByRole('status').filter({ hasText: 'was moved over droppable area groq/openai/gpt-oss-120b' }),
  ).toHaveCount(1);
  await page.keyboard.press('Space');
  await expect(fast.getByRole('listitem').first()).toContainText('groq/openai/gpt-oss-120b');
  await expect(page.getByTestId('preview-model-key')).toHaveText('groq/openai/gpt-oss-120b');
  await page.getByLabel('Add a model to fast band models').selectOption('openai/gpt-4.1-nano');
  await expect(fast.getByRole('listitem')).toHaveCount(5);
  await page.getByRole('button', { name: 'Revert' }).click();
  await expect(fast.getByRole('listitem').first()).toContainText('groq/llama-3.3-70b-versatile');
});

test('an invalid draft cannot be saved and says why', async ({ page }, testInfo) => {
  await openRules(page);
  const save = page.getByRole('button', { name: 'Save rules' });
  await page.getByLabel('Long band from (tokens)').fill('5000');
  await page.getByRole('button', { name: 'Remove openai/gpt-4o from vision band models' }).click();
  await page.getByRole('button', { name: 'Remove google/gemini-2.5-flash from vision band models' }).click();
  await page
    .getByRole('button', { name: 'Remove anthropic/claude-sonnet-4-5 from vision band models' })
    .click();
  await page
    .getByRole('button', { name: 'Remove ollama/llama3.2-vision:11b from vision band models' })
    .click();
  const problems = page.getByRole('list', { name: 'Problems' });
  await expect(problems).toContainText('context_bands.long_from');
  await expect(problems).toContainText('the bands overlap and the balanced band is empty');
  await expect(problems).toContainText('the vision band has no models');
  await expect(page.getByTestId('draft-state')).toHaveText('Fix 2 problems to save');
  await expect(save).toBeDisabled();
  await snapshot(page, testInfo, 'rules-invalid');
  await shot(page, testInfo, 'Save the rules', 'rules-invalid-toolbar');
  await page.getByRole('button', { name: 'Revert' }).click();
  await expect(problems).toHaveCount(0);
  await expect(save).toBeDisabled();
});

test('a saved rule survives a reload, changes routing.decide, and an older version can be restored', async ({
  page,
}) => {
  expect((await decide(LONG_PROMPT)).matched).toBe('fast band');
  await openRules(page);
  await page.getByLabel('Fast band below (tokens)').fill('400');
  await expect(page.getByTestId('draft-state')).toHaveText('Unsaved changes');
  await page.getByRole('button', { name: 'Save rules' }).click();
  await expect(page.getByTestId('draft-state')).toHaveText('No unsaved changes');
  expect((await decide(LONG_PROMPT)).matched).toBe('balanced band');

  await page.reload();
  await expect(page.getByRole('slider', { name: 'Fast | balanced boundary' })).toHaveAttribute(
    'aria-valuenow',
    '400',
  );
  const versions = page.getByRole('region', { name: 'Saved versions' });
  await expect(versions.getByText('bands 400/50k')).toBeVisible();
  await versions
    .getByRole('button', { name: /Restore/ })
    .first()
    .click();
  await expect(page.getByRole('slider', { name: 'Fast | balanced boundary' })).toHaveAttribute(
    'aria-valuenow',
    '10000',
  );
  expect((await decide(LONG_PROMPT)).matched).toBe('fast band');
});

test('replaying the seeded ledger under a draft shows the projected cost and the requests that change', async ({
  page,
}, testInfo) => {
  await openRules(page);
  // The seeded cheap requests scored 0.2: moving the simple | medium threshold below that sends them up a tier.
  const threshold = page.getByRole('slider', { name: 'simple | medium threshold' });
  await threshold.focus();
  await page.keyboard.press('Home');
  await expect(threshold).toHaveAttribute('aria-valuenow', '0.01');
  await page.getByRole('button', { name: 'Replay history' }).click();
  const result = page.getByTestId('replay-result');
  await expect(result).toContainText('30 replayed, 24 change model');
  // Read once the replay's answer is on screen, never while it is on its way.
  const actual = await result.getByTestId('replay-actual').textContent();
  const projected = await result.getByTestId('replay-projected').textContent();
  expect(projected).not.toBe(actual);
  const changed = result.getByTestId('replay-changed');
  await expect(changed.getByRole('row')).toHaveCount(25);
  await expect(changed.getByRole('row').nth(1)).toContainText('groq/llama-3.1-8b-instant');
  await expect(changed.getByRole('row').nth(1)).toContainText('openai/gpt-5-mini');
  await result.scrollIntoViewIfNeeded();
  await snapshot(page, testInfo, 'rules-replay');
  await shot(page, testInfo, 'What-if replay', 'rules-replay-card');
  await shot(page, testInfo, 'Complexity tiers', 'rules-replay-tiers');
});

test('YAML export then import gives the same rules', async ({ page }, testInfo) => {
  await openRules(page);
  const handle = page.getByRole('slider', { name: 'Balanced | long boundary' });
  await handle.focus();
  await page.keyboard.press('PageDown');
  await expect(handle).toHaveAttribute('aria-valuenow', '40000');
  const downloading = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export YAML' }).click();
  const file = testInfo.outputPath('rules.yaml');
  await (await downloading).saveAs(file);
  const yaml = readFileSync(file, 'utf8');
  expect(yaml).toContain('long_from: 40000');

  await page.getByRole('button', { name: 'Revert' }).click();
  await expect(handle).toHaveAttribute('aria-valuenow', '50000');
  await page.locator('input[type=file]').setInputFiles(file);
  await expect(page.getByText('rules.yaml is now the draft')).toBeVisible();
  await expect(handle).toHaveAttribute('aria-valuenow', '40000');

  const again = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export YAML' }).click();
  const second = testInfo.outputPath('again.yaml');
  await (await again).saveAs(second);
  expect(readFileSync(second, 'utf8')).toBe(yaml);
});

test('rules changed elsewhere reach an open editor: a clean draft follows, an edited draft is kept with a notice', async ({
  page,
}, testInfo) => {
  const errors = collectPageErrors(page);
  await openRules(page);
  const state = page.getByTestId('draft-state');
  const fallbacks = page.getByLabel('Max fallbacks');
  const notice = page.getByTestId('rules-changed-notice');
  await expect(state).toHaveText('No unsaved changes');
  const { rules: original } = await ok('rules.get', {});
  const withFallbacks = (n: number): RoutingRules => ({
    ...original,
    defaults: { ...original.defaults, max_fallbacks: n },
  });

  // Another client saves: the untouched draft takes the new rules, nothing to decide.
  await ok('rules.save', { rules: withFallbacks(1) });
  await expect(fallbacks).toHaveValue('1');
  await expect(state).toHaveText('No unsaved changes');
  await expect(notice).toBeHidden();

  // The person edits without saving; then the CLI imports other rules (another process).
  await fallbacks.fill('4');
  await expect(state).toHaveText('Unsaved changes');
  const { yaml } = await ok('rules.toYaml', { rules: withFallbacks(5) });
  const file = join(shell.dataDir, 'imported-rules.yaml');
  writeFileSync(file, yaml);
  await promisify(execFile)(
    process.execPath,
    ['--import', 'tsx', 'src/main/cli/index.ts', 'rules', 'import', file, '--data-dir', shell.dataDir],
    { cwd: REPO_ROOT, env: shellEnvWithoutKeys() },
  );
  await expect(notice).toHaveText(
    'The rules in force changed (by another program (the CLI or another Switchyard on this data folder)); ' +
      'your draft is based on an older version.',
  );
  await expect(fallbacks).toHaveValue('4');
  await snapshot(page, testInfo, 'rules-changed-under-draft');

  // Keep editing: the draft stays, and is now compared with (and reverts to) the new rules.
  await page.getByRole('button', { name: 'Keep editing' }).click();
  await expect(notice).toBeHidden();
  await expect(fallbacks).toHaveValue('4');
  await page.getByRole('button', { name: 'Revert' }).click();
  await expect(fallbacks).toHaveValue('5');

  // An edited draft again, and another save: Load the new rules drops the draft for them.
  await fallbacks.fill('2');
  await ok('rules.save', { rules: withFallbacks(6) });
  await expect(notice).toContainText('(by an API client)');
  await page.getByRole('button', { name: 'Load the new rules' }).click();
  await expect(fallbacks).toHaveValue('6');
  await expect(state).toHaveText('No unsaved changes');
  await expect(notice).toBeHidden();

  await ok('rules.save', { rules: original });
  expect(errors).toEqual([]);
});
