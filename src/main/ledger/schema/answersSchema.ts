/**
 * Migration 14: what the similar-prompt cache (src/main/execution/similar) needs from history.
 * - `ledger_answers`: the complete answer of a request whose prompt was stored (setting
 *   `ledger.store_prompts`), with the temperature it was asked at, so an answer can be offered
 *   again for a near-identical prompt after a restart. Written only with the prompt, never alone.
 * - `ledger_similar_hits`: a request answered from that cache — which stored request it reused and
 *   how similar the prompts were (× 1000). The request row itself is an ordinary cache hit
 *   (`cache_hit` 1, cost 0, `saved_nanos`); this row says which kind.
 * Both follow their request out on retention (ON DELETE CASCADE); the source of a hit has no
 * foreign key, as retention may remove it first.
 */
export const LEDGER_ANSWERS_SCHEMA_SQL = `
  CREATE TABLE ledger_answers (
    request_id  INTEGER PRIMARY KEY REFERENCES ledger_requests (id) ON DELETE CASCADE,
    answer      TEXT NOT NULL,
    temperature REAL              -- as sent; NULL = the provider's default
  ) STRICT;

  CREATE TABLE ledger_similar_hits (
    request_id        INTEGER PRIMARY KEY REFERENCES ledger_requests (id) ON DELETE CASCADE,
    source_request_id INTEGER NOT NULL,
    similarity        INTEGER NOT NULL   -- cosine × 1000
  ) STRICT;
`;
