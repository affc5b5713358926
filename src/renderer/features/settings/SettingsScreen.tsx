import type { ProviderView } from '../../../shared/contract';
import { ErrorNotice } from '../../ui/ErrorNotice';
import { InlineCode } from '../../ui/InlineCode';
import { Notice } from '../../ui/Notice';
import { EnvImportOffer } from './EnvImportOffer';
import { GatewaySettings } from './GatewaySettings';
import { ProviderCard } from './ProviderCard';
import { SimilarCacheSettings } from './SimilarCacheSettings';
import { useLiveProviders, useProviders } from './useProviders';
import './settings.css';

function ProviderGroup({
  title,
  providers,
  keychainAvailable,
}: {
  title: string;
  providers: ProviderView[];
  keychainAvailable: boolean;
}) {
  const id = `group-${title.toLowerCase().replace(/\W+/g, '-')}`;
  return (
    <section className="provider-group" aria-labelledby={id}>
      <h2 className="provider-group__title" id={id}>
        {title}
      </h2>
      <div className="card-grid provider-grid">
        {providers.map((p) => (
          <ProviderCard key={p.id} provider={p} keychainAvailable={keychainAvailable} />
        ))}
      </div>
    </section>
  );
}

export function SettingsScreen() {
  useLiveProviders();
  const providers = useProviders();
  const data = providers.data;
  const keychainAvailable = data?.keychain.status === 'available';

  return (
    <div className="settings-screen">
      <div className="screen__toolbar">
        <p className="screen__lead">
          Provider API keys live in the OS keychain, never in Switchyard&apos;s files, and are never shown
          again once saved. Test a provider to check its key and address.
        </p>
        <div className="screen__actions">
          <button
            type="button"
            className="button"
            onClick={() => void providers.refetch()}
            disabled={providers.isFetching}
          >
            {providers.isFetching ? 'Checking…' : 'Check again'}
          </button>
        </div>
      </div>

      {data && !keychainAvailable && (
        <Notice tone="warn" title="The OS keychain is unavailable">
          <p className="notice__message">
            <code className="error-code">KEYCHAIN_UNAVAILABLE</code>{' '}
            <InlineCode text={data.keychain.message ?? ''} />
          </p>
          <p>
            Keys cannot be saved, read or tested until it is available; they are never stored anywhere else.
            Local servers still work. Fix it, then press <strong>Check again</strong>.
          </p>
        </Notice>
      )}

      {providers.isPending && (
        <div className="loading" role="status">
          <span className="spinner" aria-hidden="true" /> Loading providers…
        </div>
      )}
      {providers.isError && <ErrorNotice title="Could not load the providers" error={providers.error} />}

      {data && keychainAvailable && <EnvImportOffer providers={data.providers} />}
      {data && (
        <>
          <ProviderGroup
            title="Cloud providers"
            providers={data.providers.filter((p) => p.kind === 'cloud')}
            keychainAvailable={keychainAvailable}
          />
          <ProviderGroup
            title="Local servers"
            providers={data.providers.filter((p) => p.kind === 'local')}
            keychainAvailable={keychainAvailable}
          />
        </>
      )}
      <GatewaySettings />
      <SimilarCacheSettings />
    </div>
  );
}
