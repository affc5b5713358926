import { describe, expect, it } from 'vitest';
import { msAxis, usdAxis } from './axes';

const labels = (axis: { ticks: number[]; format: (v: number) => string }) => axis.ticks.map(axis.format);

describe('value axes of the charts below the spend chart', () => {
  it('money: round ends around $0 (savings can be negative), every tick with the same decimals', () => {
    const axis = usdAxis([0.42, -0.13, 1.7]);
    expect(axis.domain).toEqual([-0.5, 2]);
    expect(labels(axis)).toEqual(['−$0.50', '$0.00', '$0.50', '$1.00', '$1.50', '$2.00']);
    expect(labels(usdAxis([183.4]))).toEqual(['$0', '$50', '$100', '$150', '$200']);
    expect(labels(usdAxis([]))).toEqual(['$0.00', '$0.20', '$0.40', '$0.60', '$0.80', '$1.00']);
  });

  it('latency: all in seconds once the axis reaches 10 s, else all in ms', () => {
    expect(labels(msAxis([1141, 1827, 20_800]))).toEqual(['0 s', '5 s', '10 s', '15 s', '20 s', '25 s']);
    expect(labels(msAxis([900, 2_300]))).toEqual([
      '0 ms',
      '500 ms',
      '1,000 ms',
      '1,500 ms',
      '2,000 ms',
      '2,500 ms',
    ]);
  });
});
