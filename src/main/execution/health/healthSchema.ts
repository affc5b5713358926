/**
 * Migration 7: per-model health for the execution room. Lifetime counters, the 429 cooldown and
 * the circuit breaker's state (cockatiel's JSON), so an open circuit stays open across a restart.
 * Times are epoch milliseconds. Never edit once released; append a migration instead.
 */
export const MODEL_HEALTH_SCHEMA_SQL = `
  CREATE TABLE model_health (
    model_key            TEXT PRIMARY KEY,
    attempts             INTEGER NOT NULL,
    successes            INTEGER NOT NULL,
    failures             INTEGER NOT NULL,
    failures_by_kind     TEXT NOT NULL,
    consecutive_failures INTEGER NOT NULL,
    first_at             INTEGER,
    last_success_at      INTEGER,
    last_failure_at      INTEGER,
    last_error_kind      TEXT,
    last_error_message   TEXT,
    cooldown_until       INTEGER,
    circuit              TEXT,
    updated_at           INTEGER NOT NULL
  ) STRICT;
`;
