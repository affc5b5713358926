/**
 * The request ledger (issue #5). Sized for ≤ 400 bytes per request and ≥ 50k writes/s:
 * - integer keys everywhere: the request id is the rowid, attempts are keyed (request_id, n)
 *   WITHOUT ROWID, and repeated strings (models, use cases, strategies, decision summaries, arms,
 *   error kinds) are interned once in small tables;
 * - money is integer nano-USD, unit prices integer micro-USD per 1M tokens (see money.ts), stored
 *   on every row because catalog prices change and a bill must not;
 * - 0/1 flags cost SQLite no payload bytes (serial types 8 and 9), so they stay separate columns;
 * - one index on the raw rows (time: ranges, retention). "Most expensive" reads a per-day list of
 *   the dearest requests instead of an index on the cost, which would put every insert on a random
 *   page and cost a page of WAL per row;
 * - every aggregate the dashboards need is read from rollups maintained on write, per month and
 *   per day (a range reads whole months, then whole days, then at most two partial days of raw
 *   rows); they are also what survives retention ("aggregates forever").
 * Statuses and sources are the codes of ledgerCodes.ts.
 */
export const LEDGER_SCHEMA_SQL = `
  CREATE TABLE ledger_models (
    id           INTEGER PRIMARY KEY,
    provider     TEXT NOT NULL,
    model        TEXT NOT NULL,
    -- last unit prices seen, so a savings baseline can be priced after its raw rows expired
    input_price  INTEGER,
    output_price INTEGER,
    UNIQUE (provider, model)
  ) STRICT;

  CREATE TABLE ledger_labels (
    id   INTEGER PRIMARY KEY,
    kind TEXT NOT NULL,
    name TEXT NOT NULL,
    UNIQUE (kind, name)
  ) STRICT;

  CREATE TABLE ledger_requests (
    id              INTEGER PRIMARY KEY,
    started_at      INTEGER NOT NULL,           -- epoch ms; ended_at = started_at + latency_ms
    latency_ms      INTEGER NOT NULL,
    ttft_ms         INTEGER,
    source          INTEGER NOT NULL,
    status          INTEGER NOT NULL,
    model_id        INTEGER,                    -- the model that answered (NULL: blocked before any call)
    use_case_id     INTEGER,
    strategy_id     INTEGER,
    decision_id     INTEGER,
    arm_id          INTEGER,
    cost_nanos      INTEGER NOT NULL,           -- sum over attempts
    tokens_in       INTEGER NOT NULL,           -- of the answering attempt (or the cached answer)
    tokens_out      INTEGER NOT NULL,
    input_price     INTEGER,
    output_price    INTEGER,
    saved_nanos     INTEGER,                    -- cache hits: what the answer would have cost
    cache_hit       INTEGER NOT NULL,
    dedup           INTEGER NOT NULL,
    fallback_used   INTEGER NOT NULL,
    usage_estimated INTEGER NOT NULL,
    prompt_hash     INTEGER                     -- first 64 bits of SHA-256 of the prompt
  ) STRICT;
  CREATE INDEX ledger_requests_started ON ledger_requests (started_at);

  CREATE TABLE ledger_attempts (
    request_id         INTEGER NOT NULL REFERENCES ledger_requests (id) ON DELETE CASCADE,
    n                  INTEGER NOT NULL,
    model_id           INTEGER NOT NULL,
    status             INTEGER NOT NULL,
    error_kind_id      INTEGER,
    latency_ms         INTEGER NOT NULL,
    tokens_in          INTEGER NOT NULL,
    tokens_out         INTEGER NOT NULL,
    tokens_cached      INTEGER,
    cost_nanos         INTEGER NOT NULL,
    input_price        INTEGER NOT NULL,
    output_price       INTEGER NOT NULL,
    cached_input_price INTEGER,
    request_fee_nanos  INTEGER,
    usage_estimated    INTEGER NOT NULL,
    PRIMARY KEY (request_id, n)
  ) STRICT, WITHOUT ROWID;

  -- Only when the user opted in (setting ledger.store_prompts); kept out of the hot table.
  CREATE TABLE ledger_prompts (
    request_id INTEGER PRIMARY KEY REFERENCES ledger_requests (id) ON DELETE CASCADE,
    prompt     TEXT NOT NULL
  ) STRICT;

  -- Rollups per local day (yyyymmdd) and month (yyyymm) in the user's time zone at write time,
  -- per model and use case (0 = none). Both are kept forever.
  CREATE TABLE ledger_daily (
    day            INTEGER NOT NULL,
    model_id       INTEGER NOT NULL,
    use_case_id    INTEGER NOT NULL,
    requests       INTEGER NOT NULL,
    errors         INTEGER NOT NULL,
    blocked        INTEGER NOT NULL,
    partials       INTEGER NOT NULL,
    fallbacks      INTEGER NOT NULL,
    cache_hits     INTEGER NOT NULL,
    estimated      INTEGER NOT NULL,
    cost_nanos     INTEGER NOT NULL,
    saved_nanos    INTEGER NOT NULL,
    tokens_in      INTEGER NOT NULL,
    tokens_out     INTEGER NOT NULL,
    latency_ms_sum INTEGER NOT NULL,
    PRIMARY KEY (day, model_id, use_case_id)
  ) STRICT, WITHOUT ROWID;
  CREATE TABLE ledger_monthly (
    month          INTEGER NOT NULL,
    model_id       INTEGER NOT NULL,
    use_case_id    INTEGER NOT NULL,
    requests       INTEGER NOT NULL,
    errors         INTEGER NOT NULL,
    blocked        INTEGER NOT NULL,
    partials       INTEGER NOT NULL,
    fallbacks      INTEGER NOT NULL,
    cache_hits     INTEGER NOT NULL,
    estimated      INTEGER NOT NULL,
    cost_nanos     INTEGER NOT NULL,
    saved_nanos    INTEGER NOT NULL,
    tokens_in      INTEGER NOT NULL,
    tokens_out     INTEGER NOT NULL,
    latency_ms_sum INTEGER NOT NULL,
    PRIMARY KEY (month, model_id, use_case_id)
  ) STRICT, WITHOUT ROWID;

  -- Latency histograms of requests a model answered (not cache hits; log buckets, ledgerCodes.ts).
  CREATE TABLE ledger_latency_daily (
    day      INTEGER NOT NULL,
    model_id INTEGER NOT NULL,
    bucket   INTEGER NOT NULL,
    requests INTEGER NOT NULL,
    PRIMARY KEY (day, model_id, bucket)
  ) STRICT, WITHOUT ROWID;
  CREATE TABLE ledger_latency_monthly (
    month    INTEGER NOT NULL,
    model_id INTEGER NOT NULL,
    bucket   INTEGER NOT NULL,
    requests INTEGER NOT NULL,
    PRIMARY KEY (month, model_id, bucket)
  ) STRICT, WITHOUT ROWID;

  -- At least the TOP_PER_DAY dearest requests of each local day (topDaily.ts); rarely written.
  CREATE TABLE ledger_top_daily (
    day        INTEGER NOT NULL,
    cost_nanos INTEGER NOT NULL,
    request_id INTEGER NOT NULL,
    PRIMARY KEY (day, cost_nanos, request_id)
  ) STRICT, WITHOUT ROWID;
  CREATE INDEX ledger_top_daily_cost ON ledger_top_daily (cost_nanos);

  -- For people and exports: names instead of ids, ended_at spelt out.
  CREATE VIEW ledger_requests_readable AS
  SELECT r.id, r.started_at, r.started_at + r.latency_ms AS ended_at, r.latency_ms, r.ttft_ms,
         r.source, r.status, m.provider, m.model, uc.name AS use_case, st.name AS strategy,
         de.name AS decision, arm.name AS arm, r.cost_nanos, r.tokens_in, r.tokens_out,
         r.input_price, r.output_price, r.saved_nanos, r.cache_hit, r.dedup, r.fallback_used,
         r.usage_estimated, printf('%016x', r.prompt_hash) AS prompt_hash
  FROM ledger_requests r
  LEFT JOIN ledger_models m ON m.id = r.model_id
  LEFT JOIN ledger_labels uc ON uc.id = r.use_case_id
  LEFT JOIN ledger_labels st ON st.id = r.strategy_id
  LEFT JOIN ledger_labels de ON de.id = r.decision_id
  LEFT JOIN ledger_labels arm ON arm.id = r.arm_id;
`;
