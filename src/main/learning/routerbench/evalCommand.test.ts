import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runCli } from '../../cli/program';
import { tempDir } from '../../test/tempDir';

const MODELS = ['tiny-7b', 'mid-34b', 'gpt-4-1106-preview'];
const COST = { 'tiny-7b': 0.0001, 'mid-34b': 0.001, 'gpt-4-1106-preview': 0.01 } as Record<string, number>;
const things = ['apples', 'pears', 'boats', 'coins', 'books', 'chairs', 'lamps', 'shoes', 'cups', 'keys'];

/** A RouterBench-format file: tiny is right on sums and wrong on riddles, GPT-4 right on both. */
function fixtureCsv(rows: number, emptyCellAt: number): string {
  const header = [
    '',
    'sample_id',
    'prompt',
    'eval_name',
    ...MODELS,
    ...MODELS.map((m) => `${m}|model_response`),
    ...MODELS.map((m) => `${m}|total_cost`),
    'oracle_model_to_route_to',
  ];
  const lines = [header.join(',')];
  for (let i = 0; i < rows; i++) {
    const sum = i % 2 === 0;
    const thing = things[i % things.length]!;
    const prompt = sum
      ? `['Add the numbers: ${i} ${thing} plus ${i + 3} ${thing}. How many ${thing} in total?']`
      : `['Riddle: what has keys but opens no ${thing}, and what walks on ${i % 7} legs at dusk?\\nAnswer:']`;
    const scores = MODELS.map((m) =>
      m === 'gpt-4-1106-preview' ? 1 : sum ? 1 : m === 'mid-34b' && i % 3 === 0 ? 1 : 0,
    );
    const costs = MODELS.map((m) => (i === emptyCellAt && m === 'mid-34b' ? '' : String(COST[m])));
    const cells = [
      String(i),
      `set.${i}`,
      `"${prompt.replace(/"/g, '""')}"`,
      'set',
      ...scores.map(String),
      ...MODELS.map(() => '"[\'an answer, with a comma\']"'),
      ...costs,
      'tiny-7b',
    ];
    lines.push(cells.join(','));
  }
  return lines.join('\n') + '\n';
}

function capture() {
  const out: string[] = [];
  const err: string[] = [];
  return {
    io: { out: (l: string) => out.push(...l.split('\n')), err: (l: string) => err.push(l) },
    out,
    err,
  };
}

describe('eval routerbench', () => {
  let dir: ReturnType<typeof tempDir>;
  beforeEach(() => (dir = tempDir()));
  afterEach(() => dir.cleanup());

  it('trains on a split of the train file and routes unseen sums cheaply at GPT-4 accuracy', async () => {
    writeFileSync(join(dir.path, 'toy_train.csv'), fixtureCsv(400, 7));
    const c = capture();
    expect(
      await runCli(['--data-dir', dir.path, 'eval', 'routerbench', '--data', dir.path], { io: c.io }),
    ).toBe(0);
    expect(c.out.join('\n')).toMatch(
      /RouterBench: trained on \d+ prompts, evaluated on \d+ unseen prompts \(a 20 % hold-out.*1 rows with empty cells skipped/,
    );
    expect(c.out.join('\n')).toMatch(/oracle \(cheapest right model\)/);
    expect(c.out.join('\n')).toMatch(/heuristic \(complexity tiers\)/);
    const summary = JSON.parse(c.out.at(-1)!);
    expect(summary.train + summary.test).toBe(399);
    expect(summary.test).toBeGreaterThan(40);
    expect(summary.reference).toMatchObject({ model: 'gpt-4-1106-preview', accuracy: 1 });
    // Half the prompts are sums the 7B model gets right at 1 % of GPT-4's price.
    expect(summary.learned_cost_ratio_at_gpt4_accuracy).not.toBeNull();
    expect(summary.learned_cost_ratio_at_gpt4_accuracy).toBeLessThan(0.6);
  });

  it('--json prints the whole report as one line, and a folder without train files is refused', async () => {
    writeFileSync(join(dir.path, 'toy_train.csv'), fixtureCsv(120, -1));
    writeFileSync(join(dir.path, 'toy_test.csv'), fixtureCsv(60, -1).replace(/set\.(\d+)/g, 'test.$1'));
    const c = capture();
    expect(await runCli(['--json', 'eval', 'routerbench', '--data', dir.path], { io: c.io })).toBe(0);
    expect(c.out).toHaveLength(1);
    const report = JSON.parse(c.out[0]!);
    expect(report).toMatchObject({ source: 'files', train: 120, test: 60 });
    expect(report.single.map((s: { name: string }) => s.name)).toEqual(MODELS);
    expect(report.learned.length).toBeGreaterThan(10);
    expect(report).toHaveProperty('learned_cost_ratio_at_gpt4_accuracy');

    const empty = tempDir();
    const e = capture();
    expect(await runCli(['eval', 'routerbench', '--data', empty.path], { io: e.io })).toBe(1);
    expect(e.err.join('\n')).toMatch(/DATASET_INVALID.*no \*_train\.csv/);
    empty.cleanup();
  });
});
