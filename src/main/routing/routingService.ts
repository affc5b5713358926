import type {
  CatalogModel,
  CatalogUpdate,
  PriceChange,
  CustomModelInput,
} from '../../shared/contract/catalog';
import type { ParsedRoutingRequest, RoutingDecision } from '../../shared/contract/routing';
import type { RoutingRules, RuleProblem, RulesVersion } from '../../shared/contract/rules';
import type { ProviderId } from '../../shared/providers';
import { SwitchyardError } from '../core/errors';
import type { LedgerDatabase } from '../ledger/database';
import type { SecretStore } from '../secrets/secretStore';
import { CatalogStore } from './catalog/catalogStore';
import { ModelCatalog } from './catalog/modelCatalog';
import { diffOpenRouterPrices, fetchOpenRouterModels } from './catalog/openRouterPrices';
import { allProviderInfo } from './catalog/providerDirectory';
import {
  NO_LATENCY_DATA,
  NO_OPEN_CIRCUITS,
  UNLIMITED_BUDGET,
  type LearnedView,
  type LiveState,
} from './liveState';
import { promptText } from './strategies/learned';
import { KeyPresenceAvailability } from './providerAvailability';
import { RulesReplay } from './replay/rulesReplay';
import { RoutingEngine } from './routingEngine';
import { checkRulesValue, checkRulesYaml, type RulesCheck } from './rules/rulesDocument';
import { rulesToYaml } from './rules/rulesYaml';
import { RulesStore } from './rules/rulesStore';

export interface RoutingServiceOptions {
  dataDir: string;
  database: LedgerDatabase | null;
  secrets: SecretStore;
  simulate: boolean;
  /** Whether the user has the provider switched on (the providers room's settings). */
  providerEnabled?: (provider: ProviderId) => boolean;
}

/**
 * The routing room as the rest of main sees it: the catalog, the rules, the engine, and the live
 * state other rooms plug in (`live`): the execution room sets `circuits` and `latency`, the budget
 * room `budget`.
 */
export class RoutingService {
  readonly catalog: ModelCatalog;
  readonly rules: RulesStore;
  readonly engine: RoutingEngine;
  readonly live: Omit<LiveState, 'availability'> = {
    circuits: NO_OPEN_CIRCUITS,
    budget: UNLIMITED_BUDGET,
    latency: NO_LATENCY_DATA,
  };
  private readonly availability: KeyPresenceAvailability;

  constructor(private readonly options: RoutingServiceOptions) {
    this.catalog = new ModelCatalog(options.database ? new CatalogStore(options.database.db) : null);
    this.rules = new RulesStore(options.dataDir);
    this.engine = new RoutingEngine(this.catalog, () => this.rules.current());
    this.availability = new KeyPresenceAvailability(options.secrets, options.providerEnabled);
  }

  private prewarmTimer: NodeJS.Timeout | null = null;

  /**
   * Long-running shells call this once: a moment later (off the start-up path, and after the
   * first screen has loaded) the exact-count worker starts and loads its encoder, so a decision
   * near a threshold never waits for the ~0.4 s cold start. The CLI does not: it decides once.
   */
  prewarmExactCounts(delayMs = PREWARM_DELAY_MS): void {
    if (this.prewarmTimer) return;
    this.prewarmTimer = setTimeout(() => this.engine.counter.prewarm(), delayMs);
    this.prewarmTimer.unref();
  }

  /** A key or a provider setting changed: the next decision reads them afresh. */
  invalidateAvailability(): void {
    this.availability.invalidate();
  }

  /**
   * `rules`: decide under another rules document (an A/B arm's rules version) than the one in force.
   * `embeddings`: a learned decision about to run fetches the prompt's embedding (`fetch`, the
   * default: at most one call, short timeout); a preview only reads stored vectors (`cached`).
   */
  async decide(
    request: ParsedRoutingRequest,
    rules?: RoutingRules,
    opts: { embeddings?: 'fetch' | 'cached' } = {},
  ): Promise<RoutingDecision> {
    const availability = await this.availability.snapshot(request.simulate ?? this.options.simulate);
    const pending = this.learnedFor(request, rules ?? this.rules.current(), opts.embeddings ?? 'fetch');
    const learned = pending instanceof Promise ? await pending : pending;
    return this.engine.decide(request, { ...this.live, availability, learned }, rules);
  }

  /** A decision under draft rules (the rules editor's preview); the rules in force are untouched. */
  async decideWithDraft(request: ParsedRoutingRequest, draft: unknown): Promise<RoutingDecision> {
    const rules = this.validDraft(draft);
    const availability = await this.availability.snapshot(request.simulate ?? this.options.simulate);
    const pending = this.learnedFor(request, rules, 'cached');
    const learned = pending instanceof Promise ? await pending : pending;
    return this.engine.decide(request, { ...this.live, availability, learned }, rules);
  }

  /**
   * The learned view for one decision: when the learned strategy will decide, the prompt's
   * embedding is fetched first and bound in, so the strategy itself stays synchronous.
   */
  private learnedFor(
    request: ParsedRoutingRequest,
    rules: RoutingRules,
    mode: 'fetch' | 'cached',
  ): LearnedView | undefined | Promise<LearnedView> {
    const view = this.live.learned;
    const strategy = request.model ? 'pinned' : (request.strategy ?? rules.defaults.strategy);
    // Every other decision goes on without waiting a turn (the default strategy's 0.5 ms target).
    if (!view?.embedding || strategy !== 'learned') return view;
    const text = promptText(request);
    return view
      .embedding(text, mode)
      .then((embedding) => ({ ...view, predict: (t) => view.predict(t, t === text ? embedding : null) }));
  }

  /** Draft rules as a valid document, or VALIDATION_FAILED with every problem. */
  validDraft(draft: unknown): RoutingRules {
    const checked = checkRulesValue(draft);
    if (!checked.ok) throw invalidRules('The draft rules are invalid', checked.problems);
    return checked.rules;
  }

  rulesVersions(): RulesVersion[] {
    return this.rules.history.list(this.rules.current());
  }

  restoreRules(id: string): { rules: RoutingRules; warnings: RuleProblem[] } {
    return this.saveRules({ rules: this.rules.history.get(id) }, 'restoring a saved version');
  }

  private replayRunner?: RulesReplay;

  /** What-if replays of the ledger under draft rules (DB_UNAVAILABLE without a database). */
  get replay(): RulesReplay {
    const database = this.options.database;
    if (!database)
      throw new SwitchyardError(
        'DB_UNAVAILABLE',
        'The ledger is not open, so there is no history to replay.',
      );
    this.replayRunner ??= new RulesReplay(database.db, () => this.catalog.list());
    return this.replayRunner;
  }

  /** Validates a rules document (YAML text or object) against the schema and the catalog. */
  checkRules(source: { yaml: string } | { rules: unknown }): RulesCheck {
    const known = (key: string) => this.catalog.get(key) !== undefined;
    return 'yaml' in source ? checkRulesYaml(source.yaml, known) : checkRulesValue(source.rules, known);
  }

  /** Saves valid rules; anything invalid is rejected whole with every problem in the details. */
  saveRules(
    source: { yaml: string } | { rules: unknown },
    by = 'a save',
  ): { rules: RoutingRules; warnings: RuleProblem[] } {
    const checked = this.checkRules(source);
    if (!checked.ok) throw invalidRules('The rules were not saved', checked.problems);
    this.rules.save(checked.rules, Date.now(), by);
    return { rules: checked.rules, warnings: checked.warnings };
  }

  rulesYaml(): string {
    return rulesToYaml(this.rules.current());
  }

  listModels(provider?: ProviderId, includeDisabled = true): CatalogModel[] {
    return this.catalog
      .list()
      .filter((m) => (provider ? m.provider === provider : true) && (includeDisabled || !m.disabled));
  }

  providers() {
    return allProviderInfo();
  }

  updateCatalog(change: CatalogUpdate): CatalogModel | null {
    return this.catalog.update(change);
  }

  async previewPriceRefresh(baseUrl?: string) {
    return diffOpenRouterPrices(this.catalog.list(), await fetchOpenRouterModels(baseUrl));
  }

  applyPriceRefresh(changes: PriceChange[], add: CustomModelInput[]) {
    const r = this.catalog.applyRefresh(changes, add, 'openrouter');
    return { updatedModels: r.updated, addedModels: r.added };
  }

  /**
   * Models the provider's list endpoint offers that the catalog lacks, through the execution room's
   * adapter (it knows each provider's list dialect and auth). Loaded on demand: the adapter pulls
   * in the AI SDK, which routing decisions never need.
   */
  async discoverModels(provider: ProviderId, baseUrl?: string) {
    const { connectionFromStore, createProviderAdapter } = await import('../execution/providers/connection');
    const connection = await connectionFromStore(this.options.secrets, provider, {
      baseUrl: baseUrl ?? null,
    });
    const listed = await createProviderAdapter(connection).listModels({ timeoutMs: 15_000 });
    if (listed === null) {
      throw new SwitchyardError(
        'PROVIDER_ERROR',
        `${provider} has no model list endpoint; add its models by hand.`,
      );
    }
    const known = new Set(
      this.catalog
        .list()
        .filter((m) => m.provider === provider)
        .map((m) => m.model),
    );
    const sorted = [...new Set(listed)].sort();
    return { listed: sorted, missing: sorted.filter((id) => !known.has(id)) };
  }

  close(): Promise<void> {
    if (this.prewarmTimer) clearTimeout(this.prewarmTimer);
    this.rules.close();
    return this.engine.close();
  }
}

const PREWARM_DELAY_MS = 2_000;

function invalidRules(what: string, problems: RuleProblem[]): SwitchyardError {
  const first = problems[0];
  const where = first?.line ? ` (line ${first.line})` : '';
  return new SwitchyardError(
    'VALIDATION_FAILED',
    `${what}: ${problems.length} problem(s), first at ${first?.path || 'the top'}${where}: ${first?.message}`,
    { problems },
  );
}
