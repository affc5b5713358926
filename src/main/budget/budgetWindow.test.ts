import { describe, expect, it } from 'vitest';
import { LocalCalendar } from '../ledger/localCalendar';
import { TOTAL_WINDOW, windowAt } from './budgetWindow';

const ms = (iso: string): number => Date.parse(iso);
const iso = (t: number): string => new Date(t).toISOString();
const HOUR = 3_600_000;

describe('budget windows, calendar-aligned in the user time zone', () => {
  const ny = new LocalCalendar('America/New_York');
  const berlin = new LocalCalendar('Europe/Berlin');

  it('a daily window turns over at local midnight, not UTC midnight', () => {
    const before = windowAt('daily', ms('2026-01-15T04:59:59.999Z'), ny)!; // 23:59:59.999 EST
    const after = windowAt('daily', ms('2026-01-15T05:00:00.000Z'), ny)!; // 00:00 EST
    expect(iso(before.start)).toBe('2026-01-14T05:00:00.000Z');
    expect(before.end).toBe(after.start);
    expect(iso(after.start)).toBe('2026-01-15T05:00:00.000Z');
    expect(after.end - after.start).toBe(24 * HOUR);
  });

  it('the New York day of the spring-forward change (2026-03-08) lasts 23 hours', () => {
    const w = windowAt('daily', ms('2026-03-08T12:00:00Z'), ny)!;
    expect(iso(w.start)).toBe('2026-03-08T05:00:00.000Z'); // midnight EST (UTC-5)
    expect(iso(w.end)).toBe('2026-03-09T04:00:00.000Z'); // midnight EDT (UTC-4)
    expect(w.end - w.start).toBe(23 * HOUR);
    // 01:59 EST and 03:00 EDT are one minute apart and in the same day and consecutive hours
    const h1 = windowAt('hourly', ms('2026-03-08T06:59:00Z'), ny)!;
    const h2 = windowAt('hourly', ms('2026-03-08T07:00:00Z'), ny)!;
    expect(h1.end).toBe(h2.start);
    expect(h2.end - h2.start).toBe(HOUR);
  });

  it('the Berlin day of the fall-back change (2026-10-25) lasts 25 hours, and its repeated hour is two windows', () => {
    const w = windowAt('daily', ms('2026-10-25T12:00:00Z'), berlin)!;
    expect(iso(w.start)).toBe('2026-10-24T22:00:00.000Z'); // midnight CEST (UTC+2)
    expect(iso(w.end)).toBe('2026-10-25T23:00:00.000Z'); // midnight CET (UTC+1)
    expect(w.end - w.start).toBe(25 * HOUR);
    const firstTwoAm = windowAt('hourly', ms('2026-10-25T00:30:00Z'), berlin)!; // 02:30 CEST
    const secondTwoAm = windowAt('hourly', ms('2026-10-25T01:30:00Z'), berlin)!; // 02:30 CET
    expect(firstTwoAm.end).toBe(secondTwoAm.start);
    expect(secondTwoAm.start - firstTwoAm.start).toBe(HOUR);
  });

  it('weeks start on Monday at local midnight, also across a DST change', () => {
    const w = windowAt('weekly', ms('2026-03-08T12:00:00Z'), ny)!; // Sunday of the change
    expect(iso(w.start)).toBe('2026-03-02T05:00:00.000Z'); // Monday 2 March, EST
    expect(iso(w.end)).toBe('2026-03-09T04:00:00.000Z'); // Monday 9 March, EDT
    expect(w.end - w.start).toBe(7 * 24 * HOUR - HOUR);
  });

  it('months end on their last local day: 31 January, 28 February 2026, 29 February 2028, 30 April', () => {
    const jan = windowAt('monthly', ms('2026-01-31T23:30:00+01:00'), berlin)!;
    expect(iso(jan.start)).toBe('2025-12-31T23:00:00.000Z');
    expect(iso(jan.end)).toBe('2026-01-31T23:00:00.000Z');
    const feb = windowAt('monthly', ms('2026-02-01T00:00:00+01:00'), berlin)!;
    expect(feb.start).toBe(jan.end);
    expect(iso(feb.end)).toBe('2026-02-28T23:00:00.000Z');
    const leapFeb = windowAt('monthly', ms('2028-02-29T23:59:59-05:00'), ny)!;
    expect(iso(leapFeb.start)).toBe('2028-02-01T05:00:00.000Z');
    expect(iso(leapFeb.end)).toBe('2028-03-01T05:00:00.000Z');
    const april = windowAt('monthly', ms('2026-04-30T23:59:59-04:00'), ny)!;
    expect(iso(april.end)).toBe('2026-05-01T04:00:00.000Z');
    // The October window in Berlin spans the fall-back change: one hour longer than 31 × 24 h.
    const oct = windowAt('monthly', ms('2026-10-15T12:00:00Z'), berlin)!;
    expect(oct.end - oct.start).toBe(31 * 24 * HOUR + HOUR);
  });

  it('per-request limits have no window; the total window never resets', () => {
    expect(windowAt('per_request', Date.now(), ny)).toBeNull();
    expect(windowAt('total', ms('2020-01-01T00:00:00Z'), ny)).toEqual(TOTAL_WINDOW);
    expect(windowAt('total', ms('2030-01-01T00:00:00Z'), berlin)).toEqual(TOTAL_WINDOW);
  });

  it('a zone with a half-hour offset aligns hours and days on its own clock', () => {
    const kolkata = new LocalCalendar('Asia/Kolkata');
    const day = windowAt('daily', ms('2026-05-01T10:00:00Z'), kolkata)!;
    expect(iso(day.start)).toBe('2026-04-30T18:30:00.000Z');
    const hour = windowAt('hourly', ms('2026-05-01T10:10:00Z'), kolkata)!; // 15:40 IST
    expect(iso(hour.start)).toBe('2026-05-01T09:30:00.000Z');
  });

  it('rejects a zone that is not an IANA name', () => {
    expect(() => new LocalCalendar('Mars/Olympus')).toThrowError(/Unknown time zone/);
  });
});
