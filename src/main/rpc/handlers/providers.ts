import type { Handler } from '../types';

export const providersHandlers = {
  'providers.list': (_input, _ctx, services) => services.providers.list(),
  'providers.update': (input, _ctx, services) => services.providers.update(input),
  'providers.test': (input, ctx, services) => services.providers.test(input.provider, ctx.signal),
} satisfies {
  'providers.list': Handler<'providers.list'>;
  'providers.update': Handler<'providers.update'>;
  'providers.test': Handler<'providers.test'>;
};
