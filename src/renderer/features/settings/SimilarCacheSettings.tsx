import { useState, type FormEvent } from 'react';
import type { SimilarCacheView } from '../../../shared/contract';
import { Card } from '../../ui/Card';
import { ErrorNotice } from '../../ui/ErrorNotice';
import { useSimilarCache, useUpdateSimilarCache } from './useSimilarCache';

function SimilarCacheForm({ view }: { view: SimilarCacheView }) {
  const update = useUpdateSimilarCache();
  // Follows the click at once; a refusal sets it back (new settings remount the form: see its key).
  const [enabled, setEnabled] = useState(view.enabled);
  const [threshold, setThreshold] = useState(String(view.threshold));

  function onSubmit(e: FormEvent): void {
    e.preventDefault();
    update.mutate({ threshold: Number(threshold) });
  }

  return (
    <form className="inline-form gateway__row" onSubmit={onSubmit} aria-label="Similar-prompt cache settings">
      <label className="inline-form__row">
        <input
          type="checkbox"
          checked={enabled}
          disabled={update.isPending}
          onChange={(e) => {
            setEnabled(e.target.checked);
            update.mutate({ enabled: e.target.checked }, { onError: () => setEnabled(view.enabled) });
          }}
        />
        Offer stored answers to similar prompts
      </label>
      <label className="field__label" htmlFor="similar-threshold">
        Similarity threshold
      </label>
      <p className="field__hint" id="similar-threshold-hint">
        Cosine similarity of the prompts&apos; words and word pairs (0.5–1; default 0.85). Higher reuses less;
        1 only for the same words. Prompts that differ in a number or an uncommon word never match.
      </p>
      <div className="inline-form__row">
        <input
          id="similar-threshold"
          className="field__input mono gateway__port"
          type="number"
          min={0.5}
          max={1}
          step={0.01}
          aria-describedby="similar-threshold-hint"
          value={threshold}
          onChange={(e) => setThreshold(e.target.value)}
        />
        <button type="submit" className="button" disabled={update.isPending}>
          Save threshold
        </button>
      </div>
      {update.isError && (
        <ErrorNotice title="The similar-prompt cache settings were not saved" error={update.error} />
      )}
    </form>
  );
}

/** Settings → Similar-prompt cache: opt-in, threshold, and what it needs (stored prompts). */
export function SimilarCacheSettings() {
  const cache = useSimilarCache();
  const view = cache.data;
  return (
    <Card title="Similar-prompt cache" wide aside={view && (view.enabled ? 'On' : 'Off')}>
      {cache.isError && <ErrorNotice title="Could not read the cache settings" error={cache.error} />}
      {view && (
        <div className="gateway" data-testid="similar-cache-settings">
          <p className="field__hint">
            When on, a prompt close enough to one answered before gets that answer at $0 instead of a new
            call, marked &ldquo;from similar-prompt cache&rdquo; with the earlier request, and you can run it
            for real. Only prompts with the same system prompt, conversation and use case, a model the request
            accepts, and a temperature of 0.5 or less (or unset) are matched; never with images or tools.
          </p>
          <p className="field__hint" role="status">
            {view.storePrompts
              ? `${view.indexed} stored answers indexed.`
              : 'Prompt storage is off, so no new answers are kept to offer: use “Store prompts from now on” in the Playground’s history.'}
          </p>
          <SimilarCacheForm key={`${view.enabled}-${view.threshold}`} view={view} />
        </div>
      )}
    </Card>
  );
}
