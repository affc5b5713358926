import { memo } from 'react';
import {
  Area,
  CartesianGrid,
  ComposedChart,
  Legend,
  Line,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import type { TimelineRow } from '../../../shared/contract';
import { formatUsd } from './format';
import { usdAxis } from './axes';

interface SavingsPoint {
  bucket: string;
  actual: number;
  baseline: number;
  saved: number;
}

/** Per bucket: what was paid, what the baseline model would have cost, and the difference. */
export function savingsSeries(rows: TimelineRow[]): SavingsPoint[] {
  const points = new Map<string, SavingsPoint>();
  for (const r of rows) {
    const p = points.get(r.bucket) ?? { bucket: r.bucket, actual: 0, baseline: 0, saved: 0 };
    p.actual += r.costUsd;
    p.baseline += r.baselineCostUsd;
    p.saved = p.baseline - p.actual;
    points.set(r.bucket, p);
  }
  return [...points.values()];
}

/** Savings against the baseline model over time. */
export const SavingsChart = memo(function SavingsChart({
  rows,
  baselineModel,
}: {
  rows: TimelineRow[];
  baselineModel: string;
}) {
  const data = savingsSeries(rows);
  const axis = usdAxis(data.flatMap((p) => [p.actual, p.baseline, p.saved]));
  return (
    <figure className="costs-chart" data-chart="savings">
      <figcaption className="costs-chart__caption">
        Against <code>{baselineModel}</code> for the same tokens
      </figcaption>
      <ResponsiveContainer width="100%" height={220} initialDimension={{ width: 600, height: 220 }}>
        <ComposedChart data={data} margin={{ top: 8, right: 8, bottom: 8, left: 8 }}>
          <CartesianGrid strokeDasharray="3 3" vertical={false} />
          <XAxis dataKey="bucket" tick={{ fontSize: 12 }} minTickGap={16} />
          <YAxis
            domain={axis.domain}
            ticks={axis.ticks}
            tickFormatter={axis.format}
            tick={{ fontSize: 12 }}
            width={80}
          />
          <Tooltip formatter={(v) => formatUsd(Number(v))} />
          <Legend />
          <Area
            dataKey="saved"
            name="Saved"
            fill="var(--ok-soft)"
            stroke="var(--ok)"
            isAnimationActive={false}
          />
          <Line
            dataKey="baseline"
            name="Baseline"
            stroke="var(--muted)"
            dot={false}
            isAnimationActive={false}
          />
          <Line dataKey="actual" name="Paid" stroke="var(--accent)" dot={false} isAnimationActive={false} />
        </ComposedChart>
      </ResponsiveContainer>
    </figure>
  );
});
