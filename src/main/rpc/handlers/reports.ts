import type { Handler } from '../types';

export const reportsHandlers = {
  'reports.overview': (input, _ctx, services) => services.requireLedger().reports.overview(input),
  'reports.spend': (input, _ctx, services) => services.requireLedger().reports.spend(input),
  'reports.timeline': (input, _ctx, services) => services.requireLedger().reports.timeline(input),
  'reports.models': (input, _ctx, services) => services.requireLedger().reports.models(input),
  'reports.topRequests': (input, _ctx, services) => services.requireLedger().reports.topRequests(input),
  'reports.csv': (input, _ctx, services) => services.requireLedger().reports.csv(input),
} satisfies {
  'reports.overview': Handler<'reports.overview'>;
  'reports.spend': Handler<'reports.spend'>;
  'reports.timeline': Handler<'reports.timeline'>;
  'reports.models': Handler<'reports.models'>;
  'reports.topRequests': Handler<'reports.topRequests'>;
  'reports.csv': Handler<'reports.csv'>;
};
