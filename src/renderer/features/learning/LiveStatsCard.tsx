import { useState } from 'react';
import { Badge } from '../../ui/Badge';
import { Card } from '../../ui/Card';
import { ErrorNotice } from '../../ui/ErrorNotice';
import { USE_CASE_LABEL } from '../../ui/useCaseLabels';
import { formatMs, formatPercent, formatUsd } from './format';
import { useModelStats } from './useLearning';
import type { UseCase } from '../../../shared/contract';

/**
 * Per model (or model and use case), the last 30 days of the ledger: latency weighted by age,
 * success rate, cost per request. Routing's latency view uses a model's figures once it has
 * `minRequests` requests; before that, the catalog's estimate.
 */
export function LiveStatsCard() {
  const [byUseCase, setByUseCase] = useState(false);
  const stats = useModelStats(byUseCase);
  const models = stats.data?.models ?? [];
  const min = stats.data?.minRequests ?? 0;
  return (
    <Card
      title="Live statistics"
      wide
      aside={
        <label className="learning-inline-field">
          <input type="checkbox" checked={byUseCase} onChange={(e) => setByUseCase(e.target.checked)} />
          <span className="small">Per use case</span>
        </label>
      }
    >
      {stats.isError && <ErrorNotice title="The statistics could not be read" error={stats.error} />}
      {stats.data && models.length === 0 && (
        <p className="muted">
          No requests in the last 30 days. Routing uses the catalog&apos;s latency and quality figures until
          models have a history.
        </p>
      )}
      {models.length > 0 && (
        <div className="table-scroll">
          <table className="learning-table" data-testid="live-stats">
            <thead>
              <tr>
                <th scope="col">Model</th>
                {byUseCase && <th scope="col">Use case</th>}
                <th scope="col" className="num">
                  Requests
                </th>
                <th scope="col" className="num" title="Weighted by age: half-life one day">
                  Latency (EWMA)
                </th>
                <th scope="col" className="num">
                  Success rate
                </th>
                <th scope="col" className="num">
                  Cost per request
                </th>
                {!byUseCase && <th scope="col">Routing uses</th>}
              </tr>
            </thead>
            <tbody>
              {models.map((m) => (
                <tr key={`${m.modelKey} ${m.useCase ?? ''}`} data-testid="live-stats-row">
                  <th scope="row" className="mono">
                    {m.modelKey}
                  </th>
                  {byUseCase && (
                    <td>
                      {m.useCase ? (USE_CASE_LABEL[m.useCase as UseCase] ?? m.useCase) : 'none detected'}
                    </td>
                  )}
                  <td className="num">{m.requests}</td>
                  <td className="num">{formatMs(m.ewmaLatencyMs)}</td>
                  <td className="num">{formatPercent(m.successRate)}</td>
                  <td className="num">{formatUsd(m.costPerRequestUsd)}</td>
                  {!byUseCase && (
                    <td>
                      {m.requests >= min ? (
                        <Badge tone="ok">live</Badge>
                      ) : (
                        <span title={`${min - m.requests} more requests until routing uses these figures`}>
                          <Badge tone="neutral">catalog</Badge>
                        </span>
                      )}
                    </td>
                  )}
                </tr>
              ))}
            </tbody>
          </table>
          <p className="small muted">
            Routing&apos;s latency checks and least-latency balancing use a model&apos;s live figures from{' '}
            {min} requests on (the last hour&apos;s median from the Health board first, when there is one);
            below that, the catalog&apos;s estimate.
          </p>
        </div>
      )}
    </Card>
  );
}
