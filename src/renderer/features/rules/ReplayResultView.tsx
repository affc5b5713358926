import type { ReplayResult } from '../../../shared/contract/rules';

const usd = (v: number) => (Math.abs(v) >= 1 ? `$${v.toFixed(2)}` : `$${v.toFixed(4)}`);

function change(actual: number, projected: number): string {
  if (actual === 0) return projected === 0 ? 'no change' : 'from nothing';
  const pct = ((projected - actual) / actual) * 100;
  return `${pct >= 0 ? '+' : ''}${pct.toFixed(1)}%`;
}

/** Projected against actual: totals, the model mix, and the requests that would change model. */
export function ReplayResultView({ result: r }: { result: ReplayResult }) {
  return (
    <div className="rules-replay" data-testid="replay-result">
      {r.cancelled && (
        <p className="badge badge--warn">
          Cancelled: the figures cover the {r.requests} requests replayed before it stopped.
        </p>
      )}
      <dl className="rules-replay__totals">
        <div>
          <dt>Actual spend</dt>
          <dd data-testid="replay-actual">{usd(r.actualCostUsd)}</dd>
        </div>
        <div>
          <dt>Projected under the draft</dt>
          <dd data-testid="replay-projected">{usd(r.projectedCostUsd)}</dd>
        </div>
        <div>
          <dt>Change</dt>
          <dd>{change(r.actualCostUsd, r.projectedCostUsd)}</dd>
        </div>
        <div>
          <dt>Requests</dt>
          <dd>
            {r.requests.toLocaleString()} replayed, {r.changedTotal.toLocaleString()} change model
          </dd>
        </div>
      </dl>
      <p className="small muted">
        Since {new Date(r.since).toLocaleDateString()}.
        {r.skipped > 0 &&
          ` ${r.skipped.toLocaleString()} left out (cache hits, blocked, or recorded before features were kept).`}
        {r.unroutable > 0 &&
          ` ${r.unroutable} could not be routed under the draft and are counted as they were.`}
      </p>
      <table className="rules-table">
        <caption>Model mix</caption>
        <thead>
          <tr>
            <th scope="col">Model</th>
            <th scope="col">Actual requests</th>
            <th scope="col">Actual cost</th>
            <th scope="col">Projected requests</th>
            <th scope="col">Projected cost</th>
          </tr>
        </thead>
        <tbody>
          {r.mix.map((m) => (
            <tr key={m.modelKey}>
              <th scope="row" className="mono">
                {m.modelKey}
              </th>
              <td>{m.actualRequests}</td>
              <td>{usd(m.actualCostUsd)}</td>
              <td>{m.projectedRequests}</td>
              <td>{usd(m.projectedCostUsd)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {r.changed.length > 0 && (
        <table className="rules-table" data-testid="replay-changed">
          <caption>
            Requests that would change model
            {r.changedTotal > r.changed.length && ` (newest ${r.changed.length} of ${r.changedTotal})`}
          </caption>
          <thead>
            <tr>
              <th scope="col">When</th>
              <th scope="col">Use case</th>
              <th scope="col">Was</th>
              <th scope="col">Would be</th>
              <th scope="col">Cost then → projected</th>
            </tr>
          </thead>
          <tbody>
            {r.changed.map((c) => (
              <tr key={c.id}>
                <td>{new Date(c.startedAt).toLocaleString()}</td>
                <td>{c.useCase ?? '—'}</td>
                <td className="mono">{c.from}</td>
                <td className="mono">{c.to}</td>
                <td>
                  {usd(c.actualCostUsd)} → {usd(c.projectedCostUsd)}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}
