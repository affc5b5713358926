import { test, expect, type Page } from '@playwright/test';
import { parseFaultHeader } from '../src/main/execution/fake/faults';
import { startFakeProviders, type FakeProviderServer } from '../src/main/execution/fake/server';
import { contractClient, customOllamaModel } from './helpers/contractClient';
import { startHeadlessShell, type HeadlessShell } from './helpers/headlessShell';
import { openScreen, snapshot } from './helpers/screens';

// The Health board and the alert list against a real headless shell whose Ollama provider points
// at the project's fake provider server: real routing, cascade, cockatiel breakers, budgets and
// ledger. Two custom priced models are added to the catalog: one the fake fails with 500s, one it
// answers. The breaker is configured small through the rules document (2 failures, 10 s recovery:
// what must happen while the circuit is open gets that long, on a CI machine 2-3x slower than this one).

const FLAKY = 'ollama/flaky-e2e';
const PRICED = 'ollama/priced-e2e';
const SPARE = 'ollama/spare-e2e';
const RECOVERY_MS = 10_000;

let fake: FakeProviderServer;
let shell: HeadlessShell;

const { rpc, ok } = contractClient(() => shell);

const run = (model: string, prompt: string) =>
  rpc('execution.run', { request: { prompt, model }, stream: false, cache: false });

test.beforeAll(async () => {
  fake = await startFakeProviders();
  shell = await startHeadlessShell();
  await ok('providers.update', { provider: 'ollama', baseUrl: fake.baseUrls.local });
  await ok('catalog.update', customOllamaModel('flaky-e2e'));
  await ok('catalog.update', customOllamaModel('priced-e2e'));
  await ok('catalog.update', customOllamaModel('spare-e2e'));
  const { rules } = await ok('rules.get', {});
  await ok('rules.save', {
    rules: {
      ...rules,
      cascade: {
        ...rules.cascade,
        retries: { server: 0 },
        breaker: { failure_threshold: 2, recovery_timeout_ms: RECOVERY_MS },
      },
    },
  });
  fake.faults.add(parseFaultHeader('status=500'), { model: 'flaky-e2e' }, 1000);
});

test.afterAll(async () => {
  await shell?.stop();
  await fake?.close();
});

async function openHealth(page: Page): Promise<void> {
  await openScreen(page, shell, 'health', 'Health');
  await expect(page.getByRole('heading', { name: 'Routing' })).toBeVisible();
}

test('a failing model opens its circuit live, half-opens after the recovery time, and Reset closes it', async ({
  page,
}, testInfo) => {
  await openHealth(page);
  const row = page.getByRole('row', { name: FLAKY });
  const circuit = row.getByTestId('circuit-state');

  await run(FLAKY, 'first call to the flaky model');
  // One failure: the row appears (through events), the circuit is still closed.
  await expect(circuit).toHaveAttribute('data-state', 'closed');
  await expect(row.getByTestId('failures')).toHaveText('1 / 1');

  await run(FLAKY, 'second call to the flaky model');
  // The second failure opens it; the board shows it from main's event (its own refetch is a 60 s
  // backstop, far beyond this wait).
  await expect(circuit).toHaveAttribute('data-state', 'open');
  // Routing skips the open model: a third request does not reach the fake for it. Asked at once,
  // so the recovery time cannot run out first.
  const before = fake.log.list({ model: 'flaky-e2e' }).length;
  await run(FLAKY, 'third call while open');
  expect(fake.log.list({ model: 'flaky-e2e' })).toHaveLength(before);

  await expect(row.getByTestId('probe-countdown')).toContainText(/probe in (10|[1-9]) s/);
  await expect(row).toContainText('server');
  await expect(page.getByTestId('stat-open-circuits')).toHaveText('1');
  await expect(page.getByTestId('alert-count')).toHaveText('1');
  await snapshot(page, testInfo, 'health-circuit-open');

  // An upper bound only: the countdown runs out after RECOVERY_MS, then the board asks main once.
  await expect(circuit).toHaveAttribute('data-state', 'half_open', { timeout: RECOVERY_MS + 10_000 });
  await expect(row).toContainText('next call is the probe');
  await snapshot(page, testInfo, 'health-circuit-half-open');

  await row.getByRole('button', { name: 'Reset circuit' }).click();
  await expect(circuit).toHaveAttribute('data-state', 'closed');
  await expect(row.getByTestId('failures')).toHaveText('0 / 2');
  await expect(page.getByTestId('stat-open-circuits')).toHaveText('0');

  // The alert list holds the opening once, marked as closed again after the reset.
  await page.getByRole('button', { name: /^Alerts/ }).click();
  const panel = page.getByRole('region', { name: 'Alerts' });
  const circuitAlerts = panel.locator('[data-testid="alert-item"][data-kind="circuit_open"]');
  await expect(circuitAlerts).toHaveCount(1);
  await expect(circuitAlerts).toContainText(`Circuit open: ${FLAKY}`);
  await expect(circuitAlerts).toContainText('Closed again');
});

test('disabling a model is persisted and routing respects it', async ({ page }) => {
  expect((await run(SPARE, 'one call so the model is on the board')).ok).toBe(true);
  await openHealth(page);
  const row = () => page.getByRole('row', { name: SPARE });
  await row().getByRole('button', { name: 'Disable' }).click();
  await expect(row().getByRole('button', { name: 'Enable' })).toBeVisible();
  await expect(row()).toContainText('Disabled');
  // Pinned to a disabled model, routing refuses and says why.
  const refused = await rpc('routing.decide', { prompt: 'hello', model: SPARE });
  expect(refused.ok ? null : refused.error.code).toBe('NO_ELIGIBLE_MODEL');
  expect(refused.ok ? '' : refused.error.message).toContain(`${SPARE}: disabled in the catalog`);
  await page.reload();
  await row().getByRole('button', { name: 'Enable' }).click();
  await expect(row().getByRole('button', { name: 'Disable' })).toBeVisible();
  expect((await ok('routing.decide', { prompt: 'hello', model: SPARE })).modelKey).toBe(SPARE);
});

test('crossing 80% of a budget raises the alert once', async ({ page }, testInfo) => {
  // It runs alone or after any of this file's tests: other tests' alerts (a circuit opening) are
  // marked read, so the bell counts only this test's, and their attempts are counted first.
  await ok('alerts.markRead', {});
  const attemptsBefore = (await ok('execution.stats', {})).attempts;
  await openHealth(page);
  const first = await run(PRICED, 'how much does this cost');
  if (!first.ok) throw new Error(first.error.message);
  const cost = first.data.costUsd ?? 0;
  expect(cost).toBeGreaterThan(0);
  // Spent so far: 1 call of 4.5 → 22%. The 4th call crosses 80% (89%), the 5th the limit.
  await ok('budget.set', {
    scope: 'model',
    value: PRICED,
    // A lifetime window: a daily one would start again if midnight fell between these calls.
    window: 'total',
    limitUsd: cost * 4.5,
    mode: 'soft',
    warnPercent: 80,
  });
  await expect(page.getByTestId('alert-count')).toHaveCount(0);
  for (let i = 0; i < 3; i++) await run(PRICED, 'how much does this cost');
  await expect(page.getByTestId('alert-count')).toHaveText('1');
  for (let i = 0; i < 3; i++) await run(PRICED, 'how much does this cost');

  await page.getByRole('button', { name: /^Alerts/ }).click();
  const panel = page.getByRole('region', { name: 'Alerts' });
  await expect(panel.locator('[data-kind="budget_exceeded"]')).toHaveCount(1);
  await expect(panel.locator('[data-kind="budget_warning"]')).toHaveCount(1);
  await expect(panel.locator('[data-kind="budget_warning"]')).toContainText('at 88.9%');
  await expect(page.getByTestId('alert-count')).toHaveText('2');
  // The board followed the requests too: the priced model's seven calls, none of them failed.
  await expect(page.getByRole('row', { name: PRICED }).getByTestId('failures')).toHaveText('0 / 0');
  await expect(page.getByTestId('stat-attempts')).toHaveText(String(attemptsBefore + 7));
  await snapshot(page, testInfo, 'alerts-budget');

  const listed = await ok('alerts.list', {});
  expect(listed.alerts.filter((a) => a.kind === 'budget_warning')).toHaveLength(1);

  await panel.getByRole('button', { name: 'Mark all read' }).click();
  await expect(page.getByTestId('alert-count')).toHaveCount(0);
  await page.reload();
  await expect(page.getByRole('heading', { level: 1, name: 'Health' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Alerts' })).toBeVisible();
  await expect(page.getByTestId('alert-count')).toHaveCount(0);
});
