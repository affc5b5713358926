import type { DayKey, LocalCalendar } from '../localCalendar';
import { nextMonth, prevMonth } from '../monthlyRollup';
import type { RollupExtent } from '../rollupExtent';

/** A report range in epoch ms: since inclusive, until exclusive; null = unbounded. */
export interface ReportRange {
  since: number | null;
  until: number | null;
}

/** A slice of one local day read from raw rows. An empty edge has from = to = 0. */
export interface RangeEdge {
  from: number;
  to: number;
  day: DayKey;
}

/** Inclusive integer bounds; from > to means empty. */
export type KeyRange = [number, number];

/**
 * How a range is read, coarsest first: whole months from the monthly rollups, whole days from the
 * daily rollups, and at most two partial days from raw rows. Rollup rows grow with months, models
 * and use cases, never with requests, so a query costs the same over 1k or 1M requests.
 */
export interface RangePlan {
  months: KeyRange;
  days: [KeyRange, KeyRange];
  edges: [RangeEdge, RangeEdge];
  /** A partial day older than raw retention was counted whole. */
  approximate: boolean;
}

const NO_EDGE: RangeEdge = { from: 0, to: 0, day: 0 };
const EMPTY: KeyRange = [1, 0];
const FIRST_DAY = 0;
const LAST_DAY = 99_999_999;

const daysInMonth = (m: number): number => new Date(Date.UTC(Math.floor(m / 100), m % 100, 0)).getUTCDate();

/**
 * Splits [since, until) into months, days and partial-day edges. Raw rows exist from
 * `extent.rawFrom` (the retention cutoff): an edge before it is widened to its whole day. Months
 * after `extent.monthsThrough` are not folded yet and are read as days; so are all months with
 * `byDay`, because a day-by-day report needs every day.
 */
export function planRange(
  range: ReportRange,
  calendar: LocalCalendar,
  extent: RollupExtent,
  byDay = false,
): RangePlan {
  let [fullFrom, fullTo] = [FIRST_DAY, LAST_DAY];
  const edges: RangeEdge[] = [];
  const { since, until } = range;
  let insideOneDay = false;
  if (since !== null) {
    const d = calendar.day(since);
    if (since === d.start) fullFrom = d.key;
    else {
      fullFrom = calendar.dayKey(d.end);
      edges.push({ from: since, to: until !== null && until < d.end ? until : d.end, day: d.key });
      insideOneDay = until !== null && until <= d.end;
    }
  }
  if (insideOneDay) fullTo = FIRST_DAY - 1;
  else if (until !== null) {
    const u = calendar.day(until);
    fullTo = calendar.dayKey(u.start - 1);
    if (until !== u.start) edges.push({ from: u.start, to: until, day: u.key });
  }
  let approximate = false;
  const kept = edges.filter((edge) => {
    if (edge.from >= extent.rawFrom) return true;
    approximate = true;
    [fullFrom, fullTo] = [Math.min(fullFrom, edge.day), Math.max(fullTo, edge.day)];
    return false;
  });
  return {
    ...splitMonths(fullFrom, fullTo, byDay ? null : extent.monthsThrough),
    edges: [kept[0] ?? NO_EDGE, kept[1] ?? NO_EDGE],
    approximate,
  };
}

/** Whole folded months inside [from, to] (day keys), and the days before and after them. */
function splitMonths(
  from: number,
  to: number,
  monthsThrough: number | null,
): Pick<RangePlan, 'months' | 'days'> {
  if (from > to) return { months: EMPTY, days: [EMPTY, EMPTY] };
  if (monthsThrough === null) return { months: EMPTY, days: [[from, to], EMPTY] };
  const month = (day: number) => Math.floor(day / 100);
  const firstMonth = from === FIRST_DAY ? 0 : from % 100 === 1 ? month(from) : nextMonth(month(from));
  const lastWhole =
    to === LAST_DAY ? 999_999 : to % 100 === daysInMonth(month(to)) ? month(to) : prevMonth(month(to));
  const lastMonth = Math.min(lastWhole, monthsThrough);
  if (firstMonth > lastMonth) return { months: EMPTY, days: [[from, to], EMPTY] };
  // yyyymm00 and yyyymm32 fall between real day keys, so they bound "before" and "after" exactly.
  return {
    months: [firstMonth, lastMonth],
    days: [
      [from, firstMonth * 100],
      [lastMonth * 100 + 32, to],
    ],
  };
}

/** Named parameters every report query binds. */
export function planParams(plan: RangePlan): Record<string, number> {
  const [e0, e1] = plan.edges;
  const [d0, d1] = plan.days;
  return {
    m0: plan.months[0],
    m1: plan.months[1],
    d0from: d0[0],
    d0to: d0[1],
    d1from: d1[0],
    d1to: d1[1],
    e0from: e0.from,
    e0to: e0.to,
    e0day: e0.day,
    e1from: e1.from,
    e1to: e1.to,
    e1day: e1.day,
  };
}
