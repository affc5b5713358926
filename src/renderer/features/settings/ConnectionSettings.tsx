import { useState, type FormEvent } from 'react';
import type { ProviderUpdate, ProviderView } from '../../../shared/contract';
import { ErrorNotice } from '../../ui/ErrorNotice';
import { useUpdateProvider } from './useProviders';

/** Base URL (and Azure's resource and deployment), saved together. */
export function ConnectionSettings({ provider }: { provider: ProviderView }) {
  const update = useUpdateProvider(provider.id);
  const [baseUrl, setBaseUrl] = useState(provider.baseUrl ?? '');
  const [resource, setResource] = useState(provider.azure?.resource ?? '');
  const [deployment, setDeployment] = useState(provider.azure?.deployment ?? '');
  const id = `conn-${provider.id}`;

  function onSubmit(e: FormEvent): void {
    e.preventDefault();
    const change: ProviderUpdate = { provider: provider.id, baseUrl: baseUrl.trim() || null };
    if (provider.azure)
      change.azure = { resource: resource.trim() || null, deployment: deployment.trim() || null };
    update.mutate(change);
  }

  function useDefault(): void {
    setBaseUrl('');
    update.mutate({ provider: provider.id, baseUrl: null });
  }

  return (
    <details className="connection" open={provider.baseUrl !== null || provider.effectiveBaseUrl === null}>
      <summary>Connection settings</summary>
      <form className="inline-form" onSubmit={onSubmit}>
        <label className="field__label" htmlFor={`${id}-url`}>
          Base URL
        </label>
        <p className="field__hint" id={`${id}-url-hint`}>
          {provider.defaultBaseUrl
            ? `Default: ${provider.defaultBaseUrl}. Leave empty to use it.`
            : 'No default: this provider needs one.'}{' '}
          https, or http to this machine{provider.kind === 'local' ? ' or your local network' : ''}.
        </p>
        <input
          id={`${id}-url`}
          className="field__input mono"
          type="url"
          inputMode="url"
          spellCheck={false}
          autoComplete="off"
          placeholder={provider.defaultBaseUrl ?? 'https://…'}
          aria-describedby={`${id}-url-hint`}
          value={baseUrl}
          onChange={(e) => setBaseUrl(e.target.value)}
        />
        {provider.azure && (
          <div className="field-pair">
            <div>
              <label className="field__label" htmlFor={`${id}-resource`}>
                Azure resource
              </label>
              <input
                id={`${id}-resource`}
                className="field__input mono"
                spellCheck={false}
                autoComplete="off"
                value={resource}
                onChange={(e) => setResource(e.target.value)}
              />
            </div>
            <div>
              <label className="field__label" htmlFor={`${id}-deployment`}>
                Deployment
              </label>
              <input
                id={`${id}-deployment`}
                className="field__input mono"
                spellCheck={false}
                autoComplete="off"
                value={deployment}
                onChange={(e) => setDeployment(e.target.value)}
              />
            </div>
          </div>
        )}
        <div className="inline-form__row">
          <button type="submit" className="button" disabled={update.isPending}>
            {update.isPending ? 'Saving…' : 'Save connection'}
          </button>
          {provider.baseUrl !== null && (
            <button type="button" className="button" disabled={update.isPending} onClick={useDefault}>
              Use default
            </button>
          )}
        </div>
      </form>
      {update.isError && <ErrorNotice title="The connection settings were not saved" error={update.error} />}
    </details>
  );
}
