import { useIsMutating } from '@tanstack/react-query';
import type { ProviderView } from '../../../shared/contract';
import { Card } from '../../ui/Card';
import { ErrorNotice } from '../../ui/ErrorNotice';
import { InlineCode } from '../../ui/InlineCode';
import { formatTime } from '../status/format';
import { ConnectionSettings } from './ConnectionSettings';
import { KeyField } from './KeyField';
import { StatusBadge } from './statusBadge';
import { updateProviderMutationKey, useTestProvider, useUpdateProvider } from './useProviders';

interface ProviderCardProps {
  provider: ProviderView;
  keychainAvailable: boolean;
}

function whyNoTest(p: ProviderView, keychainAvailable: boolean): string | null {
  if (p.keyRequired && !keychainAvailable) return 'Needs the keychain to read the key.';
  if (p.keyRequired && !p.key.present) return 'Add a key first.';
  if (p.effectiveBaseUrl === null) return 'Set a base URL first.';
  return null;
}

export function ProviderCard({ provider, keychainAvailable }: ProviderCardProps) {
  const test = useTestProvider(provider.id);
  const toggle = useUpdateProvider(provider.id);
  // A test started while a new base URL is being saved would test the old one.
  const saving = useIsMutating({ mutationKey: updateProviderMutationKey(provider.id) }) > 0;
  const blocked = whyNoTest(provider, keychainAvailable);
  const check = provider.lastCheck;
  const id = `provider-${provider.id}`;

  return (
    <Card title={provider.displayName} level={3} aside={<StatusBadge status={provider.key.status} />}>
      <div className="provider-card">
        <p className="provider-card__reason" aria-live="polite">
          <InlineCode text={provider.key.reason} />
        </p>
        {check && (
          <p className="muted small">
            {check.source === 'test' ? 'Last tested at ' : 'Key refused on a request at '}
            <time dateTime={check.at}>{formatTime(Date.parse(check.at))}</time>
            {check.source === 'test' && ` (${check.durationMs} ms)`}
          </p>
        )}
        {provider.warnings.map((w) => (
          <p key={w} className="provider-card__warning small">
            {w}
          </p>
        ))}
        <KeyField provider={provider} disabled={!keychainAvailable} />
        <div className="provider-card__actions">
          <button
            type="button"
            className="button"
            disabled={blocked !== null || test.isPending || saving}
            aria-describedby={blocked ? `${id}-why` : undefined}
            onClick={() => test.mutate()}
          >
            {test.isPending ? 'Testing…' : 'Test connection'}
          </button>
          {blocked && (
            <span className="muted small" id={`${id}-why`}>
              {blocked}
            </span>
          )}
          <label className="switch">
            <input
              type="checkbox"
              role="switch"
              checked={provider.enabled}
              disabled={toggle.isPending}
              onChange={(e) => toggle.mutate({ provider: provider.id, enabled: e.target.checked })}
            />
            <span>Enabled</span>
          </label>
        </div>
        {test.isError && <ErrorNotice title="The test could not run" error={test.error} />}
        {toggle.isError && <ErrorNotice title="Could not change the provider" error={toggle.error} />}
        <ConnectionSettings key={`${provider.baseUrl}|${provider.azure?.resource}`} provider={provider} />
      </div>
    </Card>
  );
}
