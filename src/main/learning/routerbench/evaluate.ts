import { defaultRules } from '../../routing/rules/defaultRules';
import { scoreComplexity } from '../../routing/analysis/complexity';
import { instructionWindow } from '../../routing/analysis/promptSignals';
import { rankForObjective } from '../learnedChoice';
import { seededRandom } from '../logisticModel';
import { DEFAULT_QUALITY_OPTIONS, QualityModel, type QualityModelOptions } from '../qualityModel';
import type { BenchRow, BenchSplit } from './dataset';

export interface PolicyResult {
  name: string;
  accuracy: number;
  costUsd: number;
}

export interface SweepPoint {
  usdPerQuality: number;
  accuracy: number;
  costUsd: number;
}

export interface RouterbenchReport {
  source: BenchSplit['source'];
  train: number;
  test: number;
  skipped: number;
  models: string[];
  single: PolicyResult[];
  oracle: PolicyResult;
  random: PolicyResult;
  heuristic: PolicyResult;
  learned: SweepPoint[];
  reference: { model: string; accuracy: number; costUsd: number } | null;
  learned_cost_ratio_at_gpt4_accuracy: number | null;
}

/**
 * Willingness to pay per request for a sure answer, USD: 20 points a decade from 1 µUSD (always the
 * cheapest model) to 10 USD (always the most accurate predicted), so the frontier is traced densely.
 */
export const WTP_SWEEP = Array.from({ length: 141 }, (_, i) => 10 ** (-6 + i / 20));

const round = (v: number, digits = 6): number => Number(v.toFixed(digits));

/** Accuracy and total cost of a policy that picks one model per test row. */
function score(
  name: string,
  test: readonly BenchRow[],
  pick: (row: BenchRow, i: number) => string,
): PolicyResult {
  let correct = 0;
  let cost = 0;
  test.forEach((row, i) => {
    const m = pick(row, i);
    correct += row.scores[m]!;
    cost += row.costs[m]!;
  });
  return { name, accuracy: round(correct / Math.max(1, test.length), 4), costUsd: round(cost) };
}

function mean(rows: readonly BenchRow[], f: (r: BenchRow) => number): number {
  return rows.reduce((s, r) => s + f(r), 0) / Math.max(1, rows.length);
}

/**
 * The heuristic complexity strategy on RouterBench's models: the app's complexity score picks a
 * tier (default rules' ranges); tier k of T may use the cheapest (k+1)/T of the models by mean
 * cost, and takes the most accurate of those on the training rows.
 */
function heuristicPicker(split: BenchSplit): (row: BenchRow) => string {
  const rules = defaultRules();
  const byCost = [...split.models].sort(
    (a, b) => mean(split.train, (r) => r.costs[a]!) - mean(split.train, (r) => r.costs[b]!),
  );
  const accuracy = new Map(split.models.map((m) => [m, mean(split.train, (r) => r.scores[m]!)]));
  const tiers = Object.values(rules.complexity_tiers).sort(
    (a, b) => a.complexity_range[0] - b.complexity_range[0],
  );
  const pickFor = tiers.map((_, k) => {
    const pool = byCost.slice(0, Math.ceil(((k + 1) / tiers.length) * byCost.length));
    return pool.reduce((best, m) => (accuracy.get(m)! > accuracy.get(best)! ? m : best));
  });
  return (row) => {
    const c = scoreComplexity(instructionWindow(row.prompt), Math.ceil(row.prompt.length / 4), rules).score;
    const k = tiers.findIndex((t) => c >= t.complexity_range[0] && c < t.complexity_range[1]);
    return pickFor[k < 0 ? tiers.length - 1 : k]!;
  };
}

/** The always-GPT-4 reference the target is stated against (the most accurate model otherwise). */
function referenceModel(single: PolicyResult[]): PolicyResult | undefined {
  return single.find((s) => /gpt-4/i.test(s.name)) ?? [...single].sort((a, b) => b.accuracy - a.accuracy)[0];
}

export function evaluateRouterbench(
  split: BenchSplit,
  options: QualityModelOptions = DEFAULT_QUALITY_OPTIONS,
): RouterbenchReport {
  const { models, test } = split;
  const single = models.map((m) => score(m, test, () => m));
  const oracle = score('oracle', test, (row) => {
    const right = models.filter((m) => row.scores[m]! >= 1).sort((a, b) => row.costs[a]! - row.costs[b]!);
    return right[0] ?? models.reduce((a, b) => (row.costs[a]! <= row.costs[b]! ? a : b));
  });
  const random = seededRandom(12);
  const randomMix = score('random', test, () => models[Math.floor(random() * models.length)]!);
  const heuristic = score('heuristic (complexity tiers)', test, heuristicPicker(split));

  const model = QualityModel.train(
    split.train.map((r) => ({
      id: r.id,
      text: r.prompt,
      labels: Object.fromEntries(models.map((m) => [m, { quality: r.scores[m]!, costUsd: r.costs[m]! }])),
    })),
    options,
  );
  const meanCost = new Map(models.map((m) => [m, mean(split.train, (r) => r.costs[m]!)]));
  const predictions = test.map((row) => {
    const p = model.predict(row.prompt);
    return models.map((m) => ({
      model: m,
      quality: p.models[m]?.quality ?? 0,
      costUsd: p.models[m]?.costUsd ?? meanCost.get(m)!,
    }));
  });
  const learned = WTP_SWEEP.map((usdPerQuality) => {
    const r = score(
      'learned',
      test,
      (_, i) => rankForObjective(predictions[i]!, { kind: 'tradeoff', usdPerQuality })[0]!.model,
    );
    return { usdPerQuality: round(usdPerQuality, 8), accuracy: r.accuracy, costUsd: r.costUsd };
  });

  const ref = referenceModel(single);
  const reaching = ref ? learned.filter((p) => p.accuracy >= ref.accuracy) : [];
  const cheapest = reaching.sort((a, b) => a.costUsd - b.costUsd)[0];
  return {
    source: split.source,
    train: split.train.length,
    test: test.length,
    skipped: split.skipped,
    models,
    single,
    oracle,
    random: randomMix,
    heuristic,
    learned,
    reference: ref ? { model: ref.name, accuracy: ref.accuracy, costUsd: ref.costUsd } : null,
    learned_cost_ratio_at_gpt4_accuracy:
      cheapest && ref && ref.costUsd > 0 ? round(cheapest.costUsd / ref.costUsd, 4) : null,
  };
}
