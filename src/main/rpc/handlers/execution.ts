import type { Handler } from '../types';

export const executionHandlers = {
  'execution.run': (input, ctx, services) =>
    services.execution.run(input, { source: ctx.source, signal: ctx.signal }),
  'execution.cancel': (input, _ctx, services) => ({ cancelled: services.execution.cancel(input.requestId) }),
  'execution.stats': (_input, _ctx, services) => services.execution.stats(),
  'execution.similarCache': (_input, _ctx, services) => services.execution.similar.view(),
  'execution.updateSimilarCache': (input, _ctx, services) => services.execution.similar.update(input),
} satisfies {
  'execution.run': Handler<'execution.run'>;
  'execution.cancel': Handler<'execution.cancel'>;
  'execution.stats': Handler<'execution.stats'>;
  'execution.similarCache': Handler<'execution.similarCache'>;
  'execution.updateSimilarCache': Handler<'execution.updateSimilarCache'>;
};
