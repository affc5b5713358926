import { useMemo } from 'react';
import type { CatalogModel, ModelHealth, ProviderView } from '../../../shared/contract';
import { ErrorNotice } from '../../ui/ErrorNotice';
import type { BoardModel } from './ModelHealthRow';
import { ProviderHealthCard } from './ProviderHealthCard';
import { RoutingStatsPanel } from './RoutingStatsPanel';
import {
  useCatalogModels,
  useLiveHealth,
  useModelHealth,
  useProviderList,
  useRoutingStats,
} from './useHealth';
import './health.css';

interface ProviderBoard {
  provider: ProviderView;
  models: BoardModel[];
}

/**
 * Providers on the board: those with a model that has a history (or that a person disabled), and
 * those ready to be called (a key, or a local server with its address). The rest are only named.
 */
function boardOf(
  providers: ProviderView[],
  health: ModelHealth[],
  catalog: CatalogModel[],
): { shown: ProviderBoard[]; idle: ProviderView[] } {
  const byKey = new Map(catalog.map((m) => [m.key, m]));
  const healthByKey = new Map(health.map((h) => [h.modelKey, h]));
  const keys = new Set([
    ...health.map((h) => h.modelKey),
    ...catalog.filter((m) => m.disabled).map((m) => m.key),
  ]);
  const rows = [...keys].sort().map((modelKey): BoardModel & { provider: string } => {
    const c = byKey.get(modelKey);
    return {
      modelKey,
      provider: c?.provider ?? healthByKey.get(modelKey)?.provider ?? modelKey.split('/')[0]!,
      name: c?.displayName ?? modelKey.slice(modelKey.indexOf('/') + 1),
      health: healthByKey.get(modelKey) ?? null,
      disabled: c?.disabled ?? false,
    };
  });
  const shown: ProviderBoard[] = [];
  const idle: ProviderView[] = [];
  for (const provider of providers) {
    const models = rows.filter((r) => r.provider === provider.id);
    // A local server counts as set up once its address was given (routing may call it).
    const local = provider.key.status === 'local' && provider.baseUrl !== null;
    const ready = provider.enabled && (provider.key.present || provider.key.status === 'active' || local);
    if (models.length > 0 || ready) shown.push({ provider, models });
    else idle.push(provider);
  }
  // Most urgent first: a provider with a circuit that is not closed, then by failures.
  const urgency = (b: ProviderBoard) =>
    b.models.reduce((n, m) => n + (m.health && m.health.circuit.state !== 'closed' ? 1000 : 0), 0) +
    b.models.reduce((n, m) => n + (m.health?.consecutiveFailures ?? 0), 0);
  shown.sort((a, b) => urgency(b) - urgency(a));
  return { shown, idle };
}

export function HealthScreen() {
  useLiveHealth();
  const health = useModelHealth();
  const stats = useRoutingStats();
  const providers = useProviderList();
  const catalog = useCatalogModels();
  const board = useMemo(
    () =>
      health.data && providers.data
        ? boardOf(providers.data.providers, health.data, catalog.data ?? [])
        : null,
    [health.data, providers.data, catalog.data],
  );

  return (
    <div className="health-screen">
      <p className="screen__lead">
        What is failing right now: circuits, failures, success rates and latency per model, live.
      </p>
      {stats.error && <ErrorNotice title="Routing figures could not be read" error={stats.error} />}
      {stats.data && <RoutingStatsPanel stats={stats.data} />}
      {health.error && <ErrorNotice title="Model health could not be read" error={health.error} />}
      {providers.error && <ErrorNotice title="Providers could not be read" error={providers.error} />}
      {!board && !health.error && !providers.error && <p className="loading">Loading health…</p>}
      {board && board.shown.length === 0 && (
        <p className="muted">
          No provider is ready and no model has been called yet. Add a key or a local server in Settings, then
          run a prompt in the Playground: each model it calls appears here.
        </p>
      )}
      {board?.shown.map((b) => (
        <ProviderHealthCard key={b.provider.id} provider={b.provider} models={b.models} />
      ))}
      {board && board.idle.length > 0 && (
        <p className="small muted">
          Not set up (no key, disabled, no calls): {board.idle.map((p) => p.displayName).join(', ')}.
        </p>
      )}
    </div>
  );
}
