import { loadavg } from 'node:os';
import { RoutingRequestSchema } from '../src/shared/contract/routing';
import { seededRandom } from '../src/main/learning/logisticModel';
import { QualityModel, type TrainingPrompt } from '../src/main/learning/qualityModel';
import { ModelCatalog } from '../src/main/routing/catalog/modelCatalog';
import { openLiveState, type LearnedView } from '../src/main/routing/liveState';
import { RoutingEngine } from '../src/main/routing/routingEngine';
import { defaultRules } from '../src/main/routing/rules/defaultRules';
import { longText } from '../src/main/routing/test/prompts';
import { loadRouterbenchTexts, routerbenchDir } from './routerbenchData';

/**
 * What the learned strategy costs: training time and stored size for 2k and 20k labelled prompts,
 * and the routing decision (`RoutingEngine.decide`, strategy "learned", unseen prompts) at 1k and
 * 10k input tokens against the default strategy on the same prompts. Labels are random per model
 * (the cost of training and predicting does not depend on what was learned); prompts are RouterBench
 * texts when the data is there, else the built-in filler.
 */
const HISTORY_SIZES = [2_000, 20_000] as const;
const DECISIONS = 200;
const MODELS = 10;

const dir = routerbenchDir();
const corpus = dir ? loadRouterbenchTexts(dir).map((t) => t.text) : null;
const random = seededRandom(5);
const text = (i: number): string => (corpus ? corpus[i % corpus.length]! : longText(200, i)) + ` #${i}`;

const catalog = new ModelCatalog(null);
const keys = catalog
  .list()
  .map((m) => m.key)
  .slice(0, MODELS);
const history = (n: number): TrainingPrompt[] =>
  Array.from({ length: n }, (_, i) => ({
    id: `bench ${i}`,
    text: text(i),
    labels: Object.fromEntries(keys.map((k) => [k, { quality: random() < 0.7 ? 1 : 0, costUsd: 0.001 }])),
  }));

/** A prompt of about `tokens` tokens (≈ 4 characters each), different for each seed. */
function prompt(tokens: number, seed: number): string {
  const parts: string[] = [];
  for (let i = 0, chars = 0; chars < tokens * 4; i++) {
    const t = text(seed * 7919 + i * 31);
    parts.push(t);
    chars += t.length + 2;
  }
  return parts.join('\n\n').slice(0, tokens * 4);
}

const pct = (xs: number[], p: number): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))]!;
};
const r3 = (v: number): number => Math.round(v * 1000) / 1000;

async function decideTimes(
  engine: RoutingEngine,
  view: LearnedView | undefined,
  tokens: number,
  strategy: string,
) {
  const requests = Array.from({ length: DECISIONS }, (_, i) =>
    RoutingRequestSchema.parse({ prompt: prompt(tokens, 100 + i), strategy }),
  );
  const live = openLiveState({ learned: view });
  for (const r of requests.slice(0, 10)) await engine.decide(r, live);
  const times: number[] = [];
  const cpu: number[] = [];
  for (const r of requests) {
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    await engine.decide(r, live);
    times.push(performance.now() - t0);
    const c = process.cpuUsage(c0);
    cpu.push((c.user + c.system) / 1000);
  }
  return { times, cpu };
}

const results: Record<string, number | string> = {};
const rules = defaultRules();
for (const n of HISTORY_SIZES) {
  const prompts = history(n);
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  const model = QualityModel.train(prompts);
  const trainMs = performance.now() - t0;
  const trainCpu = process.cpuUsage(c0);
  const storedBytes = JSON.stringify(model.toJSON()).length;
  const view: LearnedView = {
    predict: (t) => ({ ...model.predict(t), trainedOn: model.size }),
    willingnessToPayUsd: () => 0.01,
    voteAdjustment: () => 0,
  };
  results[`train_ms_${n}`] = r3(trainMs);
  results[`train_cpu_ms_${n}`] = r3((trainCpu.user + trainCpu.system) / 1000);
  results[`stored_mb_${n}`] = r3(storedBytes / 1e6);
  console.log(
    `${n} prompts: trained in ${trainMs.toFixed(0)} ms (${results[`train_cpu_ms_${n}`]} ms on CPU), ` +
      `stored ${(storedBytes / 1e6).toFixed(1)} MB`,
  );
  for (const tokens of [1_000, 10_000]) {
    const engine = new RoutingEngine(catalog, () => rules);
    const { times: learned, cpu } = await decideTimes(engine, view, tokens, 'learned');
    const { times: auto } = await decideTimes(engine, undefined, tokens, 'auto');
    await engine.close();
    const k = `${tokens / 1000}k_${n / 1000}k`;
    Object.assign(results, {
      [`learned_p50_ms_${k}`]: r3(pct(learned, 50)),
      [`learned_p99_ms_${k}`]: r3(pct(learned, 99)),
      [`learned_cpu_p50_ms_${k}`]: r3(pct(cpu, 50)),
      [`auto_p50_ms_${k}`]: r3(pct(auto, 50)),
      [`auto_p99_ms_${k}`]: r3(pct(auto, 99)),
    });
    console.log(
      `  ${tokens} tokens: learned p50 ${pct(learned, 50).toFixed(2)} ms p99 ${pct(learned, 99).toFixed(2)} ms ` +
        `(on CPU p50 ${pct(cpu, 50).toFixed(2)} ms); ` +
        `auto p50 ${pct(auto, 50).toFixed(2)} ms p99 ${pct(auto, 99).toFixed(2)} ms (${DECISIONS} unseen prompts)`,
    );
  }
}
console.log(
  JSON.stringify({
    ...results,
    prompts: corpus ? 'routerbench' : 'filler',
    load_avg_1m: r3(loadavg()[0] ?? 0),
  }),
);
