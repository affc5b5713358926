import type { ProviderView } from '../../../shared/contract';
import { Badge } from '../../ui/Badge';
import { PROVIDER_STATUS_TONE } from '../../ui/providerStatusTone';
import { ModelHealthRow, type BoardModel } from './ModelHealthRow';
import { formatTime } from './format';
import { useTestConnection } from './useHealth';

const KEY_LABEL: Record<ProviderView['key']['status'], string> = {
  active: 'Key active',
  missing_key: 'No key',
  invalid_key: 'Invalid key',
  unreachable: 'Unreachable',
  rate_limited: 'Rate limited',
  local: 'Local, no key',
  untested: 'Key untested',
};

/** A provider: key status and test connection, then one row per model it has served. */
export function ProviderHealthCard({ provider, models }: { provider: ProviderView; models: BoardModel[] }) {
  const test = useTestConnection();
  const check = provider.lastCheck;
  const titleId = `health-provider-${provider.id}`;
  return (
    <section className="card card--wide provider-health" aria-labelledby={titleId}>
      <header className="card__header">
        <h2 className="card__title" id={titleId}>
          {provider.displayName}
        </h2>
        <span className="provider-health__status">
          {!provider.enabled && <Badge tone="neutral">Disabled in Settings</Badge>}
          <Badge tone={PROVIDER_STATUS_TONE[provider.key.status]}>{KEY_LABEL[provider.key.status]}</Badge>
          <button
            type="button"
            className="button"
            disabled={test.isPending}
            onClick={() => test.mutate(provider.id)}
          >
            {test.isPending ? 'Testing…' : 'Test connection'}
          </button>
        </span>
      </header>
      <div className="card__body">
        <p className="small muted" data-testid="key-reason">
          {provider.key.reason}
          {check && (
            <>
              {' '}
              Last check {formatTime(check.at)}: {check.ok ? 'ok' : check.detail}
              {check.ok && check.models !== null && ` (${check.models} models listed)`}.
            </>
          )}
        </p>
        {test.error !== null && (
          <p role="alert" className="small error-text">
            {test.error instanceof Error ? test.error.message : String(test.error)}
          </p>
        )}
        {models.length === 0 ? (
          <p className="muted">No calls to {provider.displayName} yet.</p>
        ) : (
          <div className="table-scroll">
            <table className="health-table">
              <thead>
                <tr>
                  <th scope="col">Model</th>
                  <th scope="col">Circuit</th>
                  <th scope="col" className="num" title="Failures in a row / all failures">
                    Failures (row / total)
                  </th>
                  <th scope="col" className="num">
                    Success 5 min · 1 h
                  </th>
                  <th scope="col" className="num">
                    p50 · p95
                  </th>
                  <th scope="col">Last error</th>
                  <th scope="col">Actions</th>
                </tr>
              </thead>
              <tbody>
                {models.map((m) => (
                  <ModelHealthRow key={m.modelKey} model={m} />
                ))}
              </tbody>
            </table>
          </div>
        )}
      </div>
    </section>
  );
}
