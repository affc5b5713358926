import { z } from 'zod';
import { route } from './route';

/**
 * Things a person should notice without looking: a budget past its warning threshold or used up,
 * a model whose circuit opened. Each is raised once per crossing (a budget window's threshold, a
 * circuit going from closed to open) and kept in the ledger until it is read.
 */
export const ALERT_KINDS = ['budget_warning', 'budget_exceeded', 'circuit_open'] as const;
export const AlertKindSchema = z.enum(ALERT_KINDS);
export type AlertKind = z.infer<typeof AlertKindSchema>;

export const AlertSchema = z.object({
  id: z.number().int(),
  kind: AlertKindSchema,
  /** The budget id (as text) or the model key the alert is about. */
  subject: z.string(),
  title: z.string(),
  message: z.string(),
  raisedAt: z.string(),
  read: z.boolean(),
  /** A circuit alert is resolved when the circuit closes again; budget alerts never are. */
  resolvedAt: z.string().nullable(),
});
export type Alert = z.infer<typeof AlertSchema>;

export const alertsRoutes = {
  'alerts.list': route({
    kind: 'query',
    summary: 'The latest alerts (budget warnings, budgets used up, circuits opened), newest first.',
    input: z.strictObject({ limit: z.number().int().min(1).max(500).default(100) }),
    output: z.object({ alerts: z.array(AlertSchema), unread: z.number().int() }),
  }),
  'alerts.markRead': route({
    kind: 'command',
    summary: 'Mark these alerts (default: all) as read.',
    input: z.strictObject({ ids: z.array(z.number().int().positive()).max(1000).optional() }),
    output: z.object({ updated: z.number().int(), unread: z.number().int() }),
  }),
};

export const alertsEvents = {
  /** A new alert was stored (once per crossing); the Electron shell also shows it as a notification. */
  'alerts.raised': AlertSchema,
};
