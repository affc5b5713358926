import type { HandlerMap } from '../types';
import { alertsHandlers } from './alerts';
import { catalogHandlers } from './catalog';
import { executionHandlers } from './execution';
import { gatewayHandlers } from './gateway';
import { healthHandlers } from './health';
import { keysHandlers } from './keys';
import { learningHandlers } from './learning';
import { providersHandlers } from './providers';
import { routingHandlers } from './routing';
import { rulesHandlers } from './rules';
import { systemHandlers } from './system';
import { tasksHandlers } from './tasks';
import { votesHandlers } from './votes';
import { budgetHandlers } from './budget';
import { ledgerHandlers } from './ledger';
import { reportsHandlers } from './reports';

type Exact<T, Shape> = T & Record<Exclude<keyof T, keyof Shape>, never>;

const all = {
  ...systemHandlers,
  ...keysHandlers,
  ...providersHandlers,
  ...routingHandlers,
  ...rulesHandlers,
  ...catalogHandlers,
  ...votesHandlers,
  ...learningHandlers,
  ...budgetHandlers,
  ...ledgerHandlers,
  ...reportsHandlers,
  ...executionHandlers,
  ...healthHandlers,
  ...alertsHandlers,
  ...gatewayHandlers,
  ...tasksHandlers,
};

/** `Exact` makes an extra (undeclared) route a compile error; `HandlerMap` a missing one. */
export const handlers: HandlerMap = all satisfies Exact<typeof all, HandlerMap>;
