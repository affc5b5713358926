import { Hono } from 'hono';
import type { GatewayInfo, GatewaySettings } from '../../shared/contract/gateway';
import { hostGuard, securityHeaders } from '../headless/security';
import type { Services } from '../services';
import { createGateway } from './gateway';
import { listen, loopbackHosts, type Listener } from './listener';

export const GATEWAY_MAX_BODY_BYTES = 2 * 1024 * 1024;
const HOST = '127.0.0.1';

/** How this process serves the gateway; the shell picks one and `gateway.update` applies settings to it. */
export interface GatewayRuntime {
  /** Cached from the settings so the request path never reads the database for it. */
  readonly enabled: boolean;
  info(): GatewayInfo;
  /** Re-reads the settings and starts, stops or moves the listener. */
  apply(): Promise<GatewayInfo>;
  close(): Promise<void>;
}

const USE_IT = 'Point any OpenAI SDK at the base URL with the access token as its API key.';

function infoOf(
  services: Services,
  settings: GatewaySettings,
  mode: GatewayInfo['mode'],
  baseUrl: string | null,
  message: string,
): GatewayInfo {
  return {
    settings,
    mode,
    running: baseUrl !== null,
    baseUrl,
    message,
    tokenStorage: services.accessToken.storage,
  };
}

/** A process without a listener (the CLI): the settings can be changed for the app to use. */
export class NoGateway implements GatewayRuntime {
  constructor(private readonly services: Services) {}
  get enabled(): boolean {
    return false;
  }
  info(): GatewayInfo {
    return infoOf(
      this.services,
      this.services.gatewaySettings.get(),
      'none',
      null,
      'This process does not serve the gateway; the desktop app and `npm run serve` do.',
    );
  }
  apply(): Promise<GatewayInfo> {
    return Promise.resolve(this.info());
  }
  close(): Promise<void> {
    return Promise.resolve();
  }
}

/**
 * The headless shell already is a loopback HTTP server with a Host guard, so it mounts the gateway
 * on its own origin (`--port`); the port setting is the desktop app's. On/off applies at once.
 */
export class ShellPortGateway implements GatewayRuntime {
  private on: boolean;
  constructor(
    private readonly services: Services,
    private readonly baseUrl: string,
  ) {
    this.on = services.gatewaySettings.get().enabled;
  }
  get enabled(): boolean {
    return this.on;
  }
  info(): GatewayInfo {
    const settings = this.services.gatewaySettings.get();
    return infoOf(
      this.services,
      settings,
      'shell-port',
      this.on ? this.baseUrl : null,
      this.on
        ? `Served by this headless shell on its own port. ${USE_IT}`
        : 'Switched off: /v1 and /api answer 503 GATEWAY_DISABLED.',
    );
  }
  apply(): Promise<GatewayInfo> {
    this.on = this.services.gatewaySettings.get().enabled;
    return Promise.resolve(this.info());
  }
  close(): Promise<void> {
    return Promise.resolve();
  }
}

/**
 * The gateway on its own 127.0.0.1 listener (the desktop app, which has no HTTP server of its own):
 * the same Host guard, security headers, body and header limits and timeouts as the headless shell.
 */
export class OwnPortGateway implements GatewayRuntime {
  private listener: Listener | null = null;
  private problem: string | null = null;
  private applying: Promise<unknown> = Promise.resolve();

  constructor(private readonly services: Services) {}

  get enabled(): boolean {
    return this.listener !== null;
  }

  info(): GatewayInfo {
    const settings = this.services.gatewaySettings.get();
    const baseUrl = this.listener ? `http://${HOST}:${this.listener.port}/v1` : null;
    const message = baseUrl
      ? `Listening on ${HOST}:${this.listener?.port}. ${USE_IT}`
      : (this.problem ?? 'Switched off.');
    return infoOf(this.services, settings, 'own-port', baseUrl, message);
  }

  /** Serialised: two quick updates never race two listeners onto one port. */
  apply(): Promise<GatewayInfo> {
    const next = this.applying.then(() => this.applyNow());
    this.applying = next.catch(() => undefined);
    return next;
  }

  private async applyNow(): Promise<GatewayInfo> {
    const settings = this.services.gatewaySettings.get();
    if (this.listener && (!settings.enabled || this.listener.port !== settings.port)) {
      await this.listener.close();
      this.listener = null;
    }
    this.problem = null;
    if (settings.enabled && !this.listener) {
      try {
        this.listener = await startGatewayListener(this.services, settings.port);
      } catch (e) {
        const code = (e as { code?: string }).code;
        this.problem =
          code === 'EADDRINUSE'
            ? `Port ${settings.port} is in use by another program: pick another port.`
            : `The gateway could not listen on ${HOST}:${settings.port}: ${(e as Error).message}`;
      }
    }
    return this.info();
  }

  async close(): Promise<void> {
    await this.listener?.close();
    this.listener = null;
  }
}

/** A loopback server that serves only the gateway (`/v1`, `/api`), behind the Host guard. */
export async function startGatewayListener(services: Services, port: number): Promise<Listener> {
  let allowed = new Set<string>();
  const app = new Hono();
  app.use('*', securityHeaders);
  app.use(
    '*',
    hostGuard(() => allowed),
  );
  const gateway = createGateway({
    services,
    maxBodyBytes: GATEWAY_MAX_BODY_BYTES,
    allowedHosts: () => allowed,
  });
  app.route('/v1', gateway.v1);
  app.route('/api', gateway.api);
  app.all('*', (c) =>
    c.json(
      {
        error: {
          message: 'The gateway serves /v1 and /api only.',
          type: 'not_found_error',
          code: 'NOT_FOUND',
        },
      },
      404,
    ),
  );
  app.onError((err, c) => {
    console.error('[switchyard] gateway error:', err.stack ?? err);
    return c.json(
      { error: { message: 'Internal error; see the log.', type: 'server_error', code: 'INTERNAL' } },
      500,
    );
  });
  const listener = await listen(app, HOST, port, gateway.chatCompletions);
  allowed = loopbackHosts(HOST, listener.port);
  return listener;
}
