import type { EventName, EventPayload, RouteName, SwitchyardApi } from '../../shared/contract';
import type { ContractError, Result } from '../../shared/errors';

type Listener = (payload: unknown) => void;

export interface HttpApiOptions {
  /** Origin-relative by default: the headless shell serves the UI and the contract together. */
  baseUrl?: string;
  fetch?: typeof fetch;
  EventSource?: typeof EventSource;
}

/**
 * The contract over the headless shell's HTTP surface: POST /rpc/<route> for requests, one shared
 * EventSource on /events for all subscriptions. The access token travels in the HttpOnly cookie the
 * one-time UI URL set, so nothing here ever sees it.
 */
export function createHttpApi(options: HttpApiOptions = {}): SwitchyardApi {
  const baseUrl = options.baseUrl ?? '';
  const doFetch = options.fetch ?? ((input, init) => fetch(input, init));
  const events = createEventHub(`${baseUrl}/events`, options.EventSource ?? globalThis.EventSource);

  return {
    async request(route, input, options) {
      const path = `${baseUrl}/rpc/${encodeURIComponent(route)}`;
      const signal = options?.signal;
      let response: Response;
      try {
        response = await doFetch(path, {
          method: 'POST',
          credentials: 'same-origin',
          headers: { 'content-type': 'application/json', accept: 'application/json' },
          body: JSON.stringify(input ?? {}),
          signal,
        });
      } catch (e) {
        // Aborting also closes the connection, so main sees its call's signal fire and can stop.
        if (signal?.aborted) return failure('CANCELLED', `The call to ${route} was cancelled.`);
        return failure(
          'UNREACHABLE',
          `Cannot reach the Switchyard server (${describe(e)}). Check that \`npm run serve\` is still running, then reload.`,
        );
      }
      const result = await readResult(response, route);
      if (!result.ok && signal?.aborted) return failure('CANCELLED', `The call to ${route} was cancelled.`);
      return result;
    },
    subscribe<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void) {
      return events.add(event, listener as Listener);
    },
  };
}

/** The server answers every /rpc call with a Result, 4xx and 5xx included; anything else is a fault. */
async function readResult(response: Response, route: RouteName): Promise<Result<never>> {
  let body: unknown;
  try {
    body = await response.json();
  } catch {
    body = undefined;
  }
  if (isResult(body)) return body as Result<never>;
  return failure(
    response.status === 401 ? 'UNAUTHORIZED' : 'INTERNAL',
    `Unexpected answer from the server for ${route} (HTTP ${response.status}).`,
  );
}

function isResult(body: unknown): boolean {
  if (typeof body !== 'object' || body === null || !('ok' in body)) return false;
  if (body.ok === true) return 'data' in body;
  if (body.ok !== false || !('error' in body)) return false;
  const error = body.error as Partial<ContractError> | null;
  return typeof error?.code === 'string' && typeof error.message === 'string';
}

const failure = (code: ContractError['code'], message: string): Result<never> => ({
  ok: false,
  error: { code, message },
});

const describe = (e: unknown): string => (e instanceof Error ? e.message : String(e));

/**
 * One EventSource for the whole page, opened on the first subscription and closed with the last;
 * the browser reconnects it by itself after a drop.
 */
function createEventHub(url: string, EventSourceImpl: typeof EventSource | undefined) {
  const listeners = new Map<string, Set<Listener>>();
  let source: EventSource | undefined;

  const dispatch = (name: string) => (message: Event) => {
    let payload: unknown;
    try {
      payload = JSON.parse((message as MessageEvent<string>).data);
    } catch {
      return; // a malformed frame must not take the other listeners down
    }
    for (const listener of [...(listeners.get(name) ?? [])]) {
      try {
        listener(payload);
      } catch (e) {
        console.error(`[switchyard] a listener for ${name} threw:`, e); // and the others still run
      }
    }
  };
  const handlers = new Map<string, (message: Event) => void>();

  return {
    add(name: string, listener: Listener): () => void {
      if (!EventSourceImpl) return () => {};
      source ??= new EventSourceImpl(url); // same-origin, so the token cookie goes along
      let set = listeners.get(name);
      if (!set) {
        set = new Set();
        listeners.set(name, set);
        const handler = dispatch(name);
        handlers.set(name, handler);
        source.addEventListener(name, handler);
      }
      set.add(listener);
      return () => {
        const current = listeners.get(name);
        if (!current?.delete(listener) || current.size > 0) return;
        listeners.delete(name);
        const handler = handlers.get(name);
        handlers.delete(name);
        if (handler) source?.removeEventListener(name, handler);
        if (listeners.size === 0) {
          source?.close();
          source = undefined;
        }
      };
    },
  };
}
