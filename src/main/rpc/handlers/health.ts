import type { Handler } from '../types';

export const healthHandlers = {
  'health.list': (input, _ctx, services) => {
    const health = services.execution.health;
    return { models: (input.models ?? health.knownModels()).map((key) => health.view(key)) };
  },
  'health.reset': (input, _ctx, services) => services.execution.health.reset(input.modelKey),
  'health.forceOpen': (input, _ctx, services) => services.execution.health.forceOpen(input.modelKey),
} satisfies {
  'health.list': Handler<'health.list'>;
  'health.reset': Handler<'health.reset'>;
  'health.forceOpen': Handler<'health.forceOpen'>;
};
