import type { z } from 'zod';

/**
 * A route of the contract. `query` routes only read and may be retried by the client; `command`
 * routes change state and are never retried automatically.
 */
export interface RouteSpec<I extends z.ZodType = z.ZodType, O extends z.ZodType = z.ZodType> {
  kind: 'query' | 'command';
  summary: string;
  input: I;
  output: O;
}

export const route = <I extends z.ZodType, O extends z.ZodType>(spec: RouteSpec<I, O>): RouteSpec<I, O> =>
  spec;
