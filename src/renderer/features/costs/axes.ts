import { nice, ticks } from 'd3-array';
import { formatFixed, sharedDecimals, usdAxisFormat } from './format';

/** A recharts value axis: round ends, about five ticks, and one format for every tick. */
export interface ValueAxis {
  domain: [number, number];
  ticks: number[];
  format: (value: number) => string;
}

const TICKS = 5;

function roundAxis(values: readonly number[]): { domain: [number, number]; ticks: number[] } {
  const low = values.reduce((min, v) => Math.min(min, v), 0);
  const high = values.reduce((max, v) => Math.max(max, v), 0);
  const [from, to] = high > low ? nice(low, high, TICKS) : [0, 1];
  return { domain: [from, to], ticks: ticks(from, to, TICKS) };
}

/** Money (the charts below the spend chart; savings can be negative): $0 always on the axis. */
export function usdAxis(values: readonly number[]): ValueAxis {
  const axis = roundAxis(values);
  return { ...axis, format: usdAxisFormat(axis.ticks) };
}

/** Latency: all in ms, or all in seconds once the axis reaches 10 s (never "5,500 ms" beside "11.0 s"). */
export function msAxis(values: readonly number[]): ValueAxis {
  const axis = roundAxis(values);
  const seconds = axis.domain[1] >= 10_000;
  const shown = seconds ? axis.ticks.map((t) => t / 1000) : axis.ticks;
  const decimals = sharedDecimals(shown);
  return {
    ...axis,
    format: (ms) => (seconds ? `${formatFixed(ms / 1000, decimals)} s` : `${formatFixed(ms, decimals)} ms`),
  };
}
