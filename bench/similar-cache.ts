import { loadavg } from 'node:os';
import { SimilarIndex } from '../src/main/execution/similar/similarIndex';
import { SIMILAR_INDEX_CAPACITY } from '../src/main/execution/similar/similarCache';
import { loadRouterbenchTexts, routerbenchDir } from './routerbenchData';

/**
 * The similar-prompt cache's lookup at a full index (SIMILAR_INDEX_CAPACITY = 10k stored prompts),
 * all in ONE scope (same use case, same system prompt: the worst case, as a lookup scans its scope).
 * Prompts are RouterBench's when ../shared/data/routerbench is present, filled up with generated
 * sentences. Queries: near-duplicates of stored prompts (lower-cased, final full stop or question
 * mark left off: the hit path) and
 * prompts never stored (the miss path every request with the cache on pays). Also the time to build
 * the index from 10k prompts (what the first lookup after start-up pays). Lookups are synchronous
 * on the main thread, so their wall time is their cost.
 */
const QUERIES = 400;

function synthetic(n: number): string[] {
  const words = 'route budget model token cache stream prompt answer ledger provider latency quality'.split(
    ' ',
  );
  return Array.from({ length: n }, (_, i) => {
    const pick = (k: number) => words[(i * 7 + k * 13 + (i >> k)) % words.length];
    return `Question ${i}: how does the ${pick(1)} affect the ${pick(2)} when the ${pick(3)} changes? Explain ${pick(4)} and ${pick(5)}.`;
  });
}

const dir = routerbenchDir();
// Distinct texts: RouterBench repeats some prompts across its sets (exact duplicates are the exact cache's).
const corpus = dir ? [...new Set(loadRouterbenchTexts(dir).map((t) => t.text))] : [];
// RouterBench has ~2.5k distinct prompts: the rest of the 10k are generated.
const needed = SIMILAR_INDEX_CAPACITY + QUERIES;
const texts = [...corpus.slice(0, needed), ...synthetic(Math.max(0, needed - corpus.length))];
// Shuffled (fixed seed) so stored and unseen prompts both mix real and generated ones.
let seed = 42;
const rand = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
for (let i = texts.length - 1; i > 0; i--) {
  const j = Math.floor(rand() * (i + 1));
  [texts[i], texts[j]] = [texts[j]!, texts[i]!];
}
const stored = texts.slice(0, SIMILAR_INDEX_CAPACITY);
const unseen = texts.slice(SIMILAR_INDEX_CAPACITY, SIMILAR_INDEX_CAPACITY + QUERIES);

const t0 = performance.now();
const index = new SimilarIndex(SIMILAR_INDEX_CAPACITY);
stored.forEach((text, i) =>
  index.add({ id: i + 1, scope: 'one', modelKey: 'openai/gpt-4.1-nano', completionTokens: 100 }, text),
);
const buildMs = performance.now() - t0;

const percentile = (xs: number[], p: number): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(p * s.length))]!;
};
function measure(queries: string[]): { times: number[]; hits: number } {
  const times: number[] = [];
  let hits = 0;
  for (const text of queries) {
    const t = performance.now();
    const m = index.find({ scope: 'one', text, threshold: 0.85, accepts: () => true });
    times.push(performance.now() - t);
    if (m) hits += 1;
  }
  return { times, hits };
}

const step = Math.floor(stored.length / QUERIES);
const near = Array.from({ length: QUERIES }, (_, i) => {
  // As people re-ask: another case, the final full stop or question mark left off.
  return stored[i * step]!.toLowerCase().trimEnd().replace(/[.?]$/, '');
});
measure(near.slice(0, 50)); // warm-up
const hitRun = measure(near);
const missRun = measure(unseen);

const round = (v: number) => Math.round(v * 1000) / 1000;
const summary = {
  stored: index.size,
  source: corpus.length >= needed ? 'routerbench' : corpus.length > 0 ? 'routerbench+synthetic' : 'synthetic',
  build_ms: Math.round(buildMs),
  near_duplicate_p50_ms: round(percentile(hitRun.times, 0.5)),
  near_duplicate_p99_ms: round(percentile(hitRun.times, 0.99)),
  near_duplicate_hit_rate: round(hitRun.hits / QUERIES),
  unseen_p50_ms: round(percentile(missRun.times, 0.5)),
  unseen_p99_ms: round(percentile(missRun.times, 0.99)),
  unseen_hit_rate: round(missRun.hits / QUERIES),
  heap_mb: Math.round(process.memoryUsage().heapUsed / 2 ** 20),
  loadavg_1m: round(loadavg()[0]!),
};
console.log(
  `similar-prompt index: ${summary.stored} prompts (${summary.source}) in one scope, built in ${summary.build_ms} ms`,
);
console.log(
  `lookup near-duplicate p50 ${summary.near_duplicate_p50_ms} ms p99 ${summary.near_duplicate_p99_ms} ms (hit ${summary.near_duplicate_hit_rate}); unseen p50 ${summary.unseen_p50_ms} ms p99 ${summary.unseen_p99_ms} ms (hit ${summary.unseen_hit_rate})`,
);
console.log(JSON.stringify(summary));
