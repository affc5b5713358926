import type { RouteInput, RouteName, RouteOutput } from '../../../shared/contract';
import type { Result } from '../../../shared/errors';
import { useNavigation } from '../../app/navigation';
import { createFakeApi, makeStatus } from '../../test/fakeApi';
import { renderApp } from '../../test/renderApp';
import { CATALOG, makeDecision, makeProvider, resetPlayground } from './testData';

type Handlers = {
  [K in RouteName]?: (input: RouteInput<K>) => Result<RouteOutput<K>> | Promise<Result<RouteOutput<K>>>;
};

const EMPTY_OVERVIEW: RouteOutput<'reports.overview'> = {
  range: { since: null, until: null, timeZone: 'UTC', approximate: false },
  requests: 0,
  costUsd: 0,
  tokensIn: 0,
  tokensOut: 0,
  errors: 0,
  blocked: 0,
  partials: 0,
  estimatedUsage: 0,
  fallbackRate: 0,
  cache: { hits: 0, hitRate: 0, savedUsd: 0 },
  savings: null,
};

/** The real app on the Playground screen over a fake main; routes not given answer sensible defaults. */
export function renderPlayground(handlers: Handlers = {}) {
  resetPlayground();
  history.replaceState(null, '', '#/playground');
  useNavigation.setState({ screen: 'playground' });
  const fake = createFakeApi({
    'system.status': () => ({ ok: true, data: makeStatus() }),
    'providers.list': () => ({
      ok: true,
      data: { keychain: { status: 'available', backend: 'test' }, providers: [makeProvider('openai', true)] },
    }),
    'catalog.list': () => ({ ok: true, data: CATALOG }),
    'routing.decide': () => ({ ok: true, data: makeDecision() }),
    'reports.overview': () => ({ ok: true, data: EMPTY_OVERVIEW }),
    'ledger.requests': () => ({ ok: true, data: { requests: [], next: null } }),
    'ledger.settings': () => ({
      ok: true,
      data: { retentionDays: 90, storePrompts: false, timeZone: 'UTC' },
    }),
    ...handlers,
  });
  const view = renderApp(fake.api, 'browser');
  return { ...view, fake };
}

/** The calls made to one route, with their inputs. */
export const callsTo = (fake: ReturnType<typeof createFakeApi>, route: RouteName) =>
  fake.request.mock.calls.filter(([r]) => r === route) as unknown as [
    RouteName,
    unknown,
    { signal?: AbortSignal }?,
  ][];
