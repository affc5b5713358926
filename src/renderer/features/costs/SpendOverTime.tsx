import { memo } from 'react';
import { Bar, BarChart, CartesianGrid, Legend, Tooltip, XAxis, YAxis, ResponsiveContainer } from 'recharts';
import type { TimelineRow } from '../../../shared/contract';
import { formatUsdTick, formatUsd, providerColor } from './format';

interface Pivot {
  data: Array<Record<string, number | string>>;
  /** Providers by total spend in the range, largest first (stack order and legend). */
  providers: Array<{ provider: string; costUsd: number }>;
}

/** One chart row per bucket, one key per provider: a reshaping of SQL's rows, not a sum of raw ones. */
export function pivotByProvider(rows: TimelineRow[]): Pivot {
  const byBucket = new Map<string, Record<string, number | string>>();
  const totals = new Map<string, number>();
  for (const r of rows) {
    const point = byBucket.get(r.bucket) ?? { bucket: r.bucket };
    point[r.provider] = r.costUsd;
    byBucket.set(r.bucket, point);
    totals.set(r.provider, (totals.get(r.provider) ?? 0) + r.costUsd);
  }
  const providers = [...totals]
    .map(([provider, costUsd]) => ({ provider, costUsd }))
    .sort((a, b) => b.costUsd - a.costUsd || a.provider.localeCompare(b.provider));
  return { data: [...byBucket.values()], providers };
}

/** Spend over time, stacked by provider, with each provider's total for the range beside it. */
export const SpendOverTime = memo(function SpendOverTime({
  rows,
  totalUsd,
}: {
  rows: TimelineRow[];
  totalUsd: number;
}) {
  const { data, providers } = pivotByProvider(rows);
  return (
    <figure className="costs-chart" data-chart="spend-over-time">
      <figcaption className="costs-chart__caption">
        Total{' '}
        <strong data-testid="timeline-total" data-usd={totalUsd}>
          {formatUsd(totalUsd)}
        </strong>
      </figcaption>
      <ResponsiveContainer width="100%" height={280} initialDimension={{ width: 800, height: 280 }}>
        <BarChart data={data} margin={{ top: 8, right: 8, bottom: 8, left: 8 }}>
          <CartesianGrid strokeDasharray="3 3" vertical={false} />
          <XAxis dataKey="bucket" tick={{ fontSize: 12 }} minTickGap={16} />
          <YAxis tickFormatter={formatUsdTick} tick={{ fontSize: 12 }} width={80} />
          <Tooltip formatter={(v) => formatUsd(Number(v))} />
          <Legend />
          {providers.map(({ provider }) => (
            <Bar
              key={provider}
              dataKey={provider}
              stackId="spend"
              fill={providerColor(provider)}
              isAnimationActive={false}
            />
          ))}
        </BarChart>
      </ResponsiveContainer>
      <ul className="costs-legend" aria-label="Spend by provider in the range">
        {providers.map(({ provider, costUsd }) => (
          <li key={provider} data-testid="provider-total" data-provider={provider} data-usd={costUsd}>
            <span className="costs-legend__swatch" style={{ background: providerColor(provider) }} />
            {provider} <strong>{formatUsd(costUsd)}</strong>
          </li>
        ))}
      </ul>
    </figure>
  );
});
