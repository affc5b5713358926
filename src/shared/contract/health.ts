import { z } from 'zod';
import { ProviderIdSchema } from './catalog';
import { ErrorKindSchema } from './execution';
import { route } from './route';

/**
 * A model's circuit: `open` after too many consecutive server-side failures, `half_open` once the
 * recovery time has passed (the next call is let through as a probe, and while that probe runs),
 * `forced_open` when a person held it open (only a reset closes it).
 */
export const CIRCUIT_STATES = ['closed', 'open', 'half_open', 'forced_open'] as const;
export const CircuitStateSchema = z.enum(CIRCUIT_STATES);
export type CircuitStateName = z.infer<typeof CircuitStateSchema>;

const isoTime = z.string().nullable();
const rate = z.number().min(0).max(1).nullable();

export const ModelHealthSchema = z.object({
  modelKey: z.string(),
  provider: ProviderIdSchema,
  circuit: z.object({
    state: CircuitStateSchema,
    openedAt: isoTime,
    /** When an open circuit lets a probe through. */
    probeAt: isoTime,
    /** Server-side failures in a row, as the breaker counts them (400s and 429s never count). */
    consecutiveServerFailures: z.number().int(),
  }),
  /** After a 429: the model is skipped until then (Retry-After, or the default cooldown). */
  cooldownUntil: isoTime,
  /** Whether routing may pick the model now, and if not, why. */
  available: z.boolean(),
  unavailableReason: z.string().nullable(),
  totalAttempts: z.number().int(),
  totalSuccesses: z.number().int(),
  totalFailures: z.number().int(),
  consecutiveFailures: z.number().int(),
  lastSuccessAt: isoTime,
  lastFailureAt: isoTime,
  lastErrorKind: ErrorKindSchema.nullable(),
  lastErrorMessage: z.string().nullable(),
  /** Over the calls of the last 5 minutes / hour in this process; null without calls. */
  successRate5m: rate,
  successRate1h: rate,
  p50LatencyMs: z.number().int().nullable(),
  p95LatencyMs: z.number().int().nullable(),
  calls1h: z.number().int(),
});
export type ModelHealth = z.infer<typeof ModelHealthSchema>;

const ModelKeyInput = z.string().regex(/^[a-z]+\/.+$/, 'expected "<provider>/<model>"');

export const healthRoutes = {
  'health.list': route({
    kind: 'query',
    summary: 'Per-model health: circuit, cooldown, failures, success rates, latency percentiles.',
    input: z.strictObject({
      /** These models (known or not); default: every model with a history or a non-closed circuit. */
      models: z.array(ModelKeyInput).max(1000).optional(),
    }),
    output: z.object({ models: z.array(ModelHealthSchema) }),
  }),
  'health.reset': route({
    kind: 'command',
    summary: "Close a model's circuit and clear its cooldown and failure streak.",
    input: z.strictObject({ modelKey: ModelKeyInput }),
    output: ModelHealthSchema,
  }),
  'health.forceOpen': route({
    kind: 'command',
    summary: "Hold a model's circuit open (routing skips it) until it is reset.",
    input: z.strictObject({ modelKey: ModelKeyInput }),
    output: ModelHealthSchema,
  }),
};

export const healthEvents = {
  /** A model's circuit changed state (opened, half-opened, closed, forced open). */
  'health.changed': z.object({ modelKey: z.string(), state: CircuitStateSchema }),
  /** A provider refused its key (HTTP 401/403) during a request; the keys screen shows it. */
  'health.keyRejected': z.object({
    provider: ProviderIdSchema,
    status: z.number().int().nullable(),
    message: z.string(),
    at: z.string(),
  }),
};
