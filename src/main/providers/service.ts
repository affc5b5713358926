import type { EnvKeyCandidate, ImportEnvResult, KeyView } from '../../shared/contract/keys';
import type { ProviderUpdate, ProviderView, ProvidersList } from '../../shared/contract/providers';
import type { KeychainStatus } from '../../shared/contract/system';
import type { ProviderId } from '../../shared/providers';
import { isSwitchyardError } from '../core/errors';
import type { EventBus } from '../core/eventBus';
import { redactSecrets, type ProviderConnection } from '../execution';
import { last4 } from '../secrets/keyView';
import type { ProviderKeys } from '../secrets/providerKeys';
import { importEnvKeys, listEnvCandidates } from './envImport';
import { ALL_PROVIDERS, providerFacts } from './directory';
import { azureBaseUrl, baseUrlWarnings, normaliseBaseUrl } from './baseUrl';
import { testConnection } from './connectionTest';
import type { ProviderProbe } from './probe';
import type { ProviderSettings, ProviderState } from './state';
import { describeStatus } from './status';

export interface ProviderServiceDeps {
  keys: ProviderKeys;
  state: ProviderState;
  probe: ProviderProbe;
  events: EventBus;
  /** Main's environment, for `keys import-env` and the first-run offer. */
  env: NodeJS.ProcessEnv;
}

/** What a keychain read gave: the keys, or why there are none to show. */
type KeyRead =
  { keys: Map<ProviderId, string>; problem: null } | { keys: Map<ProviderId, string>; problem: string };

const keychainUnavailable = (e: unknown): e is { message: string } =>
  isSwitchyardError(e) && e.code === 'KEYCHAIN_UNAVAILABLE';

/**
 * Provider settings, keys and status, for the contract handlers and the CLI. Keys are read from
 * the keychain here and only handed to the provider call; everything returned is masked.
 */
export class ProviderService {
  constructor(private readonly deps: ProviderServiceDeps) {}

  async list(): Promise<ProvidersList> {
    const read = await this.readKeys(() => this.deps.keys.all());
    return {
      keychain: this.keychainStatus(read.problem),
      providers: ALL_PROVIDERS.map((id) => this.view(id, read.keys.get(id) ?? null, read.problem)),
    };
  }

  async get(provider: ProviderId): Promise<ProviderView> {
    const read = await this.readKeys(async () => {
      const key = await this.deps.keys.get(provider);
      return new Map(key ? [[provider, key]] : []);
    });
    return this.view(provider, read.keys.get(provider) ?? null, read.problem);
  }

  /** Masked keys; KEYCHAIN_UNAVAILABLE when there is no keychain to ask. */
  async keys(): Promise<{ keychain: KeychainStatus; keys: KeyView[] }> {
    const keys = await this.deps.keys.all();
    return {
      keychain: this.keychainStatus(null),
      keys: ALL_PROVIDERS.map((id) => this.view(id, keys.get(id) ?? null, null).key),
    };
  }

  async setKey(provider: ProviderId, key: string): Promise<KeyView> {
    await this.deps.keys.set(provider, key);
    // A test of the previous key says nothing about this one.
    this.deps.state.clearCheck(provider);
    this.changed(provider);
    return this.view(provider, key, null).key;
  }

  async deleteKey(provider: ProviderId): Promise<{ deleted: boolean; key: KeyView }> {
    const deleted = await this.deps.keys.delete(provider);
    this.deps.state.clearCheck(provider);
    this.changed(provider);
    return { deleted, key: this.view(provider, null, null).key };
  }

  async update(input: ProviderUpdate): Promise<ProviderView> {
    const { provider } = input;
    const before = this.deps.state.settings(provider);
    const next: ProviderSettings = { ...before };
    if (input.enabled !== undefined) next.enabled = input.enabled;
    if (input.baseUrl !== undefined)
      next.baseUrl = input.baseUrl === null ? null : normaliseBaseUrl(provider, input.baseUrl);
    if (input.azure?.resource !== undefined) next.azureResource = input.azure.resource;
    if (input.azure?.deployment !== undefined) next.azureDeployment = input.azure.deployment;
    this.deps.state.saveSettings(provider, next);
    if (this.baseUrlOf(provider, before) !== this.baseUrlOf(provider, next))
      this.deps.state.clearCheck(provider);
    this.changed(provider);
    return this.get(provider);
  }

  /** Test connection: list the models with the stored key (read here, inside main only). */
  async test(provider: ProviderId, signal?: AbortSignal): Promise<ProviderView> {
    const connection = await this.connection(provider);
    const facts = providerFacts(provider);
    if (facts.keyRequired && !connection.apiKey) return this.get(provider);
    if (connection.baseUrl === null) return this.get(provider);
    const check = await testConnection(
      { ...connection, baseUrl: connection.baseUrl },
      this.deps.probe,
      signal,
    );
    this.deps.state.recordCheck(provider, check);
    this.changed(provider);
    return this.view(provider, connection.apiKey, null);
  }

  /**
   * Where and how to reach a provider: the key from the keychain, the base URL from the settings.
   * For the execution room; the connection must never leave main.
   */
  async connection(provider: ProviderId): Promise<ProviderConnection & { baseUrl: string | null }> {
    const facts = providerFacts(provider);
    let apiKey: string | null = null;
    try {
      apiKey = await this.deps.keys.get(provider);
    } catch (e) {
      // A local server needs no key, so a missing keychain must not stop it.
      if (facts.keyRequired || !keychainUnavailable(e)) throw e;
    }
    return { provider, apiKey, baseUrl: this.baseUrlOf(provider, this.deps.state.settings(provider)) };
  }

  /**
   * A provider refused its key on a real request (execution's ProviderStatusSink): the status
   * turns invalid_key until the key is replaced or a test succeeds.
   */
  keyRejected(event: { provider: ProviderId; status: number | null; message: string; at: string }): void {
    const { provider } = event;
    this.deps.state.recordCheck(provider, {
      source: 'request',
      at: event.at,
      ok: false,
      status: 'invalid_key',
      httpStatus: event.status,
      detail: redactSecrets(event.message),
      models: null,
      durationMs: 0,
      baseUrl: this.baseUrlOf(provider, this.deps.state.settings(provider)) ?? '',
    });
    this.changed(provider);
  }

  settings(provider: ProviderId): ProviderSettings {
    return this.deps.state.settings(provider);
  }

  async envCandidates(): Promise<EnvKeyCandidate[]> {
    return listEnvCandidates(this.deps.env, this.deps.keys);
  }

  async importEnv(input: { providers?: ProviderId[]; overwrite: boolean }): Promise<ImportEnvResult> {
    const result = await importEnvKeys(this.deps.env, this.deps.keys, input, {
      setBaseUrl: (provider, url) => {
        const settings = this.deps.state.settings(provider);
        if (settings.baseUrl !== null) return false;
        this.deps.state.saveSettings(provider, { ...settings, baseUrl: normaliseBaseUrl(provider, url) });
        return true;
      },
    });
    for (const { provider } of result.imported) {
      this.deps.state.clearCheck(provider);
      this.changed(provider);
    }
    return result;
  }

  private baseUrlOf(provider: ProviderId, s: ProviderSettings): string | null {
    if (s.baseUrl !== null) return s.baseUrl;
    if (provider === 'azure' && s.azureResource) return azureBaseUrl(s.azureResource);
    return providerFacts(provider).defaultBaseUrl;
  }

  private view(provider: ProviderId, key: string | null, keychainProblem: string | null): ProviderView {
    const facts = providerFacts(provider);
    const settings = this.deps.state.settings(provider);
    const effectiveBaseUrl = this.baseUrlOf(provider, settings);
    const check = this.deps.state.lastCheck(provider);
    const { status, reason } = describeStatus({
      facts,
      keyPresent: key !== null,
      keychainProblem,
      check,
      baseUrl: effectiveBaseUrl,
    });
    return {
      id: provider,
      displayName: facts.displayName,
      kind: facts.kind,
      keyRequired: facts.keyRequired,
      enabled: settings.enabled,
      baseUrl: settings.baseUrl,
      defaultBaseUrl: facts.defaultBaseUrl,
      effectiveBaseUrl,
      azure:
        provider === 'azure'
          ? { resource: settings.azureResource, deployment: settings.azureDeployment }
          : null,
      envVars: [...facts.envVars],
      key: { provider, present: key !== null, last4: last4(key), status, reason },
      lastCheck: check,
      warnings: baseUrlWarnings(effectiveBaseUrl),
    };
  }

  private async readKeys(read: () => Promise<Map<ProviderId, string>>): Promise<KeyRead> {
    try {
      return { keys: await read(), problem: null };
    } catch (e) {
      if (!keychainUnavailable(e)) throw e;
      return { keys: new Map(), problem: e.message };
    }
  }

  private keychainStatus(problem: string | null): KeychainStatus {
    const backend = this.deps.keys.backend;
    return problem === null
      ? { status: 'available', backend }
      : { status: 'unavailable', backend, message: problem };
  }

  private changed(provider: ProviderId): void {
    this.deps.events.emit('providers.changed', { provider });
  }
}
