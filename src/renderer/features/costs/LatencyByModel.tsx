import { memo } from 'react';
import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { ModelTotals } from '../../../shared/contract';
import { msAxis } from './axes';
import { formatMs, formatPercent } from './format';

const CHART_MODELS = 10;

/** p50/p95 latency (from the ledger's histograms) and fallback rate per model, busiest first. */
export const LatencyByModel = memo(function LatencyByModel({ models }: { models: ModelTotals[] }) {
  const busiest = [...models].sort((a, b) => b.requests - a.requests).slice(0, CHART_MODELS);
  const data = busiest.map((m) => ({ model: m.model, p50: m.p50LatencyMs ?? 0, p95: m.p95LatencyMs ?? 0 }));
  const height = Math.max(100, data.length * 34 + 50);
  const axis = msAxis(data.flatMap((d) => [d.p50, d.p95]));
  return (
    <div className="costs-breakdown" data-chart="latency">
      <ResponsiveContainer width="100%" height={height} initialDimension={{ width: 480, height }}>
        <BarChart data={data} layout="vertical">
          <CartesianGrid strokeDasharray="3 3" horizontal={false} />
          <XAxis
            type="number"
            domain={axis.domain}
            ticks={axis.ticks}
            tickFormatter={axis.format}
            tick={{ fontSize: 11 }}
          />
          <YAxis type="category" dataKey="model" width={170} tick={{ fontSize: 11 }} />
          <Tooltip formatter={(v) => formatMs(Number(v))} />
          <Legend />
          <Bar dataKey="p50" name="p50" fill="var(--accent)" isAnimationActive={false} />
          <Bar dataKey="p95" name="p95" fill="#f2a93b" isAnimationActive={false} />
        </BarChart>
      </ResponsiveContainer>
      <table className="costs-table">
        <thead>
          <tr>
            <th scope="col">Model</th>
            <th scope="col">p50</th>
            <th scope="col">p95</th>
            <th scope="col">Fallback rate</th>
          </tr>
        </thead>
        <tbody>
          {busiest.map((m) => (
            <tr key={m.modelKey}>
              <th scope="row">{m.modelKey}</th>
              <td>{formatMs(m.p50LatencyMs)}</td>
              <td>{formatMs(m.p95LatencyMs)}</td>
              <td>{formatPercent(m.fallbackRate)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
});
