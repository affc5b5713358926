import { serve, type ServerType } from '@hono/node-server';
import type { Hono } from 'hono';
import type { AddressInfo } from 'node:net';

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
 * idle sockets). Rejects with the socket error (EADDRINUSE…) when the port cannot be bound.
 */
export async function listen(app: Hono, host: string, port: number): Promise<Listener> {
  const server: ServerType = await new Promise((resolve, reject) => {
    const s = serve(
      { fetch: app.fetch, hostname: host, port, serverOptions: { maxHeaderSize: MAX_HEADER_BYTES } },
      () => resolve(s),
    );
    s.once('error', reject);
  });
  if ('headersTimeout' in server) {
    server.headersTimeout = HEADERS_TIMEOUT_MS;
    server.requestTimeout = REQUEST_TIMEOUT_MS;
    server.setTimeout(IDLE_TIMEOUT_MS);
  }
  return {
    port: (server.address() as AddressInfo).port,
    close: () =>
      new Promise<void>((resolve) => {
        if ('closeAllConnections' in server) server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** The Host names a loopback server on `port` answers to (the DNS-rebinding guard's list). */
export function loopbackHosts(host: string, port: number): Set<string> {
  const hostForUrl = host.includes(':') ? `[${host}]` : host;
  return new Set([hostForUrl, 'localhost', '127.0.0.1', '[::1]'].map((h) => `${h}:${port}`.toLowerCase()));
}
