import { useState } from 'react';
import type { EnvKeyCandidate, ImportEnvResult, ProviderView } from '../../../shared/contract';
import type { ProviderId } from '../../../shared/providers';
import { ErrorNotice } from '../../ui/ErrorNotice';
import { Notice } from '../../ui/Notice';
import { useSettingsUi } from './settingsUi';
import { useEnvCandidates, useImportEnv } from './useProviders';

const NOTE: Record<EnvKeyCandidate['stored'], string> = {
  no: '',
  same: ' (already in the keychain)',
  different: ' (replaces a different key in the keychain)',
};

function ImportResult({ result, names }: { result: ImportEnvResult; names: Map<ProviderId, string> }) {
  const imported = result.imported.map((i) => names.get(i.provider) ?? i.provider);
  return (
    <Notice
      tone="info"
      title={imported.length ? `Imported ${imported.join(', ')}` : 'Nothing was imported'}
      live
    >
      {result.skipped.map((s) => (
        <p key={`${s.provider}-${s.envVar}`}>
          {names.get(s.provider) ?? s.provider} ({s.envVar}): {s.reason}
        </p>
      ))}
    </Notice>
  );
}

/**
 * The first-run offer: keys found in the environment of the process hosting Switchyard (main's,
 * not the browser's). Only variable names cross over; the import happens inside main.
 */
export function EnvImportOffer({ providers }: { providers: ProviderView[] }) {
  const candidates = useEnvCandidates(true);
  const importEnv = useImportEnv();
  const dismissed = useSettingsUi((s) => s.envOfferDismissed);
  const dismiss = useSettingsUi((s) => s.dismissEnvOffer);
  const offered = (candidates.data ?? []).filter((c) => c.stored !== 'same');
  const [chosen, setChosen] = useState<Set<ProviderId> | null>(null);
  const names = new Map(providers.map((p) => [p.id, p.displayName]));

  if (importEnv.data) return <ImportResult result={importEnv.data} names={names} />;
  if (dismissed || offered.length === 0) return null;
  const selected = chosen ?? new Set(offered.filter((c) => c.stored === 'no').map((c) => c.provider));
  const flip = (p: ProviderId): void => {
    const next = new Set(selected);
    if (!next.delete(p)) next.add(p);
    setChosen(next);
  };
  const run = (): void =>
    importEnv.mutate({
      providers: [...selected],
      overwrite: offered.some((c) => c.stored === 'different' && selected.has(c.provider)),
    });

  return (
    <Notice tone="info" title="API keys found in the environment" live>
      <p>
        Switchyard was started with these variables set. Import them into the OS keychain so they work without
        the environment? Their values are never shown.
      </p>
      <fieldset className="env-offer">
        <legend className="visually-hidden">Keys to import</legend>
        {offered.map((c) => (
          <label key={c.provider} className="env-offer__choice">
            <input type="checkbox" checked={selected.has(c.provider)} onChange={() => flip(c.provider)} />
            <span>
              {names.get(c.provider) ?? c.provider} from <code>{c.envVar}</code>
              {NOTE[c.stored]}
            </span>
          </label>
        ))}
      </fieldset>
      <div className="inline-form__row">
        <button
          type="button"
          className="button button--primary"
          disabled={selected.size === 0 || importEnv.isPending}
          onClick={run}
        >
          {importEnv.isPending ? 'Importing…' : 'Import selected'}
        </button>
        <button type="button" className="button" onClick={dismiss}>
          Not now
        </button>
      </div>
      {importEnv.isError && <ErrorNotice title="The import failed" error={importEnv.error} />}
    </Notice>
  );
}
