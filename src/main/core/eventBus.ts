import type { EventName, EventPayload } from '../../shared/contract';

type Listener<E extends EventName> = (payload: EventPayload<E>) => void;
type AnyListener = (event: EventName, payload: unknown) => void;

/**
 * Events main pushes to every connected UI. The shells forward `onAny` to their transport (IPC
 * webContents.send, SSE); services only `emit`.
 */
export class EventBus {
  private readonly byName = new Map<EventName, Set<Listener<EventName>>>();
  private readonly any = new Set<AnyListener>();

  emit<E extends EventName>(event: E, payload: EventPayload<E>): void {
    for (const l of this.byName.get(event) ?? []) l(payload);
    for (const l of this.any) l(event, payload);
  }

  on<E extends EventName>(event: E, listener: Listener<E>): () => void {
    let set = this.byName.get(event);
    if (!set) this.byName.set(event, (set = new Set()));
    set.add(listener as Listener<EventName>);
    return () => set.delete(listener as Listener<EventName>);
  }

  onAny(listener: AnyListener): () => void {
    this.any.add(listener);
    return () => this.any.delete(listener);
  }
}
