import type { RouteName, RouteOutput, RouteParsedInput } from '../../shared/contract';
import type { Services } from '../services';

/** Who is calling: the shells fill this in; handlers use it for the ledger's `source` and aborts. */
export interface CallContext {
  source: 'ui' | 'http' | 'cli' | 'gateway';
  signal?: AbortSignal;
}

export type Handler<K extends RouteName> = (
  input: RouteParsedInput<K>,
  ctx: CallContext,
  services: Services,
) => Promise<RouteOutput<K>> | RouteOutput<K>;

/**
 * Exactly one handler per contract route: a missing route or one the contract does not declare is
 * a compile error (the `satisfies` at the bottom of handlers/index.ts checks both directions).
 */
export type HandlerMap = { [K in RouteName]: Handler<K> };
