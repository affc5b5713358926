import type { Services } from '../../services';
import { BatchService } from './batch/batchService';
import { HeavyTaskService, type TaskParents } from './heavyTaskService';

export interface HeavyRooms {
  tasks: HeavyTaskService;
  batches: BatchService;
}

/**
 * Heavy steps and batches over this process's generation service (so every chunk is routed,
 * budgeted and recorded like any request) and the ledger's task parents. Without a database the
 * tasks still run; nothing links them in a ledger that is not there.
 */
export function heavyRoomsFor(s: Services): HeavyRooms {
  const routing = s.routing;
  const parents: TaskParents | null = s.database ? s.requireLedger().tasks : null;
  const generation = s.execution;
  return {
    tasks: new HeavyTaskService({
      generation,
      router: routing,
      contextWindow: (key) => routing.catalog.get(key)?.contextWindow ?? null,
      chunking: () => routing.rules.current().chunking,
      parents,
      events: s.events,
      simulate: s.options.simulate,
    }),
    batches: new BatchService({ generation, parents, events: s.events, simulate: s.options.simulate }),
  };
}
