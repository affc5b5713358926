import { generateText, streamText, type LanguageModel } from 'ai';
import type { ProviderId } from '../../../shared/providers';
import { SwitchyardError } from '../../core/errors';
import { CallScope } from '../callScope';
import { classifyFailure, requestIdFrom } from '../classifyFailure';
import { GenerationError, isGenerationError } from '../generationError';
import { normaliseFinish, normaliseUsage } from '../normalise';
import type { GenerationRequest, GenerationResult, ProviderConnection, StreamEvent } from '../types';
import { PROVIDER_SPECS, providerNeedsKey, type ProviderSpec } from './catalog';
import { fetchModelIds } from './modelList';

// The SDK prints per-call warnings (e.g. "unknown model, max tokens capped") to the console;
// a desktop app's console is nobody's UI, and the warnings name models and settings in bulk.
(globalThis as { AI_SDK_LOG_WARNINGS?: boolean }).AI_SDK_LOG_WARNINGS = false;

/** Settings shared by both call styles. Retries are off: the cascade is the one place that retries. */
function callSettings(model: LanguageModel, req: GenerationRequest, signal: AbortSignal) {
  return {
    model,
    messages: req.messages,
    allowSystemInMessages: true,
    maxRetries: 0,
    abortSignal: signal,
    headers: req.headers,
    maxOutputTokens: req.maxOutputTokens,
    temperature: req.temperature,
    topP: req.topP,
    stopSequences: req.stopSequences,
  };
}

/** One provider behind one interface: generate, stream, list models; failures as GenerationError. */
export class ProviderAdapter {
  readonly provider: ProviderId;
  readonly baseUrl: string;
  private readonly spec: ProviderSpec;
  private readonly models = new Map<string, Promise<LanguageModel>>();

  constructor(private readonly connection: ProviderConnection) {
    this.provider = connection.provider;
    this.spec = PROVIDER_SPECS[connection.provider];
    const baseUrl = connection.baseUrl?.trim() || this.spec.defaultBaseUrl;
    if (!baseUrl) {
      throw new SwitchyardError(
        'VALIDATION_FAILED',
        `Provider ${this.provider} needs a base URL; set one in its provider settings.`,
        {
          provider: this.provider,
        },
      );
    }
    this.baseUrl = baseUrl.replace(/\/+$/, '');
  }

  async generate(req: GenerationRequest): Promise<GenerationResult> {
    const scope = new CallScope(req.signal, req.timeoutMs);
    try {
      const model = await this.model(req.model);
      const r = await generateText(callSettings(model, req, scope.signal));
      const totalMs = scope.elapsedMs();
      return {
        provider: this.provider,
        model: req.model,
        text: r.text,
        usage: normaliseUsage(r.usage),
        finishReason: normaliseFinish(r.finishReason),
        // The whole answer arrives at once, so its first token arrives with it.
        timeToFirstTokenMs: totalMs,
        totalMs,
        requestId: requestIdFrom(r.response.headers),
      };
    } catch (e) {
      throw this.failure(e, scope, null, '');
    } finally {
      scope.dispose();
    }
  }

  /** Text deltas as they arrive, then one `done` event with the result. Failures throw GenerationError. */
  async *stream(req: GenerationRequest): AsyncGenerator<StreamEvent, void, undefined> {
    const scope = new CallScope(req.signal, req.timeoutMs);
    const clearFirstTokenDeadline =
      req.firstTokenTimeoutMs !== undefined ? scope.deadline(req.firstTokenTimeoutMs) : () => {};
    let text = '';
    let responseStarted = false;
    let firstTokenMs: number | null = null;
    let completed = false;
    try {
      const model = await this.model(req.model);
      // onError is set so the SDK does not print the raw error (URL, prompt) to the console.
      const result = streamText({ ...callSettings(model, req, scope.signal), onError: () => {} });
      let finish: GenerationResult['finishReason'] = 'other';
      let usage = normaliseUsage(undefined);
      let headers: Record<string, string> | undefined;
      for await (const part of result.fullStream) {
        if (part.type === 'start-step') responseStarted = true;
        else if (part.type === 'text-delta' && part.text !== '') {
          if (firstTokenMs === null) {
            firstTokenMs = scope.elapsedMs();
            clearFirstTokenDeadline();
          }
          text += part.text;
          yield { type: 'delta', text: part.text };
        } else if (part.type === 'finish-step') headers = part.response.headers;
        else if (part.type === 'finish') {
          finish = normaliseFinish(part.finishReason);
          usage = normaliseUsage(part.totalUsage);
        } else if (part.type === 'error') throw part.error;
        else if (part.type === 'abort') throw new DOMException('The stream was aborted', 'AbortError');
      }
      const totalMs = scope.elapsedMs();
      completed = true;
      yield {
        type: 'done',
        result: {
          provider: this.provider,
          model: req.model,
          text,
          usage,
          finishReason: finish,
          timeToFirstTokenMs: firstTokenMs ?? totalMs,
          totalMs,
          requestId: requestIdFrom(headers),
        },
      };
    } catch (e) {
      throw this.failure(e, scope, { responseStarted }, text);
    } finally {
      // A consumer that stops reading early must not leave the upstream stream running.
      if (!completed) scope.abort('cancelled');
      scope.dispose();
    }
  }

  /** Model ids from the provider's list endpoint, or null where it has none (e.g. Perplexity). */
  async listModels(opts: { signal?: AbortSignal; timeoutMs?: number } = {}): Promise<string[] | null> {
    const style = this.spec.modelList;
    if (style === null) return null;
    const scope = new CallScope(opts.signal, opts.timeoutMs);
    try {
      this.requireKey();
      const { apiKey, headers } = this.connection;
      return await fetchModelIds({
        provider: this.provider,
        style,
        baseUrl: this.baseUrl,
        apiKey,
        headers,
        signal: scope.signal,
      });
    } catch (e) {
      throw this.failure(e, scope, null, '');
    } finally {
      scope.dispose();
    }
  }

  private requireKey(): void {
    if (providerNeedsKey(this.provider) && !this.connection.apiKey) {
      throw new GenerationError({
        kind: 'auth',
        provider: this.provider,
        status: null,
        retryAfterMs: null,
        retryable: false,
        requestId: null,
        detail: 'no API key is stored for this provider',
        providerMessage: null,
        partialText: '',
      });
    }
  }

  private model(modelId: string): Promise<LanguageModel> {
    this.requireKey();
    let model = this.models.get(modelId);
    if (!model) {
      const { apiKey, headers } = this.connection;
      model = this.spec.model({ apiKey: apiKey ?? undefined, baseURL: this.baseUrl, headers }, modelId);
      this.models.set(modelId, model);
    }
    return model;
  }

  private failure(
    e: unknown,
    scope: CallScope,
    stream: { responseStarted: boolean } | null,
    partialText: string,
  ): GenerationError {
    if (isGenerationError(e)) return e;
    return classifyFailure(e, {
      provider: this.provider,
      secrets: [this.connection.apiKey, ...Object.values(this.connection.headers ?? {})],
      abortCause: scope.abortCause,
      timeoutMs: scope.firedTimeoutMs,
      stream,
      partialText,
    });
  }
}
