import type { Handler } from '../types';

export const catalogHandlers = {
  'catalog.list': (input, _ctx, services) => ({
    models: services.routing.listModels(input.provider, input.includeDisabled),
    providers: services.routing.providers(),
  }),
  'catalog.update': (input, _ctx, services) => ({ model: services.routing.updateCatalog(input) }),
  'catalog.refreshPreview': (input, _ctx, services) => services.routing.previewPriceRefresh(input.baseUrl),
  'catalog.refreshApply': (input, _ctx, services) =>
    services.routing.applyPriceRefresh(input.changes, input.add),
  'catalog.discover': (input, _ctx, services) =>
    services.routing.discoverModels(input.provider, input.baseUrl),
} satisfies {
  'catalog.list': Handler<'catalog.list'>;
  'catalog.update': Handler<'catalog.update'>;
  'catalog.refreshPreview': Handler<'catalog.refreshPreview'>;
  'catalog.refreshApply': Handler<'catalog.refreshApply'>;
  'catalog.discover': Handler<'catalog.discover'>;
};
