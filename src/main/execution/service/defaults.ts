import type { ModelPrice } from '../../../shared/contract/catalog';
import type { EventBus } from '../../core/eventBus';
import type { RecordOptions, RequestRecord } from '../../ledger/ledgerEntry';
import type { AttemptRecorder, PriceBook, ProviderStatusSink, SpendAdmission, SpendGuard } from './ports';

/** An admission that holds nothing, saying why in the result's `budget.note`. */
export const unbudgeted = (modelKey: string, note: string): SpendAdmission => ({
  reservationId: null,
  modelKey,
  downgraded: false,
  enforced: false,
  note,
  covers: () => true,
});

/**
 * Where no budget room is connected: nothing is reserved, and every result says so in
 * `budget.note` (the UI shows it), instead of pretending a budget was checked.
 */
export const unenforcedSpendGuard: SpendGuard = {
  admit: (r) =>
    unbudgeted(
      r.chain[0]?.modelKey ?? '',
      'No budget was checked: the budget room is not connected to execution in this build.',
    ),
  release: () => {},
};

/**
 * Where no ledger is connected: the last requests are kept in memory (tests read them), and
 * nothing survives the process. The service's results say `recorded: memory` through this name.
 */
export class MemoryAttemptRecorder implements AttemptRecorder {
  readonly records: Array<{ request: RequestRecord; options: RecordOptions }> = [];
  constructor(private readonly limit = 1_000) {}

  async record(request: RequestRecord, options: RecordOptions = {}): Promise<void> {
    this.records.push({ request, options });
    if (this.records.length > this.limit) this.records.shift();
  }
}

/** Tells every window through the `health.keyRejected` event. */
export const eventStatusSink = (events: EventBus): ProviderStatusSink => ({
  keyRejected: (e) => events.emit('health.keyRejected', e),
});

/** Prices from any catalog with `get(modelKey)` (the routing room's ModelCatalog). */
export const catalogPriceBook = (catalog: {
  get(key: string): { price: ModelPrice } | undefined;
}): PriceBook => ({
  price: (key) => catalog.get(key)?.price ?? null,
});
