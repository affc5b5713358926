import { ERROR_KINDS } from '../../shared/contract/execution';
import type { ErrorCode } from '../../shared/errors';
import type { ProviderId } from '../../shared/providers';
import { SwitchyardError } from '../core/errors';

// The list lives in the contract so results and health can name a failure class.
export { ERROR_KINDS };
export type ErrorKind = (typeof ERROR_KINDS)[number];

const SUMMARY: Record<ErrorKind, string> = {
  rate_limit: 'rate limit exceeded',
  context_length: 'context length exceeded',
  server: 'provider server error',
  overloaded: 'provider overloaded',
  timeout: 'timed out',
  auth: 'authentication failed',
  bad_request: 'bad request',
  network: 'network error',
  stream_cut: 'stream cut',
  cancelled: 'cancelled',
};

export interface GenerationFailure {
  kind: ErrorKind;
  provider: ProviderId;
  status: number | null;
  retryAfterMs: number | null;
  retryable: boolean;
  requestId: string | null;
  /** Already scrubbed of secrets; a short fact that explains the summary. */
  detail: string | null;
  /** The provider's own error message, scrubbed; for logs and the health board. */
  providerMessage: string | null;
  /** Text delivered before a stream failed; the caller keeps and bills it. */
  partialText: string;
}

const MARKER = Symbol.for('switchyard.generationError');

function codeFor(kind: ErrorKind): ErrorCode {
  if (kind === 'cancelled') return 'CANCELLED';
  if (kind === 'rate_limit') return 'RATE_LIMIT_EXCEEDED';
  return 'PROVIDER_ERROR';
}

/**
 * A failed provider call, classified. Built only from scrubbed facts and never wraps the SDK
 * error, whose fields carry the request URL, the prompt and raw response headers.
 */
export class GenerationError extends SwitchyardError {
  readonly [MARKER] = true;
  readonly kind: ErrorKind;
  readonly provider: ProviderId;
  readonly status: number | null;
  readonly retryAfterMs: number | null;
  readonly retryable: boolean;
  readonly requestId: string | null;
  readonly providerMessage: string | null;
  declare readonly partialText: string;

  constructor(f: GenerationFailure) {
    const head = `${f.status !== null ? `HTTP ${f.status}: ` : ''}${SUMMARY[f.kind]}${f.detail ? `: ${f.detail}` : ''}`;
    const message = `${head} (${f.retryable ? 'retryable' : 'not retryable'}, provider: ${f.provider})`;
    super(codeFor(f.kind), message, {
      kind: f.kind,
      provider: f.provider,
      status: f.status,
      retryable: f.retryable,
      retryAfterMs: f.retryAfterMs,
      requestId: f.requestId,
    });
    this.name = 'GenerationError';
    this.kind = f.kind;
    this.provider = f.provider;
    this.status = f.status;
    this.retryAfterMs = f.retryAfterMs;
    this.retryable = f.retryable;
    this.requestId = f.requestId;
    this.providerMessage = f.providerMessage;
    // Output, not a secret, but potentially long: kept off the enumerable surface and out of JSON.
    Object.defineProperty(this, 'partialText', { value: f.partialText, enumerable: false });
  }

  toJSON(): Record<string, unknown> {
    return {
      name: this.name,
      code: this.code,
      message: this.message,
      kind: this.kind,
      provider: this.provider,
      status: this.status,
      retryable: this.retryable,
      retryAfterMs: this.retryAfterMs,
      requestId: this.requestId,
      providerMessage: this.providerMessage,
    };
  }
}

export const isGenerationError = (e: unknown): e is GenerationError =>
  typeof e === 'object' && e !== null && (e as Record<symbol, unknown>)[MARKER] === true;
