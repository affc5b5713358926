/**
 * Compile-time checks of the handler map, verified by `npm run typecheck` (part of `npm test`):
 * if any `@ts-expect-error` below stops being an error, the typecheck fails.
 */
import type { HandlerMap } from './types';
import { handlers } from './handlers';

type Exact<T, Shape> = T & Record<Exclude<keyof T, keyof Shape>, never>;
const exact = <T>(map: Exact<T, HandlerMap>): Exact<T, HandlerMap> => map;

// A route the contract declares but no handler implements.
// @ts-expect-error — 'system.recheck' is missing
export const missingRoute: HandlerMap = { 'system.status': handlers['system.status'] };

// A handler for a route the contract does not declare.
export const extraRoute = exact({
  ...handlers,
  // @ts-expect-error — 'system.reboot' is not in the contract
  'system.reboot': () => ({}),
});

// A handler returning the wrong shape for its route.
export const wrongOutput: HandlerMap = {
  ...handlers,
  // @ts-expect-error — system.status must return a Status
  'system.status': () => ({ nope: true }),
};
