import type { BudgetWindow } from '../../shared/contract/budget';
import type { CalendarUnit, LocalCalendar } from '../ledger/localCalendar';

/** One window of a budget: [start, end) in epoch ms. */
export interface WindowBounds {
  start: number;
  end: number;
}

/** The lifetime window: one window that never resets. */
export const TOTAL_WINDOW: WindowBounds = { start: 0, end: Number.MAX_SAFE_INTEGER };

const UNIT: Record<Exclude<BudgetWindow, 'per_request' | 'total'>, CalendarUnit> = {
  hourly: 'hour',
  daily: 'day',
  weekly: 'week',
  monthly: 'month',
};

/**
 * The window of `window` containing instant `at`, calendar-aligned in the user's time zone:
 * days start at local midnight (so a DST day lasts 23 or 25 hours), weeks on Monday, months on
 * the 1st. Per-request limits have no window (null): each call is checked on its own.
 */
export function windowAt(window: BudgetWindow, at: number, calendar: LocalCalendar): WindowBounds | null {
  if (window === 'per_request') return null;
  if (window === 'total') return TOTAL_WINDOW;
  const unit = UNIT[window];
  // Every budget check asks this; luxon's zone arithmetic costs µs, so the window holding `at` is
  // kept per calendar and unit (windows are fixed for a zone: a hit is exact).
  let byUnit = lastWindow.get(calendar);
  if (!byUnit) lastWindow.set(calendar, (byUnit = new Map()));
  const last = byUnit.get(unit);
  if (last && at >= last.start && at < last.end) return last;
  const start = calendar.startOf(unit, at);
  const bounds = Object.freeze({ start, end: calendar.plus(unit, start) });
  byUnit.set(unit, bounds);
  return bounds;
}

const lastWindow = new WeakMap<LocalCalendar, Map<CalendarUnit, WindowBounds>>();
