import type Database from 'better-sqlite3';
import type { TrainingPrompt } from './qualityModel';

const NANOS_PER_USD = 1_000_000_000;

interface LabelRow {
  prompt: string;
  firstId: number;
  modelKey: string;
  quality: number;
  costNanos: number;
}

/**
 * Labelled history from the ledger: every stored prompt (only where the user opted in to storing
 * prompts) with, per model that was tried on it, the share of attempts that answered (ok = 1,
 * error = 0; cancelled and partial runs say nothing about the model) and the mean cost. The same
 * prompt sent many times is one training example. Aggregated in SQL over the newest `limit` requests.
 */
export function readLabelledHistory(db: Database.Database, limit = 20_000): TrainingPrompt[] {
  const rows = db
    .prepare(
      `SELECT p.prompt AS prompt, MIN(a.request_id) AS firstId,
              m.provider || '/' || m.model AS modelKey,
              AVG(CASE a.status WHEN 0 THEN 1.0 ELSE 0.0 END) AS quality,
              AVG(a.cost_nanos) AS costNanos
         FROM ledger_attempts a
         JOIN ledger_prompts p ON p.request_id = a.request_id
         JOIN ledger_models m ON m.id = a.model_id
        WHERE a.status IN (0, 1)
          AND a.request_id > (SELECT COALESCE(MAX(id), 0) FROM ledger_requests) - ?
        GROUP BY p.prompt, a.model_id
        ORDER BY firstId`,
    )
    .all(limit) as LabelRow[];
  const byPrompt = new Map<string, TrainingPrompt>();
  for (const r of rows) {
    let t = byPrompt.get(r.prompt);
    if (!t) {
      t = { id: `request ${r.firstId}`, text: r.prompt, labels: {} };
      byPrompt.set(r.prompt, t);
    }
    t.labels[r.modelKey] = { quality: r.quality, costUsd: r.costNanos / NANOS_PER_USD };
  }
  return [...byPrompt.values()];
}

/** A cheap fingerprint of the labelled history, so training is skipped when nothing changed. */
export function historyMark(db: Database.Database): string {
  const r = db
    .prepare('SELECT COUNT(*) AS n, COALESCE(MAX(request_id), 0) AS last FROM ledger_prompts')
    .get() as { n: number; last: number };
  return `${r.n}:${r.last}`;
}
