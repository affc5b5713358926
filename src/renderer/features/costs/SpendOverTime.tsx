import { memo } from 'react';
import { Bar, BarChart, CartesianGrid, Tooltip, XAxis, YAxis, type BarShapeProps } from 'recharts';
import type { TimelineRow } from '../../../shared/contract';
import { formatUsdTick, formatUsd, providerColor } from './format';
import { useElementWidth } from './useElementWidth';

const HEIGHT = 280;

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

/**
 * One plain <rect> per bar segment. Recharts' default shape (Rectangle) is a stack of components
 * computing a path with corner radii and animation state for each of the ~300 segments (30 days ×
 * 10 providers); measured over a 1M-request ledger it was the largest part of the chart's first
 * render (`npm run bench -- dashboard`). Square bars need none of it.
 */
function BarSegment({ x, y, width, height, fill }: BarShapeProps) {
  if (!(width > 0 && height > 0)) return null;
  return <rect className="recharts-rectangle" x={x} y={y} width={width} height={height} fill={fill} />;
}

// recharts computes the vertical grid lines (measuring every x label) even with vertical={false}.
const NO_GRID_LINES = (): number[] => [];

const Y_AXIS_WIDTH = 80;
const LABEL_CHAR_PX = 7; // a digit of the 12 px axis font is 6–7 px wide
const LABEL_GAP_PX = 16;

/**
 * Every how many buckets the x axis can label without overlap: bucket labels are ISO dates of one
 * length (2026-03-01, 2026-03, 2026-03-01T14:00). recharts can find this itself (its default
 * interval), but it measures each label in the DOM, a forced layout per label on the first render.
 */
export function labelInterval(buckets: number, labelChars: number, plotWidth: number): number {
  const fit = Math.max(1, Math.floor(plotWidth / (labelChars * LABEL_CHAR_PX + LABEL_GAP_PX)));
  return Math.max(0, Math.ceil(buckets / fit) - 1);
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
  const [box, width] = useElementWidth<HTMLDivElement>();
  const labelChars = rows[0]?.bucket.length ?? 0;
  return (
    <figure className="costs-chart" data-chart="spend-over-time">
      <figcaption className="costs-chart__caption">
        Total{' '}
        <strong data-testid="timeline-total" data-usd={totalUsd}>
          {formatUsd(totalUsd)}
        </strong>
      </figcaption>
      <div className="costs-chart__plot" ref={box} style={{ height: HEIGHT }}>
        {width !== null && width > 0 && (
          <BarChart
            width={width}
            height={HEIGHT}
            data={data}
            // Room on the right for half of a label centred on the last bar.
            margin={{ top: 8, right: Math.max(8, (labelChars * LABEL_CHAR_PX) / 2), bottom: 8, left: 8 }}
          >
            <CartesianGrid
              strokeDasharray="3 3"
              vertical={false}
              verticalCoordinatesGenerator={NO_GRID_LINES}
            />
            <XAxis
              dataKey="bucket"
              tick={{ fontSize: 12 }}
              interval={labelInterval(data.length, labelChars, width - Y_AXIS_WIDTH)}
            />
            {/* Every tick (about five): with the default interval recharts measures each label in the
                DOM, on the axis and again on the grid, to decide which ones fit. */}
            <YAxis tickFormatter={formatUsdTick} tick={{ fontSize: 12 }} width={Y_AXIS_WIDTH} interval={0} />
            <Tooltip formatter={(v) => formatUsd(Number(v))} />
            {providers.map(({ provider }) => (
              <Bar
                key={provider}
                dataKey={provider}
                stackId="spend"
                fill={providerColor(provider)}
                shape={BarSegment}
                isAnimationActive={false}
              />
            ))}
          </BarChart>
        )}
      </div>
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
