import type Database from 'better-sqlite3';
import { withDatabase } from './dbErrors';
import { CommittedCache } from './foreignCommits';
import { LocalCalendar, systemTimeZone } from './localCalendar';

export interface LedgerSettings {
  /** Raw request and attempt rows older than this are deleted by cleanup; rollups are kept forever. */
  retentionDays: number;
  /** Store the prompt text with each request (off by default: prompts may be private). */
  storePrompts: boolean;
  /** IANA zone that calendar budget windows and report days follow. */
  timeZone: string;
}

export const DEFAULT_RETENTION_DAYS = 90;

const KEYS = {
  retentionDays: 'ledger.retention_days',
  storePrompts: 'ledger.store_prompts',
  timeZone: 'ledger.time_zone',
} as const;

/**
 * Ledger settings in `app_meta`. Kept after a read until this store writes them or another
 * connection commits anything (`ForeignCommits`), so the app and a CLI process running at once
 * agree on them without a SELECT on every use (every budget reservation and ledger batch reads them).
 */
export class LedgerSettingsStore {
  private readonly select: Database.Statement<unknown[], { key: string; value: string }>;
  private readonly upsert: Database.Statement;
  private calendar: LocalCalendar | null = null;
  private readonly path: string;
  private readonly cache: CommittedCache<Readonly<LedgerSettings>>;

  constructor(db: Database.Database) {
    this.path = db.name;
    this.cache = new CommittedCache(db, () => Object.freeze(this.read()));
    this.select = db.prepare(`SELECT key, value FROM app_meta WHERE key IN (?, ?, ?)`);
    this.upsert = db.prepare(
      'INSERT INTO app_meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value',
    );
  }

  get(): Readonly<LedgerSettings> {
    return withDatabase(this.path, 'read the ledger settings', () => this.cache.get());
  }

  private read(): LedgerSettings {
    const rows = new Map(
      this.select.all(KEYS.retentionDays, KEYS.storePrompts, KEYS.timeZone).map((r) => [r.key, r.value]),
    );
    const retention = Number(rows.get(KEYS.retentionDays));
    return {
      retentionDays: Number.isInteger(retention) && retention > 0 ? retention : DEFAULT_RETENTION_DAYS,
      storePrompts: rows.get(KEYS.storePrompts) === 'true',
      timeZone: rows.get(KEYS.timeZone) ?? systemTimeZone(),
    };
  }

  /** Validated at the edge (contract); the time zone is checked again by LocalCalendar. */
  set(patch: Partial<LedgerSettings>): Readonly<LedgerSettings> {
    if (patch.timeZone !== undefined) new LocalCalendar(patch.timeZone);
    return withDatabase(this.path, 'save the ledger settings', () => this.write(patch));
  }

  private write(patch: Partial<LedgerSettings>): Readonly<LedgerSettings> {
    this.cache.invalidate();
    if (patch.retentionDays !== undefined) this.upsert.run(KEYS.retentionDays, String(patch.retentionDays));
    if (patch.storePrompts !== undefined) this.upsert.run(KEYS.storePrompts, String(patch.storePrompts));
    if (patch.timeZone !== undefined) this.upsert.run(KEYS.timeZone, patch.timeZone);
    return this.get();
  }

  /** The calendar of the configured zone, rebuilt only when the zone changes (it caches the day). */
  calendarFor(timeZone: string): LocalCalendar {
    if (this.calendar?.timeZone !== timeZone) this.calendar = new LocalCalendar(timeZone);
    return this.calendar;
  }

  currentCalendar(): LocalCalendar {
    return this.calendarFor(this.get().timeZone);
  }
}
