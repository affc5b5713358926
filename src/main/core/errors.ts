import type { ContractError, ErrorCode } from '../../shared/errors';

const MARKER = Symbol.for('switchyard.error');

/** An error with a stable code and a message a person can act on. Never carries a key or a prompt. */
export class SwitchyardError extends Error {
  readonly [MARKER] = true;
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: Record<string, unknown>,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'SwitchyardError';
  }

  toContract(): ContractError {
    return this.details
      ? { code: this.code, message: this.message, details: this.details }
      : { code: this.code, message: this.message };
  }
}

export const isSwitchyardError = (e: unknown): e is SwitchyardError =>
  typeof e === 'object' && e !== null && (e as Record<symbol, unknown>)[MARKER] === true;

/** Turns anything thrown into a contract error without leaking internals. */
export function toContractError(e: unknown): ContractError {
  if (isSwitchyardError(e)) return e.toContract();
  return { code: 'INTERNAL', message: 'Internal error; see the log for details.' };
}
