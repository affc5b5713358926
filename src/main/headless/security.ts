import type { MiddlewareHandler } from 'hono';
import { getCookie } from 'hono/cookie';
import { fail } from '../../shared/errors';
import type { AccessToken } from '../secrets/accessToken';
import { CONTENT_SECURITY_POLICY } from '../core/csp';

/** Cookies are not isolated by port, so the name carries it: two shells never share a cookie. */
export const cookieName = (port: number): string => `sy_token_${port}`;

export const isLoopbackHost = (host: string): boolean =>
  host === 'localhost' || host === '::1' || host === '[::1]' || /^127\.\d+\.\d+\.\d+$/.test(host);

/** Security headers on every response; the token-bearing URL must never leak through a Referer. */
export const SECURITY_HEADERS: Readonly<Record<string, string>> = Object.freeze({
  'Content-Security-Policy': CONTENT_SECURITY_POLICY,
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'X-Frame-Options': 'DENY',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Resource-Policy': 'same-origin',
});

export const securityHeaders: MiddlewareHandler = async (c, next) => {
  await next();
  for (const [name, value] of Object.entries(SECURITY_HEADERS)) c.header(name, value);
};

/**
 * DNS-rebinding guard: a page on evil.example that resolves to 127.0.0.1 still sends its own Host,
 * so only the names this server was started for are accepted.
 */
export function hostGuard(allowedHosts: () => Set<string>): MiddlewareHandler {
  return async (c, next) => {
    const host = (c.req.header('host') ?? '').toLowerCase();
    if (!allowedHosts().has(host)) {
      return c.json(fail({ code: 'FORBIDDEN_ORIGIN', message: `Host "${host}" is not served here.` }), 403);
    }
    return next();
  };
}

/**
 * Every request needs the token: `Authorization: Bearer` for API clients, or the HttpOnly cookie the
 * UI got from its one-time URL. Cookie-authenticated writes must come from our own origin (CSRF).
 */
export function requireToken(token: AccessToken, port: () => number): MiddlewareHandler {
  return async (c, next) => {
    await token.refreshIfStale();
    const auth = c.req.header('authorization');
    const bearer = auth?.startsWith('Bearer ') ? auth.slice(7).trim() : undefined;
    if (bearer !== undefined) {
      if (token.matches(bearer)) return next();
      return unauthorized(c.req.path);
    }
    const cookie = getCookie(c, cookieName(port()));
    if (!token.matches(cookie)) return unauthorized(c.req.path);
    if (c.req.method !== 'GET' && c.req.method !== 'HEAD') {
      const origin = c.req.header('origin');
      const own = `http://${c.req.header('host')}`;
      if (origin !== undefined && origin !== own) {
        return new Response(
          JSON.stringify(
            fail({ code: 'FORBIDDEN_ORIGIN', message: `Origin ${origin} may not call this server.` }),
          ),
          { status: 403, headers: { 'content-type': 'application/json' } },
        );
      }
    }
    return next();
  };

  function unauthorized(path: string): Response {
    const body = fail({
      code: 'UNAUTHORIZED',
      message:
        'A valid access token is required. Open the URL printed by `npm run serve` (it carries the token once), or send `Authorization: Bearer <token>`; `npm run switchyard -- token` prints it.',
    });
    const wantsHtml = !path.startsWith('/rpc') && path !== '/events';
    if (wantsHtml) {
      return new Response(UNAUTHORIZED_PAGE, {
        status: 401,
        headers: { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' },
      });
    }
    return new Response(JSON.stringify(body), {
      status: 401,
      headers: { 'content-type': 'application/json', 'www-authenticate': 'Bearer realm="switchyard"' },
    });
  }
}

const UNAUTHORIZED_PAGE = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Switchyard — access token required</title></head>
<body style="font-family: system-ui, sans-serif; max-width: 40rem; margin: 4rem auto; line-height: 1.5">
<h1>Access token required</h1>
<p>This Switchyard server only answers to its access token. Open the UI URL that <code>npm run serve</code> printed
(it carries the token once and then keeps it in a cookie), or print the token with <code>npm run switchyard -- token</code>.</p>
</body></html>`;
