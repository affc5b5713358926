import type { Handler } from '../types';

export const ledgerHandlers = {
  'ledger.settings': (_input, _ctx, services) => services.requireLedger().settings.get(),
  'ledger.updateSettings': (input, _ctx, services) => services.requireLedger().settings.set(input),
  'ledger.cleanup': async (_input, _ctx, services) => {
    const { deletedRequests, cutoff } = await services.requireLedger().retention.cleanup();
    return { deletedRequests, cutoff: new Date(cutoff).toISOString() };
  },
  'ledger.requests': (input, _ctx, services) => services.requireLedger().history.list(input),
  'ledger.request': (input, _ctx, services) => {
    const history = services.requireLedger().history;
    return input.id !== undefined ? history.get(input.id) : history.getByKey(input.requestKey ?? '');
  },
} satisfies {
  'ledger.requests': Handler<'ledger.requests'>;
  'ledger.request': Handler<'ledger.request'>;
  'ledger.settings': Handler<'ledger.settings'>;
  'ledger.updateSettings': Handler<'ledger.updateSettings'>;
  'ledger.cleanup': Handler<'ledger.cleanup'>;
};
