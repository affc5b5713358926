import { describe, expect, it } from 'vitest';
import { LocalCalendar } from '../localCalendar';
import { planRange } from './rangePlan';

const cal = new LocalCalendar('Europe/Berlin');
const ms = (iso: string) => Date.parse(iso);
const folded = { rawFrom: 0, monthsThrough: 202605 };

describe('planRange', () => {
  it('reads whole folded months from the monthly rollup, the days around them daily, and cut days raw', () => {
    const p = planRange(
      { since: ms('2026-02-27T10:00:00+01:00'), until: ms('2026-05-02T08:00:00+02:00') },
      cal,
      folded,
    );
    expect(p.months).toEqual([202603, 202604]);
    expect(p.days).toEqual([
      [20260228, 20260300], // 28 February (up to, not including, 1 March)
      [20260432, 20260501], // 1 May
    ]);
    expect(p.edges.map((e) => e.day)).toEqual([20260227, 20260502]);
    expect(p.edges[0]).toMatchObject({
      from: ms('2026-02-27T10:00:00+01:00'),
      to: ms('2026-02-28T00:00:00+01:00'),
    });
    expect(p.edges[1]).toMatchObject({
      from: ms('2026-05-02T00:00:00+02:00'),
      to: ms('2026-05-02T08:00:00+02:00'),
    });
    expect(p.approximate).toBe(false);
  });

  it('reads months that are not folded yet as days, and every month as days for a by-day report', () => {
    const open = planRange({ since: null, until: null }, cal, folded);
    expect(open.months).toEqual([0, 202605]);
    expect(open.days[1]).toEqual([20260532, 99_999_999]);
    const byDay = planRange({ since: null, until: null }, cal, folded, true);
    expect(byDay.months[0]).toBeGreaterThan(byDay.months[1]);
    expect(byDay.days[0]).toEqual([0, 99_999_999]);
  });

  it('keeps a range inside one day to one raw slice', () => {
    const p = planRange(
      { since: ms('2026-03-29T01:00:00+01:00'), until: ms('2026-03-29T05:00:00+02:00') },
      cal,
      folded,
    );
    expect(p.edges[0]).toMatchObject({ day: 20260329 });
    expect(p.edges[1]).toMatchObject({ from: 0, to: 0 });
    expect(p.days[0][0]).toBeGreaterThan(p.days[0][1]);
    expect(p.months[0]).toBeGreaterThan(p.months[1]);
  });

  it('counts a cut day beyond raw retention whole, and says so', () => {
    const p = planRange({ since: ms('2026-03-10T12:00:00+01:00'), until: null }, cal, {
      rawFrom: ms('2026-04-01T00:00:00+02:00'),
      monthsThrough: 0,
    });
    expect(p.approximate).toBe(true);
    expect(p.edges[0]).toMatchObject({ from: 0, to: 0 });
    expect(p.days[0]).toEqual([20260310, 99_999_999]);
  });
});
