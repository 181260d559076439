import { describe, expect, it } from 'vitest';
import {
  boxOf,
  densityOf,
  scatterOf,
  scottBandwidth,
  thin,
} from '../../../src/core/viewmodel/distribution';

describe('box of a group (Tukey, the notebook’s IQR fences)', () => {
  it('quartiles by linear interpolation, whiskers at the last values inside the fences, outliers beyond', () => {
    // sorted 1 2 3 4 100: q1 = 2, q3 = 4 (positions 1 and 3), IQR 2, fences −1 and 7.
    expect(boxOf([4, 100, 1, 3, 2])).toEqual({
      n: 5,
      nanDropped: 0,
      q1: 2,
      median: 3,
      q3: 4,
      mean: 22,
      whiskerLow: 1,
      whiskerHigh: 4,
      outliers: [100],
    });
  });

  it('drops NaN and counts it; no box without values', () => {
    // 1 and 2: q1 = 1.25, q3 = 1.75 (type 7), median 1.5.
    expect(boxOf([NaN, 2, 1])).toMatchObject({
      n: 2,
      nanDropped: 1,
      q1: 1.25,
      q3: 1.75,
      median: 1.5,
    });
    expect(boxOf([])).toBeNull();
    expect(boxOf([NaN])).toBeNull();
  });
});

describe('kernel density of a group (violin)', () => {
  it('Scott’s bandwidth is n^(−1/5) times the sample std', () => {
    // [0, 2]: std = √2, bw = 2^(−1/5)·2^(1/2) = 2^0.3.
    expect(scottBandwidth([0, 2])).toBeCloseTo(2 ** 0.3, 14);
    expect(scottBandwidth([1])).toBeNaN();
    expect(scottBandwidth([3, 3, 3])).toBeNaN();
  });

  it('evaluates the Gaussian mixture from min − 2·bw to max + 2·bw', () => {
    const bw = 2 ** 0.3;
    const d = densityOf([0, 2], 5);
    expect(d.x[0]).toBeCloseTo(-2 * bw, 12);
    expect(d.x[4]).toBeCloseTo(2 + 2 * bw, 12);
    expect(d.x[2]).toBeCloseTo(1, 12);
    // At x = 1 both kernels are 1/bw away: 2·φ(1/bw)/(2·bw).
    const phi = (z: number) => Math.exp(-0.5 * z * z) / Math.sqrt(2 * Math.PI);
    expect(d.y[2]).toBeCloseTo((2 * phi(1 / bw)) / (2 * bw), 14);
    expect(d.y[0]).toBeCloseTo(d.y[4] as number, 14);
    expect(d.bandwidth).toBeCloseTo(bw, 14);
  });

  it('is empty without spread', () => {
    expect(densityOf([5, 5])).toEqual({ x: [], y: [], bandwidth: NaN });
  });
});

describe('scatter points', () => {
  it('keeps pairs with both numbers and thins evenly', () => {
    expect(scatterOf([0.1, 0.2, NaN, 0.4], [1, NaN, 3, 4], 10, ['a', 'b', 'c', 'd'])).toEqual([
      [0.1, 1, 'a'],
      [0.4, 4, 'd'],
    ]);
    expect(thin([0, 1, 2, 3, 4, 5, 6, 7, 8, 9], 5)).toEqual([0, 2, 4, 6, 8]);
    expect(thin([1, 2], 5)).toEqual([1, 2]);
  });
});
