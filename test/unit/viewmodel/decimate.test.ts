import { describe, expect, it } from 'vitest';
import {
  decimateBand,
  decimateLine,
  lowerBound,
  pickRows,
  upperBound,
} from '../../../src/core/viewmodel/decimate';

const range = (n: number) => Array.from({ length: n }, (_, i) => i);

describe('binary searches on an ascending x column', () => {
  it('finds the first x ≥ v and the first x > v, with repeated values', () => {
    const xs = [0, 1, 1, 1, 4, 9];
    expect([lowerBound(xs, 1), upperBound(xs, 1)]).toEqual([1, 4]);
    expect([lowerBound(xs, 2), upperBound(xs, 2)]).toEqual([4, 4]);
    expect([lowerBound(xs, -5), upperBound(xs, 99)]).toEqual([0, 6]);
    expect([lowerBound([], 3), upperBound([], 3)]).toEqual([0, 0]);
  });
});

describe('decimateLine keeps the lowest and highest value of each pixel column', () => {
  // ys = i mod 10 with a spike of 50 at x = 30 and a dip of −7 at x = 60.
  const xs = range(100);
  const ys = xs.map(i => (i === 30 ? 50 : i === 60 ? -7 : i % 10));

  it('returns every row, undecimated, when there are at most two per column', () => {
    const d = decimateLine({ xs: range(10), ys: range(10) }, 0, 9, 5);
    expect(d).toEqual({ xs: range(10), ys: range(10), decimated: false });
  });

  it('keeps per column min and max in time order (hand-worked: 4 columns of ~25 s)', () => {
    // Columns end at 24.75, 49.5, 74.25 and 99. Column 1 holds the spike (x 30) and its first
    // 0 (x 40); column 2 its first 9 (x 59) and the dip (x 60); the first of equal values wins.
    const d = decimateLine({ xs, ys }, 0, 99, 4);
    expect(d.decimated).toBe(true);
    expect(d.xs).toEqual([0, 9, 30, 40, 59, 60, 79, 80]);
    expect(d.ys).toEqual([0, 9, 50, 0, 9, -7, 9, 0]);
  });

  it('zoomed in: every row of the range plus one neighbour each side', () => {
    const d = decimateLine({ xs, ys }, 20, 30, 100);
    expect(d.decimated).toBe(false);
    expect(d.xs).toEqual(range(13).map(i => i + 19));
    expect(d.ys.at(-2)).toBe(50);
  });

  it('never picks a missing (NaN) value as an extreme and bounds the rows by the columns', () => {
    const many = range(10_000);
    const noisy = many.map(i => (i % 7 === 0 ? NaN : Math.sin(i)));
    const { rows, decimated } = pickRows(many, noisy, 0, 9999, 300);
    expect(decimated).toBe(true);
    expect(rows.length).toBeLessThanOrEqual(600);
    expect(rows.every(i => !Number.isNaN(noisy[i]!))).toBe(true);
    expect(rows).toEqual([...rows].sort((a, b) => a - b));
  });
});

describe('decimateBand decimates the mean and widens the band to each column’s extremes', () => {
  // Eight one-second groups, two columns over [0, 7] (split at 3.5).
  const band = {
    xs: range(8),
    mean: [1, 5, 2, 2, 3, 3, 9, 0],
    min: [0, 4, -10, 1, 2, 2, 8, -1],
    max: [2, 6, 3, 20, 4, 4, 10, 1],
    n: [3, 3, 3, 3, 2, 2, 2, 2],
  };

  it('keeps the lowest and highest mean of a column with the column’s lowest min and highest max', () => {
    expect(decimateBand(band, 0, 7, 2)).toEqual({
      xs: [0, 1, 6, 7],
      mean: [1, 5, 9, 0],
      min: [-10, -10, -1, -1],
      max: [20, 20, 10, 10],
      n: [3, 3, 2, 2],
      decimated: true,
    });
  });

  it('returns the groups as they are when they fit', () => {
    const d = decimateBand(band, 2, 4, 10);
    expect(d.decimated).toBe(false);
    expect(d.xs).toEqual([1, 2, 3, 4, 5]);
    expect(d.min).toEqual([4, -10, 1, 2, 2]);
    expect(d.max).toEqual([6, 3, 20, 4, 4]);
  });
});
