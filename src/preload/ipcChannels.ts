// The wire between the preload and the Electron shell. Both sides import these names; nothing
// else in the app speaks IPC.

/** renderer → main: `invoke(REQUEST_CHANNEL, route, input)` resolves to a contract Result. */
export const REQUEST_CHANNEL = 'switchyard:request';

/** main → renderer: `send(EVENT_CHANNEL, eventName, payload)`. */
export const EVENT_CHANNEL = 'switchyard:event';

/**
 * The contract's route and event names reach the sandboxed preload as renderer command-line
 * switches (webPreferences.additionalArguments). The preload can then refuse unknown names
 * locally without bundling zod and every schema just to learn the names.
 */
export const ROUTES_SWITCH = '--switchyard-routes=';
export const EVENTS_SWITCH = '--switchyard-events=';

export const encodeNames = (names: readonly string[]): string => names.join(',');

export function decodeNames(argv: readonly string[], prefix: string): Set<string> | null {
  const arg = argv.find((a) => a.startsWith(prefix));
  if (arg === undefined) return null;
  const list = arg.slice(prefix.length);
  return new Set(list === '' ? [] : list.split(','));
}
