import type Database from 'better-sqlite3';
import type { ModelPrice } from '../../shared/contract/catalog';
import type { BudgetPolicy } from '../../shared/contract/budget';
import { isSwitchyardError } from '../core/errors';
import { dbUnavailable } from '../ledger/dbErrors';
import type { LedgerSettingsStore } from '../ledger/ledgerSettings';
import { costNanos, nanosToUsd, unitPricesFor } from '../ledger/money';
import type { BudgetBook } from './budgetBook';
import { budgetExceeded, type BudgetShortfall } from './budgetExceeded';
import type { BudgetSpend } from './budgetSpend';
import { appliesTo, type BudgetDefinition, type BudgetTarget } from './budgetTypes';
import { windowAt } from './budgetWindow';
import type { ReservationTable } from './reservationTable';
import { ReservationView } from './reservationView';

export interface ReservationRequest {
  provider: string;
  model: string;
  useCase?: string | null;
  /** The routing estimate of the prompt. */
  estimatedInputTokens: number;
  /** The output cap sent to the provider: the most the call can produce. */
  maxOutputTokens: number;
  /** The model's catalog price now. */
  price: ModelPrice;
  /** How long the reservation holds if the caller never reconciles it (crash, lost request). */
  ttlMs?: number;
}

/** Budget held for one call in flight until its ledger row replaces it. */
export interface BudgetReservation {
  id: number;
  modelKey: string;
  amountNanos: number;
  amountUsd: number;
  expiresAt: number;
}

/** What routing may spend on one call to a model now (BudgetPolicyView). */
export interface BudgetHeadroom {
  /** The most one call may cost under every hard budget that applies; null = none applies. */
  remainingUsd: number | null;
  remainingNanos: number | null;
  /** What the tightest budget does to a call that does not fit. */
  policy: BudgetPolicy | null;
  limitedBy: Pick<BudgetDefinition, 'id' | 'scope' | 'value' | 'window'> | null;
}

export const DEFAULT_RESERVATION_TTL_MS = 15 * 60_000;

/**
 * The most a call can cost: the input estimate with a 10 % + 16-token margin (token estimates
 * run a little under some providers' counts, and a hard cap must hold anyway) plus the full
 * output cap, at the model's current price.
 */
export function maxCallCostNanos(
  r: Pick<ReservationRequest, 'estimatedInputTokens' | 'maxOutputTokens' | 'price'>,
): number {
  const input = Math.ceil(r.estimatedInputTokens * 1.1) + 16;
  return costNanos(
    { inputTokens: input, outputTokens: r.maxOutputTokens, cachedInputTokens: 0 },
    unitPricesFor(r.price, input),
  );
}

export const targetOf = (r: Pick<ReservationRequest, 'provider' | 'model' | 'useCase'>): BudgetTarget => ({
  provider: r.provider,
  modelKey: `${r.provider}/${r.model}`,
  useCase: r.useCase ?? null,
});

/**
 * Admission against hard budgets. The check and the reservation it admits are one BEGIN
 * IMMEDIATE transaction, which takes SQLite's write lock first: two processes (the app and a CLI
 * run) or two calls cannot both read the same headroom and both spend it.
 */
export class BudgetGate {
  private readonly reserveTx: (req: ReservationRequest) => BudgetReservation;
  private readonly batchTx: (work: () => void) => void;
  private readonly retargetTx: (id: number, req: ReservationRequest) => BudgetReservation;
  /** The view of the batch transaction running now (`inOneTransaction`); null outside one. */
  private batchView: ReservationView | null = null;

  constructor(
    db: Database.Database,
    private readonly path: string,
    private readonly book: BudgetBook,
    private readonly spend: BudgetSpend,
    private readonly reservations: ReservationTable,
    private readonly settings: LedgerSettingsStore,
    private readonly now: () => number,
  ) {
    const tx = db.transaction((req: ReservationRequest) => this.reserveInTransaction(req));
    this.reserveTx = (req) => tx.immediate(req);
    const retarget = db.transaction((id: number, req: ReservationRequest) => {
      // The request's own hold stops counting while its replacement is checked; if the new model
      // does not fit, the throw rolls the delete back and the old hold stands.
      this.reservations.delete(id);
      return this.reserveInTransaction(req);
    });
    this.retargetTx = (id, req) => retarget.immediate(id, req);
    const batch = db.transaction((work: () => void) => {
      this.reservations.sweep(this.now());
      this.batchView = this.view();
      try {
        work();
      } finally {
        this.batchView = null;
      }
    });
    this.batchTx = (work) => batch.immediate(work);
  }

  private view(): ReservationView {
    return new ReservationView({
      book: this.book,
      spend: this.spend,
      reservations: this.reservations,
      settings: this.settings,
    });
  }

  /**
   * Runs `work` (reservations, each then a savepoint) in one BEGIN IMMEDIATE transaction; a batch
   * that cannot commit throws DB_UNAVAILABLE and leaves no hold behind.
   */
  inOneTransaction(doing: string, work: () => void): void {
    try {
      this.batchTx(work);
    } catch (e) {
      this.spend.forget();
      throw dbUnavailable(e, this.path, doing);
    }
  }

  /**
   * Moves a request's hold to another model (a fallback) in one transaction: the new model's maximum
   * cost is checked against every hard budget that applies to it — its provider's and model's too —
   * exactly as a fresh reservation would be, so a fallback can never overshoot a cap, however many
   * requests fall back at once. Throws BUDGET_EXCEEDED and keeps the old hold when it does not fit.
   */
  retarget(id: number, req: ReservationRequest): BudgetReservation {
    try {
      return this.retargetTx(id, req);
    } catch (e) {
      this.spend.forget();
      if (isSwitchyardError(e) && e.code === 'BUDGET_EXCEEDED') throw e;
      throw dbUnavailable(e, this.path, 'move the budget hold to the fallback model');
    }
  }

  /** Reserves the call's maximum cost, or throws BUDGET_EXCEEDED (details.policy says downgrade or block). */
  reserve(req: ReservationRequest): BudgetReservation {
    try {
      return this.reserveTx(req);
    } catch (e) {
      this.spend.forget();
      if (isSwitchyardError(e) && e.code === 'BUDGET_EXCEEDED') throw e;
      throw dbUnavailable(e, this.path, 'check the budget before the call');
    }
  }

  release(id: number): boolean {
    return this.reservations.delete(id);
  }

  sweep(): number {
    return this.reservations.sweep(this.now());
  }

  /** Whether any hard budget has this policy (one cached list; no spend queries). */
  hasHardBudget(policy: BudgetDefinition['policy']): boolean {
    return this.book.list().some((b) => b.hard && b.policy === policy);
  }

  headroom(target: BudgetTarget): BudgetHeadroom {
    const now = this.now();
    const calendar = this.settings.currentCalendar();
    let best: { nanos: number; b: BudgetDefinition } | null = null;
    for (const b of this.book.list()) {
      if (!b.hard || !appliesTo(b, target)) continue;
      const w = windowAt(b.window, now, calendar);
      const left = w
        ? b.limitNanos - this.spend.spent(b, w, calendar) - this.reservations.reservedFor(b, w, now)
        : b.limitNanos;
      if (!best || left < best.nanos) best = { nanos: Math.max(0, left), b };
    }
    if (!best) return { remainingUsd: null, remainingNanos: null, policy: null, limitedBy: null };
    const { id, scope, value, window } = best.b;
    return {
      remainingUsd: nanosToUsd(best.nanos),
      remainingNanos: best.nanos,
      policy: best.b.policy,
      limitedBy: { id, scope, value, window },
    };
  }

  private reserveInTransaction(req: ReservationRequest): BudgetReservation {
    const now = this.now();
    let view = this.batchView;
    if (!view) {
      this.reservations.sweep(now);
      view = this.view();
    }
    const target = targetOf(req);
    const amount = maxCallCostNanos(req);
    const shortfalls = this.shortfalls(view, target, amount, now);
    if (shortfalls.length > 0) throw budgetExceeded(shortfalls, amount, view.calendar, target.modelKey);
    const expiresAt = now + (req.ttlMs ?? DEFAULT_RESERVATION_TTL_MS);
    const id = this.reservations.insert(target, amount, now, expiresAt);
    view.held(target, amount, now);
    return { id, modelKey: target.modelKey, amountNanos: amount, amountUsd: nanosToUsd(amount), expiresAt };
  }

  private shortfalls(
    view: ReservationView,
    target: BudgetTarget,
    amount: number,
    now: number,
  ): BudgetShortfall[] {
    const out: BudgetShortfall[] = [];
    for (const b of view.budgets) {
      if (!b.hard || !appliesTo(b, target)) continue;
      const w = view.window(b, now);
      if (!w) {
        if (amount > b.limitNanos)
          out.push({
            budget: b,
            window: null,
            spentNanos: 0,
            reservedNanos: 0,
            remainingNanos: b.limitNanos,
          });
        continue;
      }
      const spent = view.spent(b, w);
      const reserved = view.reserved(b, w, now);
      if (spent + reserved + amount > b.limitNanos) {
        out.push({
          budget: b,
          window: w,
          spentNanos: spent,
          reservedNanos: reserved,
          remainingNanos: Math.max(0, b.limitNanos - spent - reserved),
        });
      }
    }
    return out;
  }
}
