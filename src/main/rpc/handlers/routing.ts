import type { Handler } from '../types';

export const routingHandlers = {
  // A decision only (the Playground's typing preview, `switchyard route`): it never pays for an
  // embeddings call; a stored vector of the same text is used, else the text features.
  'routing.decide': (input, _ctx, services) =>
    services.routing.decide(input, undefined, { embeddings: 'cached' }),
} satisfies { 'routing.decide': Handler<'routing.decide'> };
