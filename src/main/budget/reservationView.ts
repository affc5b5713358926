import type { LedgerSettingsStore } from '../ledger/ledgerSettings';
import type { LocalCalendar } from '../ledger/localCalendar';
import type { BudgetBook } from './budgetBook';
import type { BudgetSpend } from './budgetSpend';
import { appliesTo, type BudgetDefinition, type BudgetTarget } from './budgetTypes';
import { windowAt, type WindowBounds } from './budgetWindow';
import type { ReservationTable } from './reservationTable';

export interface ReservationSources {
  book: BudgetBook;
  spend: BudgetSpend;
  reservations: ReservationTable;
  settings: LedgerSettingsStore;
}

/**
 * What the reservations of one BEGIN IMMEDIATE transaction read: the calendar, the budgets, each
 * window's spend and live holds — read once and kept for the rest of the transaction. That is
 * exact because the transaction holds SQLite's write lock from its first read to its commit: no
 * other connection changes anything meanwhile, ledger rows are written in transactions of their
 * own, and the only change inside is the transaction's own reservations, which `held()` adds as
 * they are made. (A hold that expires while the transaction runs stays counted until it ends:
 * a refusal at worst, never an overshoot.)
 *
 * Measured reason (issue #10, gateway bench profile): a grouped admission batch re-read the
 * settings, the budget revision, the spend and the reservation sums, and swept expired holds, for
 * every admission in it — six SQLite calls each, where the batch needs them once.
 */
export class ReservationView {
  readonly calendar: LocalCalendar;
  readonly budgets: readonly BudgetDefinition[];
  private readonly windows = new Map<number, WindowBounds>();
  private readonly spentIn = new Map<string, number>();
  private readonly reservedIn = new Map<string, number>();

  constructor(private readonly sources: ReservationSources) {
    this.calendar = sources.settings.currentCalendar();
    this.budgets = sources.book.list();
  }

  /** The budget's window at `at`; null for a per-request budget. */
  window(b: BudgetDefinition, at: number): WindowBounds | null {
    const w = this.windows.get(b.id);
    if (w && at >= w.start && at < w.end) return w;
    const fresh = windowAt(b.window, at, this.calendar);
    if (fresh) this.windows.set(b.id, fresh);
    return fresh;
  }

  /** Spend so far in the window (its row is created from the ledger if missing). */
  spent(b: BudgetDefinition, w: WindowBounds): number {
    const key = `${b.id}:${w.start}`;
    let spent = this.spentIn.get(key);
    if (spent === undefined) {
      this.sources.spend.ensure(b, w, this.calendar);
      spent = this.sources.spend.spent(b, w, this.calendar);
      this.spentIn.set(key, spent);
    }
    return spent;
  }

  /** Held by live reservations made in the window, for calls the budget's scope covers. */
  reserved(b: BudgetDefinition, w: WindowBounds, now: number): number {
    const key = `${b.id}:${w.start}`;
    let reserved = this.reservedIn.get(key);
    if (reserved === undefined) {
      reserved = this.sources.reservations.reservedFor(b, w, now);
      this.reservedIn.set(key, reserved);
    }
    return reserved;
  }

  /** A reservation of `amount` for `target` was made at `now`: it counts in every window it falls in. */
  held(target: BudgetTarget, amount: number, now: number): void {
    for (const b of this.budgets) {
      if (!b.hard || !appliesTo(b, target)) continue;
      const w = this.window(b, now);
      const key = w ? `${b.id}:${w.start}` : null;
      const before = key ? this.reservedIn.get(key) : undefined;
      // Not read yet: a later read of the table includes this hold already.
      if (key && before !== undefined) this.reservedIn.set(key, before + amount);
    }
  }
}
