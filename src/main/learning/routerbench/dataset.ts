import { parse } from 'csv-parse/sync';
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { SwitchyardError } from '../../core/errors';

/** One RouterBench prompt with every model's 0/1 score and cost in USD. */
export interface BenchRow {
  id: string;
  /** The slice it came from (`mbpp`, `arc_challenge`, …). */
  set: string;
  prompt: string;
  scores: Record<string, number>;
  costs: Record<string, number>;
}

export interface BenchSplit {
  models: string[];
  train: BenchRow[];
  test: BenchRow[];
  /** `files`: *_test.csv were given; `holdout`: a deterministic share of the train files. */
  source: 'files' | 'holdout';
  skipped: number;
}

const COST_SUFFIX = '|total_cost';

/** The cells hold Python list literals such as ['text with \n escapes']; return the text. */
function unPythonList(cell: string): string {
  const m = /^\[(['"])([\s\S]*)\1\]$/.exec(cell.trim());
  if (!m) return cell;
  return m[2]!.replace(/\\(n|t|'|"|\\)/g, (_, x: string) => (x === 'n' ? '\n' : x === 't' ? '\t' : x));
}

/** Reads one RouterBench CSV; rows with any empty score or cost are skipped (and counted). */
export function readBenchFile(
  path: string,
  set: string,
): { rows: BenchRow[]; models: string[]; skipped: number } {
  const records = parse(readFileSync(path, 'utf8'), { columns: true, skip_empty_lines: true }) as Record<
    string,
    string
  >[];
  const header = records.length ? Object.keys(records[0]!) : [];
  const models = header.filter((h) => header.includes(h + COST_SUFFIX));
  if (!header.includes('prompt') || models.length === 0) {
    throw new SwitchyardError(
      'DATASET_INVALID',
      `${path} is not a RouterBench file: it needs a "prompt" column and "<model>" + "<model>|total_cost" columns.`,
    );
  }
  const rows: BenchRow[] = [];
  let skipped = 0;
  records.forEach((r, i) => {
    const cells = models.flatMap((m) => [r[m], r[m + COST_SUFFIX]]);
    if (!r.prompt || cells.some((c) => c === undefined || c.trim() === '' || !Number.isFinite(Number(c)))) {
      skipped++;
      return;
    }
    rows.push({
      id: r.sample_id || `${set}.${i}`,
      set,
      prompt: unPythonList(r.prompt),
      scores: Object.fromEntries(models.map((m) => [m, Number(r[m])])),
      costs: Object.fromEntries(models.map((m) => [m, Number(r[m + COST_SUFFIX])])),
    });
  });
  return { rows, models, skipped };
}

/** A stable 0–1 position of a row id, so the hold-out split is the same on every run and machine. */
function position(id: string): number {
  return createHash('sha256').update(id).digest().readUInt32BE(0) / 2 ** 32;
}

/**
 * Loads `*_train.csv` and `*_test.csv` from a folder. Without test files, `holdout` of each train
 * file's rows (by a hash of the sample id) become the test set: prompts the router never trains on.
 */
export function loadBenchSplit(dir: string, holdout = 0.2): BenchSplit {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    throw new SwitchyardError(
      'DATASET_INVALID',
      `Cannot read the folder ${dir}. Pass --data with a RouterBench folder.`,
    );
  }
  const trainFiles = names.filter((n) => n.endsWith('_train.csv')).sort();
  const testFiles = names.filter((n) => n.endsWith('_test.csv')).sort();
  if (trainFiles.length === 0) {
    throw new SwitchyardError('DATASET_INVALID', `${dir} holds no *_train.csv file.`);
  }
  let skipped = 0;
  const load = (file: string, suffix: string): { rows: BenchRow[]; models: string[] } => {
    const r = readBenchFile(join(dir, file), file.slice(0, -suffix.length));
    skipped += r.skipped;
    return r;
  };
  const train = trainFiles.map((f) => load(f, '_train.csv'));
  const test = testFiles.map((f) => load(f, '_test.csv'));
  const all = [...train, ...test];
  const models = all[0]!.models.filter((m) => all.every((f) => f.models.includes(m)));
  if (models.length < 2)
    throw new SwitchyardError('DATASET_INVALID', `${dir}: the files share fewer than two models.`);
  const trainRows = train.flatMap((f) => f.rows);
  if (testFiles.length > 0) {
    return { models, train: trainRows, test: test.flatMap((f) => f.rows), source: 'files', skipped };
  }
  return {
    models,
    train: trainRows.filter((r) => position(r.id) >= holdout),
    test: trainRows.filter((r) => position(r.id) < holdout),
    source: 'holdout',
    skipped,
  };
}
