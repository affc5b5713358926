import type { ExperimentArm } from '../../../shared/contract/learning';
import type { RoutingRules } from '../../../shared/contract/rules';
import { SwitchyardError } from '../../core/errors';
import type { ExperimentStore } from '../../learning/experiments';
import { checkEmbeddingsModel, embeddingModelOptions } from '../../learning/embeddings/embeddingsWiring';
import { MIN_REQUESTS } from '../../learning/liveStats';
import type { Services } from '../../services';
import type { Handler } from '../types';

function experimentsOf(services: Services): ExperimentStore {
  const store = services.learning.experiments;
  if (!store) {
    throw new SwitchyardError(
      'DB_UNAVAILABLE',
      'Experiments need the database, which is not open. See the Status screen.',
    );
  }
  return store;
}

/**
 * Promoting an arm puts it in force: a rules-version arm's rules (as they were when the experiment
 * started) are saved as the rules; a strategy arm's strategy becomes the rules' default (the rules
 * cannot default to "learned").
 */
function promote(services: Services, arm: ExperimentArm, armRules: RoutingRules | null): void {
  const by = `promoting the A/B arm "${arm.name}" on the Learning screen`;
  if (armRules) {
    services.routing.saveRules({ rules: armRules }, by);
    return;
  }
  if (arm.strategy === null || arm.strategy === 'learned') return;
  const rules = services.routing.rules.current();
  services.routing.saveRules(
    { rules: { ...rules, defaults: { ...rules.defaults, strategy: arm.strategy } } },
    by,
  );
}

/** The Learning screen shows live statistics at most this old (routing takes minute-old ones). */
const SCREEN_MAX_AGE_MS = 5_000;

export const learningHandlers = {
  'learning.status': async (_input, _ctx, services) => {
    // The stored model is read off main's thread at start; the screen waits for it rather than block.
    await services.learning.ready();
    return services.learning.status();
  },
  'learning.embeddingModels': async (_input, _ctx, services) => ({
    models: await embeddingModelOptions(services),
  }),
  'learning.setEmbeddingsModel': async (input, _ctx, services) => {
    if (input.model !== null) await checkEmbeddingsModel(services, input.model);
    return services.learning.setEmbeddingsModel(input.model);
  },
  'learning.suggestThresholds': (_input, _ctx, services) => ({
    suggestions: services.learning.suggestThresholds(services.routing.rules.current()),
  }),
  'learning.stats': (input, _ctx, services) => ({
    minRequests: MIN_REQUESTS,
    models: services.learning.stats.read(input.byUseCase, SCREEN_MAX_AGE_MS),
  }),
  'learning.train': (input, _ctx, services) => services.learning.train(input.force),
  'learning.setWillingnessToPay': (input, _ctx, services) => services.learning.setWillingnessToPay(input.usd),
  'learning.leaderboard': (input, _ctx, services) => ({
    useCase: input.useCase,
    entries: services.learning.ratings.leaderboard(input.useCase),
  }),
  'experiments.list': (_input, _ctx, services) => ({ experiments: experimentsOf(services).list() }),
  'experiments.create': (input, _ctx, services) =>
    experimentsOf(services).create(input, (id) => services.routing.rules.history.get(id)),
  'experiments.report': (input, _ctx, services) => experimentsOf(services).report(input.name),
  'experiments.end': (input, _ctx, services) =>
    experimentsOf(services).end(input.name, input.promote, (arm, rules) => promote(services, arm, rules)),
} satisfies {
  'learning.status': Handler<'learning.status'>;
  'learning.embeddingModels': Handler<'learning.embeddingModels'>;
  'learning.setEmbeddingsModel': Handler<'learning.setEmbeddingsModel'>;
  'learning.suggestThresholds': Handler<'learning.suggestThresholds'>;
  'learning.stats': Handler<'learning.stats'>;
  'learning.train': Handler<'learning.train'>;
  'learning.setWillingnessToPay': Handler<'learning.setWillingnessToPay'>;
  'learning.leaderboard': Handler<'learning.leaderboard'>;
  'experiments.list': Handler<'experiments.list'>;
  'experiments.create': Handler<'experiments.create'>;
  'experiments.report': Handler<'experiments.report'>;
  'experiments.end': Handler<'experiments.end'>;
};
