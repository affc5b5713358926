import type { Handler } from '../types';

export const systemHandlers = {
  'system.status': (_input, _ctx, services) => services.status(),
  'system.recheck': async (_input, _ctx, services) => {
    await services.recheckKeychain();
    const status = services.status();
    services.events.emit('system.statusChanged', status);
    return status;
  },
} satisfies { 'system.status': Handler<'system.status'>; 'system.recheck': Handler<'system.recheck'> };
