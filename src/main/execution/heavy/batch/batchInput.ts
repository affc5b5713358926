import { parse } from 'csv-parse/sync';
import { z } from 'zod';
import { UseCaseSchema, type UseCase } from '../../../../shared/contract/routing';
import { SwitchyardError } from '../../../core/errors';

/** One prompt of a batch file. */
export interface BatchPrompt {
  id: string;
  prompt: string;
  useCase?: UseCase;
}

export const MAX_BATCH_ROWS = 10_000;

const invalid = (message: string): SwitchyardError => new SwitchyardError('BATCH_INPUT_INVALID', message);

const JsonlLine = z.union([
  z.string().trim().min(1),
  z.looseObject({
    prompt: z.string().trim().min(1),
    id: z.union([z.string().min(1).max(200), z.number()]).optional(),
    useCase: UseCaseSchema.optional(),
    use_case: UseCaseSchema.optional(),
  }),
]);

function parseJsonl(text: string): BatchPrompt[] {
  const rows: BatchPrompt[] = [];
  for (const [i, raw] of text.split(/\r?\n/).entries()) {
    if (raw.trim() === '') continue;
    let value: unknown;
    try {
      value = JSON.parse(raw);
    } catch {
      throw invalid(
        `Line ${i + 1} is not JSON. Each line must be a JSON string or an object with a "prompt".`,
      );
    }
    const line = JsonlLine.safeParse(value);
    if (!line.success) {
      throw invalid(`Line ${i + 1}: expected a non-empty "prompt" (and optionally "id", "use_case").`);
    }
    const v = line.data;
    if (typeof v === 'string') rows.push({ id: String(rows.length + 1), prompt: v });
    else {
      const useCase = v.useCase ?? v.use_case;
      rows.push({
        id: v.id === undefined ? String(rows.length + 1) : String(v.id),
        prompt: v.prompt,
        ...(useCase ? { useCase } : {}),
      });
    }
  }
  return rows;
}

function parseCsv(text: string): BatchPrompt[] {
  let records: Record<string, string>[];
  try {
    records = parse(text, {
      columns: (h: string[]) => h.map((c) => c.trim().toLowerCase()),
      skip_empty_lines: true,
      bom: true,
    });
  } catch (e) {
    throw invalid(`The CSV could not be read: ${(e as Error).message.split('\n')[0] ?? ''}`);
  }
  const first = records[0];
  if (first && !('prompt' in first)) throw invalid('The CSV needs a "prompt" column in its header row.');
  return records.map((r, i) => {
    const prompt = (r.prompt ?? '').trim();
    if (prompt === '') throw invalid(`Row ${i + 2} of the CSV has an empty prompt.`);
    const useCase = UseCaseSchema.safeParse((r.use_case ?? r.usecase ?? '').trim());
    const id = (r.id ?? '').trim();
    return {
      id: id === '' ? String(i + 1) : id,
      prompt,
      ...(useCase.success ? { useCase: useCase.data } : {}),
    };
  });
}

/** The prompts of a JSONL or CSV batch file; BATCH_INPUT_INVALID names the line that is wrong. */
export function parseBatch(format: 'jsonl' | 'csv', text: string): BatchPrompt[] {
  const rows = format === 'jsonl' ? parseJsonl(text) : parseCsv(text);
  if (rows.length === 0) throw invalid('The file has no prompts.');
  if (rows.length > MAX_BATCH_ROWS)
    throw invalid(`The file has ${rows.length} prompts; the limit is ${MAX_BATCH_ROWS}.`);
  return rows;
}
