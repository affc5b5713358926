import type { ProviderId } from '../../shared/providers';
import { GenerationError, type ErrorKind } from './generationError';
import { shortProviderMessage } from './redact';
import { retryAfterMs, type ResponseHeaders } from './retryAfter';

export type AbortCause = 'cancelled' | 'timeout';

export interface FailureContext {
  provider: ProviderId;
  /** Values that must never appear in the result (the key, custom auth headers). */
  secrets: readonly (string | null | undefined)[];
  /** Set when our own signal ended the call: the caller cancelled or a deadline passed. */
  abortCause: AbortCause | null;
  /** The deadline that fired, for the message. */
  timeoutMs: number | null;
  /**
   * For streams: whether the 2xx answer had started. A connection dropped after that is a cut
   * stream; before it, or on a non-streaming call, it is a network failure. Null: not a stream.
   */
  stream: { responseStarted: boolean } | null;
  partialText: string;
}

/** Response headers that carry the provider's request id, most specific first. */
const REQUEST_ID_HEADERS = [
  'x-request-id',
  'request-id',
  'apim-request-id',
  'x-ms-request-id',
  'x-goog-request-id',
];

const NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EPIPE',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'UND_ERR_SOCKET',
  'UND_ERR_CLOSED',
  'ConnectionRefused',
  'ConnectionClosed',
  'FailedToOpenSocket',
]);
const TIMEOUT_CODES = new Set([
  'ETIMEDOUT',
  'UND_ERR_CONNECT_TIMEOUT',
  'UND_ERR_HEADERS_TIMEOUT',
  'UND_ERR_BODY_TIMEOUT',
]);
const NETWORK_MESSAGES =
  /\b(terminated|other side closed|fetch failed|socket hang up|cannot connect to api)\b/i;
const MALFORMED = /AI_JSONParseError|AI_TypeValidationError|Invalid JSON response|JSON parsing failed/;
const AUTH_MARKERS =
  /api_key_invalid|api key not valid|invalid_api_key|incorrect api key|authentication_error|permission_error|unauthenticated/i;
const CONTEXT_MARKERS =
  /context_length_exceeded|context length|context window|prompt is too long|too many tokens|input token count|exceeds the maximum number of tokens|request_too_large|maximum input length/i;
const RETRYABLE = new Set<ErrorKind>([
  'rate_limit',
  'server',
  'overloaded',
  'timeout',
  'network',
  'stream_cut',
]);

interface ErrorFacts {
  status: number | null;
  headers: ResponseHeaders | undefined;
  body: unknown;
  /** Names, codes and messages along the cause chain, for markers. */
  chain: string;
  codes: Set<string>;
  providerMessage: string | null;
}

const asObject = (v: unknown): Record<string, unknown> | null =>
  typeof v === 'object' && v !== null ? (v as Record<string, unknown>) : null;

function parseBody(raw: unknown): unknown {
  if (typeof raw !== 'string') return raw;
  try {
    return JSON.parse(raw);
  } catch {
    return raw;
  }
}

/** The provider's own message: `error.message` in OpenAI, Anthropic and Gemini shapes alike. */
function messageInBody(body: unknown): string | null {
  const b = asObject(body);
  const inner = asObject(b?.['error']) ?? b;
  for (const field of ['message', 'detail', 'error']) {
    const v = inner?.[field];
    if (typeof v === 'string' && v !== '') return v;
  }
  return typeof body === 'string' && body.trim() !== '' ? body : null;
}

/** Reads an AI SDK APICallError, a fetch error, or a provider's in-stream error object alike. */
function factsOf(error: unknown): ErrorFacts {
  const e = asObject(error);
  const status = typeof e?.['statusCode'] === 'number' ? (e['statusCode'] as number) : null;
  const body = parseBody(
    e?.['responseBody'] ?? e?.['data'] ?? (e && !(error instanceof Error) ? error : undefined),
  );
  const parts: string[] = [];
  const codes = new Set<string>();
  const seen = new Set<unknown>();
  for (let cur: unknown = error; asObject(cur) && !seen.has(cur); cur = asObject(cur)?.['cause']) {
    seen.add(cur);
    const o = asObject(cur)!;
    for (const f of ['name', 'code', 'type', 'message', 'status'])
      if (typeof o[f] === 'string') parts.push(o[f] as string);
    if (typeof o['code'] === 'string') codes.add(o['code'] as string);
    const inner = asObject(o['error']);
    if (inner)
      for (const f of ['type', 'code', 'status', 'message'])
        if (typeof inner[f] === 'string') parts.push(inner[f] as string);
  }
  if (typeof body === 'string') parts.push(body);
  else if (body !== undefined) parts.push(JSON.stringify(body));
  // For HTTP failures the AI SDK's message is the provider's; for others it is the SDK's own prose.
  const sdkMessage =
    status !== null && status >= 400 && typeof e?.['message'] === 'string' ? (e['message'] as string) : null;
  return {
    status,
    headers: asObject(e?.['responseHeaders']) as ResponseHeaders | undefined,
    body,
    chain: parts.join(' | '),
    codes,
    providerMessage: messageInBody(body) ?? sdkMessage,
  };
}

function httpKind(status: number, chain: string): ErrorKind {
  if (status === 401 || status === 403 || AUTH_MARKERS.test(chain)) return 'auth';
  if (status === 413 || CONTEXT_MARKERS.test(chain)) return 'context_length';
  if (status === 429) return 'rate_limit';
  if (status === 529 || /overloaded/i.test(chain)) return 'overloaded';
  if (status === 408 || status === 504) return 'timeout';
  if (status >= 500) return 'server';
  return 'bad_request';
}

/** Errors without an HTTP failure status: our aborts, sockets, garbled bodies, in-stream errors. */
function transportKind(f: ErrorFacts, ctx: FailureContext): { kind: ErrorKind; detail: string | null } {
  // An abort we did not start ourselves (e.g. the SDK's own stream teardown) still means cancelled.
  if (/\bAbortError\b/.test(f.chain)) return { kind: 'cancelled', detail: null };
  const code = [...f.codes].find((c) => NETWORK_CODES.has(c) || TIMEOUT_CODES.has(c));
  if (code && TIMEOUT_CODES.has(code)) return { kind: 'timeout', detail: code };
  if (code || NETWORK_MESSAGES.test(f.chain)) {
    // A 2xx status on the error means the answer had begun when the connection dropped.
    if (ctx.stream && (ctx.stream.responseStarted || (f.status !== null && f.status < 300))) {
      return { kind: 'stream_cut', detail: `after ${ctx.partialText.length} characters` };
    }
    return { kind: 'network', detail: code ?? 'connection failed' };
  }
  if (MALFORMED.test(f.chain)) return { kind: 'server', detail: 'malformed response' };
  if (/rate_limit/i.test(f.chain)) return { kind: 'rate_limit', detail: null };
  if (/overloaded/i.test(f.chain)) return { kind: 'overloaded', detail: null };
  return { kind: 'server', detail: 'unexpected provider error' };
}

/** Turns whatever an SDK threw into the one error type the cascade understands. */
export function classifyFailure(error: unknown, ctx: FailureContext): GenerationError {
  const f = factsOf(error);
  const failedStatus = f.status !== null && f.status >= 400 ? f.status : null;
  let kind: ErrorKind;
  let detail: string | null = null;
  if (ctx.abortCause === 'cancelled') kind = 'cancelled';
  else if (ctx.abortCause === 'timeout') {
    kind = 'timeout';
    detail = ctx.timeoutMs !== null ? `after ${ctx.timeoutMs} ms` : null;
  } else if (failedStatus !== null) kind = httpKind(failedStatus, f.chain);
  else ({ kind, detail } = transportKind(f, ctx));

  // A 2xx body is the answer itself (garbled or cut), not a message from the provider.
  const fromProvider = failedStatus !== null || !(error instanceof Error);
  const providerMessage =
    fromProvider && f.providerMessage ? shortProviderMessage(f.providerMessage, ctx.secrets) : null;
  if (kind === 'bad_request' && providerMessage) detail = providerMessage;
  const outOfQuota = kind === 'rate_limit' && /insufficient_quota/.test(f.chain);
  return new GenerationError({
    kind,
    provider: ctx.provider,
    status: failedStatus,
    retryAfterMs: failedStatus !== null ? retryAfterMs(f.headers, f.body) : null,
    // Never retried silently once text reached the caller: the caller already showed it.
    retryable: RETRYABLE.has(kind) && !outOfQuota && ctx.partialText === '',
    requestId: requestIdFrom(f.headers),
    detail: detail && shortProviderMessage(detail, ctx.secrets),
    providerMessage,
    partialText: ctx.partialText,
  });
}

export function requestIdFrom(headers: ResponseHeaders | undefined): string | null {
  const name = REQUEST_ID_HEADERS.find((h) => headers?.[h] !== undefined);
  return name ? (headers?.[name] ?? null) : null;
}
