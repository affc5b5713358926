import { QueryClient } from '@tanstack/react-query';
import type { ErrorCode } from '../../shared/errors';
import { isContractRequestError } from '../transport';

/** Failures that another attempt cannot fix: retrying them only delays the message. */
const PERMANENT: ReadonlySet<ErrorCode> = new Set<ErrorCode>([
  'BAD_JSON',
  'VALIDATION_FAILED',
  'UNKNOWN_ROUTE',
  'UNKNOWN_EVENT',
  'UNAUTHORIZED',
  'FORBIDDEN_ORIGIN',
  'FORBIDDEN_SENDER',
  'PAYLOAD_TOO_LARGE',
  'NOT_FOUND',
]);

const MAX_READ_RETRIES = 2;

export function shouldRetryRead(failureCount: number, error: unknown): boolean {
  if (isContractRequestError(error) && PERMANENT.has(error.code)) return false;
  return failureCount < MAX_READ_RETRIES;
}

/** Reads (contract `query` routes) may retry; commands never do, a second attempt could act twice. */
export function createQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: { retry: shouldRetryRead, staleTime: 5_000, refetchOnWindowFocus: true },
      mutations: { retry: false },
    },
  });
}
