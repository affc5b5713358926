import { mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { RoutingRequestSchema } from '../src/shared/contract/routing';
import { seededRandom } from '../src/main/learning/logisticModel';
import { readModelFile, writeModelFile } from '../src/main/learning/modelFile';
import { MODEL_FILE, loadStoredModel } from '../src/main/learning/storedModel';
import {
  QualityModel,
  type StoredQualityModel,
  type TrainingPrompt,
} from '../src/main/learning/qualityModel';
import { trainInWorker } from '../src/main/learning/training/trainingThread';
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
const scratch = mkdtempSync(join(tmpdir(), 'sy-bench-learned-'));

/**
 * Training as the app runs it (a worker thread, file written there, arrays handed back) and the
 * longest the main thread's event loop was held meanwhile: what routing and IPC would wait.
 */
async function trainedInWorker(prompts: TrainingPrompt[], n: number): Promise<void> {
  const stall = monitorEventLoopDelay({ resolution: 5 });
  stall.enable();
  const t0 = performance.now();
  const { parts } = await trainInWorker({
    history: prompts,
    path: join(scratch, `worker-${n}.bin`),
    meta: { trainedAt: new Date().toISOString(), mark: 'bench' },
  }).result;
  QualityModel.fromParts(parts);
  const wall = performance.now() - t0;
  stall.disable();
  results[`train_worker_wall_ms_${n}`] = r3(wall);
  results[`train_worker_main_stall_max_ms_${n}`] = r3(stall.max / 1e6);
  console.log(
    `  in a worker thread: ${wall.toFixed(0)} ms wall, main thread held at most ${(stall.max / 1e6).toFixed(1)} ms`,
  );
}

/** Stored size and load time (read + ready to predict) of the binary file against the former JSON. */
function loadTimes(model: QualityModel, n: number): void {
  const json = join(scratch, `model-${n}.json`);
  const bin = join(scratch, `model-${n}.bin`);
  writeFileSync(json, JSON.stringify(model.toJSON()));
  writeModelFile(bin, model.toParts(), { trainedAt: new Date().toISOString(), mark: 'bench' });
  const time = (load: () => QualityModel): number => {
    const runs: number[] = [];
    for (let i = 0; i < 3; i++) {
      const t0 = performance.now();
      load().predict('warm');
      runs.push(performance.now() - t0);
    }
    return pct(runs, 50);
  };
  const jsonMs = time(() =>
    QualityModel.fromJSON(JSON.parse(readFileSync(json, 'utf8')) as StoredQualityModel),
  );
  const binMs = time(() => QualityModel.fromParts(readModelFile(bin).parts));
  Object.assign(results, {
    [`stored_json_mb_${n}`]: r3(statSync(json).size / 1e6),
    [`stored_mb_${n}`]: r3(statSync(bin).size / 1e6),
    [`load_json_ms_${n}`]: r3(jsonMs),
    [`load_ms_${n}`]: r3(binMs),
  });
  console.log(
    `  stored ${(statSync(bin).size / 1e6).toFixed(1)} MB binary (JSON ${(statSync(json).size / 1e6).toFixed(1)} MB); ` +
      `load ${binMs.toFixed(0)} ms (JSON ${jsonMs.toFixed(0)} ms), median of 3`,
  );
}
/**
 * The app's start-up read (`loadStoredModel`: file read on libuv's pool, decoded when it arrives)
 * and the first prediction, as the app does them: the longest the main thread's event loop was
 * held meanwhile, median of 3 (what a request or IPC arriving during start-up would wait).
 */
async function asyncLoadStall(model: QualityModel, n: number): Promise<void> {
  const dataDir = join(scratch, `data-${n}`);
  mkdirSync(dataDir);
  writeModelFile(join(dataDir, MODEL_FILE), model.toParts(), {
    trainedAt: new Date().toISOString(),
    mark: 'bench',
  });
  const stalls: number[] = [];
  const walls: number[] = [];
  for (let i = 0; i < 3; i++) {
    const stall = monitorEventLoopDelay({ resolution: 1 });
    stall.enable();
    const t0 = performance.now();
    const stored = await loadStoredModel(dataDir);
    if (!stored) throw new Error('the stored model did not load');
    await new Promise((resolve) => setImmediate(resolve));
    stored.model.predict('warm');
    await new Promise((resolve) => setTimeout(resolve, 20));
    walls.push(performance.now() - t0 - 20);
    stall.disable();
    stalls.push(stall.max / 1e6);
  }
  results[`load_async_wall_ms_${n}`] = r3(pct(walls, 50));
  results[`load_async_main_stall_max_ms_${n}`] = r3(pct(stalls, 50));
  console.log(
    `  start-up load (async) + first prediction: ${pct(walls, 50).toFixed(0)} ms wall, main thread held at most ${pct(stalls, 50).toFixed(1)} ms, median of 3`,
  );
}

for (const n of HISTORY_SIZES) {
  const prompts = history(n);
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  const model = QualityModel.train(prompts);
  const trainMs = performance.now() - t0;
  const trainCpu = process.cpuUsage(c0);
  const view: LearnedView = {
    predict: (t) => ({ ...model.predict(t), trainedOn: model.size, neighboursBy: null }),
    willingnessToPayUsd: () => 0.01,
    voteAdjustment: () => 0,
  };
  results[`train_ms_${n}`] = r3(trainMs);
  results[`train_cpu_ms_${n}`] = r3((trainCpu.user + trainCpu.system) / 1000);
  console.log(
    `${n} prompts: trained in ${trainMs.toFixed(0)} ms (${results[`train_cpu_ms_${n}`]} ms on CPU) on this thread`,
  );
  await trainedInWorker(prompts, n);
  loadTimes(model, n);
  await asyncLoadStall(model, n);
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
rmSync(scratch, { recursive: true, force: true });
console.log(
  JSON.stringify({
    ...results,
    prompts: corpus ? 'routerbench' : 'filler',
    load_avg_1m: r3(loadavg()[0] ?? 0),
  }),
);
