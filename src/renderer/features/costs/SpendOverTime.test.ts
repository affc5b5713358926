import { describe, expect, it } from 'vitest';
import { labelInterval } from './SpendOverTime';

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
