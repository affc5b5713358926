import type { Exchange } from './exchange';
import type { FaultError, FaultSpec } from './faults';
import type { WireFormat } from './wire/types';

/** The named error a bare `status=N` fault stands for, so its body has the right shape. */
export function errorForStatus(status: number): FaultError {
  if (status === 401 || status === 403) return 'auth';
  if (status === 413) return 'too_large';
  if (status === 429) return 'rate_limit';
  if (status === 503 || status === 529) return 'overloaded';
  if (status >= 500) return 'server';
  return 'bad_request';
}

/** Seconds until a Retry-After value (seconds or HTTP date), for bodies that repeat the delay. */
export function retryAfterSeconds(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  if (/^\d+(\.\d+)?$/.test(value)) return Number(value);
  const at = Date.parse(value);
  return Number.isNaN(at) ? undefined : Math.max(0, Math.ceil((at - Date.now()) / 1000));
}

export const isErrorFault = (f: FaultSpec): boolean =>
  f.status !== undefined || f.error !== undefined || f.body !== undefined;

/** Answers with the fault's error: a raw body if given, else the provider's own error shape. */
export function sendFaultError(
  ex: Exchange,
  wire: WireFormat,
  fault: FaultSpec,
  headers: Record<string, string>,
  ctx: { key: string | null; inputTokens: number },
): void {
  const out = { ...headers };
  if (fault.retryAfter !== undefined) out['retry-after'] = fault.retryAfter;
  ex.entry.outcome = 'error';
  const kind = fault.error ?? errorForStatus(fault.status ?? 500);
  if (fault.body !== undefined) {
    const isJson = (() => {
      try {
        JSON.parse(fault.body);
        return true;
      } catch {
        return false;
      }
    })();
    const status = fault.status ?? wire.error(kind, undefined, ctx).status;
    ex.send(status, { 'content-type': isJson ? 'application/json' : 'text/plain', ...out }, fault.body);
    return;
  }
  const rendered = wire.error(kind, fault.status, {
    ...ctx,
    retryAfterSeconds: retryAfterSeconds(fault.retryAfter),
  });
  ex.json(rendered.status, out, rendered.body);
}

/** Delay and hang, which come before anything else the fake does. Says whether to go on. */
export async function applyPreamble(ex: Exchange, fault: FaultSpec | null): Promise<boolean> {
  if (fault === null) return true;
  if (!(await ex.pause(fault.latencyMs))) return false;
  if (fault.hang) {
    ex.entry.outcome = 'hang';
    await ex.closed;
    return false;
  }
  return true;
}

/**
 * Answers the wire's auth error when a keyed request came without a usable key (none, or the
 * literal "invalid"); true when it did, and the request is over.
 */
export function refuseBadKey(
  ex: Exchange,
  wire: WireFormat,
  c: { key: string | null; anonymous: boolean; headers: Record<string, string> },
): boolean {
  if (c.anonymous || (c.key !== null && c.key !== 'invalid')) return false;
  const rendered = wire.authError(c.key);
  ex.entry.outcome = 'error';
  ex.json(rendered.status, c.headers, rendered.body);
  return true;
}
