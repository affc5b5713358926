/** What other rooms use of the ledger: recording requests, stream spend, prices and reports. */
export { Ledger, type LedgerOptions } from './ledger';
export type {
  AttemptRecord,
  CacheHitRecord,
  LedgerReceipt,
  RecordOptions,
  ReportedUsage,
  RequestRecord,
} from './ledgerEntry';
export type { AttemptStatus, RequestSource, RequestStatus } from './ledgerCodes';
export { StreamSpendMeter, roughTokenCount } from './streamSpend';
export { costNanos, nanosToUsd, unitPricesFor, usdToNanos, type UnitPrices } from './money';
export { LocalCalendar } from './localCalendar';
