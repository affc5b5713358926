import { getRequestListener } from '@hono/node-server';
import type { Hono } from 'hono';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { NodeRoute } from './chatCompletions';

/** Node server limits: the whole header block, its arrival time, and an idle socket. */
const MAX_HEADER_BYTES = 16 * 1024;
const HEADERS_TIMEOUT_MS = 15_000;
const REQUEST_TIMEOUT_MS = 60_000;
/** Above the cascade's 180 s bound, so a slow upstream is never cut by the socket timeout. */
const IDLE_TIMEOUT_MS = 200_000;

export interface Listener {
  port: number;
  close(): Promise<void>;
}

/**
 * Serves a Hono app with the limits both shells share (header size, header and request timeouts,
 * idle sockets). A `nodeRoute` (the gateway's chat completions) sees each request first and takes
 * the ones it serves; the rest go to Hono through @hono/node-server. Rejects with the socket error
 * (EADDRINUSE…) when the port cannot be bound.
 */
export async function listen(
  app: Hono,
  host: string,
  port: number,
  nodeRoute?: NodeRoute,
): Promise<Listener> {
  const hono = getRequestListener(app.fetch, { hostname: host });
  const server = createServer(
    { maxHeaderSize: MAX_HEADER_BYTES },
    nodeRoute ? (req, res) => nodeRoute(req, res) || void hono(req, res) : hono,
  );
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  server.headersTimeout = HEADERS_TIMEOUT_MS;
  server.requestTimeout = REQUEST_TIMEOUT_MS;
  server.setTimeout(IDLE_TIMEOUT_MS);
  return {
    port: (server.address() as AddressInfo).port,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** The Host names a loopback server on `port` answers to (the DNS-rebinding guard's list). */
export function loopbackHosts(host: string, port: number): Set<string> {
  const hostForUrl = host.includes(':') ? `[${host}]` : host;
  return new Set([hostForUrl, 'localhost', '127.0.0.1', '[::1]'].map((h) => `${h}:${port}`.toLowerCase()));
}
