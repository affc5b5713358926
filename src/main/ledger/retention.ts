import type Database from 'better-sqlite3';
import { withDatabase } from './dbErrors';
import type { LedgerSettingsStore } from './ledgerSettings';
import { RollupExtentStore } from './rollupExtent';

const DAY_MS = 86_400_000;

export interface CleanupResult {
  deletedRequests: number;
  /** Prompt embeddings (learning room, migration 16) made before the cutoff. */
  deletedEmbeddings: number;
  cutoff: number;
}

/**
 * Deletes raw rows older than the retention period. Aggregates need no work here: the daily
 * rollups were maintained when each row was written and are never deleted. Rows go in chunks,
 * each its own short transaction with a pause between, so a large cleanup neither holds the write
 * lock for long nor freezes the event loop. Attempts and prompts follow by ON DELETE CASCADE.
 *
 * Prompt embeddings go too: a vector holds no text, but text can be partly recovered from one, so
 * a user who keeps prompts N days keeps their vectors no longer. They are keyed by text, not by
 * request, so the rule is their age: a vector made before the cutoff is deleted even when a newer
 * request sent the same text (the back-fill embeds that text again, for a fraction of a cent).
 */
export class LedgerRetention {
  private readonly deleteChunk: Database.Statement;
  private readonly deleteTop: Database.Statement;
  private readonly chunk: (cutoff: number) => number;
  private readonly embeddingsChunk: (cutoff: number) => number;
  private readonly listeners = new Set<(result: CleanupResult) => void>();

  constructor(
    db: Database.Database,
    private readonly settings: LedgerSettingsStore,
    private readonly chunkSize = 5_000,
  ) {
    this.deleteChunk = db.prepare(
      `DELETE FROM ledger_requests WHERE id IN
         (SELECT id FROM ledger_requests WHERE started_at < ? ORDER BY started_at LIMIT ?)`,
    );
    // Reports read partial days from raw rows only after this instant (see planRange).
    const extent = new RollupExtentStore(db);
    this.deleteTop = db.prepare('DELETE FROM ledger_top_daily WHERE day < ?');
    const tx = db.transaction((cutoff: number) => {
      extent.markRawFrom(cutoff);
      // The day lists of "most expensive" go with the raw rows they point at.
      this.deleteTop.run(this.settings.currentCalendar().dayKey(cutoff));
      return this.deleteChunk.run(cutoff, this.chunkSize).changes;
    });
    this.chunk = (cutoff) => withDatabase(db.name, 'delete expired ledger rows', () => tx.immediate(cutoff));
    const deleteEmbeddings = db.prepare(
      `DELETE FROM prompt_embeddings WHERE (model, text_hash) IN
         (SELECT model, text_hash FROM prompt_embeddings WHERE created_at < ? LIMIT ?)`,
    );
    this.embeddingsChunk = (cutoff) =>
      withDatabase(
        db.name,
        'delete expired prompt embeddings',
        () => deleteEmbeddings.run(cutoff, this.chunkSize).changes,
      );
  }

  /** Called after each cleanup (the learning room drops its in-memory copy of deleted vectors). */
  onCleanup(listener: (result: CleanupResult) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  cutoff(now = Date.now()): number {
    return now - this.settings.get().retentionDays * DAY_MS;
  }

  async cleanup(now = Date.now()): Promise<CleanupResult> {
    const cutoff = this.cutoff(now);
    const deletedRequests = await this.inChunks(() => this.chunk(cutoff));
    const deletedEmbeddings = await this.inChunks(() => this.embeddingsChunk(cutoff));
    const result = { deletedRequests, deletedEmbeddings, cutoff };
    for (const listener of this.listeners) listener(result);
    return result;
  }

  private async inChunks(chunk: () => number): Promise<number> {
    let deleted = 0;
    for (;;) {
      const n = chunk();
      deleted += n;
      if (n < this.chunkSize) return deleted;
      await new Promise<void>((resolve) => setImmediate(resolve));
    }
  }
}
