import type { BudgetAlert, BudgetInput, BudgetStatus } from '../../shared/contract/budget';
import type { z } from 'zod';
import type { BudgetInputSchema } from '../../shared/contract/budget';
import type { EventBus } from '../core/eventBus';
import type { Ledger } from '../ledger/ledger';
import { withDatabase } from '../ledger/dbErrors';
import { nanosToUsd, usdToNanos } from '../ledger/money';
import { AdmissionQueue } from './admissionQueue';
import { admit, type Admission, type AdmissionRequest } from './budgetAdmission';
import { BudgetAlertBook } from './budgetAlerts';
import { BudgetBook } from './budgetBook';
import {
  BudgetGate,
  type BudgetHeadroom,
  type BudgetReservation,
  type ReservationRequest,
} from './budgetGate';
import { BudgetLedgerHook } from './budgetLedgerHook';
import type { BudgetPolicyView } from './budgetPolicyView';
import { BudgetSpend } from './budgetSpend';
import type { BudgetDefinition, BudgetTarget } from './budgetTypes';
import { windowAt } from './budgetWindow';
import { ReservationTable } from './reservationTable';

export type ParsedBudgetInput = z.output<typeof BudgetInputSchema>;
export type { BudgetInput };

export interface BudgetServiceOptions {
  events?: EventBus | null;
  now?: () => number;
  /** How often expired reservations are swept while the app runs (0 = only on start and on use). */
  sweepIntervalMs?: number;
}

/**
 * The budget room: limits by scope and window, reservations before a call, reconciliation with
 * the ledger after it, alerts, and the downgrade/block policy. Registers itself on the ledger's
 * writer so every recorded request settles its reservation in the same transaction.
 */
export class BudgetService implements BudgetPolicyView {
  private readonly book: BudgetBook;
  private readonly spend: BudgetSpend;
  private readonly reservations: ReservationTable;
  private readonly alerts: BudgetAlertBook;
  private readonly gate: BudgetGate;
  private readonly admissions: AdmissionQueue;
  private readonly now: () => number;
  private sweepTimer: NodeJS.Timeout | null = null;

  constructor(
    private readonly ledger: Ledger,
    options: BudgetServiceOptions = {},
  ) {
    const db = ledger.db;
    this.now = options.now ?? Date.now;
    this.book = new BudgetBook(db);
    this.spend = new BudgetSpend(db, ledger.scopedSpend);
    this.reservations = new ReservationTable(db);
    this.alerts = new BudgetAlertBook(db);
    this.gate = new BudgetGate(
      db,
      ledger.path,
      this.book,
      this.spend,
      this.reservations,
      ledger.settings,
      this.now,
    );
    this.admissions = new AdmissionQueue(this.gate);
    const emit = (alert: BudgetAlert): void => options.events?.emit('budget.alert', alert);
    ledger.writer.addHook(
      new BudgetLedgerHook(this.book, this.spend, this.reservations, this.alerts, emit, this.now),
    );
    this.gate.sweep();
    if (options.sweepIntervalMs) {
      this.sweepTimer = setInterval(() => this.sweepQuietly(), options.sweepIntervalMs);
      this.sweepTimer.unref();
    }
  }

  list(): { budgets: BudgetStatus[]; timeZone: string } {
    return {
      budgets: this.book.list().map((b) => this.status(b)),
      timeZone: this.ledger.settings.get().timeZone,
    };
  }

  set(input: ParsedBudgetInput): { budget: BudgetStatus; created: boolean } {
    return this.guard('save the budget', () => this.upsert(input));
  }

  delete(id: number): boolean {
    return this.guard('delete the budget', () => this.book.delete(id));
  }

  private upsert(input: ParsedBudgetInput): { budget: BudgetStatus; created: boolean } {
    const { budget, created, previous } = this.book.upsert(
      {
        scope: input.scope,
        value: input.value ?? null,
        window: input.window,
        limitNanos: usdToNanos(input.limitUsd),
        hard: input.mode === 'hard',
        warnPercent: input.warnPercent,
        policy: input.policy,
      },
      this.now(),
    );
    if (previous) this.rearmAlerts(budget);
    return { budget: this.status(budget), created };
  }

  /** Reserve the call's maximum cost; throws BUDGET_EXCEEDED (details.policy: downgrade | block). */
  reserve(req: ReservationRequest): BudgetReservation {
    return this.gate.reserve(req);
  }

  /** Move a request's hold to a fallback model; throws BUDGET_EXCEEDED (old hold kept) if it does not fit. */
  retarget(reservation: Pick<BudgetReservation, 'id'>, req: ReservationRequest): BudgetReservation {
    return this.gate.retarget(reservation.id, req);
  }

  /** Reserve for the preferred model, downgrading to the cheapest candidate that fits if policy allows. */
  admit(req: AdmissionRequest): Admission {
    return admit(this.gate, req);
  }

  /** `admit`, made with the other admissions of this event-loop turn in one transaction (`AdmissionQueue`). */
  admitQueued(req: AdmissionRequest): Promise<Admission> {
    return this.admissions.admit(req);
  }

  /** The call never happened (or was never billed): stop holding its budget now. */
  release(reservation: Pick<BudgetReservation, 'id'>): boolean {
    return this.guard('release the reservation', () => this.gate.release(reservation.id));
  }

  headroom(target: BudgetTarget): BudgetHeadroom {
    return this.guard('read the budgets', () => this.gate.headroom(target));
  }

  hasDowngradeBudget(): boolean {
    return this.guard('read the budgets', () => this.gate.hasHardBudget('downgrade'));
  }

  sweep(): number {
    return this.guard('sweep expired reservations', () => this.gate.sweep());
  }

  close(): void {
    if (this.sweepTimer) clearInterval(this.sweepTimer);
    this.sweepTimer = null;
  }

  private status(b: BudgetDefinition): BudgetStatus {
    const calendar = this.ledger.settings.currentCalendar();
    const now = this.now();
    const w = windowAt(b.window, now, calendar);
    const spent = w ? this.spend.spent(b, w, calendar) : 0;
    const reserved = w ? this.reservations.reservedFor(b, w, now) : 0;
    return {
      id: b.id,
      scope: b.scope,
      value: b.value,
      window: b.window,
      limitUsd: nanosToUsd(b.limitNanos),
      mode: b.hard ? 'hard' : 'soft',
      warnPercent: b.warnPercent,
      policy: b.policy,
      current: w
        ? {
            windowStart: w.start === 0 ? null : calendar.formatInstant(w.start),
            windowEnd: w.end >= Number.MAX_SAFE_INTEGER ? null : calendar.formatInstant(w.end),
            spentUsd: nanosToUsd(spent),
            reservedUsd: nanosToUsd(reserved),
            remainingUsd: nanosToUsd(Math.max(0, b.limitNanos - spent - reserved)),
            percent: Math.round((spent / b.limitNanos) * 1000) / 10,
          }
        : null,
    };
  }

  private rearmAlerts(b: BudgetDefinition): void {
    const calendar = this.ledger.settings.currentCalendar();
    const w = windowAt(b.window, this.now(), calendar);
    if (w) this.alerts.rearm(b, w, this.spend.spent(b, w, calendar));
  }

  private guard<T>(doing: string, fn: () => T): T {
    return withDatabase(this.ledger.path, doing, fn);
  }

  private sweepQuietly(): void {
    try {
      this.gate.sweep();
    } catch {
      // The database may be unavailable for a while; the next reservation sweeps too.
    }
  }
}
