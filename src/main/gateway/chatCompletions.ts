import type { IncomingMessage, ServerResponse } from 'node:http';
import { randomUUID } from 'node:crypto';
import type { RoutedGeneration } from '../../shared/contract/execution';
import { fail } from '../../shared/errors';
import { SECURITY_HEADERS } from '../headless/security';
import type { Services } from '../services';
import { gatewayAuthError } from './gatewayAuth';
import { gatewayErrorFrom, openAIError, type GatewayError } from './openaiErrors';
import { InvalidRequest, toExecutionInput, type GatewayCall } from './openaiRequest';
import { cacheHeaders, completionBody, chunk, routedHeaders, usageOf } from './openaiResponse';

/** Handles the request and returns true, or returns false to leave it to the shell's Hono app. */
export type NodeRoute = (req: IncomingMessage, res: ServerResponse) => boolean;

export interface ChatCompletionsOptions {
  services: Services;
  /** Request bodies above this get a 413. */
  maxBodyBytes: number;
  /** The Host names this listener answers to (the DNS-rebinding guard). */
  allowedHosts: () => ReadonlySet<string>;
}

const PATH = '/v1/chat/completions';

/**
 * `POST /v1/chat/completions` served straight on Node's request and response, ahead of Hono.
 *
 * Measured reason (issue #10, `npm run bench -- gateway`, `node --cpu-prof` of the gateway phase):
 * through @hono/node-server every call built a WHATWG Request (its web stream over the body, an
 * AbortController), and the Host guard's and security headers' `c.header()` turned the answer into
 * an undici Response with its own web stream before node-server wrote it out again — together
 * 13–15 % of the gateway process's CPU per request, more than routing's whole decision. The rest
 * of both shells (UI, /rpc, /events, /v1/models, /api) stays on Hono. Kept as before: the Host
 * guard (403 FORBIDDEN_ORIGIN), the security headers, bearer-only auth (`gatewayAuth.ts`), the body
 * limit (413, by Content-Length before reading or while reading a chunked body), the OpenAI error
 * shape, SSE, and the client's departure aborting the upstream call.
 */
export function chatCompletionsRoute(options: ChatCompletionsOptions): NodeRoute {
  return (req, res) => {
    const url = req.url ?? '';
    if (req.method !== 'POST' || (url !== PATH && !url.startsWith(`${PATH}?`))) return false;
    serveChat(options, req, res).catch((e: unknown) => {
      console.error('[switchyard] gateway error:', (e as Error)?.stack ?? e);
      if (!res.headersSent) sendError(res, openAIError('INTERNAL', 'Internal error; see the log.'));
      else res.destroy();
    });
    return true;
  };
}

async function serveChat(
  options: ChatCompletionsOptions,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<void> {
  const { services, maxBodyBytes } = options;
  const host = (req.headers.host ?? '').toLowerCase();
  if (!options.allowedHosts().has(host)) {
    const body = fail({ code: 'FORBIDDEN_ORIGIN', message: `Host "${host}" is not served here.` });
    return sendJson(res, 403, body, {});
  }
  const refused = await gatewayAuthError(services, req.headers.authorization);
  if (refused) return sendError(res, refused);

  const text = await readBody(req, maxBodyBytes);
  if (text === TOO_LARGE)
    return sendError(
      res,
      openAIError('PAYLOAD_TOO_LARGE', `Request bodies are limited to ${maxBodyBytes} bytes.`, null, {
        connection: 'close',
      }),
    );
  if (text === GONE) return;
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    return sendError(res, openAIError('BAD_JSON', 'The request body is not valid JSON.'));
  }
  const requestId = `gw_${randomUUID()}`;
  let call: GatewayCall;
  try {
    call = toExecutionInput(body, (n) => headerOf(req, n), requestId);
  } catch (e) {
    if (e instanceof InvalidRequest)
      return sendError(res, openAIError('VALIDATION_FAILED', e.message, e.param));
    throw e;
  }
  const exchange: Exchange = { services, res, requestId, gone: false };
  // The client going away (the response closed before it finished) cancels the run, which aborts
  // the upstream call; the execution room bills what had arrived. Cancelling by request id rather
  // than through an AbortController of our own: the run has its own, and each costs ~10 µs here.
  res.once('close', () => {
    if (res.writableFinished) return;
    exchange.gone = true;
    services.execution.cancel(requestId);
  });
  return call.stream ? answerStream(exchange, call) : answerJson(exchange, call);
}

/** One gateway request on its way through execution. */
interface Exchange {
  services: Services;
  res: ServerResponse;
  requestId: string;
  /** The client left before its answer was complete. */
  gone: boolean;
}

async function answerJson(exchange: Exchange, call: GatewayCall): Promise<void> {
  const { services, res, requestId } = exchange;
  let r: RoutedGeneration;
  try {
    // No hooks: the result names the model, the cost and any cache hit (`routedHeaders`).
    r = await services.execution.run(call.input, { source: 'gateway', emitEvents: false });
  } catch (e) {
    if (!exchange.gone) sendError(res, gatewayErrorFrom(e));
    return;
  }
  if (exchange.gone) return;
  if (r.error) return sendError(res, partialError(r));
  const body = completionBody(`chatcmpl-${requestId}`, Math.floor(Date.now() / 1000), r);
  sendJson(res, 200, body, routedHeaders(r));
}

async function answerStream(exchange: Exchange, call: GatewayCall): Promise<void> {
  const { services, res, requestId } = exchange;
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

  const created = Math.floor(Date.now() / 1000);
  const id = `chatcmpl-${requestId}`;
  // Wait for the first text (or the end) so errors before any output get a real status.
  await Promise.race([firstDeltaSeen, run]);
  if (queue.length === 0) {
    const settled = await run;
    if (exchange.gone) return;
    if (!settled.ok) return sendError(res, gatewayErrorFrom(settled.error));
    if (settled.result.error && settled.result.output === '')
      return sendError(res, partialError(settled.result));
  }
  if (exchange.gone) return;
  res.writeHead(200, {
    ...SECURITY_HEADERS,
    'content-type': 'text/event-stream; charset=utf-8',
    'cache-control': 'no-cache',
    'x-accel-buffering': 'no',
    'x-switchyard-request-id': requestId,
    ...streamHeaders(calling),
    ...cached,
  });
  const model = (call.input.request.model as string | undefined) ?? 'auto';
  const write = (data: unknown): void => {
    if (!exchange.gone) res.write(`data: ${typeof data === 'string' ? data : JSON.stringify(data)}\n\n`);
  };
  write(chunk(id, created, model, { role: 'assistant', content: '' }, null));
  let ended = false;
  void run.then(() => {
    ended = true;
    wake?.();
  });
  while (!exchange.gone) {
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
  if (exchange.gone) return;
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
    if (call.includeUsage) write({ ...chunk(id, created, r.modelKey, null, null), usage: usageOf(r) });
    write('[DONE]');
  }
  res.end();
}

/** A header as one string (Node joins repeated ones with ", ", as the Fetch API does). */
function headerOf(req: IncomingMessage, name: string): string | undefined {
  const v = req.headers[name.toLowerCase()];
  return Array.isArray(v) ? v.join(', ') : v;
}

const TOO_LARGE = Symbol('too large');
const GONE = Symbol('client gone');

/** The body as text; TOO_LARGE past the limit (by Content-Length first), GONE if the client left. */
function readBody(req: IncomingMessage, max: number): Promise<string | typeof TOO_LARGE | typeof GONE> {
  const declared = req.headers['content-length'];
  if (declared !== undefined && Number(declared) > max) return Promise.resolve(TOO_LARGE);
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (b: Buffer): void => {
      size += b.length;
      if (size > max) {
        req.off('data', onData);
        resolve(TOO_LARGE);
      } else chunks.push(b);
    };
    req.on('data', onData);
    req.once('end', () => resolve(Buffer.concat(chunks, size).toString('utf8')));
    req.once('error', () => resolve(GONE));
    req.once('aborted', () => resolve(GONE));
  });
}

function sendJson(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Readonly<Record<string, string>>,
): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    ...SECURITY_HEADERS,
    'content-type': 'application/json',
    'content-length': Buffer.byteLength(text),
    ...headers,
  });
  res.end(text);
}

const sendError = (res: ServerResponse, e: GatewayError): void =>
  sendJson(res, e.status, e.body, { 'cache-control': 'no-store', ...e.headers });

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
