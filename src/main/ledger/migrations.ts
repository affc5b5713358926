import { BUDGET_SCHEMA_SQL } from './schema/budgetSchema';
import { LEDGER_FEATURES_SCHEMA_SQL } from './schema/featuresSchema';
import { LEDGER_SCHEMA_SQL } from './schema/ledgerSchema';
import { LEDGER_TASKS_SCHEMA_SQL } from './schema/tasksSchema';
import { LEDGER_ANSWERS_SCHEMA_SQL } from './schema/answersSchema';
import { LEDGER_REQUEST_KEYS_SCHEMA_SQL } from './schema/requestKeysSchema';
import { VOTES_SCHEMA_SQL } from './votes';
import { MODEL_HEALTH_SCHEMA_SQL } from '../execution/health/healthSchema';
import { EXPERIMENTS_SCHEMA_SQL } from '../learning/experiments';
import { ALERTS_SCHEMA_SQL } from '../alerts/alertsSchema';
import {
  PROMPT_EMBEDDINGS_BY_TIME_SQL,
  PROMPT_EMBEDDINGS_SCHEMA_SQL,
} from '../learning/embeddings/embeddingStore';

/**
 * Versioned schema migrations, applied in order inside one transaction each. A migration is never
 * edited once released; change the schema by appending a new one.
 */
export interface Migration {
  version: number;
  name: string;
  sql: string;
}

export const migrations: readonly Migration[] = [
  {
    version: 1,
    name: 'app meta',
    sql: `
      CREATE TABLE app_meta (
        key   TEXT PRIMARY KEY,
        value TEXT NOT NULL
      ) STRICT;
    `,
  },
  {
    version: 2,
    name: 'routing catalog overrides and custom models',
    sql: `
      -- The user's (or a price refresh's) changes to built-in models; NULL = keep the built-in value.
      CREATE TABLE catalog_overrides (
        model_key             TEXT PRIMARY KEY,
        input_per_mtok        REAL,
        output_per_mtok       REAL,
        cached_input_per_mtok REAL,
        context_window        INTEGER,
        max_output_tokens     INTEGER,
        price_source          TEXT,
        price_as_of           TEXT,
        quality               REAL,
        quality_source        TEXT,
        disabled              INTEGER,
        updated_at            TEXT NOT NULL
      ) STRICT;
      -- Models the user added (or accepted from a provider's model list), as a CustomModelInput.
      CREATE TABLE catalog_custom_models (
        model_key  TEXT PRIMARY KEY,
        spec_json  TEXT NOT NULL,
        source     TEXT NOT NULL,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
      ) STRICT;
    `,
  },
  {
    version: 3,
    name: 'provider settings and connection tests',
    sql: `
      -- Per-provider settings; never a key (keys live in the OS keychain).
      CREATE TABLE provider_settings (
        provider         TEXT PRIMARY KEY,
        enabled          INTEGER NOT NULL DEFAULT 1,
        base_url         TEXT,
        azure_resource   TEXT,
        azure_deployment TEXT,
        updated_at       TEXT NOT NULL
      ) STRICT;
      -- The last check per provider: a "test connection", or a key refused on a request.
      -- detail is scrubbed of keys.
      CREATE TABLE provider_checks (
        provider     TEXT PRIMARY KEY,
        source       TEXT NOT NULL CHECK (source IN ('test', 'request')),
        checked_at   TEXT NOT NULL,
        ok           INTEGER NOT NULL,
        status       TEXT NOT NULL,
        http_status  INTEGER,
        detail       TEXT NOT NULL,
        model_count  INTEGER,
        duration_ms  INTEGER NOT NULL,
        base_url     TEXT NOT NULL
      ) STRICT;
    `,
  },
  {
    version: 4,
    name: 'playground votes',
    sql: VOTES_SCHEMA_SQL,
  },
  {
    version: 5,
    name: 'ledger: requests, attempts, prompts, daily rollups',
    sql: LEDGER_SCHEMA_SQL,
  },
  {
    version: 6,
    name: 'budgets: limits, window spend, reservations, alerts',
    sql: BUDGET_SCHEMA_SQL,
  },
  {
    version: 7,
    name: 'execution: model health and circuit breakers',
    sql: MODEL_HEALTH_SCHEMA_SQL,
  },
  {
    version: 8,
    name: 'ledger: routing features per request (rules replay)',
    sql: LEDGER_FEATURES_SCHEMA_SQL,
  },
  {
    version: 9,
    name: 'ledger: heavy tasks as parents of their chunk requests',
    sql: LEDGER_TASKS_SCHEMA_SQL,
  },
  {
    version: 10,
    name: 'learning: A/B experiments of routing strategies',
    sql: EXPERIMENTS_SCHEMA_SQL,
  },
  {
    version: 12,
    name: 'alerts: budget warnings and circuit openings, read state',
    sql: ALERTS_SCHEMA_SQL,
  },
  {
    version: 14,
    name: 'ledger: stored answers and similar-prompt cache hits',
    sql: LEDGER_ANSWERS_SCHEMA_SQL,
  },
  {
    // 15, not 11: databases already at 12 would skip an 11 added after it.
    version: 15,
    name: 'ledger: the request id a gateway client was given, per request',
    sql: LEDGER_REQUEST_KEYS_SCHEMA_SQL,
  },
  {
    version: 16,
    name: 'learning: prompt embeddings per embeddings model and text hash',
    sql: PROMPT_EMBEDDINGS_SCHEMA_SQL,
  },
  {
    version: 17,
    name: 'learning: prompt embeddings by time of creation, per model',
    sql: PROMPT_EMBEDDINGS_BY_TIME_SQL,
  },
];

export const LATEST_SCHEMA_VERSION = migrations.at(-1)?.version ?? 0;
