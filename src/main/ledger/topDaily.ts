import type Database from 'better-sqlite3';
import type { InsertedRequest } from './dailyRollup';
import type { DayKey, LocalCalendar } from './localCalendar';

/** How many of each day's dearest requests are listed; also the most a report can ask for. */
export const TOP_PER_DAY = 200;

interface DayFloor {
  /** The TOP_PER_DAY-th dearest cost at the last trim: nothing at or below it can enter. */
  threshold: number;
  /** Rows listed (at least; another process may have added some). */
  count: number;
}

/**
 * Maintains `ledger_top_daily`: at least the TOP_PER_DAY dearest requests of every local day. A
 * request is listed only if it beats the day's threshold, so after a day's first few hundred
 * requests only a small share of writes touch the list. The list is trimmed back to the top
 * TOP_PER_DAY in SQL from what the table holds, once it has doubled; the threshold only ever
 * rises, so a second process writing the same day can make this list more, never fewer, rows.
 */
export class DailyTopList {
  private readonly floors = new Map<DayKey, DayFloor>();
  private readonly load: Database.Statement<[{ day: number; k: number }], { n: number; kth: number | null }>;
  private readonly insert: Database.Statement;
  private readonly trim: Database.Statement<[{ day: number; k: number }]>;

  constructor(db: Database.Database) {
    const kth = `(SELECT cost_nanos FROM ledger_top_daily WHERE day = @day ORDER BY cost_nanos DESC LIMIT 1 OFFSET @k - 1)`;
    this.load = db.prepare(`SELECT count(*) AS n, ${kth} AS kth FROM ledger_top_daily WHERE day = @day`);
    this.insert = db.prepare(
      'INSERT OR IGNORE INTO ledger_top_daily (day, cost_nanos, request_id) VALUES (?, ?, ?)',
    );
    this.trim = db.prepare(`DELETE FROM ledger_top_daily WHERE day = @day AND cost_nanos < ${kth}`);
  }

  add(batch: readonly InsertedRequest[], calendar: LocalCalendar): void {
    for (const { id, row } of batch) {
      if (row.costNanos === 0) continue;
      const day = calendar.dayKey(row.startedAt);
      const floor = this.floorOf(day);
      if (row.costNanos <= floor.threshold) continue;
      this.insert.run(day, row.costNanos, id);
      if (++floor.count >= 2 * TOP_PER_DAY) {
        this.trim.run({ day, k: TOP_PER_DAY });
        this.floors.delete(day);
      }
    }
  }

  /** After a rollback: what was cached inside the failed transaction may not be stored. */
  forget(): void {
    this.floors.clear();
  }

  private floorOf(day: DayKey): DayFloor {
    let floor = this.floors.get(day);
    if (!floor) {
      if (this.floors.size > 64) this.floors.clear();
      const stored = this.load.get({ day, k: TOP_PER_DAY });
      floor = { threshold: stored?.kth ?? -1, count: stored?.n ?? 0 };
      this.floors.set(day, floor);
    }
    return floor;
  }
}
