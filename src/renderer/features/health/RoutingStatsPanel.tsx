import type { RoutingStats } from '../../../shared/contract';
import { formatRate, formatTime } from './format';

/** The routing totals on top of the board: attempts, success, failures by provider and kind, open circuits. */
export function RoutingStatsPanel({ stats }: { stats: RoutingStats }) {
  const kinds = Object.entries(stats.byFailureKind)
    .filter(([, n]) => n > 0)
    .sort((a, b) => b[1] - a[1]);
  return (
    <section className="card card--wide routing-stats" aria-labelledby="routing-stats-title">
      <header className="card__header">
        <h2 className="card__title" id="routing-stats-title">
          Routing
        </h2>
        <span className="small muted">
          {stats.since ? `since ${formatTime(stats.since)}` : 'no calls yet'}
        </span>
      </header>
      <div className="card__body">
        <dl className="stat-tiles">
          <div>
            <dt>Attempts</dt>
            <dd data-testid="stat-attempts">{stats.attempts}</dd>
          </div>
          <div>
            <dt>Success rate</dt>
            <dd data-testid="stat-success-rate">{formatRate(stats.successRate)}</dd>
          </div>
          <div>
            <dt>Failures</dt>
            <dd data-testid="stat-failures">{stats.failures}</dd>
          </div>
          <div>
            <dt>Open circuits</dt>
            <dd data-testid="stat-open-circuits">{stats.openCircuits.length}</dd>
          </div>
          <div>
            <dt>Cache hits</dt>
            <dd>{stats.cacheHits}</dd>
          </div>
        </dl>
        <div className="routing-stats__lists">
          <div>
            <h3 className="small">By provider</h3>
            {stats.byProvider.length === 0 ? (
              <p className="small muted">No attempts yet.</p>
            ) : (
              <ul className="plain-list">
                {stats.byProvider.map((p) => (
                  <li key={p.provider}>
                    <strong>{p.provider}</strong> {p.attempts} attempts, {formatRate(p.successRate)} ok
                  </li>
                ))}
              </ul>
            )}
          </div>
          <div>
            <h3 className="small">By failure kind</h3>
            {kinds.length === 0 ? (
              <p className="small muted">No failures.</p>
            ) : (
              <ul className="plain-list">
                {kinds.map(([kind, n]) => (
                  <li key={kind}>
                    <code className="error-code">{kind}</code> {n}
                  </li>
                ))}
              </ul>
            )}
          </div>
          <div>
            <h3 className="small">Circuits not closed</h3>
            {stats.openCircuits.length === 0 ? (
              <p className="small muted">All closed.</p>
            ) : (
              <ul className="plain-list" data-testid="open-circuit-list">
                {stats.openCircuits.map((c) => (
                  <li key={c.modelKey}>
                    <span className="mono">{c.modelKey}</span> {c.state.replace('_', '-')}
                  </li>
                ))}
              </ul>
            )}
          </div>
        </div>
      </div>
    </section>
  );
}
