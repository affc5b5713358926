import type { DatabaseStatus, KeychainStatus, Status } from '../shared/contract';
import { AlertCenter } from './alerts/alertCenter';
import { appInfo } from './core/appInfo';
import { ensureDataDir } from './core/dataDir';
import { SwitchyardError, isSwitchyardError } from './core/errors';
import { EventBus } from './core/eventBus';
import type { BudgetService } from './budget/budgetService';
import { LedgerRooms } from './budget/ledgerRooms';
import { routingBudgetHook } from './budget/routingBudgetPolicy';
import type { Ledger } from './ledger/ledger';
import { unitPricesFor } from './ledger/money';
import { LearningService } from './learning/learningService';
import { embeddingCallerFor } from './learning/embeddings/embeddingsWiring';
import { LedgerDatabase, DATABASE_FILE } from './ledger/database';
import { LATEST_SCHEMA_VERSION } from './ledger/migrations';
import { GatewaySettingsStore } from './gateway/gatewaySettings';
import { NoGateway, type GatewayRuntime } from './gateway/runtime';
import { adapterProbe, type ProviderProbe } from './providers/probe';
import { ProviderService } from './providers/service';
import { SqliteProviderState, TransientProviderState } from './providers/state';
import { AccessToken } from './secrets/accessToken';
import { KeytarSecretStore } from './secrets/keytarStore';
import { ProviderKeys } from './secrets/providerKeys';
import { RoutingService } from './routing/routingService';
import type { GenerationService } from './execution/service/generationService';
import { generationServiceFor } from './execution/service/wiring';
import { heavyRoomsFor, type HeavyRooms } from './execution/heavy/wiring';
import type { FolderPicker } from './execution/heavy/saveFiles';
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
  /** Main's environment, for importing provider keys (default: process.env). */
  env?: NodeJS.ProcessEnv;
  /** How "test connection" reaches a provider (default: the execution room's adapter). */
  probe?: ProviderProbe;
}

/**
 * Every service of main, built once per process and shared by whichever shell hosts it (Electron,
 * headless, CLI). Rooms are added here as they are built.
 */
export class Services {
  readonly events = new EventBus();
  readonly startedAt = new Date().toISOString();
  readonly gatewaySettings: GatewaySettingsStore;
  /** How this process serves the gateway; the shell replaces it (headless: its own port; Electron: a listener). */
  gateway: GatewayRuntime;
  readonly providers: ProviderService;
  /** Budget crossings and circuit openings, stored once each and announced as `alerts.raised`. */
  readonly alerts: AlertCenter;
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
    this.gatewaySettings = new GatewaySettingsStore(database);
    this.gateway = new NoGateway(this);
    this.providers = new ProviderService({
      keys: new ProviderKeys(secrets),
      state: database
        ? new SqliteProviderState(database)
        : new TransientProviderState(databaseError ?? 'the database is not open'),
      probe: options.probe ?? adapterProbe,
      events: this.events,
      env: options.env ?? process.env,
    });
    this.alerts = new AlertCenter({
      database,
      events: this.events,
      circuitHealth: (modelKey) => this.executionService?.health.view(modelKey) ?? null,
    });
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
    const services = new Services(
      { simulate: false, ...options, dataDir },
      secrets,
      database,
      databaseError,
      accessToken,
      keychain,
    );
    // Long-running shells open the ledger at start: expired reservations are swept and retention
    // applied then, not at the first request.
    if (database && options.shell !== 'cli') services.requireLedger();
    return services;
  }

  get dataDir(): string {
    return this.options.dataDir;
  }

  private routingService?: RoutingService;

  /** The routing room, built on first use so start-up never pays for the catalog or rules file. */
  get routing(): RoutingService {
    if (this.routingService) return this.routingService;
    const routing = new RoutingService({
      dataDir: this.dataDir,
      database: this.database,
      secrets: this.secrets,
      simulate: this.options.simulate,
      providerEnabled: (provider) => this.providers.settings(provider).enabled,
    });
    if (this.database) routing.live.budget = routingBudgetHook(this.requireBudget());
    routing.live.learned = this.learning.view;
    this.events.on('providers.changed', () => routing.invalidateAvailability());
    // Long-running shells warm the exact token counter in the background (the CLI decides once).
    if (this.options.shell !== 'cli') routing.prewarmExactCounts();
    // Open Rules screens learn that the rules in force changed, here or (watched) in another process.
    routing.rules.onChange((change) => this.events.emit('rules.changed', change));
    if (this.options.shell !== 'cli') routing.rules.watch();
    this.routingService = routing;
    return routing;
  }

  private learningService?: LearningService;

  /** The learning room: the learned strategy's model, vote ratings, A/B experiments. */
  get learning(): LearningService {
    if (this.learningService) return this.learningService;
    const learning = new LearningService(this.dataDir, this.database);
    learning.connectEmbeddings(embeddingCallerFor(this));
    this.events.on('execution.done', () => {
      learning.scheduleTraining();
      learning.resumeBackfill();
    });
    this.learningService = learning;
    return learning;
  }

  private executionService?: GenerationService;

  /** The execution room (cascade, health, cache), built on first use over routing, budget and ledger. */
  get execution(): GenerationService {
    this.executionService ??= generationServiceFor(this);
    return this.executionService;
  }

  private heavyRooms?: HeavyRooms;
  /** The desktop shell's folder dialog, for saving a task's files (none in the headless shell). */
  folderPicker: FolderPicker | null = null;

  /** Heavy steps (split, routed per chunk, merged) and batch runs, over the execution room. */
  get heavy(): HeavyRooms {
    this.heavyRooms ??= heavyRoomsFor(this);
    return this.heavyRooms;
  }

  private ledgerRooms?: LedgerRooms;

  /** The ledger and budget rooms, built on first use; DB_UNAVAILABLE while the database is not open. */
  private rooms(): LedgerRooms {
    if (!this.database) {
      throw new SwitchyardError('DB_UNAVAILABLE', this.databaseError ?? 'The database is not open.');
    }
    if (this.ledgerRooms) return this.ledgerRooms;
    // A savings baseline the ledger has never used is priced from the catalog (read lazily, so
    // opening the ledger never loads the routing room).
    const rooms = LedgerRooms.open(this.database, this.events, this.options.shell !== 'cli', (key) => {
      const model = this.routing.catalog.get(key);
      if (!model) return null;
      const unit = unitPricesFor(model.price, 0);
      return { modelKey: key, input: unit.input, output: unit.output };
    });
    rooms.ledger.retention.onCleanup(({ deletedEmbeddings }) => {
      if (deletedEmbeddings > 0) this.learningService?.embeddingsDeleted();
    });
    this.ledgerRooms = rooms;
    return this.ledgerRooms;
  }

  requireLedger(): Ledger {
    return this.rooms().ledger;
  }

  requireBudget(): BudgetService {
    return this.rooms().budget;
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
      gateway: this.gatewayStatus(),
    };
  }

  private gatewayStatus(): Status['gateway'] {
    const info = this.gateway.info();
    return { baseUrl: info.baseUrl, available: info.running, message: info.message };
  }

  close(): void {
    void this.gateway.close();
    void this.executionService?.close();
    void this.routingService?.close();
    this.learningService?.close();
    this.ledgerRooms?.close();
    this.database?.close();
    this.accessToken.close();
  }
}
