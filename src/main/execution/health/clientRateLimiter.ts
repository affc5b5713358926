import type { Clock } from '../clock';
import type { CascadeSettings, RateLimit } from '../cascade/settings';

const WINDOW_MS = 60_000;

interface Use {
  at: number;
  tokens: number;
}

/** What a call would meet now: go, or wait this long for the window to make room. */
export type RateDecision = { ok: true } | { ok: false; waitMs: number; limit: string };

/**
 * Client-side requests- and tokens-per-minute limits per provider and per model (sliding 60 s
 * window), from the rules' `cascade.client_rate_limits`. A call takes room under both its
 * provider's and its model's limits, so a saturated model is skipped (or waited for briefly)
 * instead of collecting 429s from the provider.
 */
export class ClientRateLimiter {
  private readonly uses = new Map<string, Use[]>();

  constructor(
    private readonly clock: Clock,
    private readonly settings: () => CascadeSettings,
  ) {}

  /** Whether a call of `tokens` to this model fits now, without taking room. */
  check(modelKey: string, tokens: number): RateDecision {
    const now = this.clock.now();
    let worst: RateDecision = { ok: true };
    for (const [key, limit] of this.limitsFor(modelKey)) {
      const wait = waitFor(this.window(key, now), limit, tokens, now);
      if (wait !== null && (worst.ok || wait.waitMs > worst.waitMs))
        worst = { ok: false, ...wait, limit: `${key} ${wait.limit}` };
    }
    return worst;
  }

  /** Takes room for a call; returns a handle to correct the token count once usage is known. */
  take(modelKey: string, tokens: number): (actualTokens: number) => void {
    const now = this.clock.now();
    const taken: Use[] = [];
    for (const [key] of this.limitsFor(modelKey)) {
      const use = { at: now, tokens };
      this.window(key, now).push(use);
      taken.push(use);
    }
    return (actual) => {
      for (const use of taken) use.tokens = actual;
    };
  }

  private limitsFor(modelKey: string): Array<[string, RateLimit]> {
    const limits = this.settings().clientRateLimits;
    const provider = modelKey.slice(0, modelKey.indexOf('/'));
    return [provider, modelKey].flatMap((k) => (limits[k] ? [[k, limits[k]] as [string, RateLimit]] : []));
  }

  private window(key: string, now: number): Use[] {
    let list = this.uses.get(key);
    if (!list) this.uses.set(key, (list = []));
    while (list.length > 0 && list[0]!.at <= now - WINDOW_MS) list.shift();
    return list;
  }
}

/** How long until the window has room for one more call of `tokens`; null when it has room now. */
function waitFor(window: readonly Use[], limit: RateLimit, tokens: number, now: number) {
  let waitMs = 0;
  let which = '';
  if (limit.rpm !== null && window.length >= limit.rpm) {
    const freeing = window[window.length - limit.rpm]!;
    waitMs = freeing.at + WINDOW_MS - now;
    which = `${limit.rpm} requests/min`;
  }
  if (limit.tpm !== null) {
    let used = window.reduce((sum, u) => sum + u.tokens, 0);
    if (used + tokens > limit.tpm) {
      // A call bigger than the whole limit can never fit; it waits for an empty window.
      let i = 0;
      while (i < window.length && used + tokens > limit.tpm) used -= window[i++]!.tokens;
      const tpmWait = (window[i - 1]?.at ?? now) + WINDOW_MS - now;
      if (tpmWait > waitMs) {
        waitMs = tpmWait;
        which = `${limit.tpm} tokens/min`;
      }
    }
  }
  return waitMs > 0 ? { waitMs, limit: which } : null;
}
