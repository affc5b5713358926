import { SwitchyardError } from '../../core/errors';
import { VoteStore } from '../../ledger/votes';
import type { Services } from '../../services';
import type { Handler } from '../types';

const stores = new WeakMap<Services, VoteStore>();

function votesOf(services: Services): VoteStore {
  if (!services.database) {
    throw new SwitchyardError(
      'DB_UNAVAILABLE',
      'Votes cannot be stored: the database is not open. See the Status screen for why.',
    );
  }
  let store = stores.get(services);
  if (!store) {
    store = new VoteStore(services.database);
    stores.set(services, store);
  }
  return store;
}

export const votesHandlers = {
  'votes.record': (input, _ctx, services) => {
    const recorded = votesOf(services).record(input);
    // A verdict is a training label for the learned strategy: retrain once things are quiet.
    services.learning.scheduleTraining();
    return recorded;
  },
  'votes.list': (input, _ctx, services) => ({ votes: votesOf(services).list(input) }),
} satisfies {
  'votes.record': Handler<'votes.record'>;
  'votes.list': Handler<'votes.list'>;
};
