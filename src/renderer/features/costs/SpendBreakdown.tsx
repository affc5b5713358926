import { memo } from 'react';
import { Bar, BarChart, CartesianGrid, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { SpendRow } from '../../../shared/contract';
import { formatCount, formatUsd } from './format';
import { usdAxis } from './axes';

const CHART_ROWS = 8;

/** Spend by one grouping (model or use case): the largest as bars, every group in the table. */
export const SpendBreakdown = memo(function SpendBreakdown({
  rows,
  label,
  testId,
}: {
  rows: SpendRow[];
  label: string;
  testId: string;
}) {
  const top = rows.slice(0, CHART_ROWS).map((r) => ({ key: r.key, costUsd: r.costUsd }));
  const height = Math.max(80, top.length * 30 + 30);
  const axis = usdAxis(top.map((r) => r.costUsd));
  return (
    <div className="costs-breakdown" data-chart={testId}>
      <ResponsiveContainer width="100%" height={height} initialDimension={{ width: 480, height }}>
        <BarChart data={top} layout="vertical" margin={{ top: 4, right: 16, bottom: 4, left: 4 }}>
          <CartesianGrid strokeDasharray="3 3" horizontal={false} />
          <XAxis
            type="number"
            domain={axis.domain}
            ticks={axis.ticks}
            tickFormatter={axis.format}
            tick={{ fontSize: 11 }}
          />
          <YAxis type="category" dataKey="key" width={190} tick={{ fontSize: 11 }} />
          <Tooltip formatter={(v) => formatUsd(Number(v))} />
          <Bar dataKey="costUsd" name="Spend" fill="var(--accent)" isAnimationActive={false} />
        </BarChart>
      </ResponsiveContainer>
      <table className="costs-table">
        <thead>
          <tr>
            <th scope="col">{label}</th>
            <th scope="col">Requests</th>
            <th scope="col">Spend</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.key} data-testid={`${testId}-row`} data-key={r.key} data-usd={r.costUsd}>
              <th scope="row">{r.key}</th>
              <td>{formatCount(r.requests)}</td>
              <td>{formatUsd(r.costUsd)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
});
