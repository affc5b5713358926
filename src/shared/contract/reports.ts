import { z } from 'zod';
import { route } from './route';

/** An ISO date (a local day in the ledger's time zone) or date-time with offset. */
const instant = z.union([z.iso.date(), z.iso.datetime({ offset: true })]);

export const ReportRangeSchema = z.strictObject({
  /** Inclusive; absent = from the first request. */
  since: instant.optional(),
  /** Exclusive; absent = up to now. */
  until: instant.optional(),
});

export const REPORT_GROUPINGS = ['provider', 'model', 'use_case', 'day'] as const;
export const ReportGroupingSchema = z.enum(REPORT_GROUPINGS);
export type ReportGrouping = z.infer<typeof ReportGroupingSchema>;

export const ResolvedRangeSchema = z.object({
  since: z.string().nullable(),
  until: z.string().nullable(),
  timeZone: z.string(),
  /** True when part of the range lies beyond raw-row retention and whole days were counted. */
  approximate: z.boolean(),
});

const count = z.number().int();

export const SpendRowSchema = z.object({
  /** Provider id, `<provider>/<model>`, use case or YYYY-MM-DD; `none` for blocked or unlabelled. */
  key: z.string(),
  requests: count,
  costUsd: z.number(),
  tokensIn: count,
  tokensOut: count,
  errors: count,
  fallbacks: count,
  cacheHits: count,
  cacheSavedUsd: z.number(),
});
export type SpendRow = z.infer<typeof SpendRowSchema>;

export const ModelTotalsSchema = z.object({
  modelKey: z.string(),
  provider: z.string(),
  model: z.string(),
  requests: count,
  costUsd: z.number(),
  tokensIn: count,
  tokensOut: count,
  meanLatencyMs: z.number().nullable(),
  /** From a log-bucket histogram: within ±2 % of the exact percentile. */
  p50LatencyMs: z.number().nullable(),
  p95LatencyMs: z.number().nullable(),
  errorRate: z.number(),
  fallbackRate: z.number(),
});
export type ModelTotals = z.infer<typeof ModelTotalsSchema>;

export const OverviewSchema = z.object({
  range: ResolvedRangeSchema,
  requests: count,
  costUsd: z.number(),
  tokensIn: count,
  tokensOut: count,
  errors: count,
  blocked: count,
  partials: count,
  estimatedUsage: count,
  fallbackRate: z.number(),
  cache: z.object({ hits: count, hitRate: z.number(), savedUsd: z.number() }),
  /** What the same traffic would have cost on the baseline model (default: the priciest one used). */
  savings: z
    .object({
      baselineModel: z.string(),
      baselineCostUsd: z.number(),
      actualCostUsd: z.number(),
      savedUsd: z.number(),
    })
    .nullable(),
});
export type Overview = z.infer<typeof OverviewSchema>;

export const TopRequestSchema = z.object({
  id: count,
  startedAt: z.string(),
  provider: z.string().nullable(),
  model: z.string().nullable(),
  useCase: z.string().nullable(),
  status: z.string(),
  costUsd: z.number(),
  tokensIn: count,
  tokensOut: count,
  latencyMs: count,
  fallbackUsed: z.boolean(),
  cacheHit: z.boolean(),
});

export const TIMELINE_BUCKETS = ['hour', 'day', 'month'] as const;
export const TimelineBucketSchema = z.enum(TIMELINE_BUCKETS);
export type TimelineBucket = z.infer<typeof TimelineBucketSchema>;
/** Hourly buckets read raw rows, so their range is capped (and must lie within retention). */
export const MAX_HOURLY_RANGE_DAYS = 31;

/** One provider's share of one time bucket. */
export const TimelineRowSchema = z.object({
  /** Local `YYYY-MM-DDTHH:00` (hour), `YYYY-MM-DD` (day) or `YYYY-MM` (month). */
  bucket: z.string(),
  /** Provider id; `none` for requests blocked before any call. */
  provider: z.string(),
  requests: count,
  costUsd: z.number(),
  fallbacks: count,
  cacheSavedUsd: z.number(),
  /** What the same answered tokens would have cost on the baseline model (0 without a baseline). */
  baselineCostUsd: z.number(),
});
export type TimelineRow = z.infer<typeof TimelineRowSchema>;

export const reportsRoutes = {
  'reports.overview': route({
    kind: 'query',
    summary: 'Totals, fallback rate, cache hit rate and savings, and savings against a baseline model.',
    input: ReportRangeSchema.extend({ baselineModel: z.string().min(3).max(300).optional() }),
    output: OverviewSchema,
  }),
  'reports.spend': route({
    kind: 'query',
    summary: 'Spend over time (by day) or by provider, model or use case.',
    input: ReportRangeSchema.extend({ by: ReportGroupingSchema.default('day') }),
    output: z.object({
      range: ResolvedRangeSchema,
      by: ReportGroupingSchema,
      rows: z.array(SpendRowSchema),
      totalUsd: z.number(),
    }),
  }),
  'reports.timeline': route({
    kind: 'query',
    summary:
      'Spend over time per provider in hour, day or month buckets, with fallbacks, cache savings and the baseline cost.',
    input: ReportRangeSchema.extend({
      bucket: TimelineBucketSchema.default('day'),
      baselineModel: z.string().min(3).max(300).optional(),
    }),
    output: z.object({
      range: ResolvedRangeSchema,
      bucket: TimelineBucketSchema,
      /** The baseline the savings are measured against (default: the priciest model used); null when nothing was answered. */
      baselineModel: z.string().nullable(),
      rows: z.array(TimelineRowSchema),
      totalUsd: z.number(),
    }),
  }),
  'reports.models': route({
    kind: 'query',
    summary: 'Totals per model in one call: spend, tokens, latency p50/p95, error and fallback rates.',
    input: ReportRangeSchema,
    output: z.object({ range: ResolvedRangeSchema, models: z.array(ModelTotalsSchema) }),
  }),
  'reports.topRequests': route({
    kind: 'query',
    summary: 'The most expensive requests in the range (raw rows, so within retention).',
    // At most the length of the ledger's per-day list of dearest requests (TOP_PER_DAY).
    input: ReportRangeSchema.extend({ limit: z.number().int().min(1).max(200).default(10) }),
    output: z.object({ range: ResolvedRangeSchema, requests: z.array(TopRequestSchema) }),
  }),
  'reports.csv': route({
    kind: 'query',
    summary: 'CSV export: a spend report (by day, provider, model or use case) or the raw requests.',
    input: ReportRangeSchema.extend({
      kind: z.enum(['spend', 'requests']).default('spend'),
      by: ReportGroupingSchema.default('day'),
      limit: z.number().int().min(1).max(1_000_000).default(100_000),
    }),
    output: z.object({ csv: z.string(), rows: count }),
  }),
};
