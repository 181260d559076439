/**
 * What scipy does not give: intervals, Cliff's delta, multiplicity corrections, power. Expected
 * values come from published tables, hand computation, or independent brute-force oracles
 * written here (never from the code under test).
 */
import { describe, expect, it } from 'vitest';
import {
  benjaminiHochberg,
  bootstrapInterval,
  cliffsDelta,
  hodgesLehmann,
  holm,
  meanDifference,
  meanDifferenceInterval,
  medianDifferenceInterval,
  cohenDInterval,
  cliffsDeltaInterval,
  minimumDetectableEffect,
  mwuExactCdf,
  power,
  rankBiserial,
  studentTQuantileTwoSided,
  tTest,
  welchMeanDifferenceInterval,
  Xoshiro128,
} from '../../../src/core/stats';

/** All C(m+n, m) rank subsets: the exact null distribution of U by enumeration. */
function bruteForceUCdf(k: number, m: number, n: number): number {
  let hit = 0;
  let total = 0;
  const N = m + n;
  for (let mask = 0; mask < 1 << N; mask++) {
    let bits = 0;
    let rankSum = 0;
    for (let i = 0; i < N; i++) {
      if (mask & (1 << i)) {
        bits++;
        rankSum += i + 1;
      }
    }
    if (bits !== m) continue;
    total++;
    if (rankSum - (m * (m + 1)) / 2 <= k) hit++;
  }
  return hit / total;
}

function normalSample(rng: Xoshiro128, n: number, mu: number, sd: number): number[] {
  const out: number[] = [];
  for (let i = 0; i < n; i++) {
    // Box–Muller
    const u = 1 - rng.next();
    const v = rng.next();
    out.push(mu + sd * Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v));
  }
  return out;
}

describe('exact Mann–Whitney distribution', () => {
  it.each([
    [3, 4],
    [5, 5],
    [2, 9],
    [6, 7],
  ])('matches enumeration for m=%i, n=%i', (m, n) => {
    for (let k = -1; k <= m * n; k++)
      expect(mwuExactCdf(k, m, n)).toBeCloseTo(bruteForceUCdf(k, m, n), 14);
  });
});

describe("Cliff's delta", () => {
  it('counts dominance by hand', () => {
    // pairs: 3>1, 3>2, 3=3 → (2 − 0)/3; 1<2, 1<3 ... x=[3,1], y=[1,2,3]
    // x=3: >1, >2, =3 → +2; x=1: =1, <2, <3 → −2; delta = 0/6
    expect(cliffsDelta([3, 1], [1, 2, 3])).toMatchObject({ ok: true, estimate: 0 });
    expect(cliffsDelta([4, 5], [1, 2, 3])).toMatchObject({ ok: true, estimate: 1 });
    expect(cliffsDelta([0, 5], [1, 2, 3])).toMatchObject({ ok: true, estimate: 0 });
  });
  it('equals the rank-biserial correlation 2U/(mn) − 1', () => {
    const x = [0.1, 0.5, 0.5, 0.9, 0.3, 0.7];
    const y = [0.2, 0.5, 0.8, 0.4, 0.4];
    const c = cliffsDelta(x, y);
    const r = rankBiserial(x, y);
    expect(c.ok && r.ok).toBe(true);
    if (c.ok && r.ok) expect(c.estimate).toBeCloseTo(r.estimate, 15);
  });
  it('is not computable on an empty sample', () => {
    expect(cliffsDelta([], [1])).toMatchObject({ ok: false, reason: 'too_few_observations' });
  });
});

describe('Holm and Benjamini–Hochberg', () => {
  const p = [0.01, 0.04, 0.03, 0.005];
  it('Holm step-down, computed by hand', () => {
    holm(p).forEach((v, i) => expect(v).toBeCloseTo([0.03, 0.06, 0.06, 0.02][i] as number, 15));
  });
  it('Benjamini–Hochberg step-up, computed by hand', () => {
    benjaminiHochberg(p).forEach((v, i) =>
      expect(v).toBeCloseTo([0.02, 0.04, 0.04, 0.02][i] as number, 15),
    );
  });
  it('keeps NaN out of the family and caps at 1', () => {
    expect(holm([0.5, NaN, 0.6])).toEqual([1, NaN, 1]);
    expect(benjaminiHochberg([NaN, 0.02])).toEqual([NaN, 0.02]);
  });
});

describe('power and minimum detectable effect', () => {
  it('matches the noncentral-t power of Cohen (1988) Table 2.3.5 within 0.01', () => {
    // d = 0.5, n = 64 per group, two-sided α = .05: power .80 (G*Power exact: 0.8015)
    expect(power(0.5, 64, 64)).toBeGreaterThan(0.79);
    expect(power(0.5, 64, 64)).toBeLessThan(0.81);
    // d = 0.8, n = 26 per group: .81 (Cohen Table 2.4.1 gives n = 26 for power .80)
    expect(Math.abs(power(0.8, 26, 26) - 0.807)).toBeLessThan(0.01);
  });
  it('MDE inverts power', () => {
    const d = minimumDetectableEffect(64, 64);
    expect(d).toBeGreaterThan(0.49);
    expect(d).toBeLessThan(0.51);
    expect(minimumDetectableEffect(64, 64, 0.8, { test: 'mannwhitney' })).toBeGreaterThan(d);
  });
  it('power at d = 0 is about α (the normal approximation gives 2·Φ(−t_crit))', () => {
    expect(Math.abs(power(0, 30, 40) - 0.05)).toBeLessThan(0.005);
  });
});

describe('Student t quantile', () => {
  it('reproduces printed table values', () => {
    expect(studentTQuantileTwoSided(0.05, 10)).toBeCloseTo(2.228138851986274, 10);
    expect(studentTQuantileTwoSided(0.01, 5)).toBeCloseTo(4.032142983557536, 10);
  });
});

describe('Welch interval', () => {
  it('is dual to the Welch test: shifting y to an endpoint gives p = 1 − level', () => {
    const x = [4.1, 5.2, 6.3, 5.5, 4.9, 6.1];
    const y = [3.1, 2.2, 4.8, 3.9, 2.5];
    const ci = welchMeanDifferenceInterval(x, y, 0.9);
    expect(ci.ok).toBe(true);
    if (!ci.ok) return;
    const shifted = tTest(
      x,
      y.map(v => v + ci.high),
      { equalVar: false },
    );
    expect(shifted.ok && shifted.pvalue).toBeCloseTo(0.1, 8);
  });
});

describe('Hodges–Lehmann', () => {
  function bruteForce(x: number[], y: number[], level: number): [number, number, number] {
    const d = x.flatMap(a => y.map(b => a - b)).sort((a, b) => a - b);
    const mn = d.length;
    const est =
      mn % 2
        ? (d[(mn - 1) / 2] as number)
        : ((d[mn / 2 - 1] as number) + (d[mn / 2] as number)) / 2;
    let k = 0;
    while (bruteForceUCdf(k, x.length, y.length) <= (1 - level) / 2) k++;
    return [est, d[k - 1] as number, d[mn - k] as number];
  }
  it('matches sorting all differences with the enumerated U distribution', () => {
    const x = [1.83, 0.5, 1.62, 2.48, 1.68, 1.88, 1.55, 3.06, 1.3];
    const y = [0.878, 0.647, 0.598, 2.05, 1.06, 1.29, 1.06, 3.14, 1.29];
    const hl = hodgesLehmann(x.slice(0, 7), y.slice(0, 6), 0.95);
    const [est, lo, hi] = bruteForce(x.slice(0, 7), y.slice(0, 6), 0.95);
    expect(hl).toMatchObject({
      ok: true,
      estimate: est,
      low: lo,
      high: hi,
      method: 'hodges-lehmann-exact',
    });
  });
  it('selects order statistics of large samples without forming m·n differences', () => {
    const rng = new Xoshiro128(7);
    const x = normalSample(rng, 400, 1, 1);
    const y = normalSample(rng, 300, 0, 1);
    const hl = hodgesLehmann(x, y);
    const d = x.flatMap(a => y.map(b => a - b)).sort((a, b) => a - b);
    expect(hl.ok).toBe(true);
    if (!hl.ok) return;
    expect(hl.estimate).toBe(((d[59999] as number) + (d[60000] as number)) / 2);
    expect(hl.method).toBe('hodges-lehmann-normal');
    expect(d).toContain(hl.low);
    expect(d).toContain(hl.high);
    expect(hl.low).toBeLessThan(hl.estimate);
  });
  it('says when the samples are too small for the level', () => {
    const hl = hodgesLehmann([1, 2], [0], 0.95);
    expect(hl).toMatchObject({ ok: true, low: -Infinity, high: Infinity });
    if (hl.ok) expect(hl.warnings).toHaveLength(1);
  });
});

describe('bootstrap intervals', () => {
  const rng = new Xoshiro128(11);
  const x = normalSample(rng, 60, 10, 2);
  const y = normalSample(rng, 50, 9, 2);
  it('are reproducible for a seed and change with it', () => {
    const a = meanDifferenceInterval(x, y, { seed: 1, resamples: 500 });
    const b = meanDifferenceInterval(x, y, { seed: 1, resamples: 500 });
    const c = meanDifferenceInterval(x, y, { seed: 2, resamples: 500 });
    expect(a).toEqual(b);
    expect(a).not.toEqual(c);
  });
  it('BCa and percentile intervals of the mean difference are close to the Welch interval', () => {
    const welch = welchMeanDifferenceInterval(x, y);
    for (const method of ['bca', 'percentile'] as const) {
      const boot = meanDifferenceInterval(x, y, { method, resamples: 2000 });
      expect(boot.ok && welch.ok).toBe(true);
      if (!boot.ok || !welch.ok) return;
      const width = welch.high - welch.low;
      expect(Math.abs(boot.low - welch.low)).toBeLessThan(0.15 * width);
      expect(Math.abs(boot.high - welch.high)).toBeLessThan(0.15 * width);
      expect(boot.estimate).toBeCloseTo(
        meanDifference(new Float64Array(x), new Float64Array(y)),
        12,
      );
    }
  });
  it('cover median difference, Cohen d and Cliff delta estimates', () => {
    for (const f of [medianDifferenceInterval, cohenDInterval, cliffsDeltaInterval]) {
      const ci = f(x, y, { resamples: 400 });
      expect(ci.ok).toBe(true);
      if (ci.ok) {
        expect(ci.low).toBeLessThanOrEqual(ci.estimate);
        expect(ci.high).toBeGreaterThanOrEqual(ci.estimate);
      }
    }
  });
  it('report degenerate and tiny inputs as not computable', () => {
    expect(bootstrapInterval([1, 1, 1], [1, 1], meanDifference)).toMatchObject({
      ok: false,
      reason: 'all_values_identical',
    });
    expect(bootstrapInterval([1], [1, 2], meanDifference)).toMatchObject({
      ok: false,
      reason: 'too_few_observations',
    });
  });
});
