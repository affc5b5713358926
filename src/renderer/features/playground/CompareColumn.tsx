import { Badge } from '../../ui/Badge';
import { ContractRequestError } from '../../transport';
import { AnswerText } from './AnswerText';
import { AttemptsTimeline } from './AttemptsTimeline';
import { ErrorAdviceNotice } from './ErrorAdviceNotice';
import { formatMs, formatTokens, formatUsd } from './format';
import type { RunState } from './runStore';

interface CompareColumnProps {
  label: string;
  run: RunState | undefined;
  cheapest: boolean;
  fastest: boolean;
  chosen: boolean;
  canVote: boolean;
  onPick(): void;
  onContinue(): void;
}

const figure = (value: string | null) => value ?? '—';

/** One target of a comparison: its answer streaming in, then tokens, cost and latency. */
export function CompareColumn({
  label,
  run,
  cheapest,
  fastest,
  chosen,
  canVote,
  onPick,
  onContinue,
}: CompareColumnProps) {
  const result = run?.result ?? null;
  const failure = run?.error ?? result?.error ?? null;
  const running = run?.status === 'running';
  const answered = !!result && !result.error;
  const simulated = result?.simulated ?? run?.simulated ?? false;
  return (
    <section
      className={chosen ? 'pg-column pg-column--chosen' : 'pg-column'}
      aria-label={label}
      data-status={run?.status ?? 'idle'}
    >
      <header className="pg-column__header">
        <h3 className="pg-column__title">{label}</h3>
        <p className="pg-column__model mono muted">{result?.modelKey ?? run?.modelKey ?? 'routing…'}</p>
        <p className="pg-column__badges">
          {running && (
            <span className="muted small">
              <span className="spinner spinner--small" aria-hidden="true" /> Streaming
            </span>
          )}
          {run?.status === 'cancelled' && <Badge tone="neutral">Cancelled</Badge>}
          {cheapest && <Badge tone="ok">Cheapest</Badge>}
          {fastest && <Badge tone="info">Fastest</Badge>}
          {simulated && <Badge tone="warn">Simulated</Badge>}
          {result?.fallbackUsed && <Badge tone="warn">Fallback</Badge>}
          {result?.cache === 'similar' && result.similar ? (
            <Badge tone="info">Similar-prompt cache {result.similar.similarity.toFixed(2)}</Badge>
          ) : (
            result?.cacheHit && <Badge tone="ok">Cache hit</Badge>
          )}
        </p>
      </header>
      <dl className="pg-column__figures" aria-label={`${label} figures`}>
        <div>
          <dt>Cost</dt>
          <dd data-testid="column-cost">
            {result ? figure(result.costUsd === null ? null : formatUsd(result.costUsd)) : '—'}
          </dd>
        </div>
        <div>
          <dt>Latency</dt>
          <dd>{result ? formatMs(result.latencyMs) : '—'}</dd>
        </div>
        <div>
          <dt>First token</dt>
          <dd>{result ? formatMs(result.timeToFirstTokenMs) : '—'}</dd>
        </div>
        <div>
          <dt>Tokens</dt>
          <dd>
            {result
              ? `${figure(result.promptTokens === null ? null : formatTokens(result.promptTokens))} / ${figure(
                  result.completionTokens === null ? null : formatTokens(result.completionTokens),
                )}`
              : '—'}
          </dd>
        </div>
      </dl>
      {failure && (
        <ErrorAdviceNotice
          title={run?.status === 'cancelled' ? 'Cancelled' : 'This target failed'}
          tone={run?.status === 'cancelled' || result?.partial ? 'warn' : 'error'}
          error={new ContractRequestError({ code: failure.code, message: failure.message })}
        />
      )}
      <div className="pg-column__answer">
        {run && (run.text !== '' || running) ? (
          <AnswerText text={run.text} streaming={running} />
        ) : (
          !failure && <p className="muted">Waiting for the first token…</p>
        )}
      </div>
      {run && run.attempts.length > 1 && <AttemptsTimeline attempts={run.attempts} running={running} />}
      <footer className="pg-column__actions">
        <button
          type="button"
          className={chosen ? 'button button--small button--selected' : 'button button--small'}
          aria-pressed={chosen}
          disabled={!canVote || !answered}
          onClick={onPick}
        >
          {chosen ? 'Winner' : 'This one wins'}
        </button>
        <button
          type="button"
          className="button button--small"
          disabled={!answered || running}
          onClick={onContinue}
        >
          Continue with this one
        </button>
      </footer>
    </section>
  );
}
