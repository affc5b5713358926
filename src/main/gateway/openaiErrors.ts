import { httpStatusFor, type ContractError, type ErrorCode } from '../../shared/errors';
import { toContractError } from '../core/errors';
import { isCascadeError } from '../execution/cascade/cascadeError';
import { redactSecrets } from '../execution/redact';

/** OpenAI's error body: `{ error: { message, type, code, param } }`, with our stable code as `code`. */
export interface OpenAIErrorBody {
  error: { message: string; type: string; code: string; param: string | null };
}

export interface GatewayError {
  status: number;
  body: OpenAIErrorBody;
  headers: Record<string, string>;
}

const TYPE_BY_STATUS: Record<number, string> = {
  400: 'invalid_request_error',
  401: 'authentication_error',
  402: 'insufficient_quota',
  403: 'permission_error',
  404: 'not_found_error',
  413: 'invalid_request_error',
  429: 'rate_limit_error',
  499: 'cancelled',
  500: 'server_error',
  502: 'upstream_error',
  503: 'service_unavailable',
};

/** Retry-After when nothing better is known: the cascade's default 429 cooldown. */
const DEFAULT_RETRY_AFTER_S = 10;

export function openAIError(
  code: ErrorCode,
  message: string,
  param: string | null = null,
  headers: Record<string, string> = {},
): GatewayError {
  const status = httpStatusFor(code);
  return {
    status,
    // Keys never reach a message (providers' messages are scrubbed upstream; this is the last net).
    body: {
      error: { message: redactSecrets(message), type: TYPE_BY_STATUS[status] ?? 'api_error', code, param },
    },
    headers,
  };
}

/** Anything the execution room threw → the OpenAI shape, with Retry-After on a 429. */
export function gatewayErrorFrom(e: unknown): GatewayError {
  const err: ContractError = toContractError(e);
  const headers: Record<string, string> = {};
  if (err.code === 'RATE_LIMIT_EXCEEDED') {
    const fromError = isCascadeError(e) ? e.last?.retryAfterMs : (err.details?.retryAfterMs as unknown);
    const ms = typeof fromError === 'number' && fromError > 0 ? fromError : DEFAULT_RETRY_AFTER_S * 1000;
    headers['retry-after'] = String(Math.max(1, Math.ceil(ms / 1000)));
  }
  return openAIError(err.code, err.message, null, headers);
}
