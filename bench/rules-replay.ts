import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LedgerDatabase } from '../src/main/ledger/database';
import { Ledger } from '../src/main/ledger/ledger';
import { ModelCatalog } from '../src/main/routing/catalog/modelCatalog';
import { REPLAY_BATCH, RulesReplay } from '../src/main/routing/replay/rulesReplay';
import { defaultRules } from '../src/main/routing/rules/defaultRules';
import { random, syntheticRequest } from './ledger/syntheticTraffic';

/**
 * `npm run bench -- rules-replay`: the Rules screen's what-if replay over a ledger of synthetic
 * traffic (30 days), through the real writer and the real replay. Reports requests re-decided per
 * second and how long main is held per batch (between two yields to the event loop): the replay
 * runs on main, so the batch time is what the rest of the app waits at most.
 */
const REQUESTS = Number(process.env['REPLAY_BENCH_REQUESTS'] ?? 200_000);
const DAY = 86_400_000;

const dir = mkdtempSync(join(tmpdir(), 'switchyard-bench-replay-'));
const database = LedgerDatabase.open(dir);
const ledger = new Ledger(database);
const rnd = random(42);
const now = Date.now();
for (let at = 0; at < REQUESTS; at += 5_000) {
  const n = Math.min(5_000, REQUESTS - at);
  await Promise.all(
    Array.from({ length: n }, () => ledger.record(syntheticRequest(rnd, now - Math.floor(rnd() * 30 * DAY)))),
  );
}
const catalog = new ModelCatalog(null);
const draft = defaultRules();
draft.complexity_tiers['simple']!.complexity_range = [0, 0.1];
draft.complexity_tiers['medium']!.complexity_range = [0.1, 0.6];
const replay = new RulesReplay(database.db, () => catalog.list());

const batches: number[] = [];
let last = performance.now();
const started = performance.now();
const result = await replay.run({ replayId: 'bench', rules: draft, days: 30 }, () => {
  const t = performance.now();
  batches.push(t - last);
  last = t;
});
const ms = performance.now() - started;
const sorted = batches.slice(1).sort((a, b) => a - b);
const pick = (q: number) =>
  Math.round((sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0) * 10) / 10;
const figures = {
  benchmark: 'rules-replay',
  requests: result.requests,
  skipped: result.skipped,
  changed: result.changedTotal,
  total_ms: Math.round(ms),
  requests_per_s: Math.round(result.requests / (ms / 1000)),
  first_batch_ms: Math.round((batches[0] ?? 0) * 10) / 10,
  batch_ms_p50: pick(0.5),
  batch_ms_p95: pick(0.95),
  batch_ms_max: pick(1),
};
console.log(
  `replayed ${result.requests.toLocaleString()} requests in ${figures.total_ms} ms (${figures.requests_per_s.toLocaleString()}/s)`,
);
console.log(
  `main held per batch of ${REPLAY_BATCH}: p50 ${figures.batch_ms_p50} ms, p95 ${figures.batch_ms_p95} ms, max ${figures.batch_ms_max} ms`,
);
console.log(JSON.stringify(figures));
ledger.close();
database.close();
rmSync(dir, { recursive: true, force: true });
