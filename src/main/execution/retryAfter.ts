/** Headers as the AI SDK hands them over: lower-case names. */
export type ResponseHeaders = Record<string, string | undefined>;

/** Longest wait taken from a provider; anything beyond is treated as "come back much later". */
const MAX_RETRY_AFTER_MS = 24 * 60 * 60 * 1000;

const clamp = (ms: number): number => Math.min(MAX_RETRY_AFTER_MS, Math.max(0, Math.round(ms)));

/** `Retry-After` is either delay-seconds or an HTTP date (RFC 9110 §10.2.3). */
export function parseRetryAfterHeader(value: string, now = Date.now()): number | null {
  const trimmed = value.trim();
  if (/^\d+(\.\d+)?$/.test(trimmed)) return clamp(Number(trimmed) * 1000);
  const at = Date.parse(trimmed);
  return Number.isNaN(at) ? null : clamp(at - now);
}

/** google.rpc.RetryInfo's `retryDelay` ("2s", "0.5s") inside a Gemini error body. */
function retryDelayFromBody(body: unknown): number | null {
  const details = (body as { error?: { details?: unknown } } | null)?.error?.details;
  if (!Array.isArray(details)) return null;
  for (const d of details) {
    const delay = (d as { retryDelay?: unknown } | null)?.retryDelay;
    const m = typeof delay === 'string' ? /^(\d+(?:\.\d+)?)s$/.exec(delay) : null;
    if (m?.[1]) return clamp(Number(m[1]) * 1000);
  }
  return null;
}

/**
 * How long the provider asked us to wait, in ms, or null if it did not say. OpenAI's
 * `retry-after-ms` is the most precise, then the standard header, then Gemini's RetryInfo.
 */
export function retryAfterMs(
  headers: ResponseHeaders | undefined,
  body: unknown,
  now = Date.now(),
): number | null {
  const ms = headers?.['retry-after-ms'];
  if (ms !== undefined && /^\d+(\.\d+)?$/.test(ms.trim())) return clamp(Number(ms));
  const header = headers?.['retry-after'];
  if (header !== undefined) {
    const parsed = parseRetryAfterHeader(header, now);
    if (parsed !== null) return parsed;
  }
  return retryDelayFromBody(body);
}
