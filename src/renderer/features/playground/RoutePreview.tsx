import { useMemo } from 'react';
import { buildRequest } from './buildRequest';
import { useCompose } from './composeStore';
import { DecisionView } from './DecisionView';
import { ErrorAdviceNotice } from './ErrorAdviceNotice';
import { formatUsd } from './format';
import { useSettledDraft } from './useSettledDraft';
import { useRoutePreview } from './useRoutePreview';

/**
 * "Updating…" while the prompt has changed since the preview's input settled or a decision is on
 * its way; "Up to date" otherwise. It re-renders only when that flips, not on every keystroke, and
 * shows a still mark while the person types: a spinning one is a 60 fps animation, and in Chromium
 * traces of two bursts of typing into a 94k-token prompt the compositor and display threads spent
 * 930 ms of CPU with it and 360 ms without, taken from the two cores the 450 KB textarea's own
 * layout needs. It spins only while main is deciding (between the pause and the answer).
 */
function Freshness({ settledRevision, fetching }: { settledRevision: number; fetching: boolean }) {
  const typing = useCompose((s) => s.revision !== settledRevision);
  const stale = typing || fetching;
  return (
    <p className="pg-preview__freshness muted small" aria-hidden={!stale}>
      {stale ? (
        <>
          <span className={fetching ? 'spinner spinner--small' : 'pg-preview__pending'} aria-hidden="true" />{' '}
          Updating…
        </>
      ) : (
        'Up to date'
      )}
    </p>
  );
}

/** The route the prompt would take, and why; follows the draft once typing pauses. */
export function RoutePreview() {
  const { revision, draft } = useSettledDraft();
  const built = useMemo(() => buildRequest(draft), [draft]);
  const preview = useRoutePreview(built.request, revision);
  const decision = built.request ? preview.data : undefined;

  return (
    <section className="card pg-preview" aria-labelledby="preview-title" aria-busy={preview.isFetching}>
      <header className="card__header">
        <h2 className="card__title" id="preview-title">
          Route preview
        </h2>
        <Freshness settledRevision={revision} fetching={preview.isFetching} />
      </header>
      <div className="card__body pg-preview__body">
        <p className="visually-hidden" aria-live="polite">
          {decision
            ? `Routes to ${decision.displayName}, about ${formatUsd(decision.estimate.costUsd)}.`
            : ''}
        </p>
        {!built.request && (
          <p className="muted pg-preview__empty">
            Type or paste a prompt: the model the router would pick, its estimated cost and latency, and why,
            appear here as you type. Nothing is sent to a provider until you run it.
          </p>
        )}
        {built.request && preview.isPending && (
          <div className="loading" role="status">
            <span className="spinner" aria-hidden="true" /> Routing…
          </div>
        )}
        {built.request && preview.isError && !preview.isFetching && (
          <ErrorAdviceNotice title="This prompt cannot be routed as set" error={preview.error} tone="warn" />
        )}
        {decision && !preview.isError && <DecisionView decision={decision} />}
      </div>
    </section>
  );
}
