/**
 * Migration 8: the routing features of each request, so the rules editor can replay history under
 * draft rules (re-decide each request without its prompt). Kept out of `ledger_requests` so the
 * hot table and its rollups are untouched; a rowid table keyed by the request id, integers only
 * (about 12 bytes of payload a row). Scores are stored × 1000. Rows follow their request out on
 * retention (ON DELETE CASCADE). The use case itself is the request's `use_case_id`.
 */
export const LEDGER_FEATURES_SCHEMA_SQL = `
  CREATE TABLE ledger_features (
    request_id          INTEGER PRIMARY KEY REFERENCES ledger_requests (id) ON DELETE CASCADE,
    input_tokens        INTEGER NOT NULL,   -- reference (o200k_base) input tokens, as routed
    output_tokens       INTEGER NOT NULL,   -- expected answer tokens, as routed
    complexity          INTEGER NOT NULL,   -- complexity score × 1000
    use_case_confidence INTEGER NOT NULL,   -- × 1000; 1000 when the caller gave the use case
    vision              INTEGER NOT NULL    -- 1 when the request had images
  ) STRICT;
`;
