import type Database from 'better-sqlite3';
import { MAX_TEMPERATURE } from './similarRule';

/** A stored, complete answer as the index loads it. */
export interface StoredAnswerRow {
  id: number;
  /** The stored prompt (the JSON array of messages the execution room writes). */
  prompt: string;
  useCase: string | null;
  modelKey: string;
  completionTokens: number;
}

export interface StoredAnswer {
  text: string;
  prompt: string;
  completionTokens: number;
}

/** Where the similar-prompt cache reads history: the ledger's stored prompts and answers. */
export interface SimilarAnswerSource {
  /** The newest `limit` reusable answers, oldest first. */
  load(limit: number): StoredAnswerRow[];
  /** One answer with its prompt; null when retention removed it. */
  answer(id: number): StoredAnswer | null;
  /** Whether prompts (and answers) are stored now (`ledger.store_prompts`). */
  storePrompts(): boolean;
}

// Answered by a model (status ok, not a cache hit), asked at a temperature the rule allows.
const LOAD_SQL = `SELECT a.request_id AS id, p.prompt, uc.name AS useCase,
    m.provider || '/' || m.model AS modelKey, r.tokens_out AS completionTokens
  FROM ledger_answers a
  JOIN ledger_requests r ON r.id = a.request_id
  JOIN ledger_prompts p ON p.request_id = a.request_id
  JOIN ledger_models m ON m.id = r.model_id
  LEFT JOIN ledger_labels uc ON uc.id = r.use_case_id
  WHERE r.status = 0 AND r.cache_hit = 0 AND (a.temperature IS NULL OR a.temperature <= ${MAX_TEMPERATURE})
  ORDER BY a.request_id DESC LIMIT ?`;
const ANSWER_SQL = `SELECT a.answer AS text, p.prompt, r.tokens_out AS completionTokens
  FROM ledger_answers a
  JOIN ledger_requests r ON r.id = a.request_id
  JOIN ledger_prompts p ON p.request_id = a.request_id
  WHERE a.request_id = ?`;

export class LedgerAnswerSource implements SimilarAnswerSource {
  private readonly loadStmt: Database.Statement<[number], StoredAnswerRow>;
  private readonly answerStmt: Database.Statement<[number], StoredAnswer>;

  constructor(
    db: Database.Database,
    private readonly prompts: () => boolean,
  ) {
    this.loadStmt = db.prepare(LOAD_SQL);
    this.answerStmt = db.prepare(ANSWER_SQL);
  }

  load(limit: number): StoredAnswerRow[] {
    return this.loadStmt.all(limit).reverse();
  }

  answer(id: number): StoredAnswer | null {
    return this.answerStmt.get(id) ?? null;
  }

  storePrompts(): boolean {
    return this.prompts();
  }
}
