import type Database from 'better-sqlite3';
import {
  MAX_HOURLY_RANGE_DAYS,
  type ReportGrouping,
  type SpendRow,
  type TimelineBucket,
} from '../../../shared/contract/reports';
import { parseModelKey } from '../../../shared/providers';
import { SwitchyardError } from '../../core/errors';
import { withDatabase } from '../dbErrors';
import type { LedgerSettingsStore } from '../ledgerSettings';
import type { LocalCalendar } from '../localCalendar';
import { RollupExtentStore } from '../rollupExtent';
import { toCsv } from './csv';
import { OverviewQuery, type BaselinePrice } from './overviewQuery';
import { planParams, planRange, type ReportRange } from './rangePlan';
import { ReportMemo } from './reportMemo';
import { RequestQueries } from './requestQueries';
import { SpendQueries } from './spendQueries';
import { TimelineQuery } from './timelineQuery';

export interface RangeInput {
  since?: string;
  until?: string;
}

export interface ResolvedRange {
  since: string | null;
  until: string | null;
  timeZone: string;
  approximate: boolean;
}

/** The dashboards' queries over the ledger. Every aggregate runs in SQLite (see reportFacts.ts). */
export class LedgerReports {
  private readonly spendQueries: SpendQueries;
  private readonly overviewQuery: OverviewQuery;
  private readonly requestQueries: RequestQueries;
  private readonly timelineQuery: TimelineQuery;
  private readonly extent: RollupExtentStore;
  private readonly memo: ReportMemo;

  private readonly path: string;

  constructor(
    db: Database.Database,
    private readonly settings: LedgerSettingsStore,
    /** The catalog's current price of a model, for a baseline the ledger has never seen (optional). */
    private readonly catalogPrice: (modelKey: string) => BaselinePrice | null = () => null,
  ) {
    this.spendQueries = new SpendQueries(db);
    this.overviewQuery = new OverviewQuery(db);
    this.requestQueries = new RequestQueries(db);
    this.timelineQuery = new TimelineQuery(db);
    this.extent = new RollupExtentStore(db);
    this.memo = new ReportMemo(db);
    this.path = db.name;
  }

  overview(input: RangeInput & { baselineModel?: string }) {
    return this.read('overview', input, () => {
      const r = this.resolve(input);
      const baseline = input.baselineModel ? this.baselinePrice(input.baselineModel) : null;
      return { range: r.resolved, ...this.overviewQuery.run(r.params, baseline) };
    });
  }

  spend(input: RangeInput & { by: ReportGrouping }) {
    return this.read('spend', input, () => {
      const r = this.resolve(input, input.by === 'day');
      const rows = this.spendQueries.spend(input.by, r.params);
      const totalUsd = rows.reduce((sum, row) => sum + row.costUsd, 0);
      return { range: r.resolved, by: input.by, rows, totalUsd };
    });
  }

  timeline(input: RangeInput & { bucket: TimelineBucket; baselineModel?: string }) {
    // Hourly buckets up to "now" (no `until`) move with the clock, not only with the ledger.
    const key = input.bucket === 'hour' && input.until === undefined ? null : 'timeline';
    return this.read(key, input, () => {
      const r = this.resolve(input, input.bucket === 'day');
      const calendar = this.settings.currentCalendar();
      const baseline = input.baselineModel
        ? this.baselinePrice(input.baselineModel)
        : this.overviewQuery.priciestUsed(r.params);
      let rows;
      let range = r.resolved;
      if (input.bucket === 'hour') {
        const [since, until] = hourlyBounds(r.since, r.until ?? Date.now());
        rows = this.timelineQuery.byHour(since, until, baseline, calendar);
        range = { ...range, approximate: since < this.extent.read().rawFrom };
      } else {
        rows = this.timelineQuery.byDayOrMonth(input.bucket, r.params, baseline, calendar);
      }
      const totalUsd = rows.reduce((sum, row) => sum + row.costUsd, 0);
      return { range, bucket: input.bucket, baselineModel: baseline?.modelKey ?? null, rows, totalUsd };
    });
  }

  models(input: RangeInput) {
    return this.read('models', input, () => {
      const r = this.resolve(input);
      return { range: r.resolved, models: this.spendQueries.models(r.params) };
    });
  }

  topRequests(input: RangeInput & { limit: number }) {
    return this.read('topRequests', input, () => {
      const r = this.resolve(input, true);
      return { range: r.resolved, requests: this.requestQueries.top(r.params, input.limit) };
    });
  }

  csv(input: RangeInput & { kind: 'spend' | 'requests'; by: ReportGrouping; limit: number }) {
    if (input.kind === 'spend') {
      const rows = this.spend(input).rows.slice(0, input.limit);
      return { csv: spendCsv(input.by, rows), rows: rows.length };
    }
    return this.read(null, input, () => {
      const r = this.resolve(input);
      return this.requestQueries.exportCsv(r.since ?? 0, r.until ?? Number.MAX_SAFE_INTEGER, input.limit);
    });
  }

  /**
   * Runs a report, or returns its answer from the memo when the ledger has not changed since it
   * was computed (`ReportMemo`). `report` null: not memoized. A baseline named by the caller may be
   * priced from the catalog, which can change without the ledger, so those answers are not kept.
   */
  private read<T extends object>(
    report: string | null,
    input: RangeInput & { baselineModel?: string },
    fn: () => T,
  ): T {
    return withDatabase(this.path, 'read the report', () =>
      report === null || input.baselineModel !== undefined
        ? fn()
        : this.memo.answer(`${report} ${JSON.stringify(input)}`, fn),
    );
  }

  private baselinePrice(modelKey: string): BaselinePrice {
    const ref = parseModelKey(modelKey);
    const price = ref
      ? (this.overviewQuery.lastKnownPrice(ref.provider, ref.model) ?? this.catalogPrice(modelKey))
      : null;
    if (!price) {
      throw new SwitchyardError(
        'NOT_FOUND',
        `No price is known for the baseline model "${modelKey}"; use a <provider>/<model> from the catalog.`,
      );
    }
    return price;
  }

  private resolve(input: RangeInput, byDay = false) {
    const calendar = this.settings.currentCalendar();
    const since = parseInstant(calendar, input.since, 'since');
    const until = parseInstant(calendar, input.until, 'until');
    if (since !== null && until !== null && until <= since) {
      throw new SwitchyardError(
        'VALIDATION_FAILED',
        'The report range is empty: "until" must be after "since".',
      );
    }
    const range: ReportRange = { since, until };
    const plan = planRange(range, calendar, this.extent.read(), byDay);
    const resolved: ResolvedRange = {
      since: since === null ? null : calendar.formatInstant(since),
      until: until === null ? null : calendar.formatInstant(until),
      timeZone: calendar.timeZone,
      approximate: plan.approximate,
    };
    return { since, until, params: planParams(plan), resolved };
  }
}

/** Hourly buckets read raw rows: the range must be bounded and at most MAX_HOURLY_RANGE_DAYS long. */
function hourlyBounds(since: number | null, until: number): [number, number] {
  if (since === null || until - since > MAX_HOURLY_RANGE_DAYS * 86_400_000) {
    throw new SwitchyardError(
      'VALIDATION_FAILED',
      `Hourly buckets cover at most ${MAX_HOURLY_RANGE_DAYS} days; give "since" (and "until") or pick day buckets.`,
    );
  }
  return [since, until];
}

function parseInstant(calendar: LocalCalendar, value: string | undefined, name: string): number | null {
  if (value === undefined) return null;
  const ms = calendar.parse(value);
  if (ms === null)
    throw new SwitchyardError('VALIDATION_FAILED', `"${name}" is not an ISO date or date-time.`);
  return ms;
}

function spendCsv(by: ReportGrouping, rows: SpendRow[]): string {
  const header = [
    by,
    'requests',
    'cost_usd',
    'tokens_in',
    'tokens_out',
    'errors',
    'fallbacks',
    'cache_hits',
    'cache_saved_usd',
  ];
  const usd = (v: number): string => v.toFixed(9);
  return toCsv(
    header,
    rows.map((r) => [
      r.key,
      r.requests,
      usd(r.costUsd),
      r.tokensIn,
      r.tokensOut,
      r.errors,
      r.fallbacks,
      r.cacheHits,
      usd(r.cacheSavedUsd),
    ]),
  );
}
