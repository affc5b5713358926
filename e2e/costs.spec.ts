import { test, expect, type Locator, type Page } from '@playwright/test';
import Database from 'better-sqlite3';
import { DateTime } from 'luxon';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  openLedgerFixture,
  okAttempt,
  okRequest,
  price,
  PRICES,
} from '../src/main/ledger/testing/ledgerFixture';
import type { RequestRecord } from '../src/main/ledger/ledgerEntry';
import { startHeadlessShell, type HeadlessShell } from './helpers/headlessShell';
import { openScreen, snapshot } from './helpers/screens';

// The Costs screen over a ledger seeded through the real ledger writer: every figure the charts
// show is checked against a SQL sum over the raw rows of the same file, computed here.

const ZONE = 'Europe/Berlin';
const FLASH = price(0.3, 2.5);

test.use({ timezoneId: ZONE, viewport: { width: 1280, height: 900 } });

let shell: HeadlessShell;
let db: Database.Database;

/** 40 days of traffic on three providers, fallbacks and cache hits mixed in, and one dear request. */
async function seedLedger(): Promise<string> {
  const f = openLedgerFixture({ timeZone: ZONE });
  const now = Date.now();
  const today = DateTime.fromMillis(now, { zone: ZONE }).startOf('day');
  const models = [
    ['openai', 'gpt-4o-mini', PRICES.mini],
    ['anthropic', 'claude-sonnet-4-5', PRICES.sonnet],
    ['google', 'gemini-2.5-flash', FLASH],
  ] as const;
  const useCases = ['conversation', 'code_generation', 'summarization'];
  const pending: Promise<unknown>[] = [];
  let n = 0;
  for (let d = 40; d >= 0; d--) {
    const dayStart = today.minus({ days: d }).toMillis();
    for (let i = 0; i < 12; i++, n++) {
      const startedAt = dayStart + i * 7_200_000 + 420_000;
      if (startedAt > now - 60_000) continue;
      const [provider, model, p] = models[n % 3]!;
      const answered = okAttempt(
        provider,
        model,
        p,
        600 + (n % 41) * 50,
        150 + (n % 23) * 30,
        400 + (n % 17) * 90,
      );
      let record: RequestRecord = okRequest(answered, { startedAt, useCase: useCases[n % 3]!, source: 'ui' });
      if (n % 7 === 0) {
        const failed = { ...okAttempt('groq', 'llama-3.3-70b-versatile', price(0.59, 0.79), 0, 0, 300) };
        record = {
          ...record,
          fallbackUsed: true,
          attempts: [{ ...failed, status: 'error', errorKind: 'rate_limit', usage: null }, answered],
        };
      }
      if (n % 15 === 0) {
        record = {
          ...record,
          attempts: [],
          cacheHit: { provider, model, inputTokens: 900, outputTokens: 400, price: p },
        };
      }
      pending.push(f.ledger.record(record));
    }
  }
  // The dearest request: opus after a rate-limited first try, two days ago.
  const opus = okAttempt('anthropic', 'claude-opus-4-1', PRICES.opus, 60_000, 8_000, 21_000);
  const failed = okAttempt('openai', 'gpt-4.1', price(2, 8), 0, 0, 250);
  pending.push(
    f.ledger.record(
      okRequest(opus, {
        startedAt: today.minus({ days: 2 }).plus({ hours: 10 }).toMillis(),
        useCase: 'analysis',
        fallbackUsed: true,
        attempts: [{ ...failed, status: 'error', errorKind: 'rate_limit', usage: null }, opus],
      }),
    ),
  );
  await Promise.all(pending);
  f.setBudget({ scope: 'global', window: 'monthly', limitUsd: 40, mode: 'soft' });
  f.close();
  return f.dir;
}

test.beforeAll(async () => {
  const dir = await seedLedger();
  shell = await startHeadlessShell([], process.env, { dataDir: dir });
  db = new Database(join(dir, 'switchyard.db'), { readonly: true });
});

test.afterAll(async () => {
  db?.close();
  await shell?.stop();
});

interface SqlSums {
  total: number;
  byProvider: Map<string, number>;
  byModel: Map<string, number>;
}

/** The reference: plain SQL over the raw rows of [from, to). */
function sqlSums(from = 0, to = Number.MAX_SAFE_INTEGER): SqlSums {
  const rows = db
    .prepare(
      `SELECT COALESCE(m.provider, 'none') AS provider, COALESCE(m.provider || '/' || m.model, 'none') AS model,
              SUM(r.cost_nanos) AS cost
       FROM ledger_requests r LEFT JOIN ledger_models m ON m.id = r.model_id
       WHERE r.started_at >= ? AND r.started_at < ? GROUP BY model`,
    )
    .all(from, to) as Array<{ provider: string; model: string; cost: number }>;
  const byProvider = new Map<string, number>();
  const byModel = new Map<string, number>();
  let total = 0;
  for (const r of rows) {
    total += r.cost / 1e9;
    byModel.set(r.model, r.cost / 1e9);
    byProvider.set(r.provider, (byProvider.get(r.provider) ?? 0) + r.cost / 1e9);
  }
  return { total, byProvider, byModel };
}

const usd = async (l: Locator): Promise<number> => Number(await l.getAttribute('data-usd'));

/** Waits until the charts show the reference sums, then checks every provider and model. */
async function expectChartsToMatch(page: Page, sums: SqlSums): Promise<void> {
  await expect.poll(() => usd(page.getByTestId('timeline-total'))).toBeCloseTo(sums.total, 9);
  await expect.poll(() => usd(page.getByTestId('figure-spend'))).toBeCloseTo(sums.total, 9);
  // Each card asks main on its own and keeps the previous range's rows until its answer lands, so
  // a count that matches can still be the old range's: every figure is polled, none read once.
  const providers = page.getByTestId('provider-total');
  await expect(providers).toHaveCount(sums.byProvider.size);
  for (const [provider, cost] of sums.byProvider) {
    await expect
      .poll(() => usd(providers.and(page.locator(`[data-provider="${provider}"]`))))
      .toBeCloseTo(cost, 9);
  }
  const models = page.getByTestId('by-model-row');
  await expect(models).toHaveCount(sums.byModel.size);
  for (const [model, cost] of sums.byModel) {
    await expect.poll(() => usd(models.and(page.locator(`[data-key="${model}"]`)))).toBeCloseTo(cost, 9);
  }
}

const openCosts = (page: Page) => openScreen(page, shell, 'costs', 'Costs', { viewport: null });

test('the charts equal SQL sums over the ledger, and changing the date range changes them', async ({
  page,
}) => {
  await openCosts(page);
  await page.getByRole('radio', { name: 'All time' }).click();
  const all = sqlSums();
  await expectChartsToMatch(page, all);
  const chart = page.locator('[data-chart="spend-over-time"]');
  await expect.poll(() => chart.getByTestId('spend-segment').count()).toBeGreaterThan(40);
  // Each column says its bucket and total; together they are the range's SQL total.
  const columns = chart.getByTestId('spend-column');
  const columnUsd = await columns.evaluateAll((els) => els.map((el) => Number(el.getAttribute('data-usd'))));
  expect(columnUsd.reduce((s, v) => s + v, 0)).toBeCloseTo(all.total, 6);
  const lastColumn = columns.last();
  const lastBucket = (await lastColumn.getAttribute('data-bucket'))!;
  const lastTotal = /^\d{4}-\d{2}-\d{2}: (\$[\d,.]+)$/.exec(
    (await lastColumn.getAttribute('aria-label'))!,
  )?.[1];
  expect(lastTotal).toBeDefined();
  // Hovering a column shows its bucket, its total and its providers in a tooltip.
  await lastColumn.hover();
  const tooltip = page.getByTestId('spend-tooltip');
  await expect(tooltip).toContainText(`${lastBucket} · ${lastTotal}`);
  await expect(tooltip.getByRole('listitem')).toHaveCount(
    await lastColumn.getByTestId('spend-segment').count(),
  );
  // Keyboard: the columns are one tab stop; arrow keys move along the buckets, the tooltip follows.
  await lastColumn.focus();
  await page.keyboard.press('ArrowLeft');
  const previous = columns.nth((await columns.count()) - 2);
  await expect(previous).toBeFocused();
  await expect(tooltip).toContainText((await previous.getAttribute('data-bucket'))!);
  await chart.screenshot({ path: test.info().outputPath('costs-spend-tooltip.png') });
  await page.mouse.move(0, 0);
  await previous.evaluate((el) => (el as SVGGElement).blur());
  await expect(tooltip).toHaveCount(0);
  await expect(page.locator('[data-chart="savings"] .recharts-line')).toHaveCount(2);
  await expect(page.getByTestId('by-use-case-row')).toHaveCount(4);
  await expect(page.getByTestId('budget-gauge')).toContainText('All spend');
  await snapshot(page, test.info(), 'costs-all-time');

  // A custom range of whole local days: [first day 00:00, day after the last 00:00) in Berlin.
  const today = DateTime.now().setZone(ZONE).startOf('day');
  const first = today.minus({ days: 10 });
  const last = today.minus({ days: 3 });
  await page.getByLabel('From').fill(first.toISODate()!);
  await page.getByLabel('To').fill(last.toISODate()!);
  const week = sqlSums(first.toMillis(), last.plus({ days: 1 }).toMillis());
  expect(week.total).toBeLessThan(all.total);
  await expectChartsToMatch(page, week);
  await expect(page.getByRole('radio', { checked: true })).toHaveCount(0); // no preset is chosen now
  await page.getByLabel('Buckets').selectOption('hour');
  await expect.poll(() => usd(page.getByTestId('timeline-total'))).toBeCloseTo(week.total, 9);
  await snapshot(page, test.info(), 'costs-custom-range-hourly');
});

test('the most expensive request opens its attempts; CSV export downloads the range', async ({ page }) => {
  await openCosts(page);
  const clickedAt = DateTime.now();
  await page.getByRole('radio', { name: 'Last 7 days' }).click();
  const top = page.getByTestId('top-request').first();
  await expect(top).toContainText('anthropic/claude-opus-4-1');
  await expect(top).toContainText('fallback');
  await top.getByRole('button', { name: 'Attempts' }).click();
  const attempts = page.getByTestId('request-attempts');
  await expect(attempts.getByRole('listitem')).toHaveCount(2);
  await expect(attempts.getByRole('listitem').first()).toContainText('openai/gpt-4.1 — error (rate_limit)');
  await expect(attempts.getByRole('listitem').nth(1)).toContainText('anthropic/claude-opus-4-1 — ok');
  await snapshot(page, test.info(), 'costs-drilldown');

  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export spend by day (CSV)' }).click();
  const file = await (await download).path();
  const lines = readFileSync(file, 'utf8').trimEnd().split('\r\n');
  expect(lines[0]).toBe(
    'day,requests,cost_usd,tokens_in,tokens_out,errors,fallbacks,cache_hits,cache_saved_usd',
  );
  expect(lines.length).toBeGreaterThanOrEqual(1 + 6); // today may have no request yet just after midnight
  expect(lines.length).toBeLessThanOrEqual(1 + 7);
  // The range the screen chose when the preset was clicked (not "now" again: midnight may have passed).
  const from = page.getByLabel('From');
  await expect(from).toHaveValue(/^\d{4}-\d{2}-\d{2}$/);
  const since = DateTime.fromISO(await from.inputValue(), { zone: ZONE }).toMillis();
  const sixDaysBefore = (d: DateTime) => d.setZone(ZONE).startOf('day').minus({ days: 6 }).toMillis();
  expect([sixDaysBefore(clickedAt), sixDaysBefore(DateTime.now())]).toContain(since);
  const csvTotal = lines.slice(1).reduce((s, l) => s + Number(l.split(',')[2]), 0);
  expect(csvTotal).toBeCloseTo(sqlSums(since).total, 6);
});

test('budgets: create, edit and delete, with current usage; bad input is refused and nothing changes', async ({
  page,
}) => {
  await openCosts(page);
  await page.getByRole('tab', { name: 'Budgets' }).click();
  const rows = page.getByTestId('budget-row');
  await expect(rows).toHaveCount(1);

  await page.getByRole('button', { name: 'New budget' }).click();
  const form = page.getByRole('form', { name: 'New budget' });
  await form.getByLabel('Scope', { exact: true }).selectOption('model');
  await form.getByLabel('Model', { exact: true }).fill('nonsense');
  await form.getByLabel('Limit (USD)', { exact: true }).fill('5');
  await form.getByRole('button', { name: 'Create budget' }).click();
  await expect(form.getByRole('alert')).toContainText('VALIDATION_FAILED');
  await expect(rows).toHaveCount(1);

  await form.getByLabel('Scope', { exact: true }).selectOption('provider');
  await form.getByLabel('Provider', { exact: true }).selectOption('openai');
  await form.getByLabel('Window', { exact: true }).selectOption('daily');
  await form.getByLabel('Limit (USD)', { exact: true }).fill('2');
  await form.getByLabel('Warn at (%)', { exact: true }).fill('50');
  await form.getByLabel('Soft (alerts only)').check();
  await form.getByRole('button', { name: 'Create budget' }).click();
  await expect(rows).toHaveCount(2);
  const openai = rows.filter({ hasText: 'Provider: openai' });
  await expect(openai).toContainText('Daily · soft');
  await expect(openai).toContainText('of $2.00');

  await openai.getByRole('button', { name: 'Edit' }).click();
  const edit = page.getByRole('form', { name: 'Edit budget' });
  await expect(edit.getByLabel('Limit (USD)', { exact: true })).toHaveValue('2');
  await edit.getByLabel('Limit (USD)', { exact: true }).fill('12');
  await edit.getByLabel('Hard (enforced)').check();
  await edit.getByLabel('Downgrade to a cheaper model').check();
  await edit.getByRole('button', { name: 'Save changes' }).click();
  await expect(openai).toContainText('of $12.00');
  await expect(openai).toContainText('Daily · hard · downgrade');
  await expect(rows).toHaveCount(2);
  await snapshot(page, test.info(), 'costs-budgets');

  page.once('dialog', (d) => void d.accept());
  await openai.getByRole('button', { name: 'Delete' }).click();
  await expect(rows).toHaveCount(1);
  const stored = db.prepare('SELECT COUNT(*) AS n FROM budgets').get() as { n: number };
  expect(stored.n).toBe(1);
});
