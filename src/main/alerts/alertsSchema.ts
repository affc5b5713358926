/**
 * Migration 12: the alert list. One row per crossing: `dedupe_key` makes raising idempotent (a
 * budget's window and level; a circuit's model and the moment it opened). A circuit alert stays
 * unresolved until the circuit closes, so a failed probe re-opening it raises nothing new.
 * Times are epoch milliseconds. Never edit once released; append a migration instead.
 */
export const ALERTS_SCHEMA_SQL = `
  CREATE TABLE alerts (
    id          INTEGER PRIMARY KEY,
    kind        TEXT NOT NULL CHECK (kind IN ('budget_warning', 'budget_exceeded', 'circuit_open')),
    subject     TEXT NOT NULL,
    dedupe_key  TEXT NOT NULL UNIQUE,
    title       TEXT NOT NULL,
    message     TEXT NOT NULL,
    raised_at   INTEGER NOT NULL,
    read_at     INTEGER,
    resolved_at INTEGER
  ) STRICT;
  CREATE INDEX alerts_by_time ON alerts (raised_at DESC, id DESC);
  CREATE INDEX alerts_unread ON alerts (id) WHERE read_at IS NULL;
  CREATE INDEX alerts_open_circuits ON alerts (subject) WHERE kind = 'circuit_open' AND resolved_at IS NULL;
`;
