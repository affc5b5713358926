import { Hono, type Context, type MiddlewareHandler } from 'hono';
import { STRATEGIES, USE_CASES } from '../../shared/contract/routing';
import { createDispatcher } from '../rpc/dispatch';
import type { Services } from '../services';
import { chatCompletionsRoute, type NodeRoute } from './chatCompletions';
import { gatewayAuthError } from './gatewayAuth';
import { gatewayErrorFrom, openAIError, type GatewayError } from './openaiErrors';

export interface GatewayOptions {
  services: Services;
  /** Request bodies above this get a 413 (the headless shell's limit). */
  maxBodyBytes: number;
  /** The Host names the listener answers to (the DNS-rebinding guard of the Node route). */
  allowedHosts: () => ReadonlySet<string>;
}

export interface Gateway {
  /** `POST /v1/chat/completions` on Node's request/response; `listen()` runs it ahead of Hono. */
  chatCompletions: NodeRoute;
  /** Mount under `/v1`: the OpenAI-compatible API. */
  v1: Hono;
  /** Mount under `/api`: providers, use cases, cost summary, health. */
  api: Hono;
}

const send = (c: Context, e: GatewayError): Response =>
  c.json(e.body, e.status as 400, { 'cache-control': 'no-store', ...e.headers });

/** Bearer token only (`gatewayAuth.ts`), for the routes served through Hono. */
function bearerOnly(services: Services): MiddlewareHandler {
  return async (c, next) => {
    const refused = await gatewayAuthError(services, c.req.header('authorization'));
    return refused ? send(c, refused) : next();
  };
}

/**
 * The local OpenAI-compatible gateway: `POST /v1/chat/completions` routed, budgeted and recorded by
 * the execution room (`source: 'gateway'`), plus read-only `/v1/models` and `/api/*` views over the
 * contract. Mounted by the headless shell behind its Host guard.
 */
export function createGateway(options: GatewayOptions): Gateway {
  const { services } = options;
  const dispatch = createDispatcher(services);
  const contract = async <T>(route: string, input: unknown, signal?: AbortSignal): Promise<T> => {
    const r = await dispatch(route, input, { source: 'gateway', signal });
    if (!r.ok) throw Object.assign(new Error(r.error.message), { contract: r.error });
    return r.data as T;
  };
  const fromContract = (c: Context, e: unknown): Response => {
    const ce = (e as { contract?: { code: Parameters<typeof openAIError>[0]; message: string } }).contract;
    return send(c, ce ? openAIError(ce.code, ce.message) : gatewayErrorFrom(e));
  };

  const v1 = new Hono();
  v1.use('*', bearerOnly(services));

  v1.get('/models', async (c) => {
    try {
      const [catalog, providers] = await Promise.all([
        contract<{ models: Array<{ key: string; provider: string; disabled: boolean }> }>('catalog.list', {
          includeDisabled: false,
        }),
        contract<{
          providers: Array<{ id: string; enabled: boolean; keyRequired: boolean; key: { present: boolean } }>;
        }>('providers.list', {}),
      ]);
      const simulate = services.options.simulate;
      const usable = new Set(
        providers.providers
          // Routing's own rule: enabled and keyed (or keyless local); everything when simulating.
          .filter((p) => simulate || (p.enabled && (!p.keyRequired || p.key.present)))
          .map((p) => p.id),
      );
      const virtual = [
        'auto',
        ...USE_CASES.map((u) => `switchyard/${u}`),
        ...STRATEGIES.filter((s) => s !== 'pinned' && s !== 'auto').map((s) => `switchyard/${s}`),
      ];
      const data = [
        ...virtual.map((id) => ({ id, object: 'model', created: 0, owned_by: 'switchyard' })),
        ...catalog.models
          .filter((m) => !m.disabled && usable.has(m.provider))
          .map((m) => ({ id: m.key, object: 'model', created: 0, owned_by: m.provider })),
      ];
      return c.json({ object: 'list', data });
    } catch (e) {
      return fromContract(c, e);
    }
  });

  v1.all('*', (c) => send(c, openAIError('NOT_FOUND', `No gateway route ${c.req.method} ${c.req.path}.`)));

  const api = new Hono();
  api.use('*', bearerOnly(services));
  const view = (route: string, input: (c: Context) => unknown) => async (c: Context) => {
    try {
      return c.json(await contract(route, input(c), c.req.raw.signal));
    } catch (e) {
      return fromContract(c, e);
    }
  };
  api.get(
    '/providers',
    view('providers.list', () => ({})),
  );
  api.get(
    '/cost-summary',
    view('reports.overview', (c) => c.req.query()),
  );
  api.get('/use-cases', async (c) => {
    try {
      const rules = await contract<{ rules: { use_cases: Record<string, unknown> } }>('rules.get', {});
      return c.json({
        useCases: USE_CASES.map((id) => ({ id, model: `switchyard/${id}`, rule: rules.rules.use_cases[id] })),
      });
    } catch (e) {
      return fromContract(c, e);
    }
  });
  api.get('/health', async (c) => {
    try {
      const [health, stats] = await Promise.all([
        contract('health.list', {}),
        contract('execution.stats', {}),
      ]);
      return c.json({ ...(health as object), stats });
    } catch (e) {
      return fromContract(c, e);
    }
  });
  api.all('*', (c) => send(c, openAIError('NOT_FOUND', `No gateway route ${c.req.method} ${c.req.path}.`)));

  return { chatCompletions: chatCompletionsRoute(options), v1, api };
}
