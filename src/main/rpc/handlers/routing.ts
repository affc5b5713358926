import type { Handler } from '../types';

export const routingHandlers = {
  'routing.decide': (input, _ctx, services) => services.routing.decide(input),
} satisfies { 'routing.decide': Handler<'routing.decide'> };
