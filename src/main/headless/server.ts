import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { setCookie } from 'hono/cookie';
import { streamSSE } from 'hono/streaming';
import { fail, httpStatusFor } from '../../shared/errors';
import { createGateway } from '../gateway/gateway';
import { listen, loopbackHosts } from '../gateway/listener';
import { ShellPortGateway } from '../gateway/runtime';
import { createDispatcher } from '../rpc/dispatch';
import type { Services } from '../services';
import { cookieName, hostGuard, requireToken, securityHeaders } from './security';
import { StaticUi } from './staticUi';

export interface HeadlessOptions {
  services: Services;
  host: string;
  port: number;
  /** The built renderer (electron-vite's out/renderer). */
  rendererDir: string;
}

export interface HeadlessServer {
  host: string;
  port: number;
  origin: string;
  /** The UI URL with the token, to be printed once. */
  uiUrl: string;
  gatewayBaseUrl: string;
  close(): Promise<void>;
}

const MAX_BODY_BYTES = 2 * 1024 * 1024;
const SSE_KEEPALIVE_MS = 15_000;

/** The headless shell: the built UI, the contract over POST /rpc/<route>, events over SSE. */
export async function startHeadless(options: HeadlessOptions): Promise<HeadlessServer> {
  const { services, host } = options;
  const dispatch = createDispatcher(services);
  let port = options.port;
  let allowed = new Set<string>();
  const app = new Hono();

  app.use('*', securityHeaders);
  app.use(
    '*',
    hostGuard(() => allowed),
  );

  // One-time token URL: trade ?token= for the cookie and drop it from the address bar and history.
  app.get('/', async (c, next) => {
    const given = c.req.query('token');
    if (given === undefined) return next();
    await services.accessToken.refreshIfStale(0);
    if (!services.accessToken.matches(given)) return next();
    setCookie(c, cookieName(port), given, { httpOnly: true, sameSite: 'Strict', path: '/' });
    return c.redirect('/', 303);
  });

  // The OpenAI-compatible gateway: behind the Host guard, with its own bearer-only auth and
  // OpenAI-shaped errors, so it is mounted before the UI's token/cookie guard.
  const gateway = createGateway({ services, maxBodyBytes: MAX_BODY_BYTES, allowedHosts: () => allowed });
  app.route('/v1', gateway.v1);
  app.route('/api', gateway.api);

  app.use(
    '*',
    requireToken(services.accessToken, () => port),
  );

  app.post(
    '/rpc/:route',
    bodyLimit({
      maxSize: MAX_BODY_BYTES,
      // The rest of an oversized upload is never read, so the connection cannot be reused.
      onError: (c) =>
        c.json(
          fail({
            code: 'PAYLOAD_TOO_LARGE',
            message: `Request bodies are limited to ${MAX_BODY_BYTES} bytes.`,
          }),
          413,
          { connection: 'close' },
        ),
    }),
    async (c) => {
      const text = await c.req.text();
      let input: unknown = {};
      if (text.trim() !== '') {
        try {
          input = JSON.parse(text);
        } catch {
          return c.json(fail({ code: 'BAD_JSON', message: 'The request body is not valid JSON.' }), 400);
        }
      }
      // The token guard let this through with a bearer token (an API client) or the UI's cookie.
      const source = c.req.header('authorization') ? 'http' : 'ui';
      const route = c.req.param('route');
      const result = await dispatch(route, input, { source, signal: c.req.raw.signal });
      // The UI rotated the token it is signed in with: keep it signed in with the new one.
      if (route === 'gateway.rotateToken' && result.ok && source === 'ui') {
        setCookie(c, cookieName(port), services.accessToken.current, {
          httpOnly: true,
          sameSite: 'Strict',
          path: '/',
        });
      }
      return c.json(result, result.ok ? 200 : (httpStatusFor(result.error.code) as 400));
    },
  );

  app.all('/rpc/*', (c) =>
    c.json(fail({ code: 'UNKNOWN_ROUTE', message: 'Call routes with POST /rpc/<route>.' }), 404),
  );

  app.get('/events', (c) =>
    streamSSE(c, async (stream) => {
      const queue: Array<{ event: string; data: string }> = [];
      let wake: (() => void) | undefined;
      const off = services.events.onAny((event, payload) => {
        queue.push({ event, data: JSON.stringify(payload) });
        wake?.();
      });
      stream.onAbort(() => wake?.());
      try {
        await stream.writeSSE({ event: 'ready', data: '{}' });
        while (!stream.aborted) {
          const next = queue.shift();
          if (next) {
            await stream.writeSSE(next);
            continue;
          }
          await new Promise<void>((resolve) => {
            wake = resolve;
            setTimeout(resolve, SSE_KEEPALIVE_MS).unref();
          });
          wake = undefined;
          if (queue.length === 0 && !stream.aborted) await stream.write(': keep-alive\n\n');
        }
      } finally {
        off();
      }
    }),
  );

  // The built UI, from memory (staticUi.ts); client-side routes (e.g. /status) get the app shell.
  const ui = new StaticUi(options.rendererDir);
  app.get('*', (c) => ui.serve(c));
  app.onError((err, c) => {
    console.error('[switchyard] headless error:', err.stack ?? err);
    return c.json(fail({ code: 'INTERNAL', message: 'Internal error; see the server log.' }), 500);
  });

  const listener = await listen(app, host, port, gateway.chatCompletions);
  port = listener.port;
  allowed = loopbackHosts(host, port);
  const hostForUrl = host.includes(':') ? `[${host}]` : host;
  const origin = `http://${hostForUrl}:${port}`;
  const gatewayBaseUrl = `${origin}/v1`;
  services.gateway = new ShellPortGateway(services, gatewayBaseUrl);

  return {
    host,
    port,
    origin,
    get uiUrl() {
      return `${origin}/?token=${encodeURIComponent(services.accessToken.current)}`;
    },
    gatewayBaseUrl,
    close: () => listener.close(),
  };
}
