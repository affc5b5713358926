import { z } from 'zod';
import { isRouteName, routes, type RouteName } from '../../shared/contract';
import { fail, ok, type Result } from '../../shared/errors';
import { toContractError } from '../core/errors';
import type { Services } from '../services';
import { handlers as defaultHandlers } from './handlers';
import type { CallContext, HandlerMap } from './types';

export interface Dispatcher {
  (route: string, input: unknown, ctx: CallContext): Promise<Result<unknown>>;
}

/**
 * The one router every shell goes through: checks the route exists, validates the input against
 * the contract, calls the handler, and turns any throw into `{ ok: false, error }`. It never throws,
 * because an Electron invoke rejection (and a crashed HTTP handler) would keep only a message.
 */
export function createDispatcher(
  services: Services,
  handlers: HandlerMap = defaultHandlers,
  onInternalError: (route: string, error: unknown) => void = logInternal,
): Dispatcher {
  return async (route, input, ctx) => {
    if (!isRouteName(route)) {
      return fail({ code: 'UNKNOWN_ROUTE', message: `There is no route named "${route}".` });
    }
    const spec = routes[route];
    const parsed = spec.input.safeParse(input ?? {});
    if (!parsed.success) {
      return fail({
        code: 'VALIDATION_FAILED',
        message: `Invalid input for ${route}: ${z.prettifyError(parsed.error)}`,
        details: { issues: parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })) },
      });
    }
    try {
      const handler = handlers[route] as (i: unknown, c: CallContext, s: Services) => unknown;
      const data = await handler(parsed.data, ctx, services);
      return ok(data);
    } catch (e) {
      const error = toContractError(e);
      if (error.code === 'INTERNAL') onInternalError(route as RouteName, e);
      return fail(error);
    }
  };
}

function logInternal(route: string, error: unknown): void {
  // Stack only: handler errors never carry keys or prompts by construction (see core/errors).
  console.error(`[switchyard] internal error in ${route}:`, error instanceof Error ? error.stack : error);
}
