/**
 * fast-check properties of every test: p in [0, 1], symmetry of the two-sided tests under
 * swapping x and y, invariance to order and to shifting both samples, intervals containing
 * their estimate. Integer-valued data keep ties exact under shifts.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  andersonKSample,
  brownForsythe,
  fligner,
  hodgesLehmann,
  kruskal,
  ks2samp,
  mannWhitneyU,
  meanDifferenceInterval,
  shapiro,
  tTest,
  welchMeanDifferenceInterval,
  welchTTest,
  type TestResult,
} from '../../../src/core/stats';
import { sortedAbsoluteDeviations } from '../../../src/core/stats/spread';

const sample = (min = 1, max = 30) =>
  fc.array(fc.integer({ min: -50, max: 50 }), { minLength: min, maxLength: max });

const TWO_SAMPLE: Record<string, (x: number[], y: number[]) => TestResult> = {
  mannWhitneyU: (x, y) => mannWhitneyU(x, y),
  tTest: (x, y) => tTest(x, y),
  welchTTest: (x, y) => welchTTest(x, y),
  brownForsythe: (x, y) => brownForsythe(x, y),
  fligner: (x, y) => fligner(x, y),
  ks2samp: (x, y) => ks2samp(x, y),
  andersonKSample: (x, y) => andersonKSample([x, y]),
  kruskal: (x, y) => kruskal(x, y),
};

/** Statistics that change sign (t) or are U of x (MWU) under a swap; the others are symmetric. */
function swappedStatistic(
  name: string,
  r: TestResult & { ok: true },
  x: number[],
  y: number[],
): number {
  if (name === 'mannWhitneyU') return x.length * y.length - r.statistic;
  if (name === 'tTest' || name === 'welchTTest') return -r.statistic;
  return r.statistic;
}

const close = (a: number, b: number, tol = 1e-9): boolean =>
  Math.abs(a - b) <= tol * Math.max(1, Math.abs(a), Math.abs(b));

const shuffle = (a: number[], seed: number): number[] => {
  const out = a.slice();
  let s = seed >>> 0;
  for (let i = out.length - 1; i > 0; i--) {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    const j = s % (i + 1);
    [out[i], out[j]] = [out[j] as number, out[i] as number];
  }
  return out;
};

describe.each(Object.entries(TWO_SAMPLE))('%s', (name, run) => {
  it('p is in [0, 1] or the result is typed not computable', () => {
    fc.assert(
      fc.property(sample(0), sample(0), (x, y) => {
        const r = run(x, y);
        if (r.ok) return r.pvalue >= 0 && r.pvalue <= 1 && !Number.isNaN(r.statistic);
        return typeof r.reason === 'string' && r.message.length > 0;
      }),
      { numRuns: 150 },
    );
  });
  it('is symmetric under swapping x and y', () => {
    fc.assert(
      fc.property(sample(2), sample(2), (x, y) => {
        const a = run(x, y);
        const b = run(y, x);
        if (!a.ok || !b.ok) return a.ok === b.ok;
        return (
          close(a.pvalue, b.pvalue, 1e-9) &&
          close(swappedStatistic(name, a, x, y), b.statistic, 1e-9)
        );
      }),
      { numRuns: 150 },
    );
  });
  it('is invariant to the order of the observations and to shifting both samples', () => {
    fc.assert(
      fc.property(
        sample(2),
        sample(2),
        fc.integer({ min: -1000, max: 1000 }),
        fc.nat(),
        (x, y, c, seed) => {
          const a = run(x, y);
          const b = run(shuffle(x, seed), shuffle(y, seed + 1));
          const s = run(
            x.map(v => v + c),
            y.map(v => v + c),
          );
          if (!a.ok) return !b.ok && !s.ok;
          if (!b.ok || !s.ok) return false;
          return (
            close(a.statistic, b.statistic) &&
            close(a.pvalue, b.pvalue) &&
            close(a.statistic, s.statistic, 1e-7) &&
            close(a.pvalue, s.pvalue, 1e-6)
          );
        },
      ),
      { numRuns: 150 },
    );
  });
});

describe('shapiro', () => {
  it('W in (0, 1], p in [0, 1], invariant to order, shift and positive scale', () => {
    fc.assert(
      fc.property(
        sample(0, 60),
        fc.integer({ min: -100, max: 100 }),
        fc.integer({ min: 1, max: 50 }),
        (x, c, k) => {
          const a = shapiro(x);
          if (!a.ok) return x.length < 3 || x.every(v => v === x[0]);
          const b = shapiro(x.map(v => v * k + c).reverse());
          return (
            b.ok &&
            a.statistic > 0 &&
            a.statistic <= 1 + 1e-12 &&
            a.pvalue >= 0 &&
            a.pvalue <= 1 &&
            close(a.statistic, b.statistic, 1e-9)
          );
        },
      ),
      { numRuns: 200 },
    );
  });
});

describe('intervals contain their point estimate', () => {
  it('Hodges–Lehmann and Welch', () => {
    fc.assert(
      fc.property(sample(2), sample(2), (x, y) => {
        const hl = hodgesLehmann(x, y, 0.9);
        const w = welchMeanDifferenceInterval(x, y);
        const inside = (r: typeof hl) => !r.ok || (r.low <= r.estimate && r.estimate <= r.high);
        return inside(hl) && inside(w);
      }),
      { numRuns: 200 },
    );
  });
  it('bootstrap (percentile and BCa) of the mean difference', () => {
    fc.assert(
      fc.property(
        sample(8, 25),
        sample(8, 25),
        fc.constantFrom('bca' as const, 'percentile' as const),
        (x, y, method) => {
          const r = meanDifferenceInterval(x, y, { resamples: 300, method });
          return !r.ok || (r.low <= r.estimate && r.estimate <= r.high);
        },
      ),
      { numRuns: 40 },
    );
  });
});

describe('NaN handling', () => {
  it('drops NaN anywhere and counts it, giving the NaN-free result', () => {
    fc.assert(
      fc.property(sample(3), sample(3), fc.nat({ max: 3 }), (x, y, k) => {
        const xn = [...x, ...Array<number>(k).fill(NaN)];
        const a = mannWhitneyU(x, y);
        const b = mannWhitneyU(shuffle(xn, 3), y);
        expect(b.nan_dropped).toEqual([k, 0]);
        return (
          a.ok === b.ok && (!a.ok || (b.ok && a.statistic === b.statistic && a.pvalue === b.pvalue))
        );
      }),
      { numRuns: 100 },
    );
  });
});

describe('sorted absolute deviations from the median', () => {
  it('equal sorting |x − median| directly', () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: -1e6, max: 1e6, noNaN: true }), { minLength: 1, maxLength: 40 }),
        x => {
          const sorted = Float64Array.from(x).sort();
          const n = sorted.length;
          const h = n >> 1;
          const med =
            n % 2 ? (sorted[h] as number) : ((sorted[h - 1] as number) + (sorted[h] as number)) / 2;
          const expected = Float64Array.from(x, v => Math.abs(v - med)).sort();
          expect(Array.from(sortedAbsoluteDeviations(sorted))).toEqual(Array.from(expected));
        },
      ),
      { numRuns: 200 },
    );
  });
});
