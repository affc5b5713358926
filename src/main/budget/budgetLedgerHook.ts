import type { BudgetAlert } from '../../shared/contract/budget';
import type { InsertedRequest } from '../ledger/dailyRollup';
import type { LedgerBatchHook } from '../ledger/ledgerWriter';
import type { RequestRow } from '../ledger/ledgerRow';
import type { LocalCalendar } from '../ledger/localCalendar';
import type { BudgetAlertBook } from './budgetAlerts';
import type { BudgetBook } from './budgetBook';
import type { BudgetSpend } from './budgetSpend';
import { appliesTo, type BudgetDefinition, type BudgetTarget } from './budgetTypes';
import { windowAt, type WindowBounds } from './budgetWindow';
import type { ReservationTable } from './reservationTable';

const targetOfRow = (row: RequestRow): BudgetTarget | null =>
  row.provider === null || row.model === null || row.costNanos === 0
    ? null
    : { provider: row.provider, modelKey: `${row.provider}/${row.model}`, useCase: row.useCase };

/** Windows of one batch, per budget: rows of a batch nearly always share them, and luxon is not free. */
class WindowMemo {
  private readonly last = new Map<number, WindowBounds>();
  constructor(private readonly calendar: LocalCalendar) {}

  of(b: BudgetDefinition, at: number): WindowBounds | null {
    const w = this.last.get(b.id);
    if (w && at >= w.start && at < w.end) return w;
    const fresh = windowAt(b.window, at, this.calendar);
    if (fresh) this.last.set(b.id, fresh);
    return fresh;
  }
}

/**
 * Reconciliation, inside the ledger's write transaction: the rows' reservations are deleted and
 * their actual cost is added to every matching budget window, so at no instant is a call counted
 * twice or not at all. Crossed thresholds are raised as alerts, emitted only after commit.
 */
export class BudgetLedgerHook implements LedgerBatchHook {
  constructor(
    private readonly book: BudgetBook,
    private readonly spend: BudgetSpend,
    private readonly reservations: ReservationTable,
    private readonly alerts: BudgetAlertBook,
    private readonly emit: (alert: BudgetAlert) => void,
    private readonly now: () => number,
  ) {}

  beforeInsert(rows: readonly RequestRow[], calendar: LocalCalendar): void {
    const budgets = this.book.list().filter((b) => b.window !== 'per_request');
    if (budgets.length === 0) return;
    const memo = new WindowMemo(calendar);
    for (const row of rows) {
      const target = targetOfRow(row);
      if (!target) continue;
      for (const b of budgets) {
        const w = appliesTo(b, target) ? memo.of(b, row.startedAt) : null;
        if (w) this.spend.ensure(b, w, calendar);
      }
    }
  }

  afterInsert(batch: readonly InsertedRequest[], calendar: LocalCalendar): (() => void) | void {
    for (const { row } of batch) if (row.reservationId !== null) this.reservations.delete(row.reservationId);
    const budgets = this.book.list().filter((b) => b.window !== 'per_request');
    if (budgets.length === 0) return;
    const memo = new WindowMemo(calendar);
    // Per budget, the windows of this batch (nearly always one) and what they received.
    const added = new Map<BudgetDefinition, Map<WindowBounds, number>>();
    for (const { row } of batch) {
      const target = targetOfRow(row);
      if (!target) continue;
      for (const b of budgets) {
        const w = appliesTo(b, target) ? memo.of(b, row.startedAt) : null;
        if (!w) continue;
        let windows = added.get(b);
        if (!windows) added.set(b, (windows = new Map()));
        windows.set(w, (windows.get(w) ?? 0) + row.costNanos);
      }
    }
    const raised: BudgetAlert[] = [];
    const now = this.now();
    for (const [b, windows] of added) {
      for (const [w, nanos] of windows) {
        this.spend.add(b.id, w.start, nanos);
        raised.push(...this.alerts.check(b, w, this.spend.spent(b, w, calendar), now, calendar));
      }
    }
    if (raised.length > 0) return () => raised.forEach(this.emit);
  }

  rolledBack(): void {
    this.spend.forget();
    this.alerts.forget();
  }
}
