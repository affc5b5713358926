import type { DatabaseStatus, KeychainStatus, Status } from '../shared/contract';
import { appInfo } from './core/appInfo';
import { ensureDataDir } from './core/dataDir';
import { isSwitchyardError } from './core/errors';
import { EventBus } from './core/eventBus';
import { LedgerDatabase, DATABASE_FILE } from './ledger/database';
import { LATEST_SCHEMA_VERSION } from './ledger/migrations';
import { AccessToken } from './secrets/accessToken';
import { KeytarSecretStore } from './secrets/keytarStore';
import type { SecretStore } from './secrets/secretStore';
import { join } from 'node:path';

export type ShellKind = Status['shell'];

export interface ServiceOptions {
  dataDir: string;
  shell: ShellKind;
  simulate?: boolean;
  secrets?: SecretStore;
  nativeBinding?: string;
  /** Versions of the Electron runtime, when the Electron shell hosts the services. */
  electron?: { electron: string; chrome: string };
}

/**
 * Every service of main, built once per process and shared by whichever shell hosts it (Electron,
 * headless, CLI). Rooms are added here as they are built.
 */
export class Services {
  readonly events = new EventBus();
  readonly startedAt = new Date().toISOString();
  gatewayBaseUrl: string | null = null;
  private keychainStatus: KeychainStatus;

  private constructor(
    readonly options: Required<Pick<ServiceOptions, 'dataDir' | 'shell' | 'simulate'>> & ServiceOptions,
    readonly secrets: SecretStore,
    readonly database: LedgerDatabase | null,
    private readonly databaseError: string | null,
    readonly accessToken: AccessToken,
    keychain: KeychainStatus,
  ) {
    this.keychainStatus = keychain;
  }

  static async create(options: ServiceOptions): Promise<Services> {
    const dataDir = ensureDataDir(options.dataDir);
    const secrets = options.secrets ?? new KeytarSecretStore();
    let database: LedgerDatabase | null = null;
    let databaseError: string | null = null;
    try {
      database = LedgerDatabase.open(dataDir, { nativeBinding: options.nativeBinding });
    } catch (e) {
      if (!isSwitchyardError(e)) throw e;
      databaseError = e.message;
    }
    const [keychain, accessToken] = await Promise.all([secrets.probe(), AccessToken.load(secrets, dataDir)]);
    return new Services(
      { simulate: false, ...options, dataDir },
      secrets,
      database,
      databaseError,
      accessToken,
      keychain,
    );
  }

  get dataDir(): string {
    return this.options.dataDir;
  }

  databaseStatus(): DatabaseStatus {
    if (this.database) return this.database.status();
    return {
      status: 'error',
      path: join(this.dataDir, DATABASE_FILE),
      schemaVersion: 0,
      latestSchemaVersion: LATEST_SCHEMA_VERSION,
      journalMode: 'unknown',
      sizeBytes: 0,
      sqliteVersion: 'unknown',
      message: this.databaseError ?? 'The database is not open.',
    };
  }

  async recheckKeychain(): Promise<KeychainStatus> {
    this.keychainStatus = await this.secrets.probe();
    return this.keychainStatus;
  }

  status(): Status {
    const electron = this.options.electron;
    return {
      app: { ...appInfo },
      shell: this.options.shell,
      versions: {
        node: process.versions.node,
        v8: process.versions.v8,
        electron: electron?.electron ?? null,
        chrome: electron?.chrome ?? null,
      },
      platform: `${process.platform}-${process.arch}`,
      dataDir: this.dataDir,
      simulate: this.options.simulate,
      startedAt: this.startedAt,
      database: this.databaseStatus(),
      keychain: this.keychainStatus,
      accessToken: { storage: this.accessToken.storage },
      gateway: {
        baseUrl: this.gatewayBaseUrl,
        available: false,
        message: 'The OpenAI-compatible gateway is not built yet; its base URL is reserved.',
      },
    };
  }

  close(): void {
    this.database?.close();
  }
}
