import type { ContractError, ErrorCode, Result } from '../../shared/errors';

/** A failed Result as a thrown error, so React Query can hold it; code and message stay intact. */
export class ContractRequestError extends Error {
  readonly code: ErrorCode;
  readonly details: ContractError['details'];

  constructor(error: ContractError) {
    super(error.message);
    this.name = 'ContractRequestError';
    this.code = error.code;
    this.details = error.details;
  }
}

export const isContractRequestError = (e: unknown): e is ContractRequestError =>
  e instanceof ContractRequestError;

export function unwrap<T>(result: Result<T>): T {
  if (result.ok) return result.data;
  throw new ContractRequestError(result.error);
}
