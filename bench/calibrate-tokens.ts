import { Tiktoken } from 'js-tiktoken/lite';
import o200k from 'js-tiktoken/ranks/o200k_base';
import { SCAN_FEATURES, scanText, type TextScan } from '../src/main/routing/tokens/textScan';
import { ESTIMATE_WEIGHTS } from '../src/main/routing/tokens/tokenEstimate';
import { loadRouterbenchTexts, routerbenchDir } from './routerbenchData';

/**
 * Fits the fast token estimate (tokens ≈ Σ weight × scan feature) to exact o200k_base counts.
 * ASCII features are fitted on RouterBench train texts (every 5th text held out); the non-Latin
 * features, absent there, on a small hand-written multilingual sample below. Prints the weights to
 * paste into tokens/tokenEstimate.ts and the held-out error of the weights currently there.
 */
const MULTILINGUAL = [
  '分布式缓存系统需要在一致性、可用性和分区容错性之间做出权衡，这就是所谓的CAP定理。',
  '请把下面这段话翻译成英文，并解释其中的语法结构和用词选择。',
  '東京の天気は明日晴れるでしょうか。週末に友達と公園へ行く予定です。',
  'このプログラムはリストの要素を並べ替えて、重複を取り除きます。',
  '서울에서 부산까지 기차로 가는 데 시간이 얼마나 걸리나요?',
  'Распределённая система должна сохранять работоспособность при отказе отдельных узлов.',
  'Пожалуйста, кратко изложите основные идеи этой статьи в трёх предложениях.',
  'Die Größe des Kontextfensters bestimmt, wie viel Text das Modell auf einmal verarbeiten kann.',
  'Ce modèle est très économique, mais sa qualité dépend beaucoup de la tâche demandée.',
  'Η κατανεμημένη κρυφή μνήμη βελτιώνει την απόδοση των εφαρμογών.',
  'يجب أن يكون النظام قادرًا على التعامل مع آلاف الطلبات في الثانية الواحدة.',
  'कृपया इस लेख का सारांश तीन वाक्यों में लिखिए और मुख्य बिंदुओं को समझाइए।',
  'Emoji test 🚀🔥✨ ★ → ✓ ∑ ∫ ≈ ≠ ≤ ≥ … “quoted” — dash',
];

const dir = routerbenchDir();
if (!dir) throw new Error('RouterBench data not found; set ROUTERBENCH_DIR.');
const enc = new Tiktoken(o200k);
const exact = (t: string): number => enc.encode(t, [], []).length;
const vec = (s: TextScan): number[] => SCAN_FEATURES.map((f) => s[f]);

const texts = loadRouterbenchTexts(dir).map((t) => t.text);
const rows = texts.map((t) => ({ x: vec(scanText(t)), y: exact(t) }));
const train = rows.filter((_, i) => i % 5 !== 0);
const test = rows.filter((_, i) => i % 5 === 0);

const ascii = [0, 1, 2, 3, 4, 5];
const w = new Array<number>(SCAN_FEATURES.length).fill(0);
solveInto(w, ascii, train);
const multi = MULTILINGUAL.map((t) => ({ x: vec(scanText(t)), y: exact(t) }));
const residual = multi.map((r) => ({ x: r.x, y: r.y - ascii.reduce((s, j) => s + w[j]! * r.x[j]!, 0) }));
solveInto(w, [6, 7, 8], residual);

const fitted = Object.fromEntries(SCAN_FEATURES.map((f, j) => [f, round(w[j]!)]));
console.log('fitted weights (paste into ESTIMATE_WEIGHTS):', JSON.stringify(fitted));
const current = SCAN_FEATURES.map((f) => ESTIMATE_WEIGHTS[f]);
const report = (name: string, set: typeof rows, weights: number[], minTokens = 50) => {
  const errs = set
    .filter((r) => r.y >= minTokens)
    .map((r) => Math.abs(dot(weights, r.x) - r.y) / r.y)
    .sort((a, b) => a - b);
  const total = set.reduce((s, r) => s + r.y, 0);
  const totalEst = set.reduce((s, r) => s + dot(weights, r.x), 0);
  const stats = {
    texts: errs.length,
    mean_pct: round(mean(errs) * 100),
    p95_pct: round((errs[Math.floor(errs.length * 0.95)] ?? 0) * 100),
    aggregate_pct: round(((totalEst - total) / total) * 100),
  };
  console.log(`${name}:`, JSON.stringify(stats));
  return stats;
};
report('held-out RouterBench, fitted', test, w);
const held = report('held-out RouterBench, current weights', test, current);
report('multilingual sample, current weights', multi, current, 1);
const charsPerToken = texts.reduce((s, t) => s + t.length, 0) / rows.reduce((s, r) => s + r.y, 0);
console.log(JSON.stringify({ ...held, chars_per_token_o200k: round(charsPerToken), fitted }));

/** Least squares for the features in `cols`, others held at their current values. */
function solveInto(weights: number[], cols: number[], data: { x: number[]; y: number }[]): void {
  const k = cols.length;
  const a = cols.map(() => new Array<number>(k + 1).fill(0));
  for (const r of data) {
    for (let p = 0; p < k; p++) {
      for (let q = 0; q < k; q++) a[p]![q]! += r.x[cols[p]!]! * r.x[cols[q]!]!;
      a[p]![k]! += r.x[cols[p]!]! * r.y;
    }
  }
  for (let p = 0; p < k; p++) a[p]![p]! += 1e-3; // ridge: keeps unused features at ~0
  for (let i = 0; i < k; i++) {
    for (let r = 0; r < k; r++) {
      if (r === i) continue;
      const f = a[r]![i]! / a[i]![i]!;
      for (let c = i; c <= k; c++) a[r]![c]! -= f * a[i]![c]!;
    }
  }
  cols.forEach((col, i) => (weights[col] = Math.max(0, a[i]![k]! / a[i]![i]!)));
}

function dot(w: number[], x: number[]): number {
  return w.reduce((s, v, j) => s + v * x[j]!, 0);
}
function mean(a: number[]): number {
  return a.reduce((s, v) => s + v, 0) / Math.max(1, a.length);
}
function round(v: number): number {
  return Math.round(v * 10_000) / 10_000;
}
