import type { z } from 'zod';
import type { Result } from '../errors';
import { alertsEvents, alertsRoutes } from './alerts';
import { budgetEvents, budgetRoutes } from './budget';
import { catalogRoutes } from './catalog';
import { executionEvents, executionRoutes } from './execution';
import { gatewayRoutes } from './gateway';
import { healthEvents, healthRoutes } from './health';
import { keysRoutes } from './keys';
import { learningRoutes } from './learning';
import { ledgerRoutes } from './ledger';
import { providersEvents, providersRoutes } from './providers';
import { reportsRoutes } from './reports';
import { routingRoutes } from './routing';
import { rulesEvents, rulesRoutes } from './rules';
import { systemEvents, systemRoutes } from './system';
import { tasksEvents, tasksRoutes } from './tasks';
import { votesRoutes } from './votes';

/**
 * The whole contract: every route the UI (or an HTTP client) can call, grouped by domain, and every
 * event main pushes. This is the only place a route or event is declared.
 */
export const routes = {
  ...systemRoutes,
  ...keysRoutes,
  ...providersRoutes,
  ...routingRoutes,
  ...rulesRoutes,
  ...catalogRoutes,
  ...votesRoutes,
  ...learningRoutes,
  ...budgetRoutes,
  ...ledgerRoutes,
  ...reportsRoutes,
  ...executionRoutes,
  ...healthRoutes,
  ...alertsRoutes,
  ...gatewayRoutes,
  ...tasksRoutes,
};

export const events = {
  ...systemEvents,
  ...providersEvents,
  ...budgetEvents,
  ...executionEvents,
  ...healthEvents,
  ...alertsEvents,
  ...rulesEvents,
  ...tasksEvents,
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

/** Per-call options. `signal` lets a reader drop a stale call (the HTTP transport aborts the fetch). */
export interface RequestOptions {
  signal?: AbortSignal;
}

/** What the preload exposes and what the HTTP transport implements: the renderer sees only this. */
export interface SwitchyardApi {
  request<K extends RouteName>(
    route: K,
    input: RouteInput<K>,
    options?: RequestOptions,
  ): Promise<Result<RouteOutput<K>>>;
  subscribe<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void;
}

export * from './system';
export * from './keys';
export * from './providers';
export * from './catalog';
export * from './routing';
export * from './rules';
export * from './votes';
export * from './learning';
export * from './budget';
export * from './ledger';
export * from './reports';
export * from './execution';
export * from './health';
export * from './alerts';
export * from './gateway';
export * from './tasks';
