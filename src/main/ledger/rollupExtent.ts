import type Database from 'better-sqlite3';

/**
 * How far each kind of ledger data reaches, kept in app_meta and read inside the transaction that
 * relies on it, so processes sharing the file agree:
 * - `rawFrom`: raw rows exist from this instant on (the last retention cutoff; 0 = all);
 * - `monthsThrough`: monthly rollups are complete up to this month (yyyymm; 0 = none). Later
 *   months are read from the daily rollups, and folded into the monthly ones once they are over.
 */
export interface RollupExtent {
  rawFrom: number;
  monthsThrough: number;
}

const RAW_FROM = 'ledger.raw_from';
const MONTHS_THROUGH = 'ledger.months_through';

export class RollupExtentStore {
  private readonly select: Database.Statement<[], { key: string; value: string }>;
  private readonly upsert: Database.Statement;

  constructor(db: Database.Database) {
    this.select = db.prepare(
      `SELECT key, value FROM app_meta WHERE key IN ('${RAW_FROM}', '${MONTHS_THROUGH}')`,
    );
    // Both only move forward, also when two processes race.
    this.upsert = db.prepare(
      `INSERT INTO app_meta (key, value) VALUES (?, ?)
       ON CONFLICT (key) DO UPDATE SET value = max(CAST(value AS INTEGER), CAST(excluded.value AS INTEGER))`,
    );
  }

  read(): RollupExtent {
    const rows = new Map(this.select.all().map((r) => [r.key, Number(r.value)]));
    return { rawFrom: rows.get(RAW_FROM) ?? 0, monthsThrough: rows.get(MONTHS_THROUGH) ?? 0 };
  }

  markRawFrom(cutoff: number): void {
    this.upsert.run(RAW_FROM, String(cutoff));
  }

  markMonthsThrough(month: number): void {
    this.upsert.run(MONTHS_THROUGH, String(month));
  }
}
