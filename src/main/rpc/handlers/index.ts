import type { HandlerMap } from '../types';
import { systemHandlers } from './system';

type Exact<T, Shape> = T & Record<Exclude<keyof T, keyof Shape>, never>;

const all = {
  ...systemHandlers,
};

/** `Exact` makes an extra (undeclared) route a compile error; `HandlerMap` a missing one. */
export const handlers: HandlerMap = all satisfies Exact<typeof all, HandlerMap>;
