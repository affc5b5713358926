import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BudgetInputSchema, type BudgetInput } from '../src/shared/contract/budget';
import { BudgetService } from '../src/main/budget/budgetService';
import { LedgerDatabase } from '../src/main/ledger/database';
import { Ledger } from '../src/main/ledger/ledger';
import { random, syntheticRequest } from './ledger/syntheticTraffic';

/**
 * `npm run bench -- ledger`: write a 1M-request ledger through the real write path (group commit,
 * rollups, budget spend and reservations' reconciliation hook, two budgets in force), report the
 * sustained write rate, then time every dashboard query over it and measure bytes per request.
 * Targets (issue #5): ≥ 50,000 writes/s, ≤ 50 ms per query, ≤ 400 bytes per request.
 */
const REQUESTS = Number(process.env['LEDGER_BENCH_REQUESTS'] ?? 1_000_000);
const DAYS = 90;
const BURST = 2_000; // requests finishing in one event-loop turn under heavy load
const DAY = 86_400_000;

const dir = mkdtempSync(join(tmpdir(), 'switchyard-bench-ledger-'));
const database = LedgerDatabase.open(dir);
const ledger = new Ledger(database);
ledger.settings.set({ timeZone: 'Europe/Berlin', retentionDays: DAYS + 1 });
const budget = new BudgetService(ledger);
const setBudget = (b: BudgetInput) => budget.set(BudgetInputSchema.parse(b));
setBudget({ scope: 'global', window: 'monthly', limitUsd: 1_000_000, mode: 'hard', policy: 'downgrade' });
setBudget({
  scope: 'model',
  value: 'anthropic/claude-opus-4-1',
  window: 'daily',
  limitUsd: 50_000,
  mode: 'soft',
});

const now = Date.now();
const start = now - DAYS * DAY;
const rnd = random(42);

console.log(
  `ledger bench: ${REQUESTS.toLocaleString('en')} requests over ${DAYS} days, Europe/Berlin, in ${dir}`,
);
let written = 0;
const t0 = performance.now();
while (written < REQUESTS) {
  const n = Math.min(BURST, REQUESTS - written);
  const pending = new Array<Promise<unknown>>(n);
  for (let i = 0; i < n; i++) {
    const startedAt = start + Math.floor(((written + i) / REQUESTS) * DAYS * DAY);
    pending[i] = ledger.record(syntheticRequest(rnd, startedAt));
  }
  await Promise.all(pending);
  written += n;
  if (written % 200_000 === 0) console.log(`  ${written.toLocaleString('en')} written`);
}
const writeSeconds = (performance.now() - t0) / 1000;
const writesPerS = Math.round(REQUESTS / writeSeconds);
console.log(
  `sustained writes: ${writesPerS.toLocaleString('en')}/s (${writeSeconds.toFixed(1)} s, batches of ${BURST})`,
);

database.db.pragma('wal_checkpoint(TRUNCATE)');
database.db.pragma('optimize');
const pages = database.db.pragma('page_count', { simple: true }) as number;
const pageSize = database.db.pragma('page_size', { simple: true }) as number;
const bytesPerRow = Math.round((pages * pageSize) / REQUESTS);
console.log(
  `database: ${((pages * pageSize) / 1048576).toFixed(1)} MiB, ${bytesPerRow} bytes per request (rows, attempts, indexes, rollups)`,
);

const iso = (ms: number) => new Date(ms).toISOString();
const last30 = { since: iso(now - 30 * DAY + 3_600_000 * 5.5), until: iso(now - 2 * 3_600_000) };
const last7 = { since: iso(now - 7 * DAY + 1_234_567) };
const last24h = { since: iso(now - DAY) };
const reports = ledger.reports;
const QUERIES: Array<[string, () => unknown]> = [
  ['overview, all time', () => reports.overview({})],
  ['overview, last 30 days (cut mid-day)', () => reports.overview(last30)],
  ['overview vs baseline gpt-4o-mini', () => reports.overview({ baselineModel: 'openai/gpt-4o-mini' })],
  ['spend by day, all time', () => reports.spend({ by: 'day' })],
  ['spend by provider, all time', () => reports.spend({ by: 'provider' })],
  ['spend by model, last 30 days', () => reports.spend({ ...last30, by: 'model' })],
  ['spend by use case, last 7 days', () => reports.spend({ ...last7, by: 'use_case' })],
  ['per-model totals + p50/p95, all time', () => reports.models({})],
  ['per-model totals + p50/p95, last 7 days', () => reports.models(last7)],
  ['most expensive 20, all time', () => reports.topRequests({ limit: 20 })],
  ['most expensive 20, last 24 h', () => reports.topRequests({ ...last24h, limit: 20 })],
  ['spend CSV by day', () => reports.csv({ kind: 'spend', by: 'day', limit: 100_000 })],
  ['budget list (current windows)', () => budget.list()],
  [
    'budget headroom for routing',
    () => budget.headroom({ provider: 'anthropic', modelKey: 'anthropic/claude-opus-4-1', useCase: null }),
  ],
];

const timings: Record<string, number> = {};
for (const [name, run] of QUERIES) {
  run(); // warm the statement and the page cache, as a dashboard that refreshes would
  const runs: number[] = [];
  for (let i = 0; i < 5; i++) {
    const t = performance.now();
    run();
    runs.push(performance.now() - t);
  }
  runs.sort((a, b) => a - b);
  timings[name] = Math.round(runs[2]! * 100) / 100;
  console.log(`  ${timings[name]!.toFixed(2).padStart(8)} ms  ${name}`);
}
const maxQueryMs = Math.max(...Object.values(timings));

ledger.close();
budget.close();
database.close();
rmSync(dir, { recursive: true, force: true });

console.log(
  JSON.stringify({
    benchmark: 'ledger',
    requests: REQUESTS,
    writes_per_s: writesPerS,
    max_query_ms_1m: maxQueryMs,
    bytes_per_row: bytesPerRow,
    queries_ms: timings,
  }),
);
