import http from 'node:http';
import https from 'node:https';
import { Readable } from 'node:stream';
import { createBrotliDecompress, createGunzip, createInflate } from 'node:zlib';

/**
 * The `fetch` the provider SDKs call, over node:http(s) with keep-alive agents instead of Node's
 * built-in (undici) fetch.
 *
 * Measured reason (issue #10, gateway bench; 20 concurrent calls to the fake provider on this
 * 2-core machine, CPU per call in the calling process): undici's WHATWG fetch 641 µs against
 * 363 µs for the same POST over node:http; behind the OpenAI SDK provider's `doGenerate` the
 * difference is 1,057 µs → 667 µs per call. The gateway's whole budget is a few hundred µs per
 * request beyond the upstream call, so the fetch machinery was one of its largest single costs.
 *
 * It keeps what the SDKs rely on: a WHATWG `Response` (status, headers, a body stream the SDK
 * reads and parses as JSON or SSE), the caller's AbortSignal reaching the socket (an abort before
 * or during the body closes the connection and fails with an AbortError), and failures in the shape
 * fetch gives them (`TypeError('fetch failed', { cause })` carrying the socket error's code), so the
 * SDK's and our own classification (`classifyFailure`) see the same errors as before. Anything
 * unusual (a body that is not a string or bytes, a redirect) is handed to the built-in fetch.
 */
const agents = {
  'http:': new http.Agent({ keepAlive: true, scheduling: 'lifo' }),
  'https:': new https.Agent({ keepAlive: true, scheduling: 'lifo' }),
};

const REDIRECTS = new Set([301, 302, 303, 307, 308]);

function headersOf(init: RequestInit | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  const h = init?.headers;
  if (!h) return out;
  // The SDKs pass a plain record; anything else goes through Headers, which normalises every form.
  const entries = h instanceof Headers || Array.isArray(h) ? new Headers(h) : null;
  if (entries) entries.forEach((v, k) => (out[k] = v));
  else for (const [k, v] of Object.entries(h)) if (typeof v === 'string') out[k.toLowerCase()] = v;
  return out;
}

/** The response's headers as name/value pairs, in the order the server sent them. */
function responseHeaders(res: http.IncomingMessage): [string, string][] {
  const raw = res.rawHeaders;
  const pairs: [string, string][] = [];
  for (let i = 0; i < raw.length; i += 2) pairs.push([raw[i]!, raw[i + 1]!]);
  return pairs;
}

/**
 * Node's own (undici) Response. @hono/node-server replaces the global with a lazy wrapper (its
 * subclass) that builds one of these, copying the headers again, the first time the SDK reads the
 * body; the SDK always reads it, so the wrapper only added work (measured with the gateway bench:
 * building the Response and reading its body went from ~65 to ~45 µs per call).
 */
function nativeResponse(): typeof Response {
  let R: typeof Response = globalThis.Response;
  while (Object.getPrototypeOf(R) !== Function.prototype) R = Object.getPrototypeOf(R) as typeof Response;
  return R;
}

/** The body as the server sent it, decompressed the way fetch would. */
function decoded(res: http.IncomingMessage): Readable {
  switch (res.headers['content-encoding']) {
    case 'gzip':
    case 'x-gzip':
      return res.pipe(createGunzip());
    case 'deflate':
      return res.pipe(createInflate());
    case 'br':
      return res.pipe(createBrotliDecompress());
    default:
      return res;
  }
}

const fetchFailed = (cause: unknown): TypeError => new TypeError('fetch failed', { cause });

function abortError(signal: AbortSignal): unknown {
  return signal.reason ?? new DOMException('This operation was aborted', 'AbortError');
}

export const nodeFetch: typeof fetch = (input, init) => {
  const url = new URL(input instanceof Request ? input.url : String(input));
  const body = init?.body;
  const agent = agents[url.protocol as keyof typeof agents];
  if (
    input instanceof Request ||
    !agent ||
    (body != null && typeof body !== 'string' && !(body instanceof Uint8Array))
  )
    return fetch(input, init);
  const signal = init?.signal ?? undefined;
  if (signal?.aborted) return Promise.reject(abortError(signal));
  const headers = headersOf(init);
  if (body != null) headers['content-length'] = String(Buffer.byteLength(body));
  return new Promise<Response>((resolve, reject) =>
    new NodeExchange(input, init, signal, resolve, reject).send(url, agent, headers, body),
  );
};

/**
 * One call's request and response. A class rather than a closure per listener: under tsx (how
 * `npm run serve` and the gateway bench run) every named closure created per call also costs a
 * `__name` property definition, which the gateway bench's profile showed on this path.
 */
class NodeExchange {
  private settled = false;
  private res: http.IncomingMessage | null = null;
  private req: http.ClientRequest | null = null;
  private chunks: Buffer[] = [];

  constructor(
    private readonly input: Parameters<typeof fetch>[0],
    private readonly init: RequestInit | undefined,
    private readonly signal: AbortSignal | undefined,
    private readonly resolve: (r: Response | Promise<Response>) => void,
    private readonly reject: (e: unknown) => void,
  ) {}

  send(
    url: URL,
    agent: http.Agent,
    headers: Record<string, string>,
    body: string | Uint8Array | null | undefined,
  ): void {
    const req = (url.protocol === 'https:' ? https : http).request(url, {
      method: this.init?.method ?? 'GET',
      headers,
      agent,
    });
    this.req = req;
    // The exchange itself is the listener (`handleEvent`): no closure per call.
    this.signal?.addEventListener('abort', this, { once: true });
    req.on('error', (e) => this.requestFailed(e));
    req.on('response', (r) => this.response(r));
    req.end(body ?? undefined);
  }

  private detach(): void {
    this.signal?.removeEventListener('abort', this);
  }

  /** The caller's signal fired. */
  handleEvent(): void {
    const e = abortError(this.signal!);
    // Before the response: fail the call; after it: fail the body stream the SDK is reading.
    this.fail(e);
    this.req?.destroy(e instanceof Error ? e : undefined);
    this.res?.destroy(e instanceof Error ? e : new DOMException('aborted', 'AbortError'));
  }

  private requestFailed(e: unknown): void {
    this.detach();
    this.fail(this.signal?.aborted ? abortError(this.signal) : fetchFailed(e));
  }

  /** A body cut off midway fails the call as fetch's network error. */
  private bodyFailed(e: unknown): void {
    this.fail(this.signal?.aborted ? abortError(this.signal) : fetchFailed(e));
  }

  private fail(e: unknown): void {
    if (this.settled) return;
    this.settled = true;
    this.reject(e);
  }

  private answer(r: Response | Promise<Response>): void {
    this.settled = true;
    this.resolve(r);
  }

  private response(r: http.IncomingMessage): void {
    this.res = r;
    const status = r.statusCode ?? 0;
    if (REDIRECTS.has(status) && r.headers.location) {
      // Redirects are rare for LLM APIs; the built-in fetch follows them by its own rules.
      this.detach();
      r.resume();
      this.answer(fetch(this.input, this.init));
      return;
    }
    r.once('close', () => this.detach());
    const stream = decoded(r);
    if (stream !== r) r.on('error', (e) => stream.destroy(e));
    const init = { status, statusText: r.statusMessage ?? '', headers: responseHeaders(r) };
    const WebResponse = nativeResponse();
    if (status === 204 || status === 304 || this.init?.method === 'HEAD') {
      r.resume();
      this.answer(new WebResponse(null, init));
    } else if (String(r.headers['content-type']).includes('text/event-stream')) {
      // A stream is handed on as it arrives; a cut connection errors the body the SDK reads.
      this.answer(new WebResponse(Readable.toWeb(stream) as ReadableStream<Uint8Array>, init));
    } else {
      // A JSON answer is small: buffering it is cheaper than a web stream (measured above).
      stream.on('data', (c: Buffer) => this.chunks.push(c));
      stream.once('end', () => {
        if (!this.settled) this.answer(new WebResponse(Buffer.concat(this.chunks), init));
      });
      stream.on('error', (e) => this.bodyFailed(e));
      if (stream !== r) r.on('error', (e) => this.bodyFailed(e));
      r.once('aborted', () => this.bodyFailed(Object.assign(new Error('aborted'), { code: 'ECONNRESET' })));
    }
  }
}
