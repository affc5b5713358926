import type { RoutingRules } from '../../../shared/contract/rules';
import { Card } from '../../ui/Card';
import { ErrorNotice } from '../../ui/ErrorNotice';
import { applySuggestion, suggestionFit } from './thresholdSuggestions';
import { useThresholdSuggestions } from './useRules';

interface Props {
  draft: RoutingRules;
  edit(change: (d: RoutingRules) => void): void;
}

/**
 * Tier edges the ledger's history argues for (`learning.suggestThresholds`), shown as suggestions:
 * Apply puts one into the draft, like dragging the boundary; nothing is saved until Save.
 */
export function SuggestionsPanel({ draft, edit }: Props) {
  const suggestions = useThresholdSuggestions();
  const list = suggestions.data ?? [];
  return (
    <Card title="Suggested thresholds" wide aside={<span className="small muted">from your history</span>}>
      {suggestions.isError && (
        <ErrorNotice title="Suggestions could not be computed" error={suggestions.error} />
      )}
      {suggestions.data && list.length === 0 && (
        <p className="muted small" data-testid="no-suggestions">
          No suggestions: in the history, every tier&apos;s own models answer at least 90 % of first attempts
          below its upper edge (or there are fewer than 10 requests per 0.05 of complexity to tell).
        </p>
      )}
      {list.length > 0 && (
        <ul className="rules-suggestions" data-testid="threshold-suggestions">
          {list.map((s) => {
            const fit = suggestionFit(draft, s.path, s.suggested);
            return (
              <li key={s.path} className="rules-suggestions__item">
                <div>
                  <strong className="mono">{s.path}</strong>: {s.current} → <strong>{s.suggested}</strong>
                  <p className="small muted">
                    {s.reason} ({s.requests} requests, {Math.round(s.successRate * 100)} % answered)
                  </p>
                </div>
                {fit === 'applied' ? (
                  <span className="badge badge--ok">in the draft</span>
                ) : (
                  <button
                    type="button"
                    className="button button--small"
                    disabled={fit === 'unknown'}
                    title={fit === 'unknown' ? 'The draft has no such tier edge any more' : undefined}
                    aria-label={`Apply the suggestion for ${s.path} to the draft`}
                    onClick={() => edit((d) => void applySuggestion(d, s.path, s.suggested))}
                  >
                    Apply to draft
                  </button>
                )}
              </li>
            );
          })}
        </ul>
      )}
      <p className="small muted">
        Suggestions are never applied by themselves: Apply changes the draft, and Save puts it in force.
      </p>
    </Card>
  );
}
