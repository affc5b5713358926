/**
 * Migration 15: the id a caller was given for a request (issue #10). The gateway answers every
 * call with `x-switchyard-request-id` (`gw_<uuid>`) before the ledger row exists (a stream's
 * headers go out at its first text), so the row cannot be named by its integer id there; this
 * table maps the handed-out id to the row. Its own table, written in the row's transaction, keeps
 * `ledger_requests` (the hot table, ≤ 400 bytes a row) as it was; only requests whose id left the
 * process (the gateway's) have a key. Keys follow their request out on retention.
 */
export const LEDGER_REQUEST_KEYS_SCHEMA_SQL = `
  CREATE TABLE ledger_request_keys (
    request_id  INTEGER PRIMARY KEY REFERENCES ledger_requests (id) ON DELETE CASCADE,
    request_key TEXT NOT NULL UNIQUE
  ) STRICT;
`;
