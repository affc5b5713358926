import type Database from 'better-sqlite3';

/**
 * Rows to store in a database left at an earlier schema version before it is migrated, keyed by
 * the name of the migration that created their tables, so the migration test can prove each
 * upgrade keeps them. A migration that adds tables worth keeping adds a seed here.
 */
export const MIGRATION_SEEDS: Record<string, (db: Database.Database) => void> = {
  'app meta': (db) => db.prepare("INSERT INTO app_meta VALUES ('kept', 'yes')").run(),
  'ledger: requests, attempts, prompts, daily rollups': (db) => {
    db.exec(`
      INSERT INTO ledger_models (id, provider, model, input_price, output_price) VALUES (1, 'openai', 'gpt-4.1', 2000000, 8000000);
      INSERT INTO ledger_labels (id, kind, name) VALUES (1, 'use_case', 'analysis');
      INSERT INTO ledger_requests (id, started_at, latency_ms, source, status, model_id, use_case_id, cost_nanos,
        tokens_in, tokens_out, input_price, output_price, cache_hit, dedup, fallback_used, usage_estimated, prompt_hash)
        VALUES (7, 1767225600000, 1200, 3, 0, 1, 1, 10000000, 1000, 1000, 2000000, 8000000, 0, 0, 0, 0, -42);
      INSERT INTO ledger_attempts (request_id, n, model_id, status, latency_ms, tokens_in, tokens_out, cost_nanos,
        input_price, output_price, usage_estimated) VALUES (7, 1, 1, 0, 1150, 1000, 1000, 10000000, 2000000, 8000000, 0);
      INSERT INTO ledger_prompts (request_id, prompt) VALUES (7, 'kept prompt');
      INSERT INTO ledger_daily VALUES (20260101, 1, 1, 1, 0, 0, 0, 0, 0, 0, 10000000, 0, 1000, 1000, 1200);
      INSERT INTO ledger_monthly VALUES (202601, 1, 1, 1, 0, 0, 0, 0, 0, 0, 10000000, 0, 1000, 1000, 1200);
      INSERT INTO ledger_latency_daily VALUES (20260101, 1, 180, 1);
      INSERT INTO ledger_top_daily VALUES (20260101, 10000000, 7);
    `);
  },
  'ledger: heavy tasks as parents of their chunk requests': (db) => {
    db.exec(`
      INSERT INTO ledger_tasks (id, started_at, kind, title, strategy) VALUES (4, 1767225600000, 'step', 'kept task', 'by_file');
      INSERT INTO ledger_task_requests (request_id, task_id, chunk) VALUES (7, 4, 'src/a.ts');
    `);
  },
  'budgets: limits, window spend, reservations, alerts': (db) => {
    db.exec(`
      INSERT INTO budgets (id, scope, scope_value, period, limit_nanos, hard, warn_percent, policy, created_at, updated_at)
        VALUES (3, 'model', 'openai/gpt-4.1', 'monthly', 5000000000, 1, 80, 'downgrade', 1, 1);
      INSERT INTO budget_spend VALUES (3, 1767225600000, 10000000);
      INSERT INTO budget_alerts VALUES (3, 1767225600000, 'warning', 2, 4000000000, 5000000000);
      INSERT INTO budget_reservations (id, created_at, expires_at, amount_nanos, provider, model_key, use_case)
        VALUES (9, 1, 9999999999999, 123, 'openai', 'openai/gpt-4.1', NULL);
    `);
  },
};

/** Every row of every table, as text: what a migration must leave unchanged. */
export function tableContents(db: Database.Database): Map<string, string[]> {
  const tables = db
    .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")
    .pluck()
    .all() as string[];
  const out = new Map<string, string[]>();
  for (const t of tables) {
    const columns = db.prepare(`SELECT name FROM pragma_table_info(?)`).pluck().all(t) as string[];
    const rows = db
      .prepare(`SELECT ${columns.map((c) => `quote("${c}")`).join(" || '|' || ")} FROM "${t}" ORDER BY 1`)
      .pluck()
      .all() as string[];
    out.set(t, rows);
  }
  return out;
}
