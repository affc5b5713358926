import type { Attempt } from '../../../shared/contract/execution';
import { Badge } from '../../ui/Badge';
import { formatMs } from './format';

const SKIP_TEXT: Record<NonNullable<Attempt['skipReason']>, string> = {
  circuit_open: 'circuit open',
  cooldown: 'cooling down after a rate limit',
  local_rate_limit: 'client-side rate limit reached',
  provider_key_rejected: 'provider key rejected earlier',
  time_budget: 'out of time budget',
  budget: 'its worst-case cost is above what the budget left for this request',
};

function outcomeBadge(a: Attempt) {
  if (a.outcome === 'ok') return <Badge tone="ok">Answered</Badge>;
  if (a.outcome === 'skipped') return <Badge tone="neutral">Skipped</Badge>;
  return <Badge tone="error">{a.errorKind ? a.errorKind.replace('_', ' ') : 'Error'}</Badge>;
}

/** Every call the cascade made, in order: which model, what happened, and how long it took. */
export function AttemptsTimeline({ attempts, running }: { attempts: Attempt[]; running: boolean }) {
  if (attempts.length === 0 && !running) return null;
  return (
    <section className="pg-timeline" aria-label="Attempts">
      <h3 className="pg-decision__heading">Attempts</h3>
      <ol className="pg-timeline__list">
        {attempts.map((a, i) => (
          <li key={i} className={`pg-timeline__item pg-timeline__item--${a.outcome}`}>
            <span className="pg-timeline__dot" aria-hidden="true" />
            <div className="pg-timeline__body">
              <p className="pg-timeline__head">
                <span className="mono">{a.modelKey}</span> {outcomeBadge(a)}
                {a.status !== null && <span className="muted small">HTTP {a.status}</span>}
                <span className="muted small">
                  {a.outcome === 'skipped' ? '' : formatMs(a.latencyMs)}
                  {a.waitedMs > 0 ? ` after waiting ${formatMs(a.waitedMs)}` : ''}
                </span>
              </p>
              {a.skipReason && <p className="small muted">Skipped: {SKIP_TEXT[a.skipReason]}</p>}
              {a.message && <p className="small pg-timeline__message">{a.message}</p>}
              {a.outcome !== 'ok' && i < attempts.length - 1 && (
                <p className="small muted">Fell back to the next model.</p>
              )}
            </div>
          </li>
        ))}
        {running && (
          <li className="pg-timeline__item pg-timeline__item--pending">
            <span className="pg-timeline__dot" aria-hidden="true" />
            <div className="pg-timeline__body">
              <p className="pg-timeline__head muted">Calling…</p>
            </div>
          </li>
        )}
      </ol>
    </section>
  );
}
