import type { Handler } from '../types';

export const budgetHandlers = {
  'budget.list': (_input, _ctx, services) => services.requireBudget().list(),
  'budget.set': (input, _ctx, services) => services.requireBudget().set(input),
  'budget.delete': (input, _ctx, services) => ({ deleted: services.requireBudget().delete(input.id) }),
} satisfies {
  'budget.list': Handler<'budget.list'>;
  'budget.set': Handler<'budget.set'>;
  'budget.delete': Handler<'budget.delete'>;
};
