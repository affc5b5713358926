import type { EnvKeyCandidate, KeychainStatus, ProviderView } from '../../../shared/contract';
import { PROVIDER_IDS, type ProviderId } from '../../../shared/providers';
import type { Result } from '../../../shared/errors';
import { createFakeApi } from '../../test/fakeApi';

const LOCAL: readonly ProviderId[] = ['ollama', 'lmstudio', 'custom'];
const NAMES: Partial<Record<ProviderId, string>> = {
  openai: 'OpenAI',
  anthropic: 'Anthropic',
  ollama: 'Ollama',
};

export function makeProviderView(id: ProviderId, overrides: Partial<ProviderView> = {}): ProviderView {
  const local = LOCAL.includes(id);
  return {
    id,
    displayName: NAMES[id] ?? id,
    kind: local ? 'local' : 'cloud',
    keyRequired: !local,
    enabled: true,
    baseUrl: null,
    defaultBaseUrl: id === 'custom' || id === 'azure' ? null : `https://api.${id}.example/v1`,
    effectiveBaseUrl: id === 'custom' || id === 'azure' ? null : `https://api.${id}.example/v1`,
    azure: id === 'azure' ? { resource: null, deployment: null } : null,
    envVars: local ? [] : [`${id.toUpperCase()}_API_KEY`],
    key: local
      ? {
          provider: id,
          present: false,
          last4: null,
          status: 'local',
          reason: 'Runs on your own server; no key needed.',
        }
      : { provider: id, present: false, last4: null, status: 'missing_key', reason: 'No API key stored.' },
    lastCheck: null,
    warnings: [],
    ...overrides,
  };
}

const ok = <T>(data: T): Result<T> => ({ ok: true, data });

/**
 * Main as the Settings screen sees it, in memory: keys.set and friends change the views the next
 * providers.list returns. Keys themselves are kept only to compute last4, as main does.
 */
export function createSettingsBackend(
  options: { keychain?: KeychainStatus; candidates?: EnvKeyCandidate[] } = {},
) {
  const views = new Map<ProviderId, ProviderView>(PROVIDER_IDS.map((id) => [id, makeProviderView(id)]));
  const keychain = options.keychain ?? {
    status: 'available',
    backend: 'Secret Service (libsecret) via keytar',
  };
  let candidates = options.candidates ?? [];
  const update = (id: ProviderId, change: Partial<ProviderView>): ProviderView => {
    const next = { ...views.get(id)!, ...change };
    views.set(id, next);
    return next;
  };
  const fake = createFakeApi({
    'providers.list': () => ok({ keychain, providers: [...views.values()] }),
    'keys.set': ({ provider, key }) => {
      const view = update(provider, {
        key: {
          provider,
          present: true,
          last4: key.trim().slice(-4),
          status: 'untested',
          reason: 'A key is stored but has not been tested yet.',
        },
        lastCheck: null,
      });
      return ok(view.key);
    },
    'keys.delete': ({ provider }) => {
      const view = update(provider, {
        key: { provider, present: false, last4: null, status: 'missing_key', reason: 'No API key stored.' },
        lastCheck: null,
      });
      return ok({ deleted: true, key: view.key });
    },
    'providers.test': ({ provider }) =>
      ok(
        update(provider, {
          key: {
            ...views.get(provider)!.key,
            status: 'active',
            reason: 'Answered the last test and listed 3 models.',
          },
          lastCheck: {
            source: 'test',
            at: '2025-11-27T16:00:00.000Z',
            ok: true,
            status: 'active',
            httpStatus: 200,
            detail: 'ok',
            models: 3,
            durationMs: 42,
            baseUrl: views.get(provider)!.effectiveBaseUrl ?? '',
          },
        }),
      ),
    'providers.update': (input) => {
      if (input.baseUrl?.startsWith('http://203.'))
        return {
          ok: false,
          error: {
            code: 'VALIDATION_FAILED',
            message: 'Plain http to 203.0.113.9 would send the API key unencrypted.',
          },
        };
      const current = views.get(input.provider)!;
      const baseUrl = input.baseUrl === undefined ? current.baseUrl : input.baseUrl;
      return ok(
        update(input.provider, {
          enabled: input.enabled ?? current.enabled,
          baseUrl,
          effectiveBaseUrl: baseUrl ?? current.defaultBaseUrl,
        }),
      );
    },
    'gateway.info': () =>
      ok({
        settings: { enabled: true, port: 4318 },
        mode: 'shell-port',
        running: true,
        baseUrl: 'http://127.0.0.1:4317/v1',
        message: 'Served by this headless shell on its own port.',
        tokenStorage: 'keychain',
      }),
    'keys.envCandidates': () => ok({ candidates }),
    'keys.importEnv': ({ providers }) => {
      const chosen = candidates.filter((c) => providers?.includes(c.provider));
      for (const c of chosen)
        update(c.provider, {
          key: { ...views.get(c.provider)!.key, present: true, last4: 'env1', status: 'untested' },
        });
      candidates = candidates.map((c) => (providers?.includes(c.provider) ? { ...c, stored: 'same' } : c));
      return ok({
        imported: chosen.map((c) => ({ provider: c.provider, envVar: c.envVar })),
        skipped: [],
        baseUrls: [],
      });
    },
  });
  return { ...fake, views };
}
