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
  /** Keep each prompt's text in the ledger (otherwise only a hash). */
  storePrompts: z.boolean(),
  /** IANA time zone for calendar budget windows and report days. */
  timeZone: z.string().refine(isTimeZone, 'unknown IANA time zone (e.g. Europe/Berlin)'),
});
export type LedgerSettingsView = z.infer<typeof LedgerSettingsSchema>;

export const ledgerRoutes = {
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
