import type { Context } from 'hono';
import type { IncomingMessage, ServerResponse } from 'node:http';

/** The request body and a signal that fires when the client goes away before its answer. */
export interface ClientExchange {
  body: Promise<string>;
  signal: AbortSignal;
}

/**
 * Reads a gateway request the cheap way when it came through @hono/node-server (both shells'
 * listeners): straight from Node's IncomingMessage, with the client's departure taken from the
 * ServerResponse closing early. `c.req.text()` and `c.req.raw.signal` would make node-server build
 * a full WHATWG Request (undici's Request, a web stream over the body, an AbortController) for
 * every call: ~6% of the gateway's CPU per request under `npm run bench -- gateway` (issue #10).
 * The abort rule is node-server's own (`outgoing` closed before it finished, or the request
 * errored). A body without Content-Length (chunked), or a request that did not come from
 * node-server (Hono's `app.request` in tests), takes the standard path, where `bodyLimit`
 * enforces the size limit on the stream.
 */
export function clientExchange(c: Context): ClientExchange {
  const env = c.env as { incoming?: IncomingMessage; outgoing?: ServerResponse } | undefined;
  const incoming = env?.incoming;
  const outgoing = env?.outgoing;
  if (!incoming || !outgoing || incoming.headers['content-length'] === undefined || incoming.readableEnded)
    return { body: c.req.text(), signal: c.req.raw.signal };
  const controller = new AbortController();
  outgoing.once('close', () => {
    if (incoming.errored || !outgoing.writableFinished) controller.abort();
  });
  return { body: readText(incoming), signal: controller.signal };
}

function readText(incoming: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    incoming.on('data', (b: Buffer) => chunks.push(b));
    incoming.once('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    incoming.once('error', reject);
    incoming.once('aborted', () => reject(new Error('The client closed the connection mid-request.')));
  });
}
