import { nice, ticks } from 'd3-array';
import { memo, useId, useRef, useState, type KeyboardEvent, type PointerEvent } from 'react';
import type { TimelineRow } from '../../../shared/contract';
import { formatUsd, providerColor, usdAxisFormat } from './format';
import { useElementWidth } from './useElementWidth';

const HEIGHT = 280;

/** One bucket of the chart: each provider's SQL sum in it, and their stack's height. */
export interface BucketPoint {
  bucket: string;
  costs: Map<string, number>;
  totalUsd: number;
}

interface Pivot {
  buckets: BucketPoint[];
  /** Providers by total spend in the range, largest first (stack order, bottom up, and legend). */
  providers: Array<{ provider: string; costUsd: number }>;
}

/**
 * One chart column per bucket, one segment per provider: a reshaping of SQL's rows (one per bucket
 * and provider), not a sum of raw ones. A column's height is the sum of its few segments.
 */
export function pivotByProvider(rows: TimelineRow[]): Pivot {
  const byBucket = new Map<string, BucketPoint>();
  const totals = new Map<string, number>();
  for (const r of rows) {
    let point = byBucket.get(r.bucket);
    if (!point) {
      point = { bucket: r.bucket, costs: new Map(), totalUsd: 0 };
      byBucket.set(r.bucket, point);
    }
    point.costs.set(r.provider, (point.costs.get(r.provider) ?? 0) + r.costUsd);
    point.totalUsd += r.costUsd;
    totals.set(r.provider, (totals.get(r.provider) ?? 0) + r.costUsd);
  }
  const providers = [...totals]
    .map(([provider, costUsd]) => ({ provider, costUsd }))
    .sort((a, b) => b.costUsd - a.costUsd || a.provider.localeCompare(b.provider));
  return { buckets: [...byBucket.values()], providers };
}

const Y_AXIS_WIDTH = 80;
const LABEL_CHAR_PX = 7; // a digit of the 12 px axis font is 6–7 px wide
const LABEL_GAP_PX = 16;
const X_AXIS_HEIGHT = 24;
const MARGIN_TOP = 8;
/** Room between columns, as a share of a bucket's width (on each side). */
const BAND_PADDING = 0.1;

/**
 * Every how many buckets the x axis can label without overlap: bucket labels are ISO dates of one
 * length (2026-03-01, 2026-03, 2026-03-01T14:00), so their width is arithmetic, not measured.
 */
export function labelInterval(buckets: number, labelChars: number, plotWidth: number): number {
  const fit = Math.max(1, Math.floor(plotWidth / (labelChars * LABEL_CHAR_PX + LABEL_GAP_PX)));
  return Math.max(0, Math.ceil(buckets / fit) - 1);
}

/** The value axis: from 0 to a round figure above the tallest column, with about five ticks. */
export function valueTicks(maxUsd: number): { top: number; ticks: number[] } {
  if (!(maxUsd > 0)) return { top: 1, ticks: [0, 1] };
  const [, top] = nice(0, maxUsd, 5);
  return { top, ticks: ticks(0, top, 5) };
}

interface Geometry {
  width: number;
  left: number;
  plotWidth: number;
  plotHeight: number;
  band: number;
  top: number;
  y: (usd: number) => number;
}

function geometry(width: number, buckets: number, labelChars: number, maxUsd: number) {
  // Room on the right for half of a label centred on the last column.
  const right = Math.max(8, (labelChars * LABEL_CHAR_PX) / 2);
  const plotWidth = Math.max(0, width - Y_AXIS_WIDTH - right);
  const plotHeight = HEIGHT - MARGIN_TOP - X_AXIS_HEIGHT;
  const axis = valueTicks(maxUsd);
  const g: Geometry = {
    width,
    left: Y_AXIS_WIDTH,
    plotWidth,
    plotHeight,
    band: buckets > 0 ? plotWidth / buckets : 0,
    top: axis.top,
    y: (usd) => MARGIN_TOP + plotHeight - (usd / axis.top) * plotHeight,
  };
  return { g, ticks: axis.ticks };
}

/**
 * Spend over time, stacked by provider, with each provider's total for the range beside it.
 *
 * Drawn by hand in SVG (stacked rects per bucket, axis ticks, a tooltip on hover and focus) rather
 * than with recharts, because recharts was the wall between the data and the first paint of the
 * Costs screen. Measured with `npm run bench -- dashboard` (1M requests, last 30 days: 30 day
 * buckets × 10 providers, 300 segments), both builds back to back on the shared 2-core machine
 * (load average 10–15), 14 warm navigations each: from the timeline's answer to the painted bars,
 * median 898 ms with recharts (its chunk's evaluation, 85–250 ms in Chromium traces, then React's
 * render and commit of the chart, 540 ms traced, of which recharts' own code was 1026 of 1400
 * profiler samples, the largest self time its text measuring, `getStringSize`, a forced layout per
 * label) against 266 ms with this SVG (its code: ~18 ms of JS in a CPU profile of the navigation).
 * That was after drawing recharts once at its real width, without animation, with plain rects and
 * no Legend. The other charts of the screen keep recharts, in a chunk fetched after this one has
 * painted (`CostDetails`, `GaugeArc`).
 *
 * Accessible: each column is a focusable group (one tab stop; arrow keys, Home and End move along
 * the buckets) whose label names its bucket and total, and the tooltip listing the providers
 * describes the focused one. The provider colours and totals are in the legend, plain HTML.
 */
export const SpendOverTime = memo(function SpendOverTime({
  rows,
  totalUsd,
}: {
  rows: TimelineRow[];
  totalUsd: number;
}) {
  const { buckets, providers } = pivotByProvider(rows);
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
      <div className="costs-chart__plot spend-chart" ref={box} style={{ height: HEIGHT }}>
        {width !== null && width > 0 && (
          <StackedColumns
            width={width}
            buckets={buckets}
            providers={providers.map((p) => p.provider)}
            labelChars={labelChars}
          />
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

/**
 * Element Timing mark on the value axis' labels, drawn in the same commit as the bars: a
 * PerformanceObserver of type "element" gets the frame's presentation time under the identifier
 * "spend-chart" (`npm run bench -- dashboard` measures first paint with it). Spread because React's
 * SVG types do not list the attribute; React passes it to the DOM as it is.
 */
const PAINT_MARK = { elementtiming: 'spend-chart' } as Record<string, string>;

function StackedColumns({
  width,
  buckets,
  providers,
  labelChars,
}: {
  width: number;
  buckets: BucketPoint[];
  providers: string[];
  labelChars: number;
}) {
  const maxUsd = buckets.reduce((max, b) => Math.max(max, b.totalUsd), 0);
  const { g, ticks: yTicks } = geometry(width, buckets.length, labelChars, maxUsd);
  const tickLabel = usdAxisFormat(yTicks);
  const every = labelInterval(buckets.length, labelChars, g.plotWidth) + 1;
  const [active, setActive] = useState<{ index: number; by: 'pointer' | 'focus' } | null>(null);
  const [focusIndex, setFocusIndex] = useState(buckets.length - 1);
  const columns = useRef<Array<SVGGElement | null>>([]);
  const tooltipId = useId();
  const barWidth = g.band * (1 - 2 * BAND_PADDING);
  const baseline = g.y(0);
  const tabStop = Math.min(Math.max(0, focusIndex), buckets.length - 1);

  const bucketAt = (event: PointerEvent<SVGSVGElement>): number | null => {
    const x = event.clientX - event.currentTarget.getBoundingClientRect().left - g.left;
    const index = Math.floor(x / g.band);
    return g.band > 0 && index >= 0 && index < buckets.length ? index : null;
  };
  const moveFocus = (event: KeyboardEvent<SVGGElement>, index: number) => {
    const next =
      event.key === 'ArrowRight'
        ? index + 1
        : event.key === 'ArrowLeft'
          ? index - 1
          : event.key === 'Home'
            ? 0
            : event.key === 'End'
              ? buckets.length - 1
              : null;
    if (next === null) return;
    event.preventDefault();
    const clamped = Math.min(Math.max(0, next), buckets.length - 1);
    setFocusIndex(clamped);
    columns.current[clamped]?.focus();
  };

  return (
    <>
      <svg
        width={g.width}
        height={HEIGHT}
        role="group"
        aria-label="Spend per bucket, stacked by provider"
        onPointerMove={(e) => {
          const index = bucketAt(e);
          setActive((a) =>
            index === null
              ? a?.by === 'pointer'
                ? null
                : a
              : a?.index === index
                ? a
                : { index, by: 'pointer' },
          );
        }}
        onPointerLeave={() => setActive((a) => (a?.by === 'pointer' ? null : a))}
      >
        <g className="spend-chart__grid" aria-hidden="true">
          {yTicks.map((t) => (
            <line key={t} x1={g.left} x2={g.left + g.plotWidth} y1={g.y(t)} y2={g.y(t)} />
          ))}
        </g>
        <g className="spend-chart__axis" aria-hidden="true">
          {yTicks.map((t) => (
            <text
              key={t}
              x={g.left - 8}
              y={g.y(t)}
              textAnchor="end"
              dominantBaseline="middle"
              {...PAINT_MARK}
            >
              {tickLabel(t)}
            </text>
          ))}
          <line
            className="spend-chart__axis-line"
            x1={g.left}
            x2={g.left + g.plotWidth}
            y1={baseline}
            y2={baseline}
          />
          {buckets.map((b, i) =>
            i % every === 0 ? (
              <text key={b.bucket} x={g.left + (i + 0.5) * g.band} y={baseline + 16} textAnchor="middle">
                {b.bucket}
              </text>
            ) : null,
          )}
        </g>
        {buckets.map((b, i) => {
          const x = g.left + i * g.band + g.band * BAND_PADDING;
          let stacked = 0;
          return (
            <g
              key={b.bucket}
              ref={(el) => {
                columns.current[i] = el;
              }}
              className={
                active?.index === i ? 'spend-chart__column spend-chart__column--on' : 'spend-chart__column'
              }
              data-testid="spend-column"
              data-bucket={b.bucket}
              data-usd={b.totalUsd}
              role="img"
              tabIndex={i === tabStop ? 0 : -1}
              aria-label={`${b.bucket}: ${formatUsd(b.totalUsd)}`}
              aria-describedby={active?.index === i ? tooltipId : undefined}
              onFocus={() => {
                setFocusIndex(i);
                setActive({ index: i, by: 'focus' });
              }}
              onBlur={() => setActive((a) => (a?.by === 'focus' ? null : a))}
              onKeyDown={(e) => moveFocus(e, i)}
            >
              {/* The whole column's height catches the pointer and shows the focus ring. */}
              <rect
                className="spend-chart__hit"
                x={x}
                y={MARGIN_TOP}
                width={barWidth}
                height={g.plotHeight}
              />
              {providers.map((provider) => {
                const usd = b.costs.get(provider);
                if (!usd || !(usd > 0)) return null;
                const y0 = g.y(stacked);
                stacked += usd;
                const y1 = g.y(stacked);
                if (y0 - y1 <= 0) return null;
                return (
                  <rect
                    key={provider}
                    data-testid="spend-segment"
                    x={x}
                    y={y1}
                    width={barWidth}
                    height={y0 - y1}
                    fill={providerColor(provider)}
                  />
                );
              })}
            </g>
          );
        })}
      </svg>
      {active !== null && buckets[active.index] && (
        <ColumnTooltip
          id={tooltipId}
          point={buckets[active.index]!}
          providers={providers}
          // Beside its column, on the side with more room, so it never hides the column it is about.
          columnX={g.left + (active.index + 0.5) * g.band}
          side={g.left + (active.index + 0.5) * g.band > g.width / 2 ? 'left' : 'right'}
        />
      )}
    </>
  );
}

function ColumnTooltip({
  id,
  point,
  providers,
  columnX,
  side,
}: {
  id: string;
  point: BucketPoint;
  providers: string[];
  columnX: number;
  side: 'left' | 'right';
}) {
  // Top of the stack first, as the segments are drawn.
  const shown = providers.filter((p) => (point.costs.get(p) ?? 0) > 0).reverse();
  return (
    <div
      className="spend-chart__tooltip"
      id={id}
      role="tooltip"
      data-testid="spend-tooltip"
      style={{
        left: columnX,
        transform: side === 'left' ? 'translateX(calc(-100% - 12px))' : 'translateX(12px)',
      }}
    >
      <p className="spend-chart__tooltip-title">
        {point.bucket} · <strong>{formatUsd(point.totalUsd)}</strong>
      </p>
      <ul>
        {shown.map((provider) => (
          <li key={provider}>
            <span className="costs-legend__swatch" style={{ background: providerColor(provider) }} />
            {provider} <strong>{formatUsd(point.costs.get(provider)!)}</strong>
          </li>
        ))}
      </ul>
    </div>
  );
}
