import type { ParsedStep, Step } from '../../../shared/contract/tasks';
import { StepSchema } from '../../../shared/contract/tasks';
import { defaultRules } from '../../routing/rules/defaultRules';
import { ModelCatalog } from '../../routing/catalog/modelCatalog';
import type { EventBus } from '../../core/eventBus';
import type { Ledger } from '../../ledger/ledger';
import type { FakeProviderServer } from '../fake/server';
import { MemoryHealthStore } from '../health/healthStore';
import { fakeConnections, fixedRouter, steppingClock } from '../test/harness';
import { catalogPriceBook, unenforcedSpendGuard } from '../service/defaults';
import { GenerationService } from '../service/generationService';
import type { SpendGuard } from '../service/ports';
import { SimulatedProviders } from '../service/simulation';
import { BatchService } from './batch/batchService';
import { HeavyTaskService } from './heavyTaskService';

export const MODEL = 'openai/gpt-4o-mini';

/** The contract's parse of a step (defaults filled in), as a handler receives it. */
export const step = (s: Step): ParsedStep => StepSchema.parse(s);

/**
 * Heavy tasks and batches over a real GenerationService against the fake provider server, writing
 * to a real file-backed ledger; one model, so a failure is not hidden by a fallback.
 */
export function heavyRig(
  fake: FakeProviderServer,
  ledger: Ledger,
  events: EventBus,
  spend: SpendGuard = unenforcedSpendGuard,
) {
  const simulation = new SimulatedProviders({});
  const generation = new GenerationService({
    router: fixedRouter([MODEL]),
    connections: fakeConnections(fake),
    simulation,
    prices: catalogPriceBook(new ModelCatalog(null)),
    rules: { cascade: () => undefined },
    spend,
    recorder: ledger,
    statusSink: { keyRejected: () => undefined },
    events,
    healthStore: new MemoryHealthStore(),
    clock: steppingClock().clock,
    simulate: false,
  });
  const rules = defaultRules();
  const tasks = new HeavyTaskService({
    generation,
    router: fixedRouter([MODEL]),
    contextWindow: () => 128_000,
    chunking: () => rules.chunking,
    parents: ledger.tasks,
    events,
    simulate: false,
  });
  const batches = new BatchService({ generation, parents: ledger.tasks, events, simulate: false });
  return { tasks, batches, close: () => simulation.close() };
}
