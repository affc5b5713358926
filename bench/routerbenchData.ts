import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

/**
 * RouterBench train slices (see shared/data/routerbench/README.md): used by the benchmarks and the
 * token calibration only, never shipped. Found at ROUTERBENCH_DIR, or ../shared/data/routerbench
 * beside the repository (where the project's shared folder lives on these machines and in CI).
 */
export function routerbenchDir(): string | null {
  const candidates = [
    process.env.ROUTERBENCH_DIR,
    resolve(import.meta.dirname, '../../shared/data/routerbench'),
    '/work/shared/data/routerbench',
  ].filter((p): p is string => !!p);
  return candidates.find((p) => existsSync(join(p, 'mbpp_train.csv'))) ?? null;
}

export interface RouterbenchText {
  set: string;
  kind: 'prompt' | 'response';
  text: string;
}

/** Prompts and one model response per row (rotating through the models) from each train slice. */
export function loadRouterbenchTexts(dir: string): RouterbenchText[] {
  const out: RouterbenchText[] = [];
  for (const set of ['arc_challenge', 'mbpp', 'winograde']) {
    const rows = parseCsv(readFileSync(join(dir, `${set}_train.csv`), 'utf8'));
    const header = rows[0] ?? [];
    const promptCol = header.indexOf('prompt');
    const responseCols = header.flatMap((h, i) => (h.endsWith('|model_response') ? [i] : []));
    rows.slice(1).forEach((row, k) => {
      const prompt = row[promptCol];
      if (prompt) out.push({ set, kind: 'prompt', text: unPythonList(prompt) });
      const response = row[responseCols[k % responseCols.length]!];
      if (response) out.push({ set, kind: 'response', text: unPythonList(response) });
    });
  }
  return out;
}

/** RFC 4180 CSV (quoted fields may hold commas, quotes and newlines). */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c !== '"') field += c;
      else if (text[i + 1] === '"') {
        field += '"';
        i++;
      } else quoted = false;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else if (c !== '\r') field += c;
  }
  if (field !== '' || row.length > 0) rows.push([...row, field]);
  return rows;
}

/** The cells hold Python list literals such as ['text with \n escapes']; return the text. */
function unPythonList(cell: string): string {
  const m = /^\[(['"])([\s\S]*)\1\]$/.exec(cell.trim());
  if (!m) return cell;
  return m[2]!.replace(/\\(n|t|'|"|\\)/g, (_, x: string) => (x === 'n' ? '\n' : x === 't' ? '\t' : x));
}
