/**
 * Migration 9: heavy tasks and batches (issue #11). A task is the parent of the requests its
 * chunks, sections and batch rows made, so its cost is one number: the sum of its requests'
 * `cost_nanos`. The link lives in its own table, written in the same transaction as the request
 * row, so `ledger_requests` (the hot table) and its rollups are untouched. Links follow their
 * request out on retention (ON DELETE CASCADE); a task outlives its requests.
 */
export const LEDGER_TASKS_SCHEMA_SQL = `
  CREATE TABLE ledger_tasks (
    id          INTEGER PRIMARY KEY,
    started_at  INTEGER NOT NULL,           -- epoch ms
    kind        TEXT NOT NULL,              -- 'step' or 'batch'
    title       TEXT NOT NULL,              -- the step's description or the batch's file name, cut to 200 chars
    strategy    TEXT                        -- how a step was split (by_file, by_section, …)
  ) STRICT;

  CREATE TABLE ledger_task_requests (
    request_id INTEGER PRIMARY KEY REFERENCES ledger_requests (id) ON DELETE CASCADE,
    task_id    INTEGER NOT NULL REFERENCES ledger_tasks (id) ON DELETE CASCADE,
    chunk      TEXT NOT NULL                -- the chunk, section or batch row the request answered
  ) STRICT;
  CREATE INDEX ledger_task_requests_task ON ledger_task_requests (task_id);
`;
