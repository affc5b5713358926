import { randomUUID } from 'node:crypto';
import type { EventPayload } from '../../../shared/contract';
import type {
  CascadeRules,
  ParsedExecutionRunInput,
  RoutedGeneration,
  RoutingStats,
} from '../../../shared/contract/execution';
import type { ProviderId } from '../../../shared/providers';
import { SwitchyardError, toContractError } from '../../core/errors';
import type { EventBus } from '../../core/eventBus';
import type { RequestStatus } from '../../ledger/ledgerCodes';
import { requestKey } from '../cache/requestKey';
import { ResponseCache } from '../cache/responseCache';
import { SingleFlight, type FlightOutcome } from '../cache/singleFlight';
import { runCascade, type CascadeOutcome } from '../cascade/cascade';
import { isCascadeError } from '../cascade/cascadeError';
import { resolveCascadeSettings, type CascadeSettings } from '../cascade/settings';
import { systemClock, type Clock } from '../clock';
import { ExecutionHealth } from '../health/executionHealth';
import { MemoryHealthStore, type HealthStore } from '../health/healthStore';
import { SimilarPromptCache, type SimilarAsk, type SimilarHit } from '../similar/similarCache';
import { MemorySimilarSettings } from '../similar/similarSettings';
import { AdapterPool } from './adapterPool';
import {
  chainOf,
  moveFirst,
  recordRequest,
  resultContext,
  type Prepared,
  type RunOptions,
} from './preparedRequest';
import type {
  ArmAssigner,
  AttemptRecorder,
  CascadeRulesSource,
  ConnectionSource,
  PriceBook,
  ProviderStatusSink,
  Router,
  SpendAdmission,
  SpendGuard,
} from './ports';
import { chatMessages } from './requestMessages';
import { routedFromCache, routedFromOutcome, routedFromSimilar, type ResultContext } from './routedResult';
import type { SimulatedProviders } from './simulation';

export interface GenerationServiceDeps {
  router: Router;
  connections: ConnectionSource;
  /** Answers simulated requests (the whole process with --simulate, or a request's `simulate`). */
  simulation: SimulatedProviders;
  prices: PriceBook;
  rules: CascadeRulesSource;
  spend: SpendGuard;
  recorder: AttemptRecorder;
  statusSink: ProviderStatusSink;
  events: EventBus | null;
  healthStore: HealthStore;
  clock?: Clock;
  /** Every request is simulated (`--simulate`). */
  simulate: boolean;
  /** The similar-prompt cache (opt-in; off by default, and without a ledger). */
  similar?: SimilarPromptCache;
  /** A running A/B experiment picks the strategy of requests that did not name one. */
  arms?: ArmAssigner;
}

/**
 * One request end to end: routing.decide → cache → budget admission → cascade (single-flight for
 * deterministic requests) → ledger record (which settles the reservation) → events. Simulated
 * requests take the same path against the in-process fake providers, with a health of their own
 * and without touching budgets or the ledger.
 */
export class GenerationService {
  readonly health: ExecutionHealth;
  /** The similar-prompt cache: its settings and index (`execution.similarCache`). */
  readonly similar: SimilarPromptCache;
  private readonly simulatedHealth: ExecutionHealth;
  private readonly clock: Clock;
  private readonly cache: ResponseCache;
  private readonly flights = new SingleFlight<CascadeOutcome>();
  private readonly running = new Map<string, AbortController>();
  private readonly live: AdapterPool;
  private readonly simulated: AdapterPool;
  private cacheHits = 0;
  private similarHits = 0;
  private resolved: { rules: CascadeRules | undefined; settings: CascadeSettings } | null = null;

  constructor(private readonly deps: GenerationServiceDeps) {
    this.clock = deps.clock ?? systemClock;
    const settings = () => this.settings();
    this.health = new ExecutionHealth({
      store: deps.healthStore,
      clock: this.clock,
      settings,
      onCircuitChange: (modelKey, state) => deps.events?.emit('health.changed', { modelKey, state }),
    });
    this.simulatedHealth = new ExecutionHealth({
      store: new MemoryHealthStore(),
      clock: this.clock,
      settings,
    });
    this.cache = new ResponseCache(this.clock, this.settings().cache);
    this.similar = deps.similar ?? new SimilarPromptCache(new MemorySimilarSettings(), null);
    this.live = new AdapterPool(deps.connections);
    this.simulated = new AdapterPool(deps.simulation);
  }

  /** Resolved again only when the rules document changes (health reads it on every check). */
  settings(): CascadeSettings {
    const rules = this.deps.rules.cascade();
    if (!this.resolved || this.resolved.rules !== rules) {
      this.resolved = { rules, settings: resolveCascadeSettings(rules) };
    }
    return this.resolved.settings;
  }

  async run(input: ParsedExecutionRunInput, opts: RunOptions): Promise<RoutedGeneration> {
    const requestId = input.requestId ?? `req_${randomUUID()}`;
    if (this.running.has(requestId)) {
      throw new SwitchyardError('CONFLICT', `A request with id ${requestId} is already running.`);
    }
    const controller = new AbortController();
    const onAbort = (): void => controller.abort();
    opts.signal?.addEventListener('abort', onAbort, { once: true });
    if (opts.signal?.aborted) controller.abort();
    this.running.set(requestId, controller);
    try {
      return await this.execute(requestId, input, controller.signal, opts);
    } finally {
      this.running.delete(requestId);
      opts.signal?.removeEventListener('abort', onAbort);
    }
  }

  /** Cancels a running request (the UI's stop button); its upstream call is closed. */
  cancel(requestId: string): boolean {
    const c = this.running.get(requestId);
    c?.abort();
    return c !== undefined;
  }

  /** Stops the simulated providers' server, if one was started. */
  close(): Promise<void> {
    this.health.flush();
    return this.deps.simulation.close();
  }

  stats(): RoutingStats {
    return {
      ...this.health.routingStats(),
      cacheHits: this.cacheHits,
      similarHits: this.similarHits,
      sharedFlights: this.flights.joined,
    };
  }

  private async execute(
    requestId: string,
    input: ParsedExecutionRunInput,
    signal: AbortSignal,
    opts: RunOptions,
  ): Promise<RoutedGeneration> {
    const startedAt = this.clock.now();
    const t0 = performance.now();
    const simulated = this.deps.simulate || input.request.simulate === true;
    const request = { ...input.request, simulate: simulated };
    const arm = request.strategy || request.model ? null : (this.deps.arms?.assign(requestId) ?? null);
    if (arm?.strategy) request.strategy = arm.strategy;
    let p: Prepared | null = null;
    try {
      // Before routing: an image too large to send is refused without a decision or a reservation.
      const messages = chatMessages(request);
      const decision = await this.deps.router.decide(request, arm?.rules ?? undefined);
      const chain = chainOf(decision);
      p = {
        requestId,
        decision,
        chain,
        simulated,
        startedAt,
        t0,
        firstDeltaAt: null,
        opts,
        messages,
        arm: arm?.label ?? null,
      };
      const settings = this.settings();
      this.cache.configure(settings.cache);
      const temperature = input.temperature ?? decision.temperature ?? undefined;
      const maxOutputTokens = decision.maxOutputTokens;
      const deterministic = temperature === 0 || input.cache === true;
      const cacheable = deterministic && input.cache !== false && settings.cache.enabled;
      // Only a deterministic request is looked up, cached or shared, so only it needs the key (a
      // SHA-256 of the whole chat: ~10 µs a request on the gateway bench, for nothing otherwise).
      const key = deterministic
        ? requestKey({
            modelKey: decision.modelKey,
            parameters: { temperature: temperature ?? null, maxOutputTokens },
            messages,
            simulated,
          })
        : null;
      this.emit(p, 'execution.started', {
        requestId,
        modelKey: decision.modelKey,
        simulated,
        fallbackChain: chain.map((m) => m.modelKey),
      });
      const hit = cacheable && key !== null ? this.cache.get(key) : undefined;
      if (hit) return await this.answerFromCache(p, hit);
      const ask: SimilarAsk = {
        request,
        cache: input.cache,
        simulated,
        partOfTask: opts.parent !== undefined,
        messages,
        useCase: decision.useCase.value,
        chain,
        temperature,
        maxOutputTokens,
      };
      const similar = await this.similar.lookup(ask);
      if (similar) return await this.answerFromSimilar(p, similar);

      const admission = simulated
        ? null
        : await this.deps.spend.admit({
            requestId,
            chain,
            useCase: decision.useCase.value,
            estimatedInputTokens: decision.tokens.input,
            maxOutputTokens,
          });
      if (admission && admission.modelKey !== chain[0]?.modelKey)
        p.chain = moveFirst(chain, admission.modelKey);
      const prepared = p;
      const onDelta = (text: string): void => {
        prepared.firstDeltaAt ??= performance.now();
        opts.onDelta?.(text);
        this.emit(prepared, 'execution.delta', { requestId, text });
      };
      const start = (sig: AbortSignal, emit: (text: string) => void) =>
        runCascade(
          {
            chain: prepared.chain,
            messages,
            maxOutputTokens,
            temperature,
            stream: input.stream,
            estimatedTokens: decision.tokens.input + decision.tokens.output,
            signal: sig,
            mayCall: admission ? (k) => admission.covers(k) : undefined,
            onDelta: emit,
            onAttempt: (attempt) => this.emit(prepared, 'execution.attempt', { requestId, attempt }),
            onCall: (m) => opts.onModelCall?.(m, m.modelKey !== prepared.chain[0]?.modelKey),
          },
          {
            adapter: (provider: ProviderId) => (simulated ? this.simulated : this.live).adapter(provider),
            health: simulated ? this.simulatedHealth : this.health,
            clock: this.clock,
            settings,
            keyRejected: simulated
              ? undefined
              : (provider, e) => this.keyRejected(provider, e.status, e.message),
          },
        );
      const outcome: FlightOutcome<CascadeOutcome> =
        key !== null
          ? await this.flights.run(key, { signal, onDelta }, start)
          : await start(signal, onDelta).then(
              (value) => ({ left: false as const, settled: { ok: true as const, value }, payer: true }),
              (error: unknown) => ({
                left: false as const,
                settled: { ok: false as const, error },
                payer: true,
              }),
            );
      return await this.finish(p, outcome, admission, cacheable ? key : null, ask);
    } catch (e) {
      if (p) this.emit(p, 'execution.done', { requestId, result: null, error: toContractError(e) });
      throw e;
    }
  }

  private async finish(
    p: Prepared,
    outcome: FlightOutcome<CascadeOutcome>,
    admission: SpendAdmission | null,
    cacheKey: string | null,
    ask: SimilarAsk,
  ): Promise<RoutedGeneration> {
    if (outcome.left) {
      await recordRequest(this.deps, p, 'cancelled', [], true, admission, null);
      throw new SwitchyardError('CANCELLED', 'Cancelled before the answer arrived.');
    }
    const { settled, payer } = outcome;
    if (!settled.ok) {
      const err = settled.error;
      const traces = isCascadeError(err) ? err.traces : [];
      const status: RequestStatus =
        isCascadeError(err) && err.last?.kind === 'cancelled' ? 'cancelled' : 'error';
      await recordRequest(this.deps, p, status, traces, !payer, admission, null);
      throw err;
    }
    const o = settled.value;
    const result = routedFromOutcome(o, this.resultContext(p, admission), payer);
    const status: RequestStatus =
      o.kind === 'answer' ? 'ok' : o.error.kind === 'cancelled' ? 'cancelled' : 'partial';
    const similar = this.similar;
    const keep = status === 'ok' && payer && similar.storable(ask, result.finishReason);
    const answer = keep ? { text: result.output, temperature: ask.temperature ?? null } : null;
    const onRecorded = keep
      ? (ledgerId: number) => similar.remember(ask, ledgerId, result.modelKey, result.completionTokens ?? 0)
      : undefined;
    result.budget.note =
      (await recordRequest(this.deps, p, status, o.traces, !payer, admission, result, null, {
        answer,
        onRecorded,
      })) ?? result.budget.note;
    if (cacheKey && o.kind === 'answer' && payer) {
      this.cache.set(cacheKey, {
        modelKey: o.model.modelKey,
        output: o.result.text,
        finishReason: o.result.finishReason,
        promptTokens: result.promptTokens,
        completionTokens: result.completionTokens,
        cachedAt: this.clock.now(),
      });
    }
    this.emit(p, 'execution.done', { requestId: p.requestId, result, error: null });
    return result;
  }

  private async answerFromCache(
    p: Prepared,
    hit: Parameters<typeof routedFromCache>[0],
  ): Promise<RoutedGeneration> {
    this.cacheHits += 1;
    p.opts.onCacheHit?.({ kind: 'exact', similarity: null, sourceRequestId: null });
    p.opts.onDelta?.(hit.output);
    this.emit(p, 'execution.delta', { requestId: p.requestId, text: hit.output });
    const result = routedFromCache(hit, this.resultContext(p, null));
    if (!p.simulated) {
      const cacheHit = {
        modelKey: hit.modelKey,
        promptTokens: hit.promptTokens ?? 0,
        completionTokens: hit.completionTokens ?? 0,
      };
      result.budget.note =
        (await recordRequest(this.deps, p, 'ok', [], false, null, result, cacheHit)) ?? result.budget.note;
    }
    this.emit(p, 'execution.done', { requestId: p.requestId, result, error: null });
    return result;
  }

  /** Marked as such everywhere: the result, the ledger row (a $0 cache hit that names its source), the events. */
  private async answerFromSimilar(p: Prepared, hit: SimilarHit): Promise<RoutedGeneration> {
    this.cacheHits += 1;
    this.similarHits += 1;
    p.opts.onCacheHit?.({
      kind: 'similar',
      similarity: hit.similarity,
      sourceRequestId: hit.sourceRequestId,
    });
    p.opts.onDelta?.(hit.output);
    this.emit(p, 'execution.delta', { requestId: p.requestId, text: hit.output });
    const result = routedFromSimilar(hit, this.resultContext(p, null));
    const cacheHit = {
      modelKey: hit.modelKey,
      promptTokens: result.promptTokens ?? 0,
      completionTokens: hit.completionTokens,
    };
    const similarHit = { sourceRequestId: hit.sourceRequestId, similarity: hit.similarity };
    result.budget.note =
      (await recordRequest(this.deps, p, 'ok', [], false, null, result, cacheHit, { similarHit })) ??
      result.budget.note;
    this.emit(p, 'execution.done', { requestId: p.requestId, result, error: null });
    return result;
  }

  private resultContext(p: Prepared, admission: SpendAdmission | null): ResultContext {
    return resultContext(p, admission, this.deps.prices);
  }

  private keyRejected(provider: ProviderId, status: number | null, message: string): void {
    this.deps.statusSink.keyRejected({
      provider,
      status,
      message,
      at: new Date(this.clock.now()).toISOString(),
    });
  }

  private emit<E extends 'execution.started' | 'execution.delta' | 'execution.attempt' | 'execution.done'>(
    p: Prepared,
    event: E,
    payload: EventPayload<E>,
  ): void {
    if (p.opts.emitEvents !== false) this.deps.events?.emit(event, payload);
  }
}

export type { RunOptions };
