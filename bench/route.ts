import { Tiktoken } from 'js-tiktoken/lite';
import o200k from 'js-tiktoken/ranks/o200k_base';
import { loadavg } from 'node:os';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { setImmediate as yieldToLoop } from 'node:timers/promises';
import { RoutingRequestSchema, type RoutingRequest } from '../src/shared/contract/routing';
import { ModelCatalog } from '../src/main/routing/catalog/modelCatalog';
import { openLiveState } from '../src/main/routing/liveState';
import { RoutingEngine } from '../src/main/routing/routingEngine';
import { defaultRules } from '../src/main/routing/rules/defaultRules';
import { longText } from '../src/main/routing/test/prompts';
import { estimateRequestTokens, prepareRequest } from '../src/main/routing/tokens/requestTokens';
import { loadRouterbenchTexts, routerbenchDir } from './routerbenchData';

/**
 * Routing decision latency at 1k, 10k and 100k input tokens (default rules, all providers
 * available), cold (a new engine and a prompt it has never seen) and warm; the fast token
 * estimate's error against js-tiktoken; and the longest main-thread stall while deciding,
 * including the near-threshold path that counts exactly in the worker.
 */
const SIZES = [1_000, 10_000, 100_000] as const;
const COLD_SAMPLES = 30;
const WARM_SAMPLES = { 1_000: 400, 10_000: 300, 100_000: 100 } as const;

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

const rules = defaultRules();
const catalog = new ModelCatalog(null);
const live = openLiveState();
const request = (text: string, extra: Partial<RoutingRequest> = {}) =>
  RoutingRequestSchema.parse({ prompt: text, ...extra });

async function timeDecision(engine: RoutingEngine, text: string, extra?: Partial<RoutingRequest>) {
  const req = request(text, extra);
  const t0 = performance.now();
  const d = await engine.decide(req, live);
  const ms = performance.now() - t0;
  await yieldToLoop(); // let the stall monitor's timer run between decisions
  return { ms, method: d.tokens.method };
}

console.log(
  `route bench: ${source}; load average ${loadavg()
    .map((l) => l.toFixed(2))
    .join(' ')} on a shared 2-core machine`,
);
const stall = monitorEventLoopDelay({ resolution: 1 });
stall.enable();

const results: Record<string, number> = {};
for (const size of SIZES) {
  const cold: number[] = [];
  let exactCold = 0;
  for (let i = 0; i < COLD_SAMPLES; i++) {
    const engine = new RoutingEngine(catalog, () => rules);
    const r = await timeDecision(engine, prompt(size, 1000 + size + i));
    cold.push(r.ms);
    if (r.method === 'exact') exactCold++;
    await engine.close();
  }
  const engine = new RoutingEngine(catalog, () => rules);
  const text = prompt(size, size);
  for (let i = 0; i < 20; i++) await timeDecision(engine, text); // JIT warm-up
  const warm: number[] = [];
  const cpu0 = process.cpuUsage();
  for (let i = 0; i < WARM_SAMPLES[size]; i++) warm.push((await timeDecision(engine, text)).ms);
  const cpu = process.cpuUsage(cpu0);
  const cpuMs = (cpu.user + cpu.system) / 1000 / WARM_SAMPLES[size];
  await engine.close();
  const k = `${size / 1000}k`;
  Object.assign(results, {
    [`p50_ms_${k}`]: r3(pct(warm, 50)),
    [`p99_ms_${k}`]: r3(pct(warm, 99)),
    [`cold_p50_ms_${k}`]: r3(pct(cold, 50)),
    [`cold_p99_ms_${k}`]: r3(pct(cold, 99)),
    [`cpu_ms_${k}`]: r3(cpuMs),
  });
  console.log(
    `${k.padStart(5)} tokens  warm p50 ${pct(warm, 50).toFixed(3)} ms  p99 ${pct(warm, 99).toFixed(3)} ms   ` +
      `cold p50 ${pct(cold, 50).toFixed(3)} ms  p99 ${pct(cold, 99).toFixed(3)} ms   CPU ${cpuMs.toFixed(3)} ms/decision   ` +
      `(${exactCold}/${COLD_SAMPLES} cold decisions counted exactly)`,
  );
}

// The near-threshold path: context bands with a prompt at the 10k boundary must count exactly.
const exactEngine = new RoutingEngine(catalog, () => rules);
const boundary = (seed: number) => prompt(10_000, 5000 + seed);
const first = await timeDecision(exactEngine, boundary(0), { strategy: 'context_bands' });
const exactWarm: number[] = [];
for (let i = 1; i <= 15; i++) {
  const r = await timeDecision(exactEngine, boundary(i), { strategy: 'context_bands' });
  if (r.method === 'exact') exactWarm.push(r.ms);
}
await exactEngine.close();
stall.disable();
const maxStall = stall.max / 1e6;
console.log(
  `near a threshold (10k prompt, context bands): first ${first.ms.toFixed(1)} ms (${first.method}, worker cold start), ` +
    `then p50 ${pct(exactWarm, 50).toFixed(1)} ms over ${exactWarm.length} exact counts, all off the main thread`,
);
console.log(
  `longest main-thread stall while deciding: ${maxStall.toFixed(2)} ms (event-loop delay, 1 ms resolution)`,
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
    token_error_pct: r3(meanError),
    token_error_max_pct: r3(maxError),
    exact_first_ms: r3(first.ms),
    exact_p50_ms_10k: r3(pct(exactWarm, 50)),
    prompts: corpus ? 'routerbench' : 'filler',
    load_avg_1m: r3(loadavg()[0] ?? 0),
  }),
);
