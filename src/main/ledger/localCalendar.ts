import { DateTime, IANAZone } from 'luxon';
import { SwitchyardError } from '../core/errors';

export type CalendarUnit = 'hour' | 'day' | 'week' | 'month';

/** A local calendar day as the integer yyyymmdd: compact in rollup keys and ordered like dates. */
export type DayKey = number;

let systemZone: { zone: string; at: number } | null = null;

/**
 * The OS time zone. Building an Intl.DateTimeFormat costs tens of µs and settings are read on every
 * budget check, so it is asked once a minute (a laptop that changes zone follows within a minute).
 */
export function systemTimeZone(now = Date.now()): string {
  if (systemZone === null || now - systemZone.at > 60_000)
    systemZone = { zone: Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC', at: now };
  return systemZone.zone;
}

export function isValidTimeZone(zone: string): boolean {
  return IANAZone.isValidZone(zone);
}

/**
 * Calendar arithmetic in the user's IANA time zone, delegated to luxon so DST days of 23 or 25
 * hours, month lengths and half-hour offsets come out right without hand-written tz math.
 * Weeks start on Monday (ISO 8601). Every bound is an absolute instant in epoch milliseconds.
 */
export class LocalCalendar {
  /** The last day looked up: a ledger write almost always falls on the same day as the previous one. */
  private cachedDay: { start: number; end: number; key: DayKey } | null = null;

  constructor(readonly timeZone: string) {
    if (!isValidTimeZone(timeZone)) {
      throw new SwitchyardError(
        'VALIDATION_FAILED',
        `Unknown time zone "${timeZone}"; use an IANA name such as Europe/Berlin.`,
      );
    }
  }

  private at(ms: number): DateTime {
    return DateTime.fromMillis(ms, { zone: this.timeZone });
  }

  /** Start of the hour/day/week/month containing `ms`. */
  startOf(unit: CalendarUnit, ms: number): number {
    return this.at(ms).startOf(unit).toMillis();
  }

  /** The instant `count` calendar units after `ms` (an hour is always 3,600 s; a day may not be 24 h). */
  plus(unit: CalendarUnit, ms: number, count = 1): number {
    const key = unit === 'hour' ? 'hours' : unit === 'day' ? 'days' : unit === 'week' ? 'weeks' : 'months';
    return this.at(ms)
      .plus({ [key]: count })
      .toMillis();
  }

  /** The local day containing `ms`, with its bounds. */
  day(ms: number): { start: number; end: number; key: DayKey } {
    const c = this.cachedDay;
    if (c && ms >= c.start && ms < c.end) return c;
    const start = this.at(ms).startOf('day');
    const day = { start: start.toMillis(), end: start.plus({ days: 1 }).toMillis(), key: keyOf(start) };
    this.cachedDay = day;
    return day;
  }

  dayKey(ms: number): DayKey {
    return this.day(ms).key;
  }

  /** Start of a local day given by its key. */
  dayStart(key: DayKey): number {
    const y = Math.floor(key / 10_000);
    const m = Math.floor(key / 100) % 100;
    const d = key % 100;
    return DateTime.fromObject({ year: y, month: m, day: d }, { zone: this.timeZone }).toMillis();
  }

  /** Parses an ISO date (local midnight) or date-time (its own offset, else local) to epoch ms. */
  parse(iso: string): number | null {
    const dt = DateTime.fromISO(iso, { zone: this.timeZone, setZone: false });
    return dt.isValid ? dt.toMillis() : null;
  }

  formatDay(key: DayKey): string {
    const s = String(key);
    return `${s.slice(0, 4)}-${s.slice(4, 6)}-${s.slice(6, 8)}`;
  }

  /** Local ISO date-time with offset, as users read window bounds. */
  formatInstant(ms: number): string {
    return this.at(ms).toISO({ suppressMilliseconds: true }) ?? new Date(ms).toISOString();
  }
}

const keyOf = (dt: DateTime): DayKey => dt.year * 10_000 + dt.month * 100 + dt.day;
