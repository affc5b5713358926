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

function responseHeaders(res: http.IncomingMessage): Headers {
  const h = new Headers();
  const raw = res.rawHeaders;
  for (let i = 0; i < raw.length; i += 2) h.append(raw[i]!, raw[i + 1]!);
  return h;
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

  return new Promise<Response>((resolve, reject) => {
    const req = (url.protocol === 'https:' ? https : http).request(url, {
      method: init?.method ?? 'GET',
      headers,
      agent,
    });
    let settled = false;
    let res: http.IncomingMessage | null = null;
    const onAbort = (): void => {
      const e = abortError(signal!);
      // Before the response: fail the call; after it: fail the body stream the SDK is reading.
      if (!settled) {
        settled = true;
        reject(e);
      }
      req.destroy(e instanceof Error ? e : undefined);
      res?.destroy(e instanceof Error ? e : new DOMException('aborted', 'AbortError'));
    };
    signal?.addEventListener('abort', onAbort, { once: true });
    const detach = (): void => signal?.removeEventListener('abort', onAbort);
    req.on('error', (e) => {
      detach();
      if (settled) return;
      settled = true;
      reject(signal?.aborted ? abortError(signal) : fetchFailed(e));
    });
    req.on('response', (r) => {
      res = r;
      const status = r.statusCode ?? 0;
      if (REDIRECTS.has(status) && r.headers.location) {
        // Redirects are rare for LLM APIs; the built-in fetch follows them by its own rules.
        settled = true;
        detach();
        r.resume();
        resolve(fetch(input, init));
        return;
      }
      r.once('close', detach);
      const stream = decoded(r);
      if (stream !== r) r.on('error', (e) => stream.destroy(e));
      const init2 = { status, statusText: r.statusMessage ?? '', headers: responseHeaders(r) };
      if (status === 204 || status === 304 || init?.method === 'HEAD') {
        settled = true;
        r.resume();
        resolve(new Response(null, init2));
      } else if (String(r.headers['content-type']).includes('text/event-stream')) {
        // A stream is handed on as it arrives; a cut connection errors the body the SDK reads.
        settled = true;
        resolve(new Response(Readable.toWeb(stream) as ReadableStream<Uint8Array>, init2));
      } else {
        // A JSON answer is small: buffering it is cheaper than a web stream (measured above), and
        // a body cut off midway fails the call as fetch's network error, as it did before.
        const chunks: Buffer[] = [];
        stream.on('data', (c: Buffer) => chunks.push(c));
        stream.once('end', () => {
          if (settled) return;
          settled = true;
          resolve(new Response(Buffer.concat(chunks), init2));
        });
        const fail = (e: unknown): void => {
          if (settled) return;
          settled = true;
          reject(signal?.aborted ? abortError(signal) : fetchFailed(e));
        };
        stream.on('error', fail);
        r.on('error', fail);
        r.once('aborted', () => fail(Object.assign(new Error('aborted'), { code: 'ECONNRESET' })));
      }
    });
    req.end(body ?? undefined);
  });
};
