import type Database from 'better-sqlite3';
import { CustomModelInputSchema, type CustomModelInput } from '../../../shared/contract/catalog';
import type { z } from 'zod';

/** What the user (or a price refresh) changed on one built-in model; null = keep the built-in value. */
export interface ModelOverride {
  modelKey: string;
  inputPerMTok: number | null;
  outputPerMTok: number | null;
  cachedInputPerMTok: number | null;
  contextWindow: number | null;
  maxOutputTokens: number | null;
  priceSource: string | null;
  priceAsOf: string | null;
  quality: number | null;
  qualitySource: string | null;
  disabled: boolean | null;
}

export interface StoredCustomModel {
  modelKey: string;
  spec: z.output<typeof CustomModelInputSchema>;
  source: string;
  updatedAt: string;
}

interface OverrideRow {
  model_key: string;
  input_per_mtok: number | null;
  output_per_mtok: number | null;
  cached_input_per_mtok: number | null;
  context_window: number | null;
  max_output_tokens: number | null;
  price_source: string | null;
  price_as_of: string | null;
  quality: number | null;
  quality_source: string | null;
  disabled: number | null;
}

/**
 * Catalog overrides and custom models in the ledger database (migration 2), so they survive
 * restarts and travel with the data dir. Rows are validated on read: a row written by a newer
 * build that no longer parses is skipped rather than breaking routing.
 */
export class CatalogStore {
  constructor(private readonly db: Database.Database) {}

  overrides(): ModelOverride[] {
    const rows = this.db.prepare('SELECT * FROM catalog_overrides').all() as OverrideRow[];
    return rows.map((r) => ({
      modelKey: r.model_key,
      inputPerMTok: r.input_per_mtok,
      outputPerMTok: r.output_per_mtok,
      cachedInputPerMTok: r.cached_input_per_mtok,
      contextWindow: r.context_window,
      maxOutputTokens: r.max_output_tokens,
      priceSource: r.price_source,
      priceAsOf: r.price_as_of,
      quality: r.quality,
      qualitySource: r.quality_source,
      disabled: r.disabled === null ? null : r.disabled === 1,
    }));
  }

  /** Merges `patch` into the model's override row (fields left undefined keep their value). */
  upsertOverride(modelKey: string, patch: Partial<Omit<ModelOverride, 'modelKey'>>): void {
    const current = this.overrides().find((o) => o.modelKey === modelKey);
    const next = { ...emptyOverride(modelKey), ...current, ...definedOnly(patch) };
    this.db
      .prepare(
        `INSERT INTO catalog_overrides (model_key, input_per_mtok, output_per_mtok, cached_input_per_mtok,
           context_window, max_output_tokens, price_source, price_as_of, quality, quality_source, disabled, updated_at)
         VALUES (@modelKey, @inputPerMTok, @outputPerMTok, @cachedInputPerMTok, @contextWindow, @maxOutputTokens,
           @priceSource, @priceAsOf, @quality, @qualitySource, @disabled, @updatedAt)
         ON CONFLICT(model_key) DO UPDATE SET input_per_mtok = excluded.input_per_mtok,
           output_per_mtok = excluded.output_per_mtok, cached_input_per_mtok = excluded.cached_input_per_mtok,
           context_window = excluded.context_window, max_output_tokens = excluded.max_output_tokens,
           price_source = excluded.price_source, price_as_of = excluded.price_as_of, quality = excluded.quality,
           quality_source = excluded.quality_source, disabled = excluded.disabled, updated_at = excluded.updated_at`,
      )
      .run({
        ...next,
        disabled: next.disabled === null ? null : next.disabled ? 1 : 0,
        updatedAt: new Date().toISOString(),
      });
  }

  deleteOverride(modelKey: string): boolean {
    return this.db.prepare('DELETE FROM catalog_overrides WHERE model_key = ?').run(modelKey).changes > 0;
  }

  customModels(): StoredCustomModel[] {
    const rows = this.db
      .prepare('SELECT model_key, spec_json, source, updated_at FROM catalog_custom_models')
      .all() as { model_key: string; spec_json: string; source: string; updated_at: string }[];
    const out: StoredCustomModel[] = [];
    for (const r of rows) {
      const parsed = CustomModelInputSchema.safeParse(safeJson(r.spec_json));
      if (parsed.success) {
        out.push({ modelKey: r.model_key, spec: parsed.data, source: r.source, updatedAt: r.updated_at });
      }
    }
    return out;
  }

  upsertCustom(modelKey: string, spec: CustomModelInput, source: string): void {
    const now = new Date().toISOString();
    this.db
      .prepare(
        `INSERT INTO catalog_custom_models (model_key, spec_json, source, created_at, updated_at)
         VALUES (?, ?, ?, ?, ?)
         ON CONFLICT(model_key) DO UPDATE SET spec_json = excluded.spec_json, source = excluded.source,
           updated_at = excluded.updated_at`,
      )
      .run(modelKey, JSON.stringify(spec), source, now, now);
  }

  deleteCustom(modelKey: string): boolean {
    return this.db.prepare('DELETE FROM catalog_custom_models WHERE model_key = ?').run(modelKey).changes > 0;
  }

  /** Runs `fn` in one transaction (a price refresh applies all its changes or none). */
  transaction(fn: () => void): void {
    this.db.transaction(fn)();
  }
}

function emptyOverride(modelKey: string): ModelOverride {
  return {
    modelKey,
    inputPerMTok: null,
    outputPerMTok: null,
    cachedInputPerMTok: null,
    contextWindow: null,
    maxOutputTokens: null,
    priceSource: null,
    priceAsOf: null,
    quality: null,
    qualitySource: null,
    disabled: null,
  };
}

function definedOnly<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}

function safeJson(s: string): unknown {
  try {
    return JSON.parse(s);
  } catch {
    return null;
  }
}
