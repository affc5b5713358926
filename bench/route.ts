import { Tiktoken } from 'js-tiktoken/lite';
import o200k from 'js-tiktoken/ranks/o200k_base';
import { loadavg } from 'node:os';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { setImmediate as yieldToLoop } from 'node:timers/promises';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import {
  RoutingRequestSchema,
  type ParsedRoutingRequest,
  type RoutingRequest,
} from '../src/shared/contract/routing';
import { ModelCatalog } from '../src/main/routing/catalog/modelCatalog';
import { openLiveState } from '../src/main/routing/liveState';
import { RoutingEngine } from '../src/main/routing/routingEngine';
import { defaultRules } from '../src/main/routing/rules/defaultRules';
import { longText } from '../src/main/routing/test/prompts';
import { estimateRequestTokens, prepareRequest } from '../src/main/routing/tokens/requestTokens';
import { loadRouterbenchTexts, routerbenchDir } from './routerbenchData';

/**
 * Routing decision latency at 1k, 10k and 100k input tokens (default rules, all providers
 * available), the fast token estimate's error against js-tiktoken, and the longest main-thread
 * stall while deciding. Three kinds of decision, all through `RoutingEngine.decide`, the path the
 * product takes:
 *
 * - cold: a new engine and a prompt it has never seen (the first decision after start-up);
 * - warm: the same prompt again, arriving as a new string each time as it does over HTTP (the
 *   playground re-deciding as the user changes a constraint);
 * - unseen: a running engine and a new prompt every time (the gateway's usual case).
 *
 * The near-threshold path (a 10k prompt on the fast band's limit) counts exactly in the worker,
 * pre-warmed as the long-running shells do; its cold start without the pre-warm is measured apart.
 *
 * The stall monitor (event-loop delay, 1 ms resolution) runs only while decisions run: prompts and
 * requests are built beforehand and engines created and closed outside it, so it measures the
 * decision path, not the benchmark's own set-up.
 *
 * Latencies are wall-clock. Each decision's process CPU time is reported beside them: on a machine
 * shared with other work, the difference is time spent waiting for a core, not deciding.
 */
const SIZES = [1_000, 10_000, 100_000] as const;
type Size = (typeof SIZES)[number];
const COLD_SAMPLES = 50;
const WARM_SAMPLES: Record<Size, number> = { 1_000: 400, 10_000: 300, 100_000: 100 };
const UNSEEN_SAMPLES: Record<Size, number> = { 1_000: 300, 10_000: 200, 100_000: 60 };
const NEAR_THRESHOLD_SAMPLES = 15;

const dir = routerbenchDir();
const corpus = dir ? loadRouterbenchTexts(dir).map((t) => t.text) : null;
const source = corpus
  ? `RouterBench train texts (${dir})`
  : 'built-in mixed filler (RouterBench data not found)';

/** A prompt of about `tokens` o200k tokens, different for each seed. */
function prompt(tokens: number, seed: number): string {
  if (!corpus) return longText(tokens, seed);
  const parts: string[] = [];
  let chars = 0;
  for (let i = seed * 7919; chars < tokens * 3.95; i++) {
    const t = corpus[i % corpus.length]!;
    parts.push(t);
    chars += t.length + 2;
  }
  return parts.join('\n\n');
}

const pct = (xs: number[], p: number): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))] ?? NaN;
};
const r3 = (v: number): number => Math.round(v * 1000) / 1000;
const ms = (v: number): string => `${v.toFixed(3)} ms`;

const rules = defaultRules();
const catalog = new ModelCatalog(null);
const live = openLiveState();
/** A request as the contract hands it to routing: JSON in, validated, every string new. */
const request = (text: string, extra: Partial<RoutingRequest> = {}): ParsedRoutingRequest =>
  RoutingRequestSchema.parse(JSON.parse(JSON.stringify({ prompt: text, ...extra })));

// A full collection before each series, so a series does not pay for promoting the hundreds of
// prompts the benchmark built in advance (the product holds one request at a time).
setFlagsFromString('--expose-gc');
const collectGarbage = runInNewContext('gc') as () => void;

/** The longest event-loop delay over every series of decisions, and the worst series' p99. */
const stall = { maxMs: 0, p99Ms: 0 };

/**
 * Times each decision. A stall monitor runs for the whole series and nothing else; it is new for
 * each series because a re-enabled monitor would count the time it was off as one long delay.
 */
async function decideAll(engines: (i: number) => RoutingEngine, requests: ParsedRoutingRequest[]) {
  const times: number[] = [];
  const cpu: number[] = [];
  const methods: string[] = [];
  collectGarbage();
  const monitor = monitorEventLoopDelay({ resolution: 1 });
  monitor.enable();
  for (let i = 0; i < requests.length; i++) {
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    const d = await engines(i).decide(requests[i]!, live);
    times.push(performance.now() - t0);
    const c = process.cpuUsage(c0);
    cpu.push((c.user + c.system) / 1000);
    methods.push(d.tokens.method);
    await yieldToLoop(); // let the monitor's timer run between decisions
  }
  monitor.disable();
  stall.maxMs = Math.max(stall.maxMs, monitor.max / 1e6);
  stall.p99Ms = Math.max(stall.p99Ms, monitor.percentile(99) / 1e6);
  return { times, cpu, exact: methods.filter((m) => m === 'exact').length };
}

console.log(
  `route bench: ${source}; load average ${loadavg()
    .map((l) => l.toFixed(2))
    .join(' ')} on a shared 2-core machine`,
);

const results: Record<string, number> = {};
for (const size of SIZES) {
  const k = `${size / 1000}k`;
  const coldRequests = Array.from({ length: COLD_SAMPLES }, (_, i) => request(prompt(size, 1000 + size + i)));
  const coldEngines = coldRequests.map(() => new RoutingEngine(catalog, () => rules));
  const cold = await decideAll((i) => coldEngines[i]!, coldRequests);
  await Promise.all(coldEngines.map((e) => e.close()));

  const engine = new RoutingEngine(catalog, () => rules);
  const text = prompt(size, size);
  await decideAll(
    () => engine,
    Array.from({ length: 20 }, () => request(text)),
  ); // JIT warm-up
  const warmRequests = Array.from({ length: WARM_SAMPLES[size] }, () => request(text));
  const warm = await decideAll(() => engine, warmRequests);
  const unseenRequests = Array.from({ length: UNSEEN_SAMPLES[size] }, (_, i) =>
    request(prompt(size, 3000 + size + i)),
  );
  const unseen = await decideAll(() => engine, unseenRequests);
  await engine.close();

  Object.assign(results, {
    [`p50_ms_${k}`]: r3(pct(warm.times, 50)),
    [`p99_ms_${k}`]: r3(pct(warm.times, 99)),
    [`cold_p50_ms_${k}`]: r3(pct(cold.times, 50)),
    [`cold_p99_ms_${k}`]: r3(pct(cold.times, 99)),
    [`unseen_p50_ms_${k}`]: r3(pct(unseen.times, 50)),
    [`unseen_p99_ms_${k}`]: r3(pct(unseen.times, 99)),
    [`cpu_p99_ms_${k}`]: r3(pct(warm.cpu, 99)),
    [`unseen_cpu_p99_ms_${k}`]: r3(pct(unseen.cpu, 99)),
  });
  console.log(
    `${k.padStart(5)} tokens  warm p50 ${ms(pct(warm.times, 50))} p99 ${ms(pct(warm.times, 99))}   ` +
      `unseen p50 ${ms(pct(unseen.times, 50))} p99 ${ms(pct(unseen.times, 99))}   ` +
      `cold p50 ${ms(pct(cold.times, 50))} p99 ${ms(pct(cold.times, 99))}\n` +
      `        on CPU (process time, shows what is ours and what is waiting for a core): ` +
      `warm p50 ${ms(pct(warm.cpu, 50))} p99 ${ms(pct(warm.cpu, 99))}   unseen p50 ${ms(pct(unseen.cpu, 50))} p99 ${ms(pct(unseen.cpu, 99))}   ` +
      `(exact counts: ${cold.exact}/${COLD_SAMPLES} cold, ${unseen.exact}/${unseenRequests.length} unseen)`,
  );
}

// The near-threshold path: context bands with a prompt at the 10k boundary count exactly, in the
// worker the long-running shells pre-warm. Pre-warming happens outside the monitored window, as it
// does in the product (at service start, before decisions).
const boundary = (seed: number) => request(prompt(10_000, 5000 + seed), { strategy: 'context_bands' });
const exactEngine = new RoutingEngine(catalog, () => rules);
await exactEngine.counter.warmUp();
const near = await decideAll(
  () => exactEngine,
  Array.from({ length: NEAR_THRESHOLD_SAMPLES }, (_, i) => boundary(i + 1)),
);
await exactEngine.close();
const maxStall = stall.maxMs;
const stallP99 = stall.p99Ms;

// Without the pre-warm, the first near-threshold decision waits for the worker and its encoder.
const coldStartEngine = new RoutingEngine(catalog, () => rules);
const coldStartRequest = boundary(0);
const coldStall = monitorEventLoopDelay({ resolution: 1 });
coldStall.enable();
const t0 = performance.now();
const coldStart = await coldStartEngine.decide(coldStartRequest, live);
const coldStartMs = performance.now() - t0;
await yieldToLoop();
coldStall.disable();
await coldStartEngine.close();

console.log(
  `near a threshold (10k prompt, context bands, pre-warmed worker): p50 ${ms(pct(near.times, 50))} ` +
    `p99 ${ms(pct(near.times, 99))}, ${near.exact}/${NEAR_THRESHOLD_SAMPLES} counted exactly off the main thread`,
);
console.log(
  `  without the pre-warm: first decision ${coldStartMs.toFixed(1)} ms (${coldStart.tokens.method}, worker and encoder cold start), ` +
    `longest stall meanwhile ${(coldStall.max / 1e6).toFixed(2)} ms`,
);
console.log(
  `longest main-thread stall while deciding: ${maxStall.toFixed(2)} ms (event-loop delay, 1 ms resolution; worst series p99 ${stallP99.toFixed(2)} ms)`,
);

// Estimate error, measured outside the stall window (exact counting here runs on this thread).
const enc = new Tiktoken(o200k);
const errors: number[] = [];
for (const size of SIZES) {
  for (let i = 0; i < 5; i++) {
    const text = prompt(size, 200 + i);
    const estimate = estimateRequestTokens(prepareRequest(request(text))).reference;
    const exact = enc.encode(text, [], []).length;
    errors.push(Math.abs(estimate - exact) / exact);
  }
}
const meanError = (errors.reduce((s, e) => s + e, 0) / errors.length) * 100;
const maxError = Math.max(...errors) * 100;
console.log(
  `token estimate vs js-tiktoken o200k: mean error ${meanError.toFixed(2)}%, worst ${maxError.toFixed(2)}% (15 prompts)`,
);

console.log(
  JSON.stringify({
    ...results,
    max_stall_ms: r3(maxStall),
    stall_p99_ms: r3(stallP99),
    token_error_pct: r3(meanError),
    token_error_max_pct: r3(maxError),
    exact_p50_ms_10k: r3(pct(near.times, 50)),
    exact_p99_ms_10k: r3(pct(near.times, 99)),
    exact_cold_start_ms: r3(coldStartMs),
    exact_cold_start_stall_ms: r3(coldStall.max / 1e6),
    prompts: corpus ? 'routerbench' : 'filler',
    load_avg_1m: r3(loadavg()[0] ?? 0),
  }),
);
