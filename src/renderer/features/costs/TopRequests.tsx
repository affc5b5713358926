import type { RouteOutput } from '../../../shared/contract';
import { ErrorNotice } from '../../ui/ErrorNotice';
import { useCostsStore } from './costsStore';
import { formatCount, formatDateTime, formatMs, formatUsd } from './format';
import { useRequestDetail } from './useCostReports';

type TopRequest = RouteOutput<'reports.topRequests'>['requests'][number];

/** The dearest requests of the range; each opens its attempts (the fallback chain and what each cost). */
export function TopRequests({ requests }: { requests: TopRequest[] }) {
  const open = useCostsStore((s) => s.openRequest);
  const setOpen = useCostsStore((s) => s.setOpenRequest);
  return (
    <div className="top-requests">
      <table className="costs-table">
        <thead>
          <tr>
            <th scope="col">When</th>
            <th scope="col">Model</th>
            <th scope="col">Use case</th>
            <th scope="col">Tokens in/out</th>
            <th scope="col">Cost</th>
            <th scope="col">
              <span className="visually-hidden">Attempts</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {requests.map((r) => (
            <tr key={r.id} data-testid="top-request" aria-selected={open === r.id}>
              <td>{formatDateTime(r.startedAt)}</td>
              <td>
                {r.provider ? `${r.provider}/${r.model}` : '—'}
                {r.fallbackUsed && <span className="badge badge--warn">fallback</span>}
                {r.cacheHit && <span className="badge badge--info">cache</span>}
              </td>
              <td>{r.useCase ?? '—'}</td>
              <td>
                {formatCount(r.tokensIn)} / {formatCount(r.tokensOut)}
              </td>
              <td>{formatUsd(r.costUsd)}</td>
              <td>
                <button
                  type="button"
                  className="button button--small"
                  aria-expanded={open === r.id}
                  onClick={() => setOpen(open === r.id ? null : r.id)}
                >
                  {open === r.id ? 'Hide attempts' : 'Attempts'}
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {open !== null && <RequestAttempts id={open} />}
    </div>
  );
}

function RequestAttempts({ id }: { id: number }) {
  const detail = useRequestDetail(id);
  if (detail.isError) return <ErrorNotice title={`Could not load request #${id}`} error={detail.error} />;
  if (!detail.data) return <p className="muted">Loading request #{id}…</p>;
  const r = detail.data;
  return (
    <section
      className="request-attempts"
      aria-label={`Attempts of request #${id}`}
      data-testid="request-attempts"
    >
      <p>
        Request #{r.id} · {r.source} · {r.strategy ?? 'no strategy'} · {r.decision ?? ''} ·{' '}
        {formatMs(r.latencyMs)} · status {r.status}
      </p>
      {r.attempts.length === 0 ? (
        <p className="muted">
          No provider call: {r.cacheHit ? 'answered from the cache' : 'blocked before calling'}.
        </p>
      ) : (
        <ol className="request-attempts__list">
          {r.attempts.map((a) => (
            <li key={a.n}>
              <strong>
                {a.provider}/{a.model}
              </strong>{' '}
              — {a.status}
              {a.errorKind ? ` (${a.errorKind})` : ''} · {formatMs(a.latencyMs)} · {formatCount(a.tokensIn)}{' '}
              in / {formatCount(a.tokensOut)} out{a.usageEstimated ? ' (estimated)' : ''} ·{' '}
              {formatUsd(a.costUsd)}
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
