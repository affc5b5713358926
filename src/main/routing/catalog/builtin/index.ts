import type { CatalogModel } from '../../../../shared/contract/catalog';
import type { ProviderId } from '../../../../shared/providers';
import { toCatalogModel, type ModelSpec, type ProviderPricing } from '../modelSpec';
import { FRONTIER_MODELS, FRONTIER_PRICING } from './frontierLabs';
import { HOSTED_MODELS, HOSTED_PRICING } from './hostedAndLocal';
import { OPEN_WEIGHT_MODELS, OPEN_WEIGHT_PRICING } from './openWeightLabs';

const PRICING: Partial<Record<ProviderId, ProviderPricing>> = {
  ...FRONTIER_PRICING,
  ...OPEN_WEIGHT_PRICING,
  ...HOSTED_PRICING,
};

const SPECS: readonly ModelSpec[] = [...FRONTIER_MODELS, ...OPEN_WEIGHT_MODELS, ...HOSTED_MODELS];

/** The built-in catalog: every model of every provider, as shipped. `custom` has none built in. */
export function builtinModels(): CatalogModel[] {
  return SPECS.map((spec) => {
    const pricing = PRICING[spec.provider];
    if (!pricing) throw new Error(`No pricing note for provider ${spec.provider}`);
    return toCatalogModel(spec, pricing);
  });
}
