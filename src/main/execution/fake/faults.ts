import { z } from 'zod';

export const WIRES = ['openai', 'anthropic', 'gemini'] as const;
export type Wire = (typeof WIRES)[number];

/** Named errors the fake renders in each provider's real error shape and usual status. */
export const FAULT_ERRORS = [
  'rate_limit',
  'context_length',
  'too_large',
  'server',
  'overloaded',
  'auth',
  'bad_request',
] as const;
export type FaultError = (typeof FAULT_ERRORS)[number];

const ms = z.number().int().min(0).max(600_000);

export const faultSpecSchema = z
  .object({
    status: z.number().int().min(400).max(599).optional(),
    error: z.enum(FAULT_ERRORS).optional(),
    body: z.string().optional(),
    retryAfter: z.string().min(1).optional(),
    latencyMs: ms.optional(),
    hang: z.boolean().optional(),
    firstTokenDelayMs: ms.optional(),
    chunkDelayMs: ms.optional(),
    cutAfter: z.number().int().min(0).optional(),
    malformed: z.boolean().optional(),
  })
  .strict();

export type FaultSpec = z.infer<typeof faultSpecSchema>;

export const faultMatchSchema = z
  .object({ wire: z.enum(WIRES).optional(), model: z.string().min(1).optional() })
  .strict();
export type FaultMatch = z.infer<typeof faultMatchSchema>;

export const FAULT_HEADER = 'x-fake-fault';

/** Header keys and the spec field each sets; the grammar is documented in the README. */
const HEADER_KEYS = {
  status: 'status',
  error: 'error',
  body: 'body',
  'retry-after': 'retryAfter',
  latency: 'latencyMs',
  hang: 'hang',
  'first-token-delay': 'firstTokenDelayMs',
  'chunk-delay': 'chunkDelayMs',
  'cut-after': 'cutAfter',
  malformed: 'malformed',
} as const satisfies Record<string, keyof FaultSpec>;

const NUMERIC = new Set<keyof FaultSpec>([
  'status',
  'latencyMs',
  'firstTokenDelayMs',
  'chunkDelayMs',
  'cutAfter',
]);
const FLAGS = new Set<keyof FaultSpec>(['hang', 'malformed']);

export class FaultSyntaxError extends Error {}

/** Parses `status=429;retry-after=2;body=<percent-encoded>` into a validated spec. */
export function parseFaultHeader(header: string): FaultSpec {
  const raw: Record<string, unknown> = {};
  for (const part of header.split(';')) {
    const item = part.trim();
    if (item === '') continue;
    const eq = item.indexOf('=');
    const key = (eq === -1 ? item : item.slice(0, eq)).trim().toLowerCase();
    const value = eq === -1 ? undefined : item.slice(eq + 1).trim();
    const field = (HEADER_KEYS as Record<string, keyof FaultSpec | undefined>)[key];
    if (field === undefined) throw new FaultSyntaxError(`unknown fault key "${key}"`);
    if (FLAGS.has(field)) raw[field] = value === undefined || value === '1' || value === 'true';
    else if (value === undefined) throw new FaultSyntaxError(`fault key "${key}" needs a value`);
    else if (NUMERIC.has(field)) raw[field] = Number(value);
    else raw[field] = field === 'body' ? decodeURIComponent(value) : value;
  }
  const parsed = faultSpecSchema.safeParse(raw);
  if (!parsed.success)
    throw new FaultSyntaxError(`invalid fault: ${parsed.error.issues[0]?.message ?? 'bad value'}`);
  return parsed.data;
}

/** The spec back in header syntax, for the request log and GET /__control/faults. */
export function describeFault(spec: FaultSpec): string {
  const parts: string[] = [];
  for (const [key, field] of Object.entries(HEADER_KEYS)) {
    const value = spec[field];
    if (value === undefined || value === false) continue;
    if (value === true) parts.push(key);
    else parts.push(`${key}=${field === 'body' ? encodeURIComponent(String(value)) : String(value)}`);
  }
  return parts.join(';');
}

export interface QueuedFault {
  id: number;
  spec: FaultSpec;
  match: FaultMatch;
  remaining: number;
}

/** Faults queued through the control endpoint, consumed in order by the requests they match. */
export class FaultQueue {
  private entries: QueuedFault[] = [];
  private nextId = 1;

  add(spec: FaultSpec, match: FaultMatch, times: number): QueuedFault {
    const entry = { id: this.nextId++, spec, match, remaining: times };
    this.entries.push(entry);
    return entry;
  }

  take(wire: Wire, model: string | null): FaultSpec | null {
    const entry = this.entries.find(
      (e) =>
        (e.match.wire === undefined || e.match.wire === wire) &&
        (e.match.model === undefined || e.match.model === model),
    );
    if (!entry) return null;
    entry.remaining -= 1;
    if (entry.remaining <= 0) this.entries = this.entries.filter((e) => e !== entry);
    return entry.spec;
  }

  list(): Array<QueuedFault & { fault: string }> {
    return this.entries.map((e) => ({ ...e, fault: describeFault(e.spec) }));
  }

  clear(): number {
    const n = this.entries.length;
    this.entries = [];
    return n;
  }
}
