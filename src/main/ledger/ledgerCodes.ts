/**
 * Small fixed vocabularies the ledger owns, stored as integers to keep rows small. The numbers are
 * persisted: never renumber or reuse one, only append. Vocabularies other rooms own (use cases,
 * strategies, error kinds, A/B arms, decision summaries) are interned in `ledger_labels` instead,
 * so a room can add or reorder its values without touching the ledger.
 */
export const REQUEST_STATUSES = ['ok', 'error', 'partial', 'cancelled', 'blocked'] as const;
export type RequestStatus = (typeof REQUEST_STATUSES)[number];

export const ATTEMPT_STATUSES = ['ok', 'error', 'partial', 'cancelled'] as const;
export type AttemptStatus = (typeof ATTEMPT_STATUSES)[number];

export const REQUEST_SOURCES = ['ui', 'http', 'cli', 'gateway'] as const;
export type RequestSource = (typeof REQUEST_SOURCES)[number];

/** Status codes: ok 0, error 1, partial 2, cancelled 3, blocked 4 (SQL in reports relies on these). */
export const statusCode = (s: RequestStatus | AttemptStatus): number => REQUEST_STATUSES.indexOf(s);
export const sourceCode = (s: RequestSource): number => REQUEST_SOURCES.indexOf(s);
export const statusName = (code: number): RequestStatus => REQUEST_STATUSES[code] ?? 'error';
export const sourceName = (code: number): RequestSource => REQUEST_SOURCES[code] ?? 'ui';

export const LABEL_KINDS = ['use_case', 'strategy', 'decision', 'arm', 'error_kind'] as const;
export type LabelKind = (typeof LABEL_KINDS)[number];

/**
 * Latency histogram buckets grow by 4 % (bucket b holds latencies with ln(ms + 1) / ln(1.04) in
 * [b, b + 1)), so a percentile read from the histogram is within ±2 % of the exact value while a
 * model's day needs only a few dozen rows. The same formula runs in SQL for raw rows.
 */
export const LATENCY_BUCKET_GROWTH = 1.04;
const LN_GROWTH = Math.log(LATENCY_BUCKET_GROWTH);
export const LATENCY_BUCKET_SQL = `CAST(ln(latency_ms + 1) / ${LN_GROWTH} AS INTEGER)`;

export const latencyBucket = (ms: number): number => Math.floor(Math.log(Math.max(0, ms) + 1) / LN_GROWTH);

/** The geometric middle of a bucket, in ms: what a percentile in that bucket reports. */
export const bucketMidpointMs = (bucket: number): number =>
  Math.max(0, Math.round(Math.exp((bucket + 0.5) * LN_GROWTH) - 1));
