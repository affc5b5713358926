import type Database from 'better-sqlite3';
import { textKey } from './embeddingStore';
import { refusesTexts, type PromptEmbedder } from './promptEmbedder';
import { embeddedTextOf } from './storedPromptText';

/** Texts per embeddings call (providers take up to 96–2,048; a small batch keeps each call short). */
const BATCH_TEXTS = 32;
/** Stored prompts read per scan of the ledger. */
const SCAN_ROWS = 256;
const SCAN_PAGES = 8;
/** Pause between two calls, so the back-fill never holds the event loop or floods the provider. */
const PAUSE_MS = 200;
/** After a failure the back-fill waits this long before it tries again. */
const RETRY_MS = 60_000;
/** A back-fill call may take longer than a decision's lookup: nobody is waiting on it. */
const BATCH_TIMEOUT_MS = 30_000;

export interface BackfillProgress {
  running: boolean;
  /** Stored prompts not looked at yet (some may turn out to be embedded already). */
  pending: number;
}

/**
 * Embeds the stored prompts' texts that have no vector for the model in use, oldest first, in
 * batches, on timers (never more than one call at a time, a pause between calls). It walks
 * `ledger_prompts` by request id, so a restart rescans only hashes (free) and calls the provider
 * only for texts still missing. New requests' prompts are embedded by their own lookups, or here.
 */
export class EmbeddingBackfill {
  private cursor = 0;
  private cursorModel: string | null = null;
  private timer: NodeJS.Timeout | null = null;
  private running = false;
  private closed = false;
  private readonly scan: Database.Statement<[number, number], { id: number; prompt: string }>;
  private readonly remaining: Database.Statement<[number], { n: number }>;

  constructor(
    db: Database.Database,
    private readonly embedder: PromptEmbedder,
    /** Called when a scan reaches the end of the stored prompts for `model` (the learning service retrains then). */
    private readonly onDone: (model: string) => void = () => undefined,
  ) {
    this.scan = db.prepare(
      'SELECT request_id AS id, prompt FROM ledger_prompts WHERE request_id > ? ORDER BY request_id LIMIT ?',
    );
    this.remaining = db.prepare('SELECT COUNT(*) AS n FROM ledger_prompts WHERE request_id > ?');
  }

  progress(): BackfillProgress {
    const model = this.embedder.active();
    if (!model) return { running: false, pending: 0 };
    const cursor = this.cursorModel === model ? this.cursor : 0;
    return { running: this.running, pending: this.remaining.get(cursor)?.n ?? 0 };
  }

  /** Starts (or resumes) soon: after a setting change, at start, after new requests. */
  kick(delayMs = 1_000): void {
    if (this.closed || this.timer || this.running || !this.embedder.active()) return;
    this.timer = setTimeout(() => {
      this.timer = null;
      void this.step().catch(() => undefined);
    }, delayMs);
    this.timer.unref();
  }

  /**
   * Runs batches now, one after another, until none is left or one fails (`switchyard learning
   * embeddings --backfill`, tests); a scheduled step is cancelled so it cannot run in between.
   */
  async runNow(): Promise<void> {
    for (;;) {
      this.cancelTimer();
      const outcome = await this.step();
      this.cancelTimer();
      if (outcome !== 'more') return;
    }
  }

  private cancelTimer(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }

  /** One batch, then the next is scheduled while there is more (or a retry after a failure). */
  async step(): Promise<'more' | 'done' | 'failed' | 'idle'> {
    const model = this.embedder.active();
    if (!model || this.running || this.closed) return 'idle';
    if (this.cursorModel !== model) {
      this.cursorModel = model;
      this.cursor = 0;
    }
    let batch: ReturnType<EmbeddingBackfill['nextBatch']>;
    try {
      batch = this.nextBatch(model);
    } catch {
      // The ledger cannot be read now (locked, closing): look again later.
      this.kick(RETRY_MS);
      return 'failed';
    }
    this.running = true;
    try {
      if (batch.texts.length > 0)
        // The learned router's neighbours pick the new vectors up by the stored count.
        await this.embedder.embedTexts(model, batch.texts, BATCH_TIMEOUT_MS, 'history');
    } catch (e) {
      // `lastError` says why (learning.status). A batch the provider refuses as such would be
      // refused again: it is passed over (a later request of the same text tries on its own);
      // anything else is tried again later from the same place.
      if (!refusesTexts(e)) {
        this.running = false;
        this.kick(RETRY_MS);
        return 'failed';
      }
    }
    this.running = false;
    this.cursor = batch.cursor;
    if (!batch.more) {
      this.onDone(model);
      return 'done';
    }
    this.kick(PAUSE_MS);
    return 'more';
  }

  /** Texts to embed next (deduplicated, not stored yet) and where the scan ends after them. */
  private nextBatch(model: string): {
    texts: { key: string; text: string }[];
    cursor: number;
    more: boolean;
  } {
    const texts = new Map<string, string>();
    let cursor = this.cursor;
    // At most SCAN_PAGES pages per step: a restart rescans hashes only, a few ms per page.
    for (let page = 0; ; page++) {
      const rows = this.scan.all(cursor, SCAN_ROWS);
      for (const row of rows) {
        const text = embeddedTextOf(row.prompt);
        if (text !== null) {
          const key = textKey(text);
          if (!texts.has(key) && !this.embedder.hasStored(model, key)) texts.set(key, text);
        }
        cursor = row.id;
        if (texts.size >= BATCH_TEXTS) return { texts: toList(texts), cursor, more: true };
      }
      if (rows.length < SCAN_ROWS) return { texts: toList(texts), cursor, more: false };
      if (page + 1 >= SCAN_PAGES) return { texts: toList(texts), cursor, more: true };
    }
  }

  close(): void {
    this.closed = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }
}

const toList = (m: Map<string, string>): { key: string; text: string }[] =>
  [...m].map(([key, text]) => ({ key, text }));
