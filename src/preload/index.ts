// The sandboxed preload: the page gets `window.switchyard` with exactly `request` and `subscribe`
// (the SwitchyardApi of the contract) and nothing else. ipcRenderer and IpcRendererEvent objects
// stay here; the page only ever sees route results and event payloads (security checklist #20).
import { contextBridge, ipcRenderer } from 'electron';
import type { EventName, EventPayload, SwitchyardApi } from '../shared/contract';
import type { Result } from '../shared/errors';
import { EVENTS_SWITCH, EVENT_CHANNEL, REQUEST_CHANNEL, ROUTES_SWITCH, decodeNames } from './ipcChannels';

// null when main did not pass the names: then main alone decides (it checks every call anyway).
const knownRoutes = decodeNames(process.argv, ROUTES_SWITCH);
const knownEvents = decodeNames(process.argv, EVENTS_SWITCH);

type Listener = (payload: unknown) => void;
const listeners = new Map<string, Set<Listener>>();

// One IPC listener for every subscription; the IpcRendererEvent is dropped here.
ipcRenderer.on(EVENT_CHANNEL, (_event, name: unknown, payload: unknown) => {
  if (typeof name !== 'string') return;
  const set = listeners.get(name);
  if (!set) return;
  for (const listener of [...set]) {
    try {
      listener(payload);
    } catch (e) {
      // One broken listener must not starve the others.
      console.error(`[switchyard] a listener for ${name} threw:`, e);
    }
  }
});

const failure = (code: 'UNKNOWN_ROUTE' | 'INTERNAL', message: string): Result<never> => ({
  ok: false,
  error: { code, message },
});

const api: SwitchyardApi = {
  request(route, input) {
    if (typeof route !== 'string' || (knownRoutes !== null && !knownRoutes.has(route))) {
      return Promise.resolve(failure('UNKNOWN_ROUTE', `There is no route named "${String(route)}".`));
    }
    // main never throws into ipcMain.handle; a rejection here means the call could not be made at
    // all (e.g. an input that cannot be cloned), which is still reported as a Result.
    return ipcRenderer
      .invoke(REQUEST_CHANNEL, route, input)
      .catch((e: unknown) =>
        failure(
          'INTERNAL',
          `The request could not be sent to the app: ${e instanceof Error ? e.message : String(e)}`,
        ),
      );
  },

  subscribe<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void {
    if (typeof event !== 'string' || typeof listener !== 'function') return () => undefined;
    if (knownEvents !== null && !knownEvents.has(event)) {
      console.warn(`[switchyard] there is no event named "${event}"; the listener will never be called.`);
      return () => undefined;
    }
    const set = listeners.get(event) ?? new Set<Listener>();
    listeners.set(event, set);
    const entry: Listener = (payload) => listener(payload as EventPayload<E>);
    set.add(entry);
    return () => {
      set.delete(entry);
      if (set.size === 0 && listeners.get(event) === set) listeners.delete(event);
    };
  },
};

contextBridge.exposeInMainWorld('switchyard', api);
