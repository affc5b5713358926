import type { Attempt } from '../../../shared/contract/execution';
import type { ProviderId } from '../../../shared/providers';
import { isSwitchyardError } from '../../core/errors';
import type { Clock } from '../clock';
import { GenerationError, isGenerationError } from '../generationError';
import { isCircuitRejection } from '../health/circuitBreakers';
import type { ExecutionHealth } from '../health/executionHealth';
import type { ProviderAdapter } from '../providers/adapter';
import type { ChatMessage, GenerationResult, GenerationUsage } from '../types';
import { CascadeError, type AttemptTrace } from './cascadeError';
import { ModelCall } from './modelCall';
import { nextStep } from './nextStep';
import type { CascadeSettings } from './settings';

export interface ChainModel {
  modelKey: string;
  provider: ProviderId;
  model: string;
}

export interface CascadeRequest {
  /** The routed model first, then its fallbacks; duplicates are dropped. */
  chain: readonly ChainModel[];
  messages: ChatMessage[];
  maxOutputTokens?: number;
  temperature?: number;
  stream: boolean;
  /** Input + expected output tokens, for client-side tokens-per-minute limits. */
  estimatedTokens: number;
  signal: AbortSignal;
  /** False for a model the request's budget reservation does not cover. */
  mayCall?: (modelKey: string) => boolean;
  onDelta?: (text: string) => void;
  /** Each failed or skipped attempt as it happens. */
  onAttempt?: (attempt: Attempt) => void;
  /** A model is about to be called (its deltas, if any, follow). */
  onCall?: (model: ChainModel) => void;
}

export interface CascadeDeps {
  /** The adapter for a provider, with its key read now; throws when it cannot be built. */
  adapter(provider: ProviderId): Promise<ProviderAdapter>;
  health: ExecutionHealth;
  clock: Clock;
  settings: CascadeSettings;
  /** A provider answered 401/403: its key is invalid (the keys screen shows it). */
  keyRejected?(provider: ProviderId, error: GenerationError): void;
}

export type CascadeOutcome =
  | { kind: 'answer'; model: ChainModel; result: GenerationResult; traces: AttemptTrace[] }
  | {
      kind: 'partial';
      model: ChainModel;
      error: GenerationError;
      timeToFirstTokenMs: number;
      latencyMs: number;
      traces: AttemptTrace[];
    };

const NO_USAGE: GenerationUsage = { inputTokens: null, outputTokens: null, cachedInputTokens: null };

/**
 * Runs a request along its fallback chain by the rules of each failure class (see nextStep.ts):
 * at most `maxAttempts` calls and `totalTimeoutMs` in all, each model once (its retries aside),
 * models with an open circuit, a 429 cooldown or a saturated client rate limit skipped.
 */
export async function runCascade(req: CascadeRequest, deps: CascadeDeps): Promise<CascadeOutcome> {
  return new CascadeRun(req, deps).run();
}

class CascadeRun {
  private readonly traces: AttemptTrace[] = [];
  private readonly deadline: number;
  private readonly rejectedProviders = new Set<ProviderId>();
  private calls = 0;
  private lastError: GenerationError | null = null;

  constructor(
    private readonly req: CascadeRequest,
    private readonly deps: CascadeDeps,
  ) {
    this.deadline = deps.clock.now() + deps.settings.totalTimeoutMs;
  }

  async run(): Promise<CascadeOutcome> {
    const seen = new Set<string>();
    for (const m of this.req.chain) {
      if (seen.has(m.modelKey)) continue;
      seen.add(m.modelKey);
      if (this.calls >= this.deps.settings.maxAttempts || this.remainingMs() <= 0) break;
      const outcome = await this.tryModel(m);
      if (outcome) return outcome;
    }
    throw this.exhausted();
  }

  /** Calls one model until it answers, or its class of failure says to move on (null). */
  private async tryModel(m: ChainModel): Promise<CascadeOutcome | null> {
    if (this.rejectedProviders.has(m.provider)) return this.skip(m, 'provider_key_rejected', null);
    if (this.req.mayCall && !this.req.mayCall(m.modelKey)) {
      return this.skip(m, 'budget', 'its worst-case cost is above the budget reserved for this request');
    }
    let waitedMs = await this.waitForAvailability(m);
    if (waitedMs === null) return null;
    let callsOnModel = 0;
    let timeoutScale = 1;
    for (;;) {
      this.throwIfCancelled(m);
      const remaining = this.remainingMs();
      if (remaining <= 0) return this.skip(m, 'time_budget', 'the request ran out of time');
      this.calls += 1;
      callsOnModel += 1;
      const result = await this.call(m, waitedMs, timeoutScale, remaining);
      if (result.kind !== 'failed') return result.kind === 'skip' ? null : result.outcome;
      const err = result.error;
      const step = nextStep(err, {
        callsOnModel,
        remainingMs: this.remainingMs(),
        settings: this.deps.settings,
        random: this.deps.clock.random,
      });
      switch (step.action) {
        case 'retry':
          if (this.calls >= this.deps.settings.maxAttempts) return null;
          await this.deps.clock.sleep(step.delayMs, this.req.signal);
          waitedMs = step.delayMs;
          timeoutScale *= step.timeoutFactor;
          continue;
        case 'next_model':
          return null;
        case 'next_provider':
          this.rejectedProviders.add(m.provider);
          if (err.status !== null) this.deps.keyRejected?.(m.provider, err);
          return null;
        case 'stop':
          throw new CascadeError(err, this.traces, m);
        case 'return_partial':
          return {
            kind: 'partial',
            model: m,
            error: err,
            timeToFirstTokenMs: result.firstTokenMs ?? result.latencyMs,
            latencyMs: result.latencyMs,
            traces: this.traces,
          };
      }
    }
  }

  /** Null when the model must be skipped; else how long we waited for a client rate limit. */
  private async waitForAvailability(m: ChainModel): Promise<number | null> {
    const a = this.deps.health.availability(m.modelKey, this.req.estimatedTokens);
    if (a.available) return 0;
    const waitMs = a.retryAt === null ? Infinity : a.retryAt - this.deps.clock.now();
    const brief = waitMs <= this.deps.settings.rateLimitMaxWaitMs && waitMs < this.remainingMs();
    if (a.reason !== 'local_rate_limit' || !brief) {
      this.skip(m, a.reason, a.detail);
      return null;
    }
    await this.deps.clock.sleep(waitMs, this.req.signal);
    this.throwIfCancelled(m);
    return Math.round(waitMs);
  }

  private async call(
    m: ChainModel,
    waitedMs: number,
    timeoutScale: number,
    remaining: number,
  ): Promise<
    | { kind: 'done'; outcome: CascadeOutcome }
    | { kind: 'skip' }
    | { kind: 'failed'; error: GenerationError; latencyMs: number; firstTokenMs: number | null }
  > {
    const { settings, health } = this.deps;
    const release = health.limiter.take(m.modelKey, this.req.estimatedTokens);
    let modelCall: ModelCall | null = null;
    try {
      const adapter = await this.deps.adapter(m.provider);
      this.req.onCall?.(m);
      modelCall = new ModelCall(adapter, this.req.stream, this.req.onDelta);
      const call = modelCall;
      const result = await health.breakers.run(m.modelKey, () =>
        call.run({
          model: m.model,
          messages: this.req.messages,
          maxOutputTokens: this.req.maxOutputTokens,
          temperature: this.req.temperature,
          signal: this.req.signal,
          timeoutMs: Math.min(Math.round(settings.attemptTimeoutMs * timeoutScale), remaining),
          firstTokenTimeoutMs: this.req.stream
            ? Math.min(Math.round(settings.firstTokenTimeoutMs * timeoutScale), remaining)
            : undefined,
        }),
      );
      release((result.usage.inputTokens ?? 0) + (result.usage.outputTokens ?? 0) || this.req.estimatedTokens);
      health.recordCall(m.modelKey, {
        at: this.deps.clock.now(),
        ok: true,
        latencyMs: result.totalMs,
        kind: null,
        message: null,
      });
      this.trace(m, {
        outcome: 'ok',
        latencyMs: result.totalMs,
        waitedMs,
        usage: result.usage,
        text: result.text,
      });
      return { kind: 'done', outcome: { kind: 'answer', model: m, result, traces: this.traces } };
    } catch (e) {
      if (isCircuitRejection(e)) {
        // Another request's probe got there first; not a call of ours.
        this.calls -= 1;
        release(0);
        this.skip(m, 'circuit_open', 'circuit opened while waiting');
        return { kind: 'skip' };
      }
      const latencyMs = modelCall?.elapsedMs() ?? 0;
      const err = this.asGenerationError(e, m);
      this.lastError = err;
      // Only calls that were made say something about the model (not a missing base URL).
      if (modelCall && err.kind !== 'cancelled') {
        const message = err.providerMessage ?? err.message;
        health.recordCall(m.modelKey, {
          at: this.deps.clock.now(),
          ok: false,
          latencyMs,
          kind: err.kind,
          message,
        });
      }
      if (err.kind === 'rate_limit') health.coolDown(m.modelKey, err.retryAfterMs);
      this.trace(m, { outcome: 'error', latencyMs, waitedMs, error: err, text: err.partialText });
      return { kind: 'failed', error: err, latencyMs, firstTokenMs: modelCall?.firstTokenMs ?? null };
    }
  }

  /** An adapter that cannot be built (no base URL, keychain down) fails this model, not the request. */
  private asGenerationError(e: unknown, m: ChainModel): GenerationError {
    if (isGenerationError(e)) return e;
    const detail = isSwitchyardError(e) ? e.message : 'the provider call could not be made';
    if (!isSwitchyardError(e)) console.error('[switchyard] unexpected error calling', m.modelKey, e);
    return new GenerationError({
      kind: 'network',
      provider: m.provider,
      status: null,
      retryAfterMs: null,
      retryable: false,
      requestId: null,
      detail,
      providerMessage: null,
      partialText: '',
    });
  }

  private skip(m: ChainModel, reason: Attempt['skipReason'], message: string | null): null {
    this.trace(m, { outcome: 'skipped', latencyMs: 0, waitedMs: 0, skipReason: reason, message, text: '' });
    return null;
  }

  private trace(
    m: ChainModel,
    t: {
      outcome: Attempt['outcome'];
      latencyMs: number;
      waitedMs: number;
      text: string;
      usage?: GenerationUsage;
      error?: GenerationError;
      skipReason?: Attempt['skipReason'];
      message?: string | null;
    },
  ): void {
    const attempt: Attempt = {
      modelKey: m.modelKey,
      provider: m.provider,
      model: m.model,
      outcome: t.outcome,
      errorKind: t.error?.kind ?? null,
      skipReason: t.skipReason ?? null,
      status: t.error?.status ?? null,
      latencyMs: Math.max(0, Math.round(t.latencyMs)),
      waitedMs: Math.max(0, Math.round(t.waitedMs)),
      message: t.error?.message ?? t.message ?? null,
    };
    this.traces.push({ attempt, usage: t.usage ?? NO_USAGE, deliveredText: t.text });
    if (t.outcome !== 'ok') this.req.onAttempt?.(attempt);
  }

  private throwIfCancelled(m: ChainModel): void {
    if (!this.req.signal.aborted) return;
    const err = new GenerationError({
      kind: 'cancelled',
      provider: m.provider,
      status: null,
      retryAfterMs: null,
      retryable: false,
      requestId: null,
      detail: null,
      providerMessage: null,
      partialText: '',
    });
    throw new CascadeError(err, this.traces, m);
  }

  private remainingMs(): number {
    return this.deadline - this.deps.clock.now();
  }

  private exhausted(): CascadeError {
    return new CascadeError(this.lastError, this.traces, null);
  }
}
