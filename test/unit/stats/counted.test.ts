import { describe, expect, it } from 'vitest';
import {
  BLOCK_BITS,
  countedSample,
  countedDominance,
  countedMedian,
  countedMoments,
  type CountedSample,
} from '../../../src/core/stats/counted';
import { Xoshiro128, effectIntervals } from '../../../src/core/stats';

/** Textbook versions, written here from their definitions (not the library's). */
function median(sorted: number[]): number {
  const n = sorted.length;
  return n % 2 ? (sorted[(n - 1) / 2] as number) : (sorted[n / 2 - 1]! + sorted[n / 2]!) / 2;
}
function mean(v: number[]): number {
  return v.reduce((a, b) => a + b, 0) / v.length;
}
function variance(v: number[]): number {
  const m = mean(v);
  return v.reduce((a, b) => a + (b - m) ** 2, 0) / (v.length - 1);
}
function dominance(x: number[], y: number[]): number {
  let d = 0;
  for (const a of x) for (const b of y) d += Math.sign(a - b);
  return d;
}
function cohenD(x: number[], y: number[]): number {
  const pooled =
    ((x.length - 1) * variance(x) + (y.length - 1) * variance(y)) / (x.length + y.length - 2);
  return (mean(x) - mean(y)) / Math.sqrt(pooled);
}

/** A sorted sample with ties, and a resample of it as counts and written out. */
function resample(rng: Xoshiro128, n: number): { counted: CountedSample; values: number[] } {
  const sorted = Float64Array.from({ length: n }, () => Math.round(rng.next() * 20) / 4).sort();
  const counted = countedSample(sorted, mean(Array.from(sorted)));
  const values: number[] = [];
  for (let i = 0; i < n; i++) {
    const j = rng.nextInt(n);
    counted.counts[j]! += 1;
    counted.blocks[j >>> BLOCK_BITS]! += 1;
    values.push(sorted[j] as number);
  }
  values.sort((a, b) => a - b);
  return { counted, values };
}

function close(a: number, b: number): void {
  expect(Math.abs(a - b)).toBeLessThanOrEqual(1e-12 * Math.max(1, Math.abs(b)));
}

describe('statistics of a resample kept as counts', () => {
  it('median and dominance exactly, mean and variance to rounding, on written-out resamples', () => {
    const rng = new Xoshiro128(5);
    for (let trial = 0; trial < 300; trial++) {
      const x = resample(rng, 1 + ((trial * 7) % 300));
      const y = resample(rng, 2 + (trial % 17));
      expect(countedMedian(x.counted)).toBe(median(x.values));
      expect(countedDominance(x.counted, y.counted)).toBe(dominance(x.values, y.values));
      const m = countedMoments(y.counted);
      close(m.mean, mean(y.values));
      close(m.variance, variance(y.values));
    }
  });

  it('a constant sample has its value as mean and variance 0', () => {
    const s = countedSample(Float64Array.of(0.1, 0.1, 0.1), 0.1);
    s.counts.set([0, 3, 0]);
    s.blocks[0] = 3;
    expect(countedMoments(s)).toEqual({ mean: 0.1, variance: 0 });
  });
});

/** The percentile bootstrap as a textbook loop: draw, sort, evaluate, sort, type-7 quantile. */
function referencePercentile(
  x: number[],
  y: number[],
  stat: (a: number[], b: number[]) => number,
  B: number,
  seed: number,
): [number, number] {
  const xs = [...x].sort((a, b) => a - b);
  const ys = [...y].sort((a, b) => a - b);
  const rng = new Xoshiro128(seed);
  const draw = (s: number[]) => s.map(() => s[rng.nextInt(s.length)]!).sort((a, b) => a - b);
  const dist: number[] = [];
  for (let b = 0; b < B; b++) {
    const bx = draw(xs);
    dist.push(stat(bx, draw(ys)));
  }
  dist.sort((a, b) => a - b);
  const q = (p: number) => {
    const h = p * (B - 1);
    const lo = Math.floor(h);
    return dist[lo]! + (h - lo) * (dist[lo + 1]! - dist[lo]!);
  };
  return [q(0.025), q(0.975)];
}

describe('bootstrap intervals from counted resamples', () => {
  it('equal a textbook percentile bootstrap with the same seed and draws', () => {
    const rng = new Xoshiro128(9);
    const x = Array.from({ length: 40 }, () => Math.round(rng.next() * 300) / 10);
    const y = Array.from({ length: 75 }, () => Math.round(rng.next() * 250) / 10);
    const B = 400;
    const seed = 31;
    const r = effectIntervals(x, y, { method: 'percentile', resamples: B, seed });
    const cases = [
      [r.medianDifference, (a: number[], b: number[]) => median(a) - median(b)],
      [r.cohenD, cohenD],
      [r.cliffsDelta, (a: number[], b: number[]) => dominance(a, b) / (a.length * b.length)],
    ] as const;
    for (const [interval, stat] of cases) {
      expect(interval.ok).toBe(true);
      if (!interval.ok) continue;
      const [low, high] = referencePercentile(x, y, stat, B, seed);
      close(interval.low, low);
      close(interval.high, high);
    }
  });

  it('asking again for the same samples gives equal intervals, not the same objects', () => {
    const x = [3.1, 2.4, 5.0, 4.4, 3.3, 2.9, 6.1];
    const y = [2.0, 1.5, 3.9, 2.8, 2.2, 1.9];
    const a = effectIntervals(x, y, { resamples: 300 });
    const b = effectIntervals([...x].reverse(), y, { resamples: 300 });
    expect(b).toEqual(a);
    expect(b.cohenD).not.toBe(a.cohenD);
    const other = effectIntervals(x, y, { resamples: 300, seed: 5 });
    expect(other.cohenD).not.toEqual(a.cohenD);
  });
});
