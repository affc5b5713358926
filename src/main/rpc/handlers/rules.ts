import { rulesToYaml } from '../../routing/rules/rulesYaml';
import type { Handler } from '../types';

/** Who saved, as the Rules screen names it to someone whose draft is now older. */
const SAVED_BY = {
  ui: 'a save from the Rules screen',
  http: 'an API client',
  cli: 'the CLI (rules import)',
  gateway: 'an API client',
} as const;

export const rulesHandlers = {
  'rules.get': (_input, _ctx, services) => {
    const store = services.routing.rules;
    return {
      rules: store.current(),
      source: store.source,
      path: store.path,
      yaml: services.routing.rulesYaml(),
      loadProblem: store.loadProblem,
      lastChange: store.lastChange,
    };
  },
  'rules.validate': (input, _ctx, services) => {
    const checked = services.routing.checkRules(input);
    return checked.ok
      ? { valid: true, problems: [], warnings: checked.warnings, rules: checked.rules }
      : { valid: false, problems: checked.problems, warnings: [], rules: null };
  },
  'rules.toYaml': (input, _ctx, services) => ({
    yaml: rulesToYaml(services.routing.validDraft(input.rules)),
  }),
  'rules.save': (input, ctx, services) => services.routing.saveRules(input, SAVED_BY[ctx.source]),
  'rules.preview': (input, _ctx, services) => services.routing.decideWithDraft(input.request, input.rules),
  'rules.versions': (_input, _ctx, services) => ({ versions: services.routing.rulesVersions() }),
  'rules.restore': (input, _ctx, services) => services.routing.restoreRules(input.id),
  'rules.replay': (input, _ctx, services) => {
    const routing = services.routing;
    const rules = routing.validDraft(input.rules);
    return routing.replay.run({ replayId: input.replayId, rules, days: input.days }, (p) =>
      services.events.emit('rules.replayProgress', { replayId: input.replayId, ...p }),
    );
  },
  'rules.replayCancel': (input, _ctx, services) => ({
    cancelled: services.routing.replay.cancel(input.replayId),
  }),
} satisfies {
  'rules.get': Handler<'rules.get'>;
  'rules.validate': Handler<'rules.validate'>;
  'rules.toYaml': Handler<'rules.toYaml'>;
  'rules.save': Handler<'rules.save'>;
  'rules.preview': Handler<'rules.preview'>;
  'rules.versions': Handler<'rules.versions'>;
  'rules.restore': Handler<'rules.restore'>;
  'rules.replay': Handler<'rules.replay'>;
  'rules.replayCancel': Handler<'rules.replayCancel'>;
};
