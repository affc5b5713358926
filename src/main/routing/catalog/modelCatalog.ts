import {
  CustomModelInputSchema,
  type CatalogModel,
  type CatalogUpdate,
  type CustomModelInput,
  type PriceChange,
} from '../../../shared/contract/catalog';
import { modelKey } from '../../../shared/providers';
import { SwitchyardError } from '../../core/errors';
import { builtinModels } from './builtin';
import type { CatalogStore, ModelOverride } from './catalogStore';

const today = (): string => new Date().toISOString().slice(0, 10);

/**
 * The effective model catalog: built-in models with the user's overrides applied, plus custom
 * models. The list is rebuilt only when something changes (`revision` tells caches when), so a
 * routing decision reads a ready array.
 */
export class ModelCatalog {
  private models: CatalogModel[] = [];
  private byKey = new Map<string, CatalogModel>();
  private readonly builtins: CatalogModel[];
  revision = 0;

  constructor(
    private readonly store: CatalogStore | null,
    builtins: CatalogModel[] = builtinModels(),
  ) {
    this.builtins = builtins;
    this.rebuild();
  }

  list(): readonly CatalogModel[] {
    return this.models;
  }

  get(key: string): CatalogModel | undefined {
    return this.byKey.get(key);
  }

  update(change: CatalogUpdate): CatalogModel | null {
    const store = this.requireStore();
    switch (change.action) {
      case 'override': {
        const target = this.requireModel(change.model);
        if (target.origin === 'custom') return this.updateCustom(target, change);
        store.upsertOverride(change.model, {
          inputPerMTok: change.price?.inputPerMTok,
          outputPerMTok: change.price?.outputPerMTok,
          cachedInputPerMTok: change.price?.cachedInputPerMTok ?? undefined,
          priceSource: change.price ? 'user override' : undefined,
          priceAsOf: change.price ? today() : undefined,
          quality: change.quality?.score,
          qualitySource: change.quality ? (change.quality.source ?? 'user override') : undefined,
          disabled: change.disabled,
        });
        break;
      }
      case 'clear_override':
        this.requireModel(change.model);
        store.deleteOverride(change.model);
        break;
      case 'add_custom':
        return this.addCustom(change.model, 'user');
      case 'remove_custom': {
        const target = this.requireModel(change.model);
        if (target.origin !== 'custom') {
          throw new SwitchyardError(
            'CONFLICT',
            `${change.model} is built in; disable it instead of removing it.`,
          );
        }
        store.deleteCustom(change.model);
        this.rebuild();
        return null;
      }
    }
    this.rebuild();
    return this.byKey.get(change.model) ?? null;
  }

  addCustom(input: CustomModelInput, source: string): CatalogModel {
    const spec = CustomModelInputSchema.parse(input);
    const key = modelKey(spec);
    if (this.builtins.some((m) => m.key === key)) {
      throw new SwitchyardError(
        'CONFLICT',
        `${key} is already a built-in model; override its price instead.`,
        {
          model: key,
        },
      );
    }
    this.requireStore().upsertCustom(key, spec, source);
    this.rebuild();
    return this.byKey.get(key) as CatalogModel;
  }

  /**
   * Applies the price changes and additions a person accepted from a refresh preview, in one
   * transaction: a refresh is applied whole or not at all.
   */
  applyRefresh(
    changes: PriceChange[],
    add: CustomModelInput[],
    source: string,
  ): { updated: number; added: number } {
    const store = this.requireStore();
    const patches = new Map<string, Partial<Omit<ModelOverride, 'modelKey'>>>();
    for (const c of changes) {
      const target = this.requireModel(c.modelKey);
      if (target.origin === 'custom') continue; // custom models are re-added from `add` instead
      const patch = patches.get(c.modelKey) ?? { priceSource: `${source} models list`, priceAsOf: today() };
      patch[c.field] = c.to;
      patches.set(c.modelKey, patch);
    }
    const specs = add.map((a) => CustomModelInputSchema.parse(a));
    for (const spec of specs) {
      if (this.builtins.some((m) => m.key === modelKey(spec))) {
        throw new SwitchyardError('CONFLICT', `${modelKey(spec)} is built in; it cannot be added again.`);
      }
    }
    store.transaction(() => {
      for (const [key, patch] of patches) store.upsertOverride(key, patch);
      for (const spec of specs) store.upsertCustom(modelKey(spec), spec, source);
    });
    this.rebuild();
    return { updated: patches.size, added: specs.length };
  }

  private updateCustom(target: CatalogModel, change: Extract<CatalogUpdate, { action: 'override' }>) {
    const stored = this.requireStore()
      .customModels()
      .find((c) => c.modelKey === target.key);
    if (!stored) throw new SwitchyardError('NOT_FOUND', `No custom model ${target.key}.`);
    const spec = { ...stored.spec };
    if (change.price?.inputPerMTok !== undefined) spec.inputPerMTok = change.price.inputPerMTok;
    if (change.price?.outputPerMTok !== undefined) spec.outputPerMTok = change.price.outputPerMTok;
    if (change.price?.cachedInputPerMTok !== undefined)
      spec.cachedInputPerMTok = change.price.cachedInputPerMTok;
    if (change.quality) spec.quality = change.quality.score;
    this.requireStore().upsertCustom(target.key, spec, stored.source);
    if (change.disabled !== undefined)
      this.requireStore().upsertOverride(target.key, { disabled: change.disabled });
    this.rebuild();
    return this.byKey.get(target.key) ?? null;
  }

  private rebuild(): void {
    const overrides = new Map((this.store?.overrides() ?? []).map((o) => [o.modelKey, o]));
    const custom = (this.store?.customModels() ?? []).map((c) => customModel(c.spec, c.source, c.updatedAt));
    this.models = [...this.builtins, ...custom].map((m) => applyOverride(m, overrides.get(m.key)));
    this.byKey = new Map(this.models.map((m) => [m.key, m]));
    this.revision++;
  }

  private requireModel(key: string): CatalogModel {
    const m = this.byKey.get(key);
    if (!m) throw new SwitchyardError('NOT_FOUND', `The catalog has no model ${key}.`, { model: key });
    return m;
  }

  private requireStore(): CatalogStore {
    if (!this.store) {
      throw new SwitchyardError(
        'DB_UNAVAILABLE',
        'Catalog changes are kept in the database, which is not open; see `switchyard status`.',
      );
    }
    return this.store;
  }
}

function applyOverride(m: CatalogModel, o: ModelOverride | undefined): CatalogModel {
  if (!o) return m;
  const overridden: CatalogModel['overridden'] = [];
  const priceChanged = o.inputPerMTok !== null || o.outputPerMTok !== null || o.cachedInputPerMTok !== null;
  if (priceChanged) overridden.push('price');
  if (o.quality !== null) overridden.push('quality');
  if (o.disabled !== null) overridden.push('disabled');
  return {
    ...m,
    contextWindow: o.contextWindow ?? m.contextWindow,
    maxOutputTokens: o.maxOutputTokens ?? m.maxOutputTokens,
    price: {
      ...m.price,
      inputPerMTok: o.inputPerMTok ?? m.price.inputPerMTok,
      outputPerMTok: o.outputPerMTok ?? m.price.outputPerMTok,
      cachedInputPerMTok: o.cachedInputPerMTok ?? m.price.cachedInputPerMTok,
      asOf: priceChanged ? (o.priceAsOf ?? m.price.asOf) : m.price.asOf,
      source: priceChanged ? (o.priceSource ?? m.price.source) : m.price.source,
    },
    quality:
      o.quality !== null ? { score: o.quality, source: o.qualitySource ?? 'user override' } : m.quality,
    overridden,
    disabled: o.disabled ?? false,
  };
}

function customModel(
  spec: ReturnType<typeof CustomModelInputSchema.parse>,
  source: string,
  updatedAt: string,
): CatalogModel {
  return {
    key: modelKey(spec),
    provider: spec.provider,
    model: spec.model,
    displayName: spec.displayName ?? spec.model,
    family: spec.family,
    contextWindow: spec.contextWindow,
    maxOutputTokens: spec.maxOutputTokens,
    capabilities: spec.capabilities,
    price: {
      inputPerMTok: spec.inputPerMTok,
      outputPerMTok: spec.outputPerMTok,
      cachedInputPerMTok: spec.cachedInputPerMTok,
      longContext: null,
      perRequestUsd: 0,
      asOf: updatedAt.slice(0, 10),
      source: source === 'user' ? 'user-entered' : `added from ${source}`,
    },
    quality: { score: spec.quality, source: spec.qualitySource },
    performance: {
      ttftSeconds: spec.ttftSeconds,
      outputTokensPerSecond: spec.outputTokensPerSecond,
      source: 'user-entered or default',
    },
    openrouterId: spec.openrouterId,
    origin: 'custom',
    overridden: [],
    disabled: false,
  };
}
