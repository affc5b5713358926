import { vi } from 'vitest';
import type {
  EventName,
  EventPayload,
  RouteInput,
  RouteName,
  RouteOutput,
  Status,
  SwitchyardApi,
} from '../../shared/contract';
import type { Result } from '../../shared/errors';

type Handlers = {
  [K in RouteName]?: (input: RouteInput<K>) => Result<RouteOutput<K>> | Promise<Result<RouteOutput<K>>>;
};

/** Stands in for main (the preload's SwitchyardApi) in renderer unit tests. */
export function createFakeApi(handlers: Handlers) {
  const listeners = new Map<string, Set<(payload: unknown) => void>>();
  const request = vi.fn(async (route: RouteName, input: unknown) => {
    const handler = handlers[route] as ((input: unknown) => unknown) | undefined;
    if (!handler) return { ok: false, error: { code: 'UNKNOWN_ROUTE', message: `no fake for ${route}` } };
    return handler(input);
  });
  const api = {
    request: request as unknown as SwitchyardApi['request'],
    subscribe(event, listener) {
      const set = listeners.get(event) ?? new Set();
      set.add(listener as (payload: unknown) => void);
      listeners.set(event, set);
      return () => set.delete(listener as (payload: unknown) => void);
    },
  } satisfies SwitchyardApi;
  return {
    api,
    request,
    emit<E extends EventName>(event: E, payload: EventPayload<E>) {
      for (const l of listeners.get(event) ?? []) l(payload);
    },
    listenerCount: (event: EventName) => listeners.get(event)?.size ?? 0,
  };
}

export function makeStatus(overrides: Partial<Status> = {}): Status {
  return {
    app: { name: 'Switchyard', version: '0.1.0' },
    shell: 'headless',
    versions: { node: '20.20.2', v8: '11.3.244.8-node.33', electron: null, chrome: null },
    platform: 'linux-x64',
    dataDir: '/home/ada/.local/share/switchyard-test',
    simulate: false,
    startedAt: '2025-11-27T16:00:00.000Z',
    database: {
      status: 'ok',
      path: '/home/ada/.local/share/switchyard-test/switchyard.db',
      schemaVersion: 1,
      latestSchemaVersion: 1,
      journalMode: 'wal',
      sizeBytes: 4096,
      sqliteVersion: '3.50.4',
    },
    keychain: {
      status: 'unavailable',
      backend: 'Secret Service (libsecret) via keytar',
      message: 'No Secret Service is running. Start GNOME Keyring and unlock it.',
    },
    accessToken: { storage: 'memory' },
    gateway: {
      baseUrl: 'http://127.0.0.1:4317/v1',
      available: false,
      message: 'The OpenAI-compatible gateway is not built yet; its base URL is reserved.',
    },
    ...overrides,
  };
}
