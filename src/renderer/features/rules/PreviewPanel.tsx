import type { RoutingDecision, StrategyName } from '../../../shared/contract/routing';
import type { RoutingRules } from '../../../shared/contract/rules';
import { ErrorNotice } from '../../ui/ErrorNotice';
import { formatTokens } from './axisScale';
import { bandOf, tierOf } from './draftEdits';
import type { PreviewInput } from './useRules';

const STRATEGIES: StrategyName[] = ['auto', 'context_bands', 'complexity_tiers', 'use_case', 'constraints'];

interface Props {
  draft: RoutingRules;
  input: PreviewInput;
  onInput(next: PreviewInput): void;
  decision: RoutingDecision | null;
  error: unknown;
  fetching: boolean;
  valid: boolean;
}

/** The test prompt and where it lands under the draft: band, tier, and the model it would get. */
export function PreviewPanel({ draft, input, onInput, decision, error, fetching, valid }: Props) {
  const tokens = decision ? (decision.tokens.reference ?? decision.tokens.input) : null;
  return (
    <section className="card rules-preview" aria-labelledby="rules-preview-title" aria-busy={fetching}>
      <header className="card__header">
        <h2 className="card__title" id="rules-preview-title">
          Live preview
        </h2>
        <span className="muted small">{fetching ? 'Updating…' : 'As if every provider had a key'}</span>
      </header>
      <div className="card__body rules-preview__body">
        <label className="rules-field rules-field--wide">
          Test prompt
          <textarea
            rows={3}
            value={input.prompt}
            onChange={(e) => onInput({ ...input, prompt: e.target.value })}
            placeholder="Type a prompt to see where it lands and which model it gets"
          />
        </label>
        <div className="rules-row">
          <label className="rules-field">
            Decide with
            <select
              value={input.strategy ?? ''}
              onChange={(e) =>
                onInput({ ...input, strategy: (e.target.value || null) as StrategyName | null })
              }
            >
              <option value="">the rules&apos; default ({draft.defaults.strategy.replace('_', ' ')})</option>
              {STRATEGIES.map((s) => (
                <option key={s} value={s}>
                  {s.replace('_', ' ')}
                </option>
              ))}
            </select>
          </label>
          <label className="rules-check">
            <input
              type="checkbox"
              checked={input.images}
              onChange={(e) => onInput({ ...input, images: e.target.checked })}
            />
            With an image
          </label>
        </div>
        {!valid && <p className="muted">The draft has problems; the preview resumes when they are fixed.</p>}
        {valid && error !== null && (
          <ErrorNotice title="This prompt cannot be routed under the draft" error={error} />
        )}
        {valid && decision && tokens !== null && (
          <div className="rules-preview__result" aria-live="polite">
            <p>
              Routes to <strong data-testid="preview-model">{decision.displayName}</strong>{' '}
              <span className="mono small" data-testid="preview-model-key">
                {decision.modelKey}
              </span>
            </p>
            <p className="small muted">
              {decision.matched} · ~{formatTokens(tokens)} input tokens (
              {bandOf(draft, tokens, decision.vision ?? false)} band) · complexity{' '}
              {decision.complexity.score.toFixed(2)} (tier {tierOf(draft, decision.complexity.score)}) · use
              case {decision.useCase.value ?? 'none'}
            </p>
            <p className="small">{decision.reasons[0]}</p>
          </div>
        )}
      </div>
    </section>
  );
}
