import type { ParsedVoteInput, Vote, VoteCandidate } from '../../shared/contract/votes';
import type { LedgerDatabase } from './database';

/** The `votes` and `vote_candidates` tables (migration "playground votes"). */
export const VOTES_SCHEMA_SQL = `
  -- One verdict per playground comparison; voting again replaces it (updated_at moves).
  CREATE TABLE votes (
    id            INTEGER PRIMARY KEY,
    comparison_id TEXT NOT NULL UNIQUE,
    created_at    INTEGER NOT NULL,           -- epoch ms
    updated_at    INTEGER NOT NULL,
    verdict       TEXT NOT NULL CHECK (verdict IN ('winner', 'tie', 'all_bad')),
    winner_n      INTEGER,                    -- index into the candidates when verdict = 'winner'
    use_case      TEXT,
    complexity    REAL,
    CHECK ((verdict = 'winner') = (winner_n IS NOT NULL))
  ) STRICT;

  -- What was compared, in column order; request_id joins execution's ledger rows.
  CREATE TABLE vote_candidates (
    vote_id    INTEGER NOT NULL REFERENCES votes (id) ON DELETE CASCADE,
    n          INTEGER NOT NULL,
    target     TEXT NOT NULL,                 -- 'routed' or the pinned <provider>/<model>
    model_key  TEXT,                          -- who answered; NULL if the run failed
    request_id TEXT,
    cost_nanos INTEGER,
    latency_ms INTEGER,
    simulated  INTEGER NOT NULL,
    PRIMARY KEY (vote_id, n)
  ) STRICT, WITHOUT ROWID;
  CREATE INDEX vote_candidates_model ON vote_candidates (model_key);
`;

const NANOS_PER_USD = 1_000_000_000;

interface VoteRow {
  id: number;
  comparison_id: string;
  created_at: number;
  updated_at: number;
  verdict: Vote['verdict'];
  winner_n: number | null;
  use_case: Vote['useCase'];
  complexity: number | null;
}

interface CandidateRow {
  n: number;
  target: string;
  model_key: string | null;
  request_id: string | null;
  cost_nanos: number | null;
  latency_ms: number | null;
  simulated: number;
}

/** Reads and writes playground votes in the ledger database. */
export class VoteStore {
  constructor(private readonly ledger: LedgerDatabase) {}

  /** Stores the verdict, replacing an earlier one on the same comparison, in one transaction. */
  record(input: ParsedVoteInput, now: number = Date.now()): { vote: Vote; replaced: boolean } {
    const db = this.ledger.db;
    const write = db.transaction(() => {
      const existing = db.prepare('SELECT id FROM votes WHERE comparison_id = ?').get(input.comparisonId) as
        { id: number } | undefined;
      let id: number;
      if (existing) {
        id = existing.id;
        db.prepare(
          'UPDATE votes SET updated_at = ?, verdict = ?, winner_n = ?, use_case = ?, complexity = ? WHERE id = ?',
        ).run(now, input.verdict, input.winner ?? null, input.useCase, input.complexity, id);
        db.prepare('DELETE FROM vote_candidates WHERE vote_id = ?').run(id);
      } else {
        id = Number(
          db
            .prepare(
              `INSERT INTO votes (comparison_id, created_at, updated_at, verdict, winner_n, use_case, complexity)
               VALUES (?, ?, ?, ?, ?, ?, ?)`,
            )
            .run(
              input.comparisonId,
              now,
              now,
              input.verdict,
              input.winner ?? null,
              input.useCase,
              input.complexity,
            ).lastInsertRowid,
        );
      }
      const insert = db.prepare(
        `INSERT INTO vote_candidates (vote_id, n, target, model_key, request_id, cost_nanos, latency_ms, simulated)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
      );
      input.candidates.forEach((c, n) =>
        insert.run(
          id,
          n,
          c.target,
          c.modelKey,
          c.requestId,
          c.costUsd === null ? null : Math.round(c.costUsd * NANOS_PER_USD),
          c.latencyMs,
          c.simulated ? 1 : 0,
        ),
      );
      return { id, replaced: existing !== undefined };
    });
    const { id, replaced } = write.immediate();
    return { vote: this.byId(id), replaced };
  }

  list(options: { comparisonId?: string; limit: number }): Vote[] {
    const rows = (
      options.comparisonId
        ? this.ledger.db.prepare('SELECT * FROM votes WHERE comparison_id = ?').all(options.comparisonId)
        : this.ledger.db
            .prepare('SELECT * FROM votes ORDER BY updated_at DESC, id DESC LIMIT ?')
            .all(options.limit)
    ) as VoteRow[];
    return rows.map((row) => this.toVote(row));
  }

  private byId(id: number): Vote {
    return this.toVote(this.ledger.db.prepare('SELECT * FROM votes WHERE id = ?').get(id) as VoteRow);
  }

  private toVote(row: VoteRow): Vote {
    const candidates = (
      this.ledger.db
        .prepare('SELECT * FROM vote_candidates WHERE vote_id = ? ORDER BY n')
        .all(row.id) as CandidateRow[]
    ).map((c): VoteCandidate => ({
      target: c.target,
      modelKey: c.model_key,
      requestId: c.request_id,
      costUsd: c.cost_nanos === null ? null : c.cost_nanos / NANOS_PER_USD,
      latencyMs: c.latency_ms,
      simulated: c.simulated === 1,
    }));
    return {
      id: row.id,
      comparisonId: row.comparison_id,
      verdict: row.verdict,
      winner: row.winner_n,
      winnerModelKey: row.winner_n === null ? null : (candidates[row.winner_n]?.modelKey ?? null),
      candidates,
      useCase: row.use_case,
      complexity: row.complexity,
      createdAt: new Date(row.created_at).toISOString(),
      updatedAt: new Date(row.updated_at).toISOString(),
    };
  }
}
