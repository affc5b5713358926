import type Database from 'better-sqlite3';
import type { SimilarCacheSettings } from '../../../shared/contract/execution';
import { CommittedCache } from '../../ledger/foreignCommits';

export const DEFAULT_SIMILAR_SETTINGS: SimilarCacheSettings = { enabled: false, threshold: 0.85 };

const KEYS = {
  enabled: 'execution.similar_cache.enabled',
  threshold: 'execution.similar_cache.threshold',
} as const;

export interface SimilarSettingsStore {
  get(): SimilarCacheSettings;
  /** Validated at the edge (contract, CLI). */
  set(patch: Partial<SimilarCacheSettings>): SimilarCacheSettings;
}

/**
 * The similar-prompt cache's settings in `app_meta`, read for every request that could take a
 * similar answer. Kept after a read until this store writes them or another connection (the CLI's
 * `cache set --similar`) commits anything (`ForeignCommits`), like the ledger's settings, so the
 * app and a CLI process agree without a restart or a SELECT per request. Measured (better-sqlite3,
 * temp ledger): 7–12 µs → 3 µs a read (the SELECT of two `app_meta` rows, against the pragma).
 */
export class SqliteSimilarSettings implements SimilarSettingsStore {
  private readonly select: Database.Statement<[string, string], { key: string; value: string }>;
  private readonly upsert: Database.Statement<[string, string]>;
  private readonly cache: CommittedCache<Readonly<SimilarCacheSettings>>;

  constructor(db: Database.Database) {
    this.cache = new CommittedCache(db, () => Object.freeze(this.read()));
    this.select = db.prepare('SELECT key, value FROM app_meta WHERE key IN (?, ?)');
    this.upsert = db.prepare(
      'INSERT INTO app_meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value',
    );
  }

  get(): SimilarCacheSettings {
    return { ...this.cache.get() };
  }

  private read(): SimilarCacheSettings {
    const rows = new Map(this.select.all(KEYS.enabled, KEYS.threshold).map((r) => [r.key, r.value]));
    const threshold = Number(rows.get(KEYS.threshold));
    return {
      enabled: rows.get(KEYS.enabled) === 'true',
      threshold:
        Number.isFinite(threshold) && threshold >= 0.5 && threshold <= 1
          ? threshold
          : DEFAULT_SIMILAR_SETTINGS.threshold,
    };
  }

  set(patch: Partial<SimilarCacheSettings>): SimilarCacheSettings {
    this.cache.invalidate();
    if (patch.enabled !== undefined) this.upsert.run(KEYS.enabled, String(patch.enabled));
    if (patch.threshold !== undefined) this.upsert.run(KEYS.threshold, String(patch.threshold));
    return this.get();
  }
}

/** Without a database: nothing is stored, so the cache can only be off. */
export class MemorySimilarSettings implements SimilarSettingsStore {
  private settings = { ...DEFAULT_SIMILAR_SETTINGS };
  get(): SimilarCacheSettings {
    return { ...this.settings };
  }
  set(patch: Partial<SimilarCacheSettings>): SimilarCacheSettings {
    this.settings = { ...this.settings, ...patch };
    return this.get();
  }
}
