import { DEFAULT_GATEWAY_PORT, type GatewaySettings } from '../../shared/contract/gateway';
import type { LedgerDatabase } from '../ledger/database';

const KEYS = { enabled: 'gateway.enabled', port: 'gateway.port' } as const;
const DEFAULTS: GatewaySettings = { enabled: true, port: DEFAULT_GATEWAY_PORT };

/**
 * Gateway settings in `app_meta`, read on every use so a CLI and the app agree. Without a database
 * they live in memory for this launch (the gateway still runs with the defaults).
 */
export class GatewaySettingsStore {
  private memory: GatewaySettings = { ...DEFAULTS };

  constructor(private readonly database: LedgerDatabase | null) {}

  get(): GatewaySettings {
    if (!this.database) return { ...this.memory };
    const rows = this.database.db
      .prepare<[string, string], { key: string; value: string }>(
        'SELECT key, value FROM app_meta WHERE key IN (?, ?)',
      )
      .all(KEYS.enabled, KEYS.port);
    const byKey = new Map(rows.map((r) => [r.key, r.value]));
    const port = Number(byKey.get(KEYS.port));
    return {
      enabled: byKey.get(KEYS.enabled) !== 'false',
      port: Number.isInteger(port) && port >= 1024 && port <= 65535 ? port : DEFAULTS.port,
    };
  }

  /** Validated at the edge (contract). */
  set(patch: Partial<GatewaySettings>): GatewaySettings {
    const next = { ...this.get(), ...patch };
    if (!this.database) {
      this.memory = next;
      return { ...next };
    }
    const upsert = this.database.db.prepare(
      'INSERT INTO app_meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value',
    );
    this.database.db.transaction(() => {
      upsert.run(KEYS.enabled, String(next.enabled));
      upsert.run(KEYS.port, String(next.port));
    })();
    return next;
  }
}
