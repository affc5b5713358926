import type { Handler } from '../types';

export const gatewayHandlers = {
  'gateway.info': (_input, _ctx, services) => services.gateway.info(),
  'gateway.update': async (input, _ctx, services) => {
    services.gatewaySettings.set(input);
    const info = await services.gateway.apply();
    services.events.emit('system.statusChanged', services.status());
    return info;
  },
  // The access token guards this machine's own API, not a provider account; the user asked to see it.
  'gateway.revealToken': async (_input, _ctx, services) => {
    await services.accessToken.refreshIfStale(0);
    return { token: services.accessToken.current };
  },
  'gateway.rotateToken': async (_input, _ctx, services) => {
    await services.accessToken.rotate();
    return services.gateway.info();
  },
} satisfies {
  'gateway.info': Handler<'gateway.info'>;
  'gateway.update': Handler<'gateway.update'>;
  'gateway.revealToken': Handler<'gateway.revealToken'>;
  'gateway.rotateToken': Handler<'gateway.rotateToken'>;
};
