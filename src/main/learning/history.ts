import type Database from 'better-sqlite3';
import { textKey } from './embeddings/embeddingStore';
import { embeddedTextOf } from './embeddings/storedPromptText';
import { storedPromptText } from './learnedText';
import type { TrainingPrompt } from './qualityModel';

const NANOS_PER_USD = 1_000_000_000;

interface LabelRow {
  prompt: string;
  firstId: number;
  modelKey: string;
  quality: number;
  costNanos: number;
}

/**
 * Labelled history from the ledger: every stored prompt (only where the user opted in to storing
 * prompts) with, per model that was tried on it, the share of attempts that answered (ok = 1,
 * error = 0; cancelled and partial runs say nothing about the model) and the mean cost. The same
 * prompt sent many times is one training example. Aggregated in SQL over the newest `limit` requests.
 * Compare votes on a stored prompt then replace the label of the models they judged (`readVoteLabels`).
 */
export function readLabelledHistory(db: Database.Database, limit = 20_000): TrainingPrompt[] {
  const rows = db
    .prepare(
      `SELECT p.prompt AS prompt, MIN(a.request_id) AS firstId,
              m.provider || '/' || m.model AS modelKey,
              AVG(CASE a.status WHEN 0 THEN 1.0 ELSE 0.0 END) AS quality,
              AVG(a.cost_nanos) AS costNanos
         FROM ledger_attempts a
         JOIN ledger_prompts p ON p.request_id = a.request_id
         JOIN ledger_models m ON m.id = a.model_id
        WHERE a.status IN (0, 1)
          AND a.request_id > (SELECT COALESCE(MAX(id), 0) FROM ledger_requests) - ?
        GROUP BY p.prompt, a.model_id
        ORDER BY firstId`,
    )
    .all(limit) as LabelRow[];
  const byPrompt = new Map<string, TrainingPrompt>();
  for (const r of rows) {
    let t = byPrompt.get(r.prompt);
    if (!t) {
      const embedded = embeddedTextOf(r.prompt);
      // Train on the text prediction reads (the last user turn), not the stored JSON.
      t = { id: `request ${r.firstId}`, text: storedPromptText(r.prompt), labels: {} };
      if (embedded !== null) t.embedKey = textKey(embedded);
      byPrompt.set(r.prompt, t);
    }
    t.labels[r.modelKey] = { quality: r.quality, costUsd: r.costNanos / NANOS_PER_USD };
  }
  // A person's verdict says more about an answer than "the call returned": it replaces that label.
  for (const v of readVoteLabels(db)) {
    const label = byPrompt.get(v.prompt)?.labels[v.modelKey];
    if (label) label.quality = v.quality;
  }
  return [...byPrompt.values()];
}

/** How far before a vote its comparison's runs may have started. */
const VOTE_WINDOW_MS = 60 * 60 * 1000;

interface VoteLabelRow {
  prompt: string;
  modelKey: string;
  quality: number;
}

/**
 * Labels from the playground's compare votes: the winner's answer counts as a success for that
 * prompt, "all bad" as a failure of every answer; a tie says nothing about either. A vote names its
 * runs by the playground's request ids, which the ledger does not keep, so its prompt is found as
 * the stored prompt (by hash) that every answering model of the vote answered within the hour
 * before it, the newest if several: a vote whose models share no stored prompt is left out, so a
 * vote never labels the wrong prompt. Simulated runs are never in the ledger and never match.
 */
export function readVoteLabels(db: Database.Database): VoteLabelRow[] {
  return db
    .prepare(
      `WITH cand AS (
         SELECT DISTINCT v.id AS voteId, v.created_at AS at, c.model_key AS modelKey,
                CASE WHEN v.verdict = 'winner' AND v.winner_n = c.n THEN 1.0
                     WHEN v.verdict = 'all_bad' THEN 0.0 END AS quality
           FROM votes v JOIN vote_candidates c ON c.vote_id = v.id
          WHERE c.model_key IS NOT NULL AND c.simulated = 0
       ),
       models_per_vote AS (
         SELECT voteId, COUNT(DISTINCT modelKey) AS n FROM cand GROUP BY voteId
       ),
       runs AS (
         SELECT cand.voteId, r.prompt_hash AS hash, COUNT(DISTINCT cand.modelKey) AS models,
                MAX(r.id) AS lastId
           FROM cand
           JOIN ledger_models m ON m.provider || '/' || m.model = cand.modelKey
           JOIN ledger_requests r ON r.model_id = m.id
                                 AND r.started_at BETWEEN cand.at - ? AND cand.at
           JOIN ledger_prompts p ON p.request_id = r.id
          WHERE r.prompt_hash IS NOT NULL
          GROUP BY cand.voteId, r.prompt_hash
       ),
       matched AS (
         SELECT runs.voteId, MAX(runs.lastId) AS requestId
           FROM runs JOIN models_per_vote mv ON mv.voteId = runs.voteId AND runs.models = mv.n
          GROUP BY runs.voteId
       )
       SELECT p.prompt AS prompt, cand.modelKey AS modelKey, AVG(cand.quality) AS quality
         FROM matched
         JOIN ledger_prompts p ON p.request_id = matched.requestId
         JOIN cand ON cand.voteId = matched.voteId
        WHERE cand.quality IS NOT NULL
        GROUP BY p.prompt, cand.modelKey`,
    )
    .all(VOTE_WINDOW_MS) as VoteLabelRow[];
}

/** A cheap fingerprint of the labelled history and the votes, so training is skipped when nothing changed. */
export function historyMark(db: Database.Database): string {
  const r = db
    .prepare(
      `SELECT (SELECT COUNT(*) FROM ledger_prompts) AS n,
              (SELECT COALESCE(MAX(request_id), 0) FROM ledger_prompts) AS last,
              (SELECT COUNT(*) || ':' || COALESCE(MAX(updated_at), 0) FROM votes) AS votes`,
    )
    .get() as { n: number; last: number; votes: string };
  return `${r.n}:${r.last}:${r.votes}`;
}
