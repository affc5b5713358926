import type { Handler } from '../types';

export const keysHandlers = {
  'keys.list': (_input, _ctx, services) => services.providers.keys(),
  'keys.set': (input, _ctx, services) => services.providers.setKey(input.provider, input.key),
  'keys.delete': (input, _ctx, services) => services.providers.deleteKey(input.provider),
  'keys.envCandidates': async (_input, _ctx, services) => ({
    candidates: await services.providers.envCandidates(),
  }),
  'keys.importEnv': (input, _ctx, services) => services.providers.importEnv(input),
} satisfies {
  'keys.list': Handler<'keys.list'>;
  'keys.set': Handler<'keys.set'>;
  'keys.delete': Handler<'keys.delete'>;
  'keys.envCandidates': Handler<'keys.envCandidates'>;
  'keys.importEnv': Handler<'keys.importEnv'>;
};
