import type Database from 'better-sqlite3';
import { withDatabase } from './dbErrors';
import type { LedgerSettingsStore } from './ledgerSettings';
import { RollupExtentStore } from './rollupExtent';

const DAY_MS = 86_400_000;

export interface CleanupResult {
  deletedRequests: number;
  cutoff: number;
}

/**
 * Deletes raw rows older than the retention period. Aggregates need no work here: the daily
 * rollups were maintained when each row was written and are never deleted. Rows go in chunks,
 * each its own short transaction with a pause between, so a large cleanup neither holds the write
 * lock for long nor freezes the event loop. Attempts and prompts follow by ON DELETE CASCADE.
 */
export class LedgerRetention {
  private readonly deleteChunk: Database.Statement;
  private readonly deleteTop: Database.Statement;
  private readonly chunk: (cutoff: number) => number;

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
  }

  cutoff(now = Date.now()): number {
    return now - this.settings.get().retentionDays * DAY_MS;
  }

  async cleanup(now = Date.now()): Promise<CleanupResult> {
    const cutoff = this.cutoff(now);
    let deletedRequests = 0;
    for (;;) {
      const n = this.chunk(cutoff);
      deletedRequests += n;
      if (n < this.chunkSize) break;
      await new Promise<void>((resolve) => setImmediate(resolve));
    }
    return { deletedRequests, cutoff };
  }
}
