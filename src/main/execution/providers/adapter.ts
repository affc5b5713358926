import { embedMany } from 'ai';
import type { ProviderId } from '../../../shared/providers';
import { SwitchyardError } from '../../core/errors';
import { CallScope } from '../callScope';
import { classifyFailure, requestIdFrom } from '../classifyFailure';
import { GenerationError, isGenerationError } from '../generationError';
import type { GenerationRequest, GenerationResult, ProviderConnection, StreamEvent } from '../types';
import { PROVIDER_SPECS, providerNeedsKey, type ProviderSpec } from './catalog';
import { fetchModelIds } from './modelList';
import { nodeFetch } from './nodeFetch';
import { finishOf, sdkCallOptions, usageOf, type SdkModel, type StreamPart } from './sdkCall';

/** One provider behind one interface: generate, stream, list models; failures as GenerationError. */
export class ProviderAdapter {
  readonly provider: ProviderId;
  readonly baseUrl: string;
  private readonly spec: ProviderSpec;
  private readonly models = new Map<string, Promise<SdkModel>>();

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
      // The provider model directly, not generateText: see sdkCall.ts for the measured reason.
      const r = await model.doGenerate(sdkCallOptions(req, scope.signal));
      const totalMs = scope.elapsedMs();
      let text = '';
      for (const part of r.content) if (part.type === 'text') text += part.text;
      return {
        provider: this.provider,
        model: req.model,
        text,
        usage: usageOf(r.usage),
        finishReason: finishOf(r.finishReason),
        // The whole answer arrives at once, so its first token arrives with it.
        timeToFirstTokenMs: totalMs,
        totalMs,
        requestId: requestIdFrom(r.response?.headers),
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
      // doStream resolves once the provider has answered 2xx: the response has started.
      const { stream, response } = await model.doStream(sdkCallOptions(req, scope.signal));
      responseStarted = true;
      let finish: GenerationResult['finishReason'] = 'other';
      let usage = usageOf(undefined);
      const headers = response?.headers;
      // ReadableStream is async-iterable in Node; the DOM typings this project compiles with are not.
      for await (const part of stream as unknown as AsyncIterable<StreamPart>) {
        if (part.type === 'text-delta' && part.delta !== '') {
          if (firstTokenMs === null) {
            firstTokenMs = scope.elapsedMs();
            clearFirstTokenDeadline();
          }
          text += part.delta;
          yield { type: 'delta', text: part.delta };
        } else if (part.type === 'finish') {
          finish = finishOf(part.finishReason);
          usage = usageOf(part.usage);
        } else if (part.type === 'error') throw part.error;
      }
      if (scope.signal.aborted) throw new DOMException('The stream was aborted', 'AbortError');
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

  /**
   * Text embeddings from the provider's embeddings model (`embedMany` of the AI SDK; no retries
   * here: a caller that cannot get vectors falls back to its own features at once). Failures are
   * GenerationErrors like a generation's, with the key scrubbed from any message.
   */
  async embed(
    modelId: string,
    texts: string[],
    opts: { signal?: AbortSignal; timeoutMs?: number } = {},
  ): Promise<{ vectors: number[][]; tokens: number }> {
    const factory = this.spec.embeddingModel;
    if (!factory)
      throw new SwitchyardError(
        'VALIDATION_FAILED',
        `Provider ${this.provider} has no embeddings model here; pick one from OpenAI, Google, Mistral or an OpenAI-compatible server.`,
        { provider: this.provider },
      );
    const scope = new CallScope(opts.signal, opts.timeoutMs);
    try {
      this.requireKey();
      const { apiKey, headers } = this.connection;
      const model = await factory(
        { apiKey: apiKey ?? undefined, baseURL: this.baseUrl, headers, fetch: nodeFetch },
        modelId,
      );
      const r = await embedMany({ model, values: texts, abortSignal: scope.signal, maxRetries: 0 });
      return { vectors: r.embeddings, tokens: r.usage.tokens };
    } catch (e) {
      throw this.failure(e, scope, null, '');
    } finally {
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

  private model(modelId: string): Promise<SdkModel> {
    this.requireKey();
    let model = this.models.get(modelId);
    if (!model) {
      const { apiKey, headers } = this.connection;
      model = this.spec.model(
        { apiKey: apiKey ?? undefined, baseURL: this.baseUrl, headers, fetch: nodeFetch },
        modelId,
      );
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
