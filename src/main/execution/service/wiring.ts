import type { Services } from '../../services';
import { SqliteHealthStore, MemoryHealthStore } from '../health/healthStore';
import { circuitView, latencyView } from '../health/routingViews';
import { catalogPriceBook, eventStatusSink, MemoryAttemptRecorder, unenforcedSpendGuard } from './defaults';
import { GenerationService } from './generationService';
import type { ArmAssigner, ProviderStatusSink } from './ports';
import { armLabel } from '../../learning/experiments';
import { budgetSpendGuard } from './roomAdapters';
import { SimulatedProviders } from './simulation';
import { SIMILAR_INDEX_CAPACITY, SimilarPromptCache } from '../similar/similarCache';
import { MemorySimilarSettings, SqliteSimilarSettings } from '../similar/similarSettings';
import { LedgerAnswerSource } from '../similar/similarSource';

/**
 * The generation service over this process's rooms: routing decides, the budget room admits, the
 * ledger records, the providers room hands out connections; execution health feeds routing's
 * circuit and latency views. Without a database there is no budget or ledger: requests still run,
 * kept in memory, and every result says no budget was checked.
 */
/**
 * A key refused on a real request turns the provider `invalid_key` in the providers room (what the
 * Settings screen and `providers list` show) and tells every window through the event.
 */
function keyRejectionSink(s: Services): ProviderStatusSink {
  const events = eventStatusSink(s.events);
  return {
    keyRejected: (e) => {
      s.providers.keyRejected(e);
      events.keyRejected(e);
    },
  };
}

/** The learning room's running experiment, if any, assigns requests to arms. */
function armAssigner(s: Services): ArmAssigner | undefined {
  const experiments = s.learning.experiments;
  if (!experiments) return undefined;
  return {
    assign: (requestId) => {
      const a = experiments.assign(requestId);
      return a ? { label: armLabel(a.experiment, a.arm), strategy: a.strategy, rules: a.rules } : null;
    },
  };
}

/** The similar-prompt cache over the ledger's stored prompts and answers; without a ledger, always off. */
function similarCacheFor(s: Services): SimilarPromptCache {
  if (!s.database) return new SimilarPromptCache(new MemorySimilarSettings(), null);
  const ledger = s.requireLedger();
  const cache = new SimilarPromptCache(
    new SqliteSimilarSettings(ledger.db),
    new LedgerAnswerSource(ledger.db, () => ledger.settings.get().storePrompts),
    SIMILAR_INDEX_CAPACITY,
    // The learning room's prompt embeddings (read through, so a setting change applies at once).
    {
      active: () => s.learning.embedder.active(),
      vectorFor: (text) => s.learning.embedder.vectorFor(text),
      vectorByKey: (key) => s.learning.embedder.vectorByKey(key),
    },
  );
  cache.warm();
  return cache;
}

export function generationServiceFor(s: Services): GenerationService {
  const routing = s.routing;
  const prices = catalogPriceBook(routing.catalog);
  const db = s.database;
  const service = new GenerationService({
    router: routing,
    connections: s.providers,
    simulation: new SimulatedProviders(s.options.env ?? process.env),
    prices,
    rules: { cascade: () => routing.rules.current().cascade },
    spend: db ? budgetSpendGuard(s.requireBudget(), prices) : unenforcedSpendGuard,
    recorder: db ? s.requireLedger() : new MemoryAttemptRecorder(),
    statusSink: keyRejectionSink(s),
    events: s.events,
    healthStore: db ? new SqliteHealthStore(db) : new MemoryHealthStore(),
    simulate: s.options.simulate,
    arms: armAssigner(s),
    similar: similarCacheFor(s),
  });
  routing.live.circuits = circuitView(service.health);
  routing.live.latency = s.learning.stats.latencyView(latencyView(service.health));
  return service;
}
