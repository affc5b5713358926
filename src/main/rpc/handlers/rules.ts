import type { Handler } from '../types';

export const rulesHandlers = {
  'rules.get': (_input, _ctx, services) => {
    const store = services.routing.rules;
    return {
      rules: store.current(),
      source: store.source,
      path: store.path,
      yaml: services.routing.rulesYaml(),
      loadProblem: store.loadProblem,
    };
  },
  'rules.validate': (input, _ctx, services) => {
    const checked = services.routing.checkRules(input);
    return checked.ok
      ? { valid: true, problems: [], warnings: checked.warnings }
      : { valid: false, problems: checked.problems, warnings: [] };
  },
  'rules.save': (input, _ctx, services) => services.routing.saveRules(input),
} satisfies {
  'rules.get': Handler<'rules.get'>;
  'rules.validate': Handler<'rules.validate'>;
  'rules.save': Handler<'rules.save'>;
};
