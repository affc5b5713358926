import { useCallback, useEffect } from 'react';
import type { SwitchyardApi } from '../../../shared/contract';
import type { RoutingRequest } from '../../../shared/contract/routing';
import { useApi } from '../../transport/TransportProvider';
import { useRuns } from './runStore';

/** Text deltas are gathered and painted once per frame: a fast stream costs at most 60 renders a second. */
function createDeltaBatcher(flush: (chunks: Map<string, string>) => void) {
  let pending = new Map<string, string>();
  let scheduled = false;
  const schedule =
    typeof requestAnimationFrame === 'function'
      ? (fn: () => void) => requestAnimationFrame(fn)
      : (fn: () => void) => setTimeout(fn, 16);
  const run = () => {
    scheduled = false;
    const chunks = pending;
    pending = new Map();
    if (chunks.size > 0) flush(chunks);
  };
  return {
    add(requestId: string, text: string) {
      pending.set(requestId, (pending.get(requestId) ?? '') + text);
      if (!scheduled) {
        scheduled = true;
        schedule(run);
      }
    },
    /** Paint what is pending now (before a run's final result replaces its text). */
    drain: run,
  };
}

/**
 * Follows execution events for the runs this screen started. Subscribed for as long as the screen
 * is open, so the event stream is already connected when a run begins and no early delta is lost;
 * events of other clients' runs are ignored.
 */
export function useExecutionEvents(): void {
  const api = useApi();
  useEffect(() => {
    const store = useRuns.getState;
    const mine = (id: string) => store().runs[id] !== undefined;
    const batcher = createDeltaBatcher((chunks) => store().appendText(chunks));
    const offs = [
      api.subscribe('execution.started', (e) => {
        if (mine(e.requestId)) store().started(e.requestId, e.modelKey, e.simulated);
      }),
      api.subscribe('execution.delta', (e) => {
        if (mine(e.requestId)) batcher.add(e.requestId, e.text);
      }),
      api.subscribe('execution.attempt', (e) => {
        if (mine(e.requestId)) store().attempt(e.requestId, e.attempt);
      }),
      api.subscribe('execution.done', (e) => {
        if (!mine(e.requestId)) return;
        batcher.drain();
        if (e.result) store().finish(e.requestId, e.result);
        else if (e.error) store().fail(e.requestId, e.error);
      }),
    ];
    return () => offs.forEach((off) => off());
  }, [api]);
}

/** 8–80 letters, digits, '-' or '_' (the contract's RequestId). */
export function newRequestId(): string {
  if (typeof crypto.randomUUID === 'function') return `pg-${crypto.randomUUID()}`;
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return `pg-${Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('')}`;
}

/**
 * Starts a run and records its outcome; the returned id names it in the run store. `cache: false`
 * runs it for real: no exact or similar-prompt cache answers it.
 */
export function startRun(api: SwitchyardApi, request: RoutingRequest, opts: { cache?: false } = {}): string {
  const requestId = newRequestId();
  const { begin } = useRuns.getState();
  begin(requestId, request);
  void api.request('execution.run', { requestId, request, stream: true, ...opts }).then((result) => {
    const store = useRuns.getState();
    if (result.ok) store.finish(requestId, result.data);
    else store.fail(requestId, result.error);
  });
  return requestId;
}

/** Asks main to stop a run; the run's own answer (partial text, CANCELLED) then settles its state. */
export function useCancelRun() {
  const api = useApi();
  return useCallback(
    async (requestId: string) => {
      const run = useRuns.getState().runs[requestId];
      if (run?.status !== 'running') return;
      useRuns.getState().markCancelling(requestId);
      const result = await api.request('execution.cancel', { requestId });
      // Already finished on main's side: the run's own answer settles its state.
      if (!result.ok) console.warn(`[switchyard] cancel ${requestId}: ${result.error.code}`);
    },
    [api],
  );
}
