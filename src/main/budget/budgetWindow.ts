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
  const start = calendar.startOf(unit, at);
  return { start, end: calendar.plus(unit, start) };
}
