import { z } from 'zod';
import { route } from './route';

/** Checked with Intl so the renderer can validate too (no tz library in the shared code). */
const isTimeZone = (zone: string): boolean => {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
};

export const LedgerSettingsSchema = z.object({
  /** Raw request rows older than this are deleted by cleanup; daily aggregates are kept forever. */
  retentionDays: z.number().int().min(1).max(36_500),
  /**
   * Keep each prompt's text in the ledger (otherwise only a hash), with its complete answer: what
   * the similar-prompt cache can offer again.
   */
  storePrompts: z.boolean(),
  /** IANA time zone for calendar budget windows and report days. */
  timeZone: z.string().refine(isTimeZone, 'unknown IANA time zone (e.g. Europe/Berlin)'),
});
export type LedgerSettingsView = z.infer<typeof LedgerSettingsSchema>;

const count = z.number().int().min(0);
const epochOrIso = z.union([z.iso.date(), z.iso.datetime({ offset: true })]);

/** `<startedAt ms>_<id>`: the last row of a page; the next page starts strictly before it. */
export const LedgerCursorSchema = z.string().regex(/^\d{1,15}_\d{1,15}$/, 'expected a cursor from `next`');

export const LEDGER_REQUEST_STATUSES = ['ok', 'error', 'partial', 'cancelled', 'blocked'] as const;

/** A chat message as it was sent (stored only with `storePrompts`). */
export const StoredMessageSchema = z.object({
  role: z.enum(['system', 'user', 'assistant']),
  content: z.string(),
  /** Images that were attached to this message; only their number is kept, never their bytes. */
  images: z.number().int().positive().optional(),
});
export type StoredMessage = z.infer<typeof StoredMessageSchema>;

export const LedgerRequestSchema = z.object({
  id: count,
  startedAt: z.string(),
  source: z.enum(['ui', 'http', 'cli', 'gateway']),
  useCase: z.string().nullable(),
  strategy: z.string().nullable(),
  /** The routing decision's summary, e.g. `complexity tier "simple"`. */
  decision: z.string().nullable(),
  /** The model that answered; null when blocked before any call. */
  provider: z.string().nullable(),
  model: z.string().nullable(),
  status: z.enum(LEDGER_REQUEST_STATUSES),
  costUsd: z.number(),
  tokensIn: count,
  tokensOut: count,
  latencyMs: count,
  ttftMs: count.nullable(),
  cacheHit: z.boolean(),
  /** Answered from the similar-prompt cache: the stored request it reused and how similar (0–1). */
  similarTo: z.object({ requestId: count, similarity: z.number().min(0).max(1) }).nullable(),
  dedup: z.boolean(),
  fallbackUsed: z.boolean(),
  partial: z.boolean(),
  usageEstimated: z.boolean(),
  /** False when the prompt was not kept (setting `storePrompts` off at the time). */
  promptStored: z.boolean(),
  /** The messages as sent (last one usually the user's prompt); null unless `promptStored`. */
  prompt: z.array(StoredMessageSchema).nullable(),
});
export type LedgerRequest = z.infer<typeof LedgerRequestSchema>;

export const LedgerAttemptSchema = z.object({
  n: count,
  provider: z.string(),
  model: z.string(),
  status: z.enum(['ok', 'error', 'partial', 'cancelled']),
  errorKind: z.string().nullable(),
  latencyMs: count,
  tokensIn: count,
  tokensOut: count,
  tokensCached: count.nullable(),
  costUsd: z.number(),
  usageEstimated: z.boolean(),
});
export type LedgerAttempt = z.infer<typeof LedgerAttemptSchema>;

export const LedgerRequestsInputSchema = z.strictObject({
  limit: z.number().int().min(1).max(200).default(50),
  /** The `next` of the previous page. */
  before: LedgerCursorSchema.optional(),
  /** Inclusive; an ISO date (local day in the ledger's time zone) or date-time with offset. */
  since: epochOrIso.optional(),
  /** Exclusive. */
  until: epochOrIso.optional(),
});
export type LedgerRequestsInput = z.input<typeof LedgerRequestsInputSchema>;

export const ledgerRoutes = {
  'ledger.requests': route({
    kind: 'query',
    summary: "Recent requests, newest first, in pages (`before` = the previous page's `next`).",
    input: LedgerRequestsInputSchema,
    output: z.object({ requests: z.array(LedgerRequestSchema), next: LedgerCursorSchema.nullable() }),
  }),
  'ledger.request': route({
    kind: 'query',
    summary:
      'One request with every attempt it made, by ledger id or by the request id the gateway answered with ' +
      '(`x-switchyard-request-id`); NOT_FOUND when retention removed it.',
    input: z
      .strictObject({
        id: z.number().int().min(1).optional(),
        requestKey: z.string().min(1).max(100).optional(),
      })
      .refine((i) => (i.id === undefined) !== (i.requestKey === undefined), {
        message: 'give either id or requestKey',
      }),
    output: LedgerRequestSchema.extend({ attempts: z.array(LedgerAttemptSchema) }),
  }),
  'ledger.settings': route({
    kind: 'query',
    summary: 'Retention, prompt storage and the time zone of budget windows and report days.',
    input: z.strictObject({}),
    output: LedgerSettingsSchema,
  }),
  'ledger.updateSettings': route({
    kind: 'command',
    summary: 'Change ledger settings; only the fields given change.',
    input: LedgerSettingsSchema.partial().strict(),
    output: LedgerSettingsSchema,
  }),
  'ledger.cleanup': route({
    kind: 'command',
    summary: 'Delete raw rows older than the retention period now (aggregates are kept).',
    input: z.strictObject({}),
    output: z.object({ deletedRequests: z.number().int(), cutoff: z.string() }),
  }),
};
