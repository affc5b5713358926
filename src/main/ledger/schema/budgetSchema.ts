/**
 * Budgets, their per-window spend, live reservations and raised alerts (issue #5).
 * - `budget_spend` holds one running total per budget and window start; it is created from the
 *   ledger the first time a window is needed and then advanced in the same transaction as every
 *   ledger write, so checking a budget never scans the ledger.
 * - `budget_reservations` holds the maximum cost of calls in flight. A reservation is written in
 *   the same BEGIN IMMEDIATE transaction as the check that admitted it, and deleted in the same
 *   transaction as the ledger row that replaces it; crashed callers' rows expire (`expires_at`).
 * - `budget_alerts` makes "one alert per crossing per window" survive restarts.
 */
export const BUDGET_SCHEMA_SQL = `
  CREATE TABLE budgets (
    id           INTEGER PRIMARY KEY,
    scope        TEXT NOT NULL CHECK (scope IN ('global', 'provider', 'model', 'use_case')),
    scope_value  TEXT NOT NULL,                -- '' for global
    period       TEXT NOT NULL
                 CHECK (period IN ('per_request', 'hourly', 'daily', 'weekly', 'monthly', 'total')),
    limit_nanos  INTEGER NOT NULL CHECK (limit_nanos > 0),
    hard         INTEGER NOT NULL,
    warn_percent INTEGER NOT NULL CHECK (warn_percent BETWEEN 1 AND 100),
    policy       TEXT NOT NULL CHECK (policy IN ('downgrade', 'block')),
    created_at   INTEGER NOT NULL,
    updated_at   INTEGER NOT NULL,
    UNIQUE (scope, scope_value, period)
  ) STRICT;

  CREATE TABLE budget_spend (
    budget_id    INTEGER NOT NULL REFERENCES budgets (id) ON DELETE CASCADE,
    window_start INTEGER NOT NULL,
    spent_nanos  INTEGER NOT NULL,
    PRIMARY KEY (budget_id, window_start)
  ) STRICT, WITHOUT ROWID;

  CREATE TABLE budget_reservations (
    id           INTEGER PRIMARY KEY,
    created_at   INTEGER NOT NULL,
    expires_at   INTEGER NOT NULL,
    amount_nanos INTEGER NOT NULL,
    provider     TEXT NOT NULL,
    model_key    TEXT NOT NULL,
    use_case     TEXT
  ) STRICT;
  CREATE INDEX budget_reservations_expiry ON budget_reservations (expires_at);

  CREATE TABLE budget_alerts (
    budget_id    INTEGER NOT NULL REFERENCES budgets (id) ON DELETE CASCADE,
    window_start INTEGER NOT NULL,
    level        TEXT NOT NULL CHECK (level IN ('warning', 'exceeded')),
    raised_at    INTEGER NOT NULL,
    spent_nanos  INTEGER NOT NULL,
    limit_nanos  INTEGER NOT NULL,
    PRIMARY KEY (budget_id, window_start, level)
  ) STRICT, WITHOUT ROWID;
`;
