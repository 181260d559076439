// The circular block bootstrap of a difference of means (src/core/stats/blockBootstrap.ts): a
// hand-computed small case, and the coverage of its 95 % interval on simulated AR(1) series.
import { describe, expect, it } from 'vitest';
import {
  blockBootstrapMeanDifference,
  blockLengthFor,
  circularBlockResampleMean,
  circularBlockVariance,
} from '../../../src/core/stats/blockBootstrap';
import { Xoshiro128 } from '../../../src/core/stats/bootstrap';

/** A stationary Gaussian AR(1) series: x_t = φ·x_{t−1} + e_t, e ~ N(0, 1) (Box–Muller). */
function ar1(n: number, phi: number, rng: Xoshiro128): number[] {
  const gauss = (): number =>
    Math.sqrt(-2 * Math.log(1 - rng.next())) * Math.cos(2 * Math.PI * rng.next());
  let x = gauss() / Math.sqrt(1 - phi * phi);
  const out: number[] = [];
  for (let i = 0; i < n; i++) {
    out.push(x);
    x = phi * x + gauss();
  }
  return out;
}

describe('block length rule ⌈2·n^(1/3)⌉, at most ⌊n/2⌋', () => {
  it('gives the hand-computed lengths', () => {
    // 2·8^(1/3) = 4; 2·27^(1/3) = 6; 2·64^(1/3) = 8; 2·10^(1/3) = 4.31 → 5; n = 9 → ⌊9/2⌋ = 4.
    expect([8, 27, 64, 10, 9, 3, 2].map(blockLengthFor)).toEqual([4, 6, 8, 5, 4, 1, 1]);
  });
});

describe('circular block bootstrap of a mean, by hand', () => {
  // x = 1,2,3,4 with blocks of 2: the four circular blocks have means 1.5, 2.5, 3.5, 2.5
  // (the last wraps: 4, 1); x̄ = 2.5; a resample is two blocks, so
  // Var* = (1/2)·((1 + 0 + 1 + 0)/4) = 0.25.
  it('exact variance of the resampled mean', () => {
    expect(circularBlockVariance([1, 2, 3, 4], 2)).toBeCloseTo(0.25, 12);
  });
  it('Monte Carlo resamples converge to it and are centred on x̄', () => {
    const rng = new Xoshiro128(1);
    const means = Array.from({ length: 20000 }, () =>
      circularBlockResampleMean([1, 2, 3, 4], 2, rng),
    );
    const m = means.reduce((a, v) => a + v, 0) / means.length;
    const v = means.reduce((a, x) => a + (x - m) ** 2, 0) / (means.length - 1);
    expect(m).toBeCloseTo(2.5, 1);
    expect(v).toBeGreaterThan(0.25 * 0.95);
    expect(v).toBeLessThan(0.25 * 1.05);
  });
});

describe('difference of means, by hand', () => {
  // b = 1..8, L = 4: the 8 circular block means are 2.5 3.5 4.5 5.5 6.5 5.5 4.5 3.5, x̄ = 4.5,
  // squared deviations 4 1 0 1 4 1 0 1 (sum 12) → Var* = (1/2)·(12/8) = 0.75 per side.
  // c = b + 10: estimate 10, se = √1.5 = 1.2247, df = 2 blocks − 1 = 1 (Cauchy):
  // t₀.₉₇₅,₁ = 12.706 (tables); p = 1 − 2·atan(10/1.2247)/π.
  const b = [1, 2, 3, 4, 5, 6, 7, 8];
  const c = b.map(v => v + 10);
  const r = blockBootstrapMeanDifference(b, c, { resamples: 20000, seed: 3 })!;
  it('estimate, blocks and degrees of freedom', () => {
    expect(r.estimate).toBe(10);
    expect(r.blockLength).toEqual([4, 4]);
    expect(r.df).toBe(1);
  });
  it('standard error, interval and p within Monte Carlo error', () => {
    const se = Math.sqrt(1.5);
    expect(r.se / se).toBeGreaterThan(0.98);
    expect(r.se / se).toBeLessThan(1.02);
    expect(r.high - r.estimate).toBeCloseTo(12.706 * r.se, 2);
    expect(r.estimate - r.low).toBeCloseTo(12.706 * r.se, 2);
    const p = 1 - (2 * Math.atan(10 / se)) / Math.PI;
    expect(r.pvalue).toBeGreaterThan(p * 0.95);
    expect(r.pvalue).toBeLessThan(p * 1.05);
  });
  it('reads a round-off difference between constant series as none', () => {
    // Twenty copies of 0.08 average to 0.08000000000000002; five to 0.08.
    const r = blockBootstrapMeanDifference(Array(20).fill(0.08), Array(5).fill(0.08))!;
    expect([r.estimate, r.pvalue, r.se]).toEqual([0, 1, 0]);
  });
  it('refuses a side with a single point', () => {
    expect(blockBootstrapMeanDifference([1], c)).toBeUndefined();
  });
  it('is deterministic for a seed', () => {
    expect(blockBootstrapMeanDifference(b, c, { resamples: 500, seed: 9 })).toEqual(
      blockBootstrapMeanDifference(b, c, { resamples: 500, seed: 9 }),
    );
  });
});

describe('coverage on AR(1) series (φ = 0.5, n = 60 per side, 200 simulated pairs)', () => {
  /** Share of simulated pairs (true difference 1) whose 95 % interval contains 1. */
  function coverage(blockLength?: number): number {
    const rng = new Xoshiro128(20240607);
    let covered = 0;
    for (let s = 0; s < 200; s++) {
      const base = ar1(60, 0.5, rng);
      const cand = ar1(60, 0.5, rng).map(v => v + 1);
      const r = blockBootstrapMeanDifference(base, cand, { resamples: 400, seed: s, blockLength })!;
      if (r.low <= 1 && r.high >= 1) covered++;
    }
    return covered / 200;
  }
  it('the block bootstrap covers the true difference in ≥ 90 % of them', () => {
    expect(coverage()).toBeGreaterThanOrEqual(0.9);
  });
  it('the i.i.d. bootstrap (blocks of 1) does not: it ignores the autocorrelation', () => {
    // Var of an AR(1) mean is (1+φ)/(1−φ) = 3 times the i.i.d. one: a 95 % interval ~1.7× too
    // narrow covers about 75 %.
    expect(coverage(1)).toBeLessThan(0.85);
  });
});
