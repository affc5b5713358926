import type { EventBus } from '../core/eventBus';
import type { LedgerDatabase } from '../ledger/database';
import { Ledger, type LedgerOptions } from '../ledger/ledger';
import { BudgetService } from './budgetService';

const SWEEP_INTERVAL_MS = 60_000;
const CLEANUP_INTERVAL_MS = 6 * 3_600_000;

/**
 * The ledger and the budget room over one database, built together so the budget's
 * reconciliation hook is on the writer before the first request is recorded. Long-running shells
 * also sweep expired reservations every minute and apply retention every six hours (and once at
 * start); a CLI process does neither beyond what each reservation sweeps itself.
 */
export class LedgerRooms {
  private cleanupTimer: NodeJS.Timeout | null = null;

  private constructor(
    readonly ledger: Ledger,
    readonly budget: BudgetService,
  ) {}

  static open(
    database: LedgerDatabase,
    events: EventBus,
    longRunning: boolean,
    catalogPrice?: LedgerOptions['catalogPrice'],
  ): LedgerRooms {
    const ledger = new Ledger(database, catalogPrice ? { catalogPrice } : {});
    const budget = new BudgetService(ledger, {
      events,
      sweepIntervalMs: longRunning ? SWEEP_INTERVAL_MS : 0,
    });
    const rooms = new LedgerRooms(ledger, budget);
    if (longRunning) rooms.scheduleCleanup();
    return rooms;
  }

  close(): void {
    if (this.cleanupTimer) clearInterval(this.cleanupTimer);
    this.budget.close();
    this.ledger.close();
  }

  private scheduleCleanup(): void {
    const run = (): void => {
      if (!this.ledger.db.open) return;
      this.ledger.retention.cleanup().catch((e: unknown) => {
        console.error('[switchyard] ledger retention cleanup failed:', (e as Error).message);
      });
    };
    setImmediate(run).unref();
    this.cleanupTimer = setInterval(run, CLEANUP_INTERVAL_MS);
    this.cleanupTimer.unref();
  }
}
