/**
 * Stable error codes. Callers (UI, CLI, HTTP clients, scripts) switch on these, so a code is never
 * renamed once shipped; add new ones instead.
 */
export const ERROR_CODES = [
  // transport / contract
  'BAD_JSON',
  'VALIDATION_FAILED',
  'UNKNOWN_ROUTE',
  'UNKNOWN_EVENT',
  'UNAUTHORIZED',
  'FORBIDDEN_ORIGIN',
  'FORBIDDEN_SENDER',
  'PAYLOAD_TOO_LARGE',
  'NOT_FOUND',
  /** The client could not reach main at all (headless server down, IPC gone). */
  'UNREACHABLE',
  'INTERNAL',
  // platform
  'KEYCHAIN_UNAVAILABLE',
  'DB_UNAVAILABLE',
  'DATA_DIR_UNUSABLE',
  // domain (filled by later rooms)
  'BUDGET_EXCEEDED',
  'NO_ELIGIBLE_MODEL',
  'STRATEGY_UNAVAILABLE',
  'RATE_LIMIT_EXCEEDED',
  'PROVIDER_ERROR',
  'CANCELLED',
  'CONFLICT',
  /** The OpenAI-compatible gateway is switched off in Settings. */
  'GATEWAY_DISABLED',
  /** An evaluation data folder or file is missing or not in the expected format. */
  'DATASET_INVALID',
  /** An A/B experiment's arms or shares do not add up, or it is not running. */
  'EXPERIMENT_INVALID',
  /** A batch file (JSONL or CSV) is malformed or has no prompt column; the message names the line. */
  'BATCH_INPUT_INVALID',
  /** An embeddings model its provider does not offer here, or whose provider has no key or is off. */
  'EMBEDDINGS_MODEL_INVALID',
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

export interface ContractError {
  code: ErrorCode;
  message: string;
  /** Safe, structured extra facts (e.g. the offending field). Never a key or a prompt. */
  details?: Record<string, unknown>;
}

export type Result<T> = { ok: true; data: T } | { ok: false; error: ContractError };

export const ok = <T>(data: T): Result<T> => ({ ok: true, data });
export const fail = (error: ContractError): Result<never> => ({ ok: false, error });

/** HTTP status for an error code, shared by the headless shell and (later) the gateway. */
export function httpStatusFor(code: ErrorCode): number {
  switch (code) {
    case 'BAD_JSON':
    case 'VALIDATION_FAILED':
    case 'DATASET_INVALID':
    case 'EXPERIMENT_INVALID':
    case 'BATCH_INPUT_INVALID':
    case 'EMBEDDINGS_MODEL_INVALID':
      return 400;
    case 'UNAUTHORIZED':
      return 401;
    case 'BUDGET_EXCEEDED':
      return 402;
    case 'FORBIDDEN_ORIGIN':
    case 'FORBIDDEN_SENDER':
      return 403;
    case 'UNKNOWN_ROUTE':
    case 'UNKNOWN_EVENT':
    case 'NOT_FOUND':
      return 404;
    case 'CONFLICT':
      return 409;
    case 'PAYLOAD_TOO_LARGE':
      return 413;
    case 'RATE_LIMIT_EXCEEDED':
      return 429;
    case 'CANCELLED':
      return 499;
    case 'PROVIDER_ERROR':
      return 502;
    case 'UNREACHABLE':
    case 'KEYCHAIN_UNAVAILABLE':
    case 'DB_UNAVAILABLE':
    case 'DATA_DIR_UNUSABLE':
    case 'NO_ELIGIBLE_MODEL':
    case 'STRATEGY_UNAVAILABLE':
    case 'GATEWAY_DISABLED':
      return 503;
    case 'INTERNAL':
      return 500;
  }
}
