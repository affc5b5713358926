import { useRef, type KeyboardEvent, type PointerEvent } from 'react';
import type { AxisScale } from './axisScale';

export interface AxisBoundary {
  /** Names the slider for screen readers, e.g. "Fast | balanced boundary". */
  label: string;
  value: number;
}

interface BoundaryAxisProps {
  /** Names the axis (a group). */
  label: string;
  scale: AxisScale;
  boundaries: AxisBoundary[];
  /** The name of each segment between boundaries (one more than the boundaries). */
  segments: string[];
  /** The segment the preview's request lands in, highlighted. */
  activeSegment: number | null;
  /** Where the preview's request lands on this axis. */
  marker: { value: number; label: string } | null;
  onMove(index: number, value: number): void;
  /** Values at the axis ends that the boundaries must stay inside of. */
  min: number;
  max: number;
}

/**
 * An axis with draggable boundaries (pointer) that are also sliders (keyboard: arrows move one
 * step, Page Up/Down or Shift ten, Home/End to the neighbours). A boundary never crosses its
 * neighbours here; typed values can, and validation says so.
 */
export function BoundaryAxis(p: BoundaryAxisProps) {
  const track = useRef<HTMLDivElement>(null);
  const { scale } = p;
  const limits = (i: number): [number, number] => {
    const below = p.boundaries[i - 1]?.value ?? p.min;
    const above = p.boundaries[i + 1]?.value ?? p.max;
    return [below + scale.minGap(below), above - scale.minGap(above)];
  };
  const move = (i: number, v: number) => {
    const [lo, hi] = limits(i);
    const next = Math.min(hi, Math.max(lo, v));
    if (next !== p.boundaries[i]?.value) p.onMove(i, next);
  };

  const onKeyDown = (i: number, e: KeyboardEvent<HTMLDivElement>) => {
    const v = p.boundaries[i]!.value;
    const big = e.shiftKey || e.key === 'PageUp' || e.key === 'PageDown';
    const [lo, hi] = limits(i);
    const moves: Record<string, () => number> = {
      ArrowRight: () => v + scale.step(v, big),
      ArrowUp: () => v + scale.step(v, big),
      PageUp: () => v + scale.step(v, true),
      ArrowLeft: () => v - scale.step(v, big),
      ArrowDown: () => v - scale.step(v, big),
      PageDown: () => v - scale.step(v, true),
      Home: () => lo,
      End: () => hi,
    };
    const to = moves[e.key];
    if (!to) return;
    e.preventDefault();
    move(i, scale.round(to()));
  };

  const valueAt = (clientX: number): number => {
    const rect = track.current!.getBoundingClientRect();
    return scale.round(scale.fromFraction((clientX - rect.left) / rect.width));
  };
  const onPointerDown = (e: PointerEvent<HTMLDivElement>) => {
    e.currentTarget.setPointerCapture(e.pointerId);
    e.currentTarget.focus();
  };
  const onPointerMove = (i: number, e: PointerEvent<HTMLDivElement>) => {
    if (e.currentTarget.hasPointerCapture(e.pointerId)) move(i, valueAt(e.clientX));
  };

  const edges = [p.min, ...p.boundaries.map((b) => b.value), p.max].map((v) => scale.toFraction(v));
  return (
    <div className="rules-axis" role="group" aria-label={p.label}>
      <div className="rules-axis__track" ref={track}>
        {p.segments.map((name, i) => (
          <div
            key={name}
            className={
              i === p.activeSegment
                ? 'rules-axis__segment rules-axis__segment--active'
                : 'rules-axis__segment'
            }
            style={{ left: `${edges[i]! * 100}%`, width: `${(edges[i + 1]! - edges[i]!) * 100}%` }}
          >
            <span className="rules-axis__segment-name">{name}</span>
          </div>
        ))}
        {p.marker && (
          <div
            className="rules-axis__marker"
            style={{ left: `${scale.toFraction(p.marker.value) * 100}%` }}
            data-testid="axis-marker"
            title={p.marker.label}
          >
            <span className="rules-axis__marker-label">{p.marker.label}</span>
          </div>
        )}
        {p.boundaries.map((b, i) => (
          <div
            key={b.label}
            className="rules-axis__handle"
            role="slider"
            tabIndex={0}
            aria-label={b.label}
            aria-orientation="horizontal"
            aria-valuemin={limits(i)[0]}
            aria-valuemax={limits(i)[1]}
            aria-valuenow={b.value}
            aria-valuetext={scale.format(b.value)}
            style={{ left: `${scale.toFraction(b.value) * 100}%` }}
            onKeyDown={(e) => onKeyDown(i, e)}
            onPointerDown={onPointerDown}
            onPointerMove={(e) => onPointerMove(i, e)}
          >
            <span className="rules-axis__handle-value">{scale.format(b.value)}</span>
          </div>
        ))}
      </div>
      <div className="rules-axis__ticks" aria-hidden="true">
        {scale.ticks.map((t) => (
          <span key={t} style={{ left: `${scale.toFraction(t) * 100}%` }}>
            {scale.tickLabel(t)}
          </span>
        ))}
      </div>
    </div>
  );
}
