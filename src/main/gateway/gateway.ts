import { Hono, type Context, type MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { randomUUID } from 'node:crypto';
import { STRATEGIES, USE_CASES } from '../../shared/contract/routing';
import type { RoutedGeneration } from '../../shared/contract/execution';
import { createDispatcher } from '../rpc/dispatch';
import type { Services } from '../services';
import { clientExchange } from './clientExchange';
import { gatewayErrorFrom, openAIError, type GatewayError } from './openaiErrors';
import { InvalidRequest, toExecutionInput } from './openaiRequest';
import { cacheHeaders, completionBody, chunk, routedHeaders, usageOf } from './openaiResponse';

export interface GatewayOptions {
  services: Services;
  /** Request bodies above this get a 413 (the headless shell's limit). */
  maxBodyBytes: number;
}

export interface Gateway {
  /** Mount under `/v1`: the OpenAI-compatible API. */
  v1: Hono;
  /** Mount under `/api`: providers, use cases, cost summary, health. */
  api: Hono;
}

const send = (c: Context, e: GatewayError): Response =>
  c.json(e.body, e.status as 400, { 'cache-control': 'no-store', ...e.headers });

/** Bearer token only: the gateway never reads the UI's cookie, so a browser page cannot ride on it. */
function bearerOnly(services: Services): MiddlewareHandler {
  return async (c, next) => {
    if (!services.gateway.enabled)
      return send(
        c,
        openAIError('GATEWAY_DISABLED', 'The gateway is switched off: turn it on in Settings → Gateway.'),
      );
    await services.accessToken.refreshIfStale();
    const auth = c.req.header('authorization');
    const bearer = auth?.startsWith('Bearer ') ? auth.slice(7).trim() : undefined;
    if (bearer === undefined || !services.accessToken.matches(bearer)) {
      return send(
        c,
        openAIError(
          'UNAUTHORIZED',
          bearer === undefined
            ? 'Missing bearer token: send `Authorization: Bearer <token>` (`npm run switchyard -- token` prints it).'
            : 'Incorrect access token: `npm run switchyard -- token` prints the current one.',
          null,
          { 'www-authenticate': 'Bearer realm="switchyard"' },
        ),
      );
    }
    return next();
  };
}

/**
 * The local OpenAI-compatible gateway: `POST /v1/chat/completions` routed, budgeted and recorded by
 * the execution room (`source: 'gateway'`), plus read-only `/v1/models` and `/api/*` views over the
 * contract. Mounted by the headless shell behind its Host guard.
 */
export function createGateway(options: GatewayOptions): Gateway {
  const { services, maxBodyBytes } = options;
  const dispatch = createDispatcher(services);
  const contract = async <T>(route: string, input: unknown, signal?: AbortSignal): Promise<T> => {
    const r = await dispatch(route, input, { source: 'gateway', signal });
    if (!r.ok) throw Object.assign(new Error(r.error.message), { contract: r.error });
    return r.data as T;
  };
  const fromContract = (c: Context, e: unknown): Response => {
    const ce = (e as { contract?: { code: Parameters<typeof openAIError>[0]; message: string } }).contract;
    return send(c, ce ? openAIError(ce.code, ce.message) : gatewayErrorFrom(e));
  };

  const v1 = new Hono();
  v1.use('*', bearerOnly(services));

  v1.post(
    '/chat/completions',
    bodyLimit({
      maxSize: maxBodyBytes,
      onError: (c) =>
        c.json(
          openAIError('PAYLOAD_TOO_LARGE', `Request bodies are limited to ${maxBodyBytes} bytes.`).body,
          413,
          { connection: 'close' },
        ),
    }),
    async (c) => {
      const client = clientExchange(c);
      const text = await client.body;
      let body: unknown;
      try {
        body = JSON.parse(text);
      } catch {
        return send(c, openAIError('BAD_JSON', 'The request body is not valid JSON.'));
      }
      const requestId = `gw_${randomUUID()}`;
      let call;
      try {
        call = toExecutionInput(body, (n) => c.req.header(n), requestId);
      } catch (e) {
        if (e instanceof InvalidRequest) return send(c, openAIError('VALIDATION_FAILED', e.message, e.param));
        throw e;
      }
      const created = Math.floor(Date.now() / 1000);
      const id = `chatcmpl-${requestId}`;
      const controller = new AbortController();
      const clientSignal = client.signal;
      const onClientAbort = (): void => controller.abort();
      clientSignal.addEventListener('abort', onClientAbort, { once: true });
      if (clientSignal.aborted) controller.abort();

      const queue: string[] = [];
      let wake: (() => void) | null = null;
      let firstDelta: () => void = () => {};
      const firstDeltaSeen = new Promise<void>((resolve) => (firstDelta = resolve));
      // The model being called when the first text arrives is the one answering the stream.
      let calling: { provider: string; model: string; fallback: boolean } | null = null;
      let cached: Record<string, string> = {};
      const run = services.execution
        .run(call.input, {
          source: 'gateway',
          signal: controller.signal,
          emitEvents: false,
          onModelCall: (m, fallback) => {
            calling = { provider: m.provider, model: m.model, fallback };
          },
          onCacheHit: (hit) => {
            cached = cacheHeaders(hit.kind, hit.similarity, hit.sourceRequestId);
          },
          onDelta: (t) => {
            queue.push(t);
            firstDelta();
            wake?.();
          },
        })
        .then(
          (result) => ({ ok: true as const, result }),
          (error: unknown) => ({ ok: false as const, error }),
        );
      const done = (): void => clientSignal.removeEventListener('abort', onClientAbort);

      if (!call.stream) {
        const settled = await run;
        done();
        if (!settled.ok) return send(c, gatewayErrorFrom(settled.error));
        const r = settled.result;
        if (r.error) return send(c, partialError(r));
        return c.json(completionBody(id, created, r), 200, routedHeaders(r));
      }

      // Stream: wait for the first text (or the end) so errors before any output get a real status.
      await Promise.race([firstDeltaSeen, run]);
      if (queue.length === 0) {
        const settled = await run;
        if (!settled.ok) {
          done();
          return send(c, gatewayErrorFrom(settled.error));
        }
        if (settled.result.error && settled.result.output === '') {
          done();
          return send(c, partialError(settled.result));
        }
      }
      const encoder = new TextEncoder();
      const model = (call.input.request.model as string | undefined) ?? 'auto';
      const stream = new ReadableStream<Uint8Array>({
        async start(out) {
          const write = (data: unknown): void => {
            if (!controller.signal.aborted)
              out.enqueue(
                encoder.encode(`data: ${typeof data === 'string' ? data : JSON.stringify(data)}\n\n`),
              );
          };
          try {
            write(chunk(id, created, model, { role: 'assistant', content: '' }, null));
            let ended = false;
            void run.then(() => {
              ended = true;
              wake?.();
            });
            while (!controller.signal.aborted) {
              const next = queue.shift();
              if (next !== undefined) {
                write(chunk(id, created, model, { content: next }, null));
                continue;
              }
              if (ended) break;
              await new Promise<void>((resolve) => (wake = resolve));
              wake = null;
            }
            const settled = await run;
            if (controller.signal.aborted) return;
            if (!settled.ok) {
              write(gatewayErrorFrom(settled.error).body);
            } else if (settled.result.error) {
              write(partialError(settled.result).body);
            } else {
              const r = settled.result;
              write({
                ...chunk(id, created, r.modelKey, {}, r.finishReason),
                x_switchyard: {
                  provider: r.provider,
                  model: r.model,
                  cost_usd: r.costUsd,
                  fallback: r.fallbackUsed,
                  request_id: r.requestId,
                },
              });
              if (call.includeUsage)
                write({ ...chunk(id, created, r.modelKey, null, null), usage: usageOf(r) });
              write('[DONE]');
            }
            out.close();
          } catch (e) {
            if (!controller.signal.aborted) out.error(e);
          } finally {
            done();
          }
        },
        cancel() {
          // The client went away: close the upstream call; the execution room bills what arrived.
          controller.abort();
        },
      });
      return new Response(stream, {
        status: 200,
        headers: {
          'content-type': 'text/event-stream; charset=utf-8',
          'cache-control': 'no-cache',
          'x-accel-buffering': 'no',
          'x-switchyard-request-id': requestId,
          ...streamHeaders(calling),
          ...cached,
        },
      });
    },
  );

  v1.get('/models', async (c) => {
    try {
      const [catalog, providers] = await Promise.all([
        contract<{ models: Array<{ key: string; provider: string; disabled: boolean }> }>('catalog.list', {
          includeDisabled: false,
        }),
        contract<{
          providers: Array<{ id: string; enabled: boolean; keyRequired: boolean; key: { present: boolean } }>;
        }>('providers.list', {}),
      ]);
      const simulate = services.options.simulate;
      const usable = new Set(
        providers.providers
          // Routing's own rule: enabled and keyed (or keyless local); everything when simulating.
          .filter((p) => simulate || (p.enabled && (!p.keyRequired || p.key.present)))
          .map((p) => p.id),
      );
      const virtual = [
        'auto',
        ...USE_CASES.map((u) => `switchyard/${u}`),
        ...STRATEGIES.filter((s) => s !== 'pinned' && s !== 'auto').map((s) => `switchyard/${s}`),
      ];
      const data = [
        ...virtual.map((id) => ({ id, object: 'model', created: 0, owned_by: 'switchyard' })),
        ...catalog.models
          .filter((m) => !m.disabled && usable.has(m.provider))
          .map((m) => ({ id: m.key, object: 'model', created: 0, owned_by: m.provider })),
      ];
      return c.json({ object: 'list', data });
    } catch (e) {
      return fromContract(c, e);
    }
  });

  v1.all('*', (c) => send(c, openAIError('NOT_FOUND', `No gateway route ${c.req.method} ${c.req.path}.`)));

  const api = new Hono();
  api.use('*', bearerOnly(services));
  const view = (route: string, input: (c: Context) => unknown) => async (c: Context) => {
    try {
      return c.json(await contract(route, input(c), c.req.raw.signal));
    } catch (e) {
      return fromContract(c, e);
    }
  };
  api.get(
    '/providers',
    view('providers.list', () => ({})),
  );
  api.get(
    '/cost-summary',
    view('reports.overview', (c) => c.req.query()),
  );
  api.get('/use-cases', async (c) => {
    try {
      const rules = await contract<{ rules: { use_cases: Record<string, unknown> } }>('rules.get', {});
      return c.json({
        useCases: USE_CASES.map((id) => ({ id, model: `switchyard/${id}`, rule: rules.rules.use_cases[id] })),
      });
    } catch (e) {
      return fromContract(c, e);
    }
  });
  api.get('/health', async (c) => {
    try {
      const [health, stats] = await Promise.all([
        contract('health.list', {}),
        contract('execution.stats', {}),
      ]);
      return c.json({ ...(health as object), stats });
    } catch (e) {
      return fromContract(c, e);
    }
  });
  api.all('*', (c) => send(c, openAIError('NOT_FOUND', `No gateway route ${c.req.method} ${c.req.path}.`)));

  return { v1, api };
}

/** Which model streams the answer, as far as known when the headers go out; the cost comes at the end. */
function streamHeaders(
  m: { provider: string; model: string; fallback: boolean } | null,
): Record<string, string> {
  if (!m) return {};
  return {
    'x-switchyard-provider': m.provider,
    'x-switchyard-model': m.model,
    'x-switchyard-fallback': String(m.fallback),
  };
}

/** A stream that failed after some text, or a request cancelled midway: the error, billed as partial. */
function partialError(r: RoutedGeneration): GatewayError {
  const code = r.error?.code ?? 'PROVIDER_ERROR';
  return openAIError(
    code,
    `${r.error?.message ?? 'The answer was cut off.'} (${r.output.length} characters had arrived and were billed.)`,
  );
}
