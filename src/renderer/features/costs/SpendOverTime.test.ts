import { describe, expect, it } from 'vitest';
import type { TimelineRow } from '../../../shared/contract';
import { usdAxisFormat } from './format';
import { labelInterval, pivotByProvider, valueTicks } from './SpendOverTime';

// The x axis labels every (interval + 1)-th bucket; the labels shown must fit side by side.
const shown = (buckets: number, interval: number) => Math.ceil(buckets / (interval + 1));

describe('spend chart axis labels', () => {
  it('labels every day of a week, and thins 30 or 90 days out so the dates do not overlap', () => {
    expect(labelInterval(7, 10, 900)).toBe(0);
    for (const days of [30, 90]) {
      const interval = labelInterval(days, 10, 900);
      expect(interval).toBeGreaterThan(0);
      expect(shown(days, interval) * (10 * 7 + 16)).toBeLessThanOrEqual(900);
    }
  });

  it('gives hourly labels (longer) more room than daily ones, and a narrow window fewer labels', () => {
    expect(labelInterval(168, 16, 900)).toBeGreaterThan(labelInterval(168, 10, 900));
    expect(labelInterval(30, 10, 300)).toBeGreaterThan(labelInterval(30, 10, 900));
    expect(labelInterval(30, 10, 0)).toBe(29); // no room: one label
  });
});

describe('spend chart columns', () => {
  const row = (bucket: string, provider: string, costUsd: number): TimelineRow => ({
    bucket,
    provider,
    requests: 1,
    costUsd,
    fallbacks: 0,
    cacheSavedUsd: 0,
    baselineCostUsd: costUsd,
  });

  it('makes one column per bucket whose segments are the SQL rows, stacked largest provider first', () => {
    const { buckets, providers } = pivotByProvider([
      row('2026-03-01', 'openai', 1.5),
      row('2026-03-01', 'anthropic', 4),
      row('2026-03-02', 'openai', 0.25),
    ]);
    expect(providers).toEqual([
      { provider: 'anthropic', costUsd: 4 },
      { provider: 'openai', costUsd: 1.75 },
    ]);
    expect(buckets.map((b) => [b.bucket, b.totalUsd, Object.fromEntries(b.costs)])).toEqual([
      ['2026-03-01', 5.5, { openai: 1.5, anthropic: 4 }],
      ['2026-03-02', 0.25, { openai: 0.25 }],
    ]);
  });

  it('runs the value axis from $0 to a round figure at or above the tallest column', () => {
    expect(valueTicks(183.4)).toEqual({ top: 200, ticks: [0, 50, 100, 150, 200] });
    expect(valueTicks(0.0123).top).toBeGreaterThanOrEqual(0.0123);
    expect(valueTicks(0)).toEqual({ top: 1, ticks: [0, 1] }); // an empty range still has an axis
  });
});

describe('spend chart value axis labels', () => {
  const labels = (maxUsd: number) => {
    const { ticks } = valueTicks(maxUsd);
    return ticks.map(usdAxisFormat(ticks));
  };

  it('writes every tick of the axis with the same decimals', () => {
    expect(labels(1)).toEqual(['$0.00', '$0.20', '$0.40', '$0.60', '$0.80', '$1.00']);
    expect(labels(1.8)).toEqual(['$0.00', '$0.50', '$1.00', '$1.50', '$2.00']); // not "$0.5" beside "$1.00"
    expect(labels(183.4)).toEqual(['$0', '$50', '$100', '$150', '$200']);
    expect(labels(18_000)).toEqual(['$0', '$5,000', '$10,000', '$15,000', '$20,000']);
    expect(labels(0.018)).toEqual(['$0.000', '$0.005', '$0.010', '$0.015', '$0.020']);
    expect(labels(0.00042)).toEqual(['$0.0000', '$0.0001', '$0.0002', '$0.0003', '$0.0004', '$0.0005']);
  });

  it('labels the axis of an empty range $0 and $1', () => {
    expect(labels(0)).toEqual(['$0', '$1']);
  });
});
