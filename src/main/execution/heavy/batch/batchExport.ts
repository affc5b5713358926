import { stringify } from 'csv-stringify/sync';
import type { BatchRow } from '../../../../shared/contract/tasks';

const COLUMNS = ['id', 'status', 'model', 'cost_usd', 'latency_ms', 'prompt', 'output', 'error'] as const;

const record = (r: BatchRow) => ({
  id: r.id,
  status: r.status,
  model: r.modelKey,
  cost_usd: r.costUsd,
  latency_ms: r.latencyMs,
  prompt: r.prompt,
  output: r.output,
  error: r.error,
});

/** A batch's rows as JSONL (one object a line) or CSV (header row, RFC 4180 quoting). */
export function exportBatch(rows: readonly BatchRow[], format: 'jsonl' | 'csv'): string {
  if (format === 'jsonl') return rows.map((r) => JSON.stringify(record(r))).join('\n') + '\n';
  return stringify(rows.map(record), { header: true, columns: [...COLUMNS] });
}
