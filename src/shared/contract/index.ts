import type { z } from 'zod';
import type { Result } from '../errors';
import { systemEvents, systemRoutes } from './system';

/**
 * The whole contract: every route the UI (or an HTTP client) can call, grouped by domain, and every
 * event main pushes. This is the only place a route or event is declared.
 */
export const routes = {
  ...systemRoutes,
};

export const events = {
  ...systemEvents,
};

export type Routes = typeof routes;
export type RouteName = keyof Routes;
export type RouteInput<K extends RouteName> = z.input<Routes[K]['input']>;
export type RouteParsedInput<K extends RouteName> = z.output<Routes[K]['input']>;
export type RouteOutput<K extends RouteName> = z.output<Routes[K]['output']>;

export type Events = typeof events;
export type EventName = keyof Events;
export type EventPayload<E extends EventName> = z.output<Events[E]>;

export const routeNames = Object.keys(routes) as RouteName[];
export const eventNames = Object.keys(events) as EventName[];

export const isRouteName = (name: string): name is RouteName =>
  Object.prototype.hasOwnProperty.call(routes, name);
export const isEventName = (name: string): name is EventName =>
  Object.prototype.hasOwnProperty.call(events, name);

/** What the preload exposes and what the HTTP transport implements: the renderer sees only this. */
export interface SwitchyardApi {
  request<K extends RouteName>(route: K, input: RouteInput<K>): Promise<Result<RouteOutput<K>>>;
  subscribe<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void;
}

export * from './system';
