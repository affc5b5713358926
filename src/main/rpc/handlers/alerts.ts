import type { Handler } from '../types';

export const alertsHandlers = {
  'alerts.list': (input, _ctx, services) => services.alerts.list(input.limit),
  'alerts.markRead': (input, _ctx, services) => services.alerts.markRead(input.ids),
} satisfies {
  'alerts.list': Handler<'alerts.list'>;
  'alerts.markRead': Handler<'alerts.markRead'>;
};
