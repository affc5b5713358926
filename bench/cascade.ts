import { createOpenAI } from '@ai-sdk/openai';
import { streamText } from 'ai';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { RoutingRequestSchema } from '../src/shared/contract/routing';
import { EventBus } from '../src/main/core/eventBus';
import { startFakeProviders } from '../src/main/execution/fake/server';
import { SqliteHealthStore } from '../src/main/execution/health/healthStore';
import {
  catalogPriceBook,
  MemoryAttemptRecorder,
  unenforcedSpendGuard,
} from '../src/main/execution/service/defaults';
import { GenerationService } from '../src/main/execution/service/generationService';
import { SimulatedProviders } from '../src/main/execution/service/simulation';
import { fakeConnections, fixedRouter, KEY } from '../src/main/execution/test/harness';
import { LedgerDatabase } from '../src/main/ledger/database';
import { ModelCatalog } from '../src/main/routing/catalog/modelCatalog';

/**
 * The execution path's own latency: the same streamed request to the fake provider server, once
 * as a bare AI SDK call and once through GenerationService (cache lookup and key hashing,
 * single-flight, breaker, health written to SQLite, events, result building, ledger record into
 * memory). Routing is a fixed route here (its cost is `npm run bench -- route`). Calls alternate
 * so drift hits both sides alike; every prompt is unique, so the cache never answers.
 */
const WARMUP = 40;
const N = Number(process.env.BENCH_N ?? 400);
const MODEL = 'gpt-4o-mini';

const fake = await startFakeProviders();
const dir = mkdtempSync(join(tmpdir(), 'switchyard-bench-'));
const db = LedgerDatabase.open(dir);
const simulation = new SimulatedProviders({});
const service = new GenerationService({
  router: fixedRouter([`openai/${MODEL}`, 'anthropic/claude-haiku-4-5']),
  connections: fakeConnections(fake),
  simulation,
  prices: catalogPriceBook(new ModelCatalog(null)),
  rules: { cascade: () => undefined },
  spend: unenforcedSpendGuard,
  recorder: new MemoryAttemptRecorder(100),
  statusSink: { keyRejected: () => {} },
  events: new EventBus(),
  healthStore: new SqliteHealthStore(db),
  simulate: false,
});
const sdk = createOpenAI({ apiKey: KEY, baseURL: fake.baseUrls.openai }).chat(MODEL);

const prompt = (i: number, side: string) => `Benchmark ${side} ${i}: what is a fallback? [[words:20]]`;

async function direct(i: number): Promise<number> {
  const t0 = performance.now();
  const r = streamText({
    model: sdk,
    messages: [{ role: 'user', content: prompt(i, 'd') }],
    maxRetries: 0,
    temperature: 0,
  });
  let text = '';
  for await (const part of r.fullStream) if (part.type === 'text-delta') text += part.text;
  if (text === '') throw new Error('empty answer');
  return performance.now() - t0;
}

async function throughExecution(i: number): Promise<number> {
  const t0 = performance.now();
  const request = RoutingRequestSchema.parse({ prompt: prompt(i, 'e') });
  const r = await service.run({ request, stream: true }, { source: 'cli' });
  if (r.output === '' || r.cacheHit) throw new Error('unexpected result');
  return performance.now() - t0;
}

const pct = (sorted: number[], p: number): number =>
  sorted[Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)]!;
const round = (v: number): number => Math.round(v * 1000) / 1000;

for (let i = 0; i < WARMUP; i++) {
  await direct(-i - 1);
  await throughExecution(-i - 1);
}
const d: number[] = [];
const e: number[] = [];
for (let i = 0; i < N; i++) {
  if (i % 2 === 0) {
    d.push(await direct(i));
    e.push(await throughExecution(i));
  } else {
    e.push(await throughExecution(i));
    d.push(await direct(i));
  }
}
const paired = d.map((v, i) => e[i]! - v).sort((a, b) => a - b);
d.sort((a, b) => a - b);
e.sort((a, b) => a - b);

console.log(
  `cascade bench: ${N} streamed calls each way to the fake provider (${MODEL}), after ${WARMUP} warm-up pairs`,
);
console.log(`  direct AI SDK call   p50 ${round(pct(d, 0.5))} ms   p99 ${round(pct(d, 0.99))} ms`);
console.log(`  through execution    p50 ${round(pct(e, 0.5))} ms   p99 ${round(pct(e, 0.99))} ms`);
console.log(`  paired difference    p50 ${round(pct(paired, 0.5))} ms   p99 ${round(pct(paired, 0.99))} ms`);

await service.close();
await fake.close();
db.close();
rmSync(dir, { recursive: true, force: true });

console.log(
  JSON.stringify({
    name: 'cascade',
    n: N,
    direct_p50_ms: round(pct(d, 0.5)),
    direct_p99_ms: round(pct(d, 0.99)),
    execution_p50_ms: round(pct(e, 0.5)),
    execution_p99_ms: round(pct(e, 0.99)),
    p50_added_ms: round(pct(e, 0.5) - pct(d, 0.5)),
    p99_added_ms: round(pct(e, 0.99) - pct(d, 0.99)),
  }),
);
