import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { CONTROL_PREFIX, handleControl } from './control';
import { parseEmbeddingCall, serveEmbeddings } from './embeddings';
import { Exchange, randomId } from './exchange';
import { applyPreamble, isErrorFault, sendFaultError } from './faultResponse';
import {
  FAULT_HEADER,
  FaultQueue,
  FaultSyntaxError,
  describeFault,
  parseFaultHeader,
  type FaultSpec,
  type Wire,
} from './faults';
import { PromptCacheMemory, serveGeneration } from './generation';
import { RequestLog } from './requestLog';
import { anthropicWire } from './wire/anthropic';
import { GEMINI_PATH, geminiWire } from './wire/gemini';
import { openaiWire } from './wire/openai';
import { headerValue, WireRequestError, type WireFormat } from './wire/types';

const WIRE_FORMATS: Record<Wire, WireFormat> = {
  openai: openaiWire,
  anthropic: anthropicWire,
  gemini: geminiWire,
};

export const DEFAULT_FAKE_MODELS: Record<Wire, string[]> = {
  openai: ['gpt-4o-mini', 'gpt-4.1', 'fake-chat'],
  anthropic: ['claude-sonnet-4-5', 'claude-haiku-4-5'],
  gemini: ['gemini-2.5-flash', 'gemini-2.5-pro'],
};

/** Requests under this prefix skip the key check, like Ollama or LM Studio on localhost. */
const LOCAL_PREFIX = '/local';

export interface FakeProviderOptions {
  host?: string;
  /** 0 (the default) picks a free port. */
  port?: number;
  models?: Partial<Record<Wire, string[]>>;
}

export interface FakeProviderServer {
  origin: string;
  port: number;
  /** Base URLs as each provider SDK expects them; `local` is OpenAI-style without a key check. */
  baseUrls: Record<Wire | 'local', string>;
  faults: FaultQueue;
  log: RequestLog;
  reset(): void;
  close(): Promise<void>;
}

type Route = { wire: Wire; kind: 'generate' | 'models' | 'embeddings' };

function routeOf(method: string, path: string, req: IncomingMessage): Route | null {
  if (method === 'POST' && path === '/v1/chat/completions') return { wire: 'openai', kind: 'generate' };
  if (method === 'POST' && path === '/v1/embeddings') return { wire: 'openai', kind: 'embeddings' };
  if (method === 'POST' && path === '/v1/messages') return { wire: 'anthropic', kind: 'generate' };
  if (method === 'POST' && GEMINI_PATH.test(path)) return { wire: 'gemini', kind: 'generate' };
  if (method === 'GET' && path === '/v1/models') {
    return { wire: req.headers['anthropic-version'] !== undefined ? 'anthropic' : 'openai', kind: 'models' };
  }
  if (method === 'GET' && path === '/v1beta/models') return { wire: 'gemini', kind: 'models' };
  return null;
}

class FakeProviders {
  readonly faults = new FaultQueue();
  readonly log = new RequestLog();
  readonly promptCache = new PromptCacheMemory();

  constructor(private readonly models: Record<Wire, string[]>) {}

  reset(): void {
    this.faults.clear();
    this.log.clear();
    this.promptCache.clear();
  }

  async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://fake.invalid');
    if (url.pathname.startsWith(CONTROL_PREFIX)) return handleControl(req, res, url, this);
    const anonymous = url.pathname.startsWith(`${LOCAL_PREFIX}/`);
    const path = anonymous ? url.pathname.slice(LOCAL_PREFIX.length) : url.pathname;
    const method = req.method ?? 'GET';
    const requestId = randomId('req_');
    const ex = new Exchange(req, res, this.log.open({ requestId, method, path: url.pathname }));
    const route = routeOf(method, path, req);
    if (route === null) {
      ex.entry.outcome = 'error';
      ex.json(
        404,
        { 'x-request-id': requestId },
        {
          error: {
            message: `Unknown route ${method} ${path}`,
            type: 'invalid_request_error',
            code: 'unknown_url',
          },
        },
      );
      return;
    }
    const wire = WIRE_FORMATS[route.wire];
    ex.entry.wire = route.wire;
    const headers = Object.fromEntries(wire.requestIdHeaders.map((h) => [h, requestId]));
    const key = wire.apiKey(req.headers, url);
    ex.entry.keyPresent = key !== null;
    const badRequest = (message: string): void => {
      ex.entry.outcome = 'error';
      const rendered = wire.error('bad_request', 400, { message, key, inputTokens: 0 });
      ex.json(rendered.status, headers, rendered.body);
    };

    let headerFault: FaultSpec | null = null;
    const rawFault = headerValue(req.headers, FAULT_HEADER);
    try {
      headerFault = rawFault === null ? null : parseFaultHeader(rawFault);
    } catch (e) {
      if (e instanceof FaultSyntaxError) return badRequest(`${FAULT_HEADER}: ${e.message}`);
      throw e;
    }

    if (route.kind === 'models') {
      const fault = headerFault ?? this.faults.take(route.wire, null);
      ex.entry.fault = fault && describeFault(fault);
      if (!(await applyPreamble(ex, fault))) return;
      if (!anonymous && (key === null || key === 'invalid')) {
        const rendered = wire.authError(key);
        ex.entry.outcome = 'error';
        return ex.json(rendered.status, headers, rendered.body);
      }
      if (fault && isErrorFault(fault))
        return sendFaultError(ex, wire, fault, headers, { key, inputTokens: 0 });
      ex.entry.outcome = 'ok';
      return ex.json(200, headers, wire.modelList(this.models[route.wire]));
    }

    let body: unknown;
    try {
      body = JSON.parse(await ex.readBody());
    } catch {
      return badRequest('We could not parse the JSON body of your request.');
    }
    if (route.kind === 'embeddings') {
      let embeddings;
      try {
        embeddings = parseEmbeddingCall(body);
      } catch (e) {
        if (e instanceof WireRequestError) return badRequest(e.message);
        throw e;
      }
      ex.entry.model = embeddings.model;
      const fault = headerFault ?? this.faults.take(route.wire, embeddings.model);
      ex.entry.fault = fault && describeFault(fault);
      return serveEmbeddings({ ex, wire, call: embeddings, fault, key, anonymous, headers });
    }
    let call;
    try {
      call = wire.parseGeneration(body, new URL(path, url));
    } catch (e) {
      if (e instanceof WireRequestError) return badRequest(e.message);
      throw e;
    }
    ex.entry.model = call.model;
    ex.entry.stream = call.stream;
    ex.entry.images = call.messages.flatMap((m) => m.images ?? []);
    const fault = headerFault ?? this.faults.take(route.wire, call.model);
    ex.entry.fault = fault && describeFault(fault);
    await serveGeneration({ ex, wire, call, fault, key, anonymous, headers, promptCache: this.promptCache });
  }
}

/** Starts the fake provider server; every test, end-to-end run and benchmark talks to one. */
export async function startFakeProviders(options: FakeProviderOptions = {}): Promise<FakeProviderServer> {
  const host = options.host ?? '127.0.0.1';
  const fake = new FakeProviders({ ...DEFAULT_FAKE_MODELS, ...options.models });
  const server = createServer((req, res) => {
    fake.handle(req, res).catch(() => {
      if (!res.headersSent) {
        res.writeHead(500, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ error: { message: 'fake provider internal error', type: 'server_error' } }));
      } else res.destroy();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const origin = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
  return {
    origin,
    port,
    baseUrls: {
      openai: `${origin}/v1`,
      anthropic: `${origin}/v1`,
      gemini: `${origin}/v1beta`,
      local: `${origin}${LOCAL_PREFIX}/v1`,
    },
    faults: fake.faults,
    log: fake.log,
    reset: () => fake.reset(),
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        // Hung requests never end on their own; the server must not wait for them.
        server.closeAllConnections();
      }),
  };
}
