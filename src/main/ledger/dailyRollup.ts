import type Database from 'better-sqlite3';
import { latencyBucket, statusCode } from './ledgerCodes';
import type { RequestRow } from './ledgerRow';
import type { LocalCalendar } from './localCalendar';

/** A committed request with its interned ids: what rollups and budget hooks see. */
export interface InsertedRequest {
  id: number;
  row: RequestRow;
  modelId: number | null;
  useCaseId: number | null;
}

const OK = statusCode('ok');
const ERROR = statusCode('error');
const PARTIAL = statusCode('partial');
const BLOCKED = statusCode('blocked');

/** Column order of the rollups after their key; `add` and the upserts use the same order. */
export const ROLLUP_COLUMNS = [
  'requests',
  'errors',
  'blocked',
  'partials',
  'fallbacks',
  'cache_hits',
  'estimated',
  'cost_nanos',
  'saved_nanos',
  'tokens_in',
  'tokens_out',
  'latency_ms_sum',
] as const;

/** day → (model · 2^20 + use case or bucket) → sums; numeric keys keep the hot loop allocation-free. */
type Sums = Map<number, Map<number, number[]>>;
const SPLIT = 1_048_576;

function slot(into: Sums, day: number, key: number, width: number): number[] {
  let ofDay = into.get(day);
  if (!ofDay) into.set(day, (ofDay = new Map()));
  let entry = ofDay.get(key);
  if (!entry) ofDay.set(key, (entry = new Array<number>(width).fill(0)));
  return entry;
}

function totalsUpsert(db: Database.Database, table: string, period: 'day' | 'month'): Database.Statement {
  const cols = ROLLUP_COLUMNS.join(', ');
  const updates = ROLLUP_COLUMNS.map((c) => `${c} = ${c} + excluded.${c}`).join(', ');
  return db.prepare(
    `INSERT INTO ${table} (${period}, model_id, use_case_id, ${cols})
     VALUES (?, ?, ?, ${ROLLUP_COLUMNS.map(() => '?').join(', ')})
     ON CONFLICT (${period}, model_id, use_case_id) DO UPDATE SET ${updates}`,
  );
}

function latencyUpsert(db: Database.Database, table: string, period: 'day' | 'month'): Database.Statement {
  return db.prepare(
    `INSERT INTO ${table} (${period}, model_id, bucket, requests) VALUES (?, ?, ?, ?)
     ON CONFLICT (${period}, model_id, bucket) DO UPDATE SET requests = requests + excluded.requests`,
  );
}

/**
 * Keeps the daily rollups current on every write: a batch is first summed in memory per (day,
 * model, use case) and per latency bucket, so thousands of rows cost a few dozen upserts. Monthly
 * rollups are folded from the daily ones when a month is over (MonthlyRollup); only a late row for
 * an already folded month is added to both here.
 */
export class DailyRollup {
  private readonly daily: Database.Statement;
  private readonly monthly: Database.Statement;
  private readonly latencyDaily: Database.Statement;
  private readonly latencyMonthly: Database.Statement;

  constructor(db: Database.Database) {
    this.daily = totalsUpsert(db, 'ledger_daily', 'day');
    this.monthly = totalsUpsert(db, 'ledger_monthly', 'month');
    this.latencyDaily = latencyUpsert(db, 'ledger_latency_daily', 'day');
    this.latencyMonthly = latencyUpsert(db, 'ledger_latency_monthly', 'month');
  }

  /** Returns the latest month (yyyymm) in the batch, 0 for an empty one. */
  add(batch: readonly InsertedRequest[], calendar: LocalCalendar, monthsThrough: number): number {
    const days: Sums = new Map();
    const latency: Sums = new Map();
    for (const { row, modelId, useCaseId } of batch) {
      const day = calendar.dayKey(row.startedAt);
      const t = slot(days, day, (modelId ?? 0) * SPLIT + (useCaseId ?? 0), ROLLUP_COLUMNS.length);
      t[0]! += 1;
      if (row.status === ERROR) t[1]! += 1;
      if (row.status === BLOCKED) t[2]! += 1;
      if (row.status === PARTIAL) t[3]! += 1;
      if (row.fallbackUsed) t[4]! += 1;
      if (row.cacheHit) t[5]! += 1;
      if (row.usageEstimated) t[6]! += 1;
      t[7]! += row.costNanos;
      t[8]! += row.savedNanos ?? 0;
      t[9]! += row.tokensIn;
      t[10]! += row.tokensOut;
      t[11]! += row.latencyMs;
      if (row.status === OK && modelId !== null && !row.cacheHit) {
        slot(latency, day, modelId * SPLIT + latencyBucket(row.latencyMs), 1)[0]! += 1;
      }
    }
    this.write(days, this.daily, this.monthly, monthsThrough);
    this.write(latency, this.latencyDaily, this.latencyMonthly, monthsThrough);
    return Math.floor(Math.max(0, ...days.keys()) / 100);
  }

  /** Upserts the day entries, and those of already folded months into their month too. */
  private write(
    days: Sums,
    daily: Database.Statement,
    monthly: Database.Statement,
    monthsThrough: number,
  ): void {
    const months: Sums = new Map();
    for (const [day, entries] of days) {
      const month = Math.floor(day / 100);
      for (const [key, sums] of entries) {
        daily.run(day, Math.floor(key / SPLIT), key % SPLIT, ...sums);
        if (month > monthsThrough) continue;
        const m = slot(months, month, key, sums.length);
        for (let i = 0; i < sums.length; i++) m[i]! += sums[i]!;
      }
    }
    for (const [month, entries] of months) {
      for (const [key, sums] of entries) monthly.run(month, Math.floor(key / SPLIT), key % SPLIT, ...sums);
    }
  }
}
