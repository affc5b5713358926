import { useMemo } from 'react';
import type { CatalogModel } from '../../../shared/contract/catalog';
import { useCompose } from './composeStore';
import { useCatalog } from './useCatalog';

/** Catalog models grouped by provider, in catalog order. */
export function groupByProvider(models: readonly CatalogModel[]): [string, CatalogModel[]][] {
  const groups = new Map<string, CatalogModel[]>();
  for (const m of models) {
    const list = groups.get(m.provider) ?? [];
    list.push(m);
    groups.set(m.provider, list);
  }
  return [...groups];
}

/** Pin a model from the catalog; pinning bypasses the strategies (constraints still apply). */
export function PinnedModelSelect() {
  const pinned = useCompose((s) => s.pinnedModel);
  const edit = useCompose((s) => s.edit);
  const catalog = useCatalog();
  const providerName = useMemo(
    () => new Map(catalog.data?.providers.map((p) => [p.id, p.displayName]) ?? []),
    [catalog.data],
  );
  const groups = useMemo(() => groupByProvider(catalog.data?.models ?? []), [catalog.data]);
  return (
    <div className="pg-field pg-field--compact pg-field--grow">
      <label htmlFor="pg-pinned" className="pg-field__label">
        Pinned model
      </label>
      <select
        id="pg-pinned"
        className="pg-select"
        value={pinned}
        disabled={!catalog.data}
        onChange={(e) => edit({ pinnedModel: e.target.value })}
      >
        <option value="">{catalog.isError ? 'Catalog unavailable' : 'None: let the router choose'}</option>
        {groups.map(([provider, models]) => (
          <optgroup key={provider} label={providerName.get(provider as CatalogModel['provider']) ?? provider}>
            {models.map((m) => (
              <option key={m.key} value={m.key}>
                {m.displayName}
              </option>
            ))}
          </optgroup>
        ))}
      </select>
    </div>
  );
}
