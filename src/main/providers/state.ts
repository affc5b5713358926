import type { ProviderCheck } from '../../shared/contract/providers';
import type { ProviderId } from '../../shared/providers';
import { SwitchyardError } from '../core/errors';
import type Database from 'better-sqlite3';
import type { LedgerDatabase } from '../ledger/database';
import { ForeignCommits } from '../ledger/foreignCommits';

export interface ProviderSettings {
  enabled: boolean;
  baseUrl: string | null;
  azureResource: string | null;
  azureDeployment: string | null;
}

export const DEFAULT_SETTINGS: ProviderSettings = {
  enabled: true,
  baseUrl: null,
  azureResource: null,
  azureDeployment: null,
};

/** Per-provider settings and the last test, persisted. Never holds a key. */
export interface ProviderState {
  settings(provider: ProviderId): ProviderSettings;
  saveSettings(provider: ProviderId, settings: ProviderSettings): void;
  lastCheck(provider: ProviderId): ProviderCheck | null;
  recordCheck(provider: ProviderId, check: ProviderCheck): void;
  /** Forgets the last test (the key it was made with changed). */
  clearCheck(provider: ProviderId): void;
}

interface SettingsRow {
  enabled: number;
  base_url: string | null;
  azure_resource: string | null;
  azure_deployment: string | null;
}

interface CheckRow {
  source: ProviderCheck['source'];
  checked_at: string;
  ok: number;
  status: ProviderCheck['status'];
  http_status: number | null;
  detail: string;
  model_count: number | null;
  duration_ms: number;
  base_url: string;
}

/** Tables `provider_settings` and `provider_checks` (migration 3). */
export class SqliteProviderState implements ProviderState {
  constructor(private readonly ledger: LedgerDatabase) {}

  // Read for every request's connection: prepared once, and kept until this state saves settings
  // or another connection (the CLI's `providers set`) commits (`ForeignCommits`).
  private settingsRow?: Database.Statement<[ProviderId], SettingsRow>;
  private foreign?: ForeignCommits;
  private readonly known = new Map<ProviderId, ProviderSettings>();

  settings(provider: ProviderId): ProviderSettings {
    this.foreign ??= new ForeignCommits(this.ledger.db);
    if (this.foreign.changed()) this.known.clear();
    let s = this.known.get(provider);
    if (!s) {
      s = this.readSettings(provider);
      this.known.set(provider, s);
    }
    return { ...s };
  }

  private readSettings(provider: ProviderId): ProviderSettings {
    this.settingsRow ??= this.ledger.db.prepare(
      'SELECT enabled, base_url, azure_resource, azure_deployment FROM provider_settings WHERE provider = ?',
    );
    const row = this.settingsRow.get(provider);
    if (!row) return { ...DEFAULT_SETTINGS };
    return {
      enabled: row.enabled === 1,
      baseUrl: row.base_url,
      azureResource: row.azure_resource,
      azureDeployment: row.azure_deployment,
    };
  }

  saveSettings(provider: ProviderId, s: ProviderSettings): void {
    this.known.delete(provider);
    this.ledger.db
      .prepare(
        `INSERT INTO provider_settings (provider, enabled, base_url, azure_resource, azure_deployment, updated_at)
         VALUES (?, ?, ?, ?, ?, ?)
         ON CONFLICT(provider) DO UPDATE SET enabled = excluded.enabled, base_url = excluded.base_url,
           azure_resource = excluded.azure_resource, azure_deployment = excluded.azure_deployment,
           updated_at = excluded.updated_at`,
      )
      .run(
        provider,
        s.enabled ? 1 : 0,
        s.baseUrl,
        s.azureResource,
        s.azureDeployment,
        new Date().toISOString(),
      );
  }

  lastCheck(provider: ProviderId): ProviderCheck | null {
    const row = this.ledger.db
      .prepare(
        'SELECT source, checked_at, ok, status, http_status, detail, model_count, duration_ms, base_url FROM provider_checks WHERE provider = ?',
      )
      .get(provider) as CheckRow | undefined;
    if (!row) return null;
    return {
      source: row.source,
      at: row.checked_at,
      ok: row.ok === 1,
      status: row.status,
      httpStatus: row.http_status,
      detail: row.detail,
      models: row.model_count,
      durationMs: row.duration_ms,
      baseUrl: row.base_url,
    };
  }

  recordCheck(provider: ProviderId, c: ProviderCheck): void {
    this.ledger.db
      .prepare(
        `INSERT OR REPLACE INTO provider_checks
           (provider, source, checked_at, ok, status, http_status, detail, model_count, duration_ms, base_url)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(
        provider,
        c.source,
        c.at,
        c.ok ? 1 : 0,
        c.status,
        c.httpStatus,
        c.detail,
        c.models,
        c.durationMs,
        c.baseUrl,
      );
  }

  clearCheck(provider: ProviderId): void {
    this.ledger.db.prepare('DELETE FROM provider_checks WHERE provider = ?').run(provider);
  }
}

/**
 * Where the database could not be opened: defaults, tests remembered for this run only, and
 * settings changes refused (they would be lost silently otherwise).
 */
export class TransientProviderState implements ProviderState {
  private readonly checks = new Map<ProviderId, ProviderCheck>();
  constructor(private readonly reason: string) {}

  settings(): ProviderSettings {
    return { ...DEFAULT_SETTINGS };
  }

  saveSettings(): void {
    throw new SwitchyardError(
      'DB_UNAVAILABLE',
      `Provider settings cannot be saved because the database is unavailable: ${this.reason}`,
    );
  }

  lastCheck(provider: ProviderId): ProviderCheck | null {
    return this.checks.get(provider) ?? null;
  }

  recordCheck(provider: ProviderId, check: ProviderCheck): void {
    this.checks.set(provider, check);
  }

  clearCheck(provider: ProviderId): void {
    this.checks.delete(provider);
  }
}
