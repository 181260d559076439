/**
 * calculateComparisons shares one preparation of each pair between its tests (sorted samples,
 * cached moments, one pooled tie table, cached Fligner scores and Shapiro coefficients, the clean
 * samples cut from the sorted raw ones, raw results kept for unchanged series). These properties
 * check that the sharing is invisible: every cell equals what the public single-test functions
 * give on the same raw or cleaned series, exactly.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  andersonKSample,
  brownForsythe,
  calculateComparisons,
  cohenD,
  fligner,
  iqrOutliers,
  kruskal,
  ks2samp,
  mannWhitneyU,
  pearsonr,
  rankBiserial,
  Sample,
  shapiro,
  tTest,
  type PairResults,
} from '../../../src/core/stats';
import { SizeCache } from '../../../src/core/stats/cache';
import { tieTable } from '../../../src/core/stats/ranks';

/** Small integers (many ties), a few far values (outliers) and some NaN. */
const value = fc.oneof(
  { weight: 8, arbitrary: fc.integer({ min: 0, max: 12 }) },
  { weight: 1, arbitrary: fc.integer({ min: -400, max: 400 }) },
  { weight: 1, arbitrary: fc.constant(NaN) },
);
const series = fc.array(value, { minLength: 0, maxLength: 40 });

function unshared(
  x: number[],
  y: number[],
  cpuX: number[],
  cpuY: number[],
): Record<keyof PairResults, unknown> {
  return {
    mannWhitney: mannWhitneyU(x, y),
    tTest: tTest(x, y),
    cohenD: cohenD(x, y),
    rankBiserial: rankBiserial(x, y),
    shapiroX: shapiro(x),
    shapiroY: shapiro(y),
    brownForsythe: brownForsythe(x, y),
    fligner: fligner(x, y),
    ks: ks2samp(x, y),
    anderson: andersonKSample([x, y]),
    kruskal: kruskal(x, y),
    pearsonX: pearsonr(cpuX, x),
    pearsonY: pearsonr(cpuY, y),
  };
}

/** CPU values of the rows whose metric value survives the IQR rule (the default pairing). */
function survivors(cpu: number[], metric: number[]): number[] {
  const o = iqrOutliers(metric);
  const removed = new Set(o.outliers);
  return cpu.filter((_, i) => !removed.has(metric[i] as number));
}

describe('calculateComparisons shares its preparation invisibly', () => {
  it('raw and clean results equal the single-test functions on the same series', () => {
    fc.assert(
      fc.property(series, series, (x, y) => {
        const cpuX = x.map((_, i) => (i * 7) % 5);
        const cpuY = y.map((_, i) => (i * 3) % 4);
        const r = calculateComparisons(x, y, cpuX, cpuY);
        expect(r.raw.results).toEqual(unshared(x, y, cpuX, cpuY));
        const cx = r.outliersX.cleaned;
        const cy = r.outliersY.cleaned;
        expect(r.clean.results).toEqual(unshared(cx, cy, survivors(cpuX, x), survivors(cpuY, y)));
      }),
      { numRuns: 300 },
    );
  });

  it('the clean pass is the raw pass when the IQR rule removes nothing', () => {
    const x = [1, 2, 3, 4, 5, 6];
    const y = [2, 3, 3, 4, 5, 7];
    const r = calculateComparisons(x, y, x, y);
    expect(r.outliersX.outliers).toEqual([]);
    expect(r.outliersY.outliers).toEqual([]);
    expect(r.clean).toBe(r.raw);
  });

  it('Sample.within equals the sample of the cleaned series, sorted slice included', () => {
    fc.assert(
      fc.property(series, x => {
        const o = iqrOutliers(x);
        const cut = Sample.of(x).within(o.lower_bound, o.upper_bound);
        const direct = Sample.of(o.cleaned);
        expect(Array.from(cut.values)).toEqual(Array.from(direct.values));
        expect(Array.from(cut.sorted)).toEqual(Array.from(direct.sorted));
        expect(cut.nanDropped).toBe(direct.nanDropped);
      }),
      { numRuns: 300 },
    );
  });
});

describe('Sample.within', () => {
  it('keeps exactly the values in [lower, upper], sorted slice included, for any bounds', () => {
    const bound = fc.oneof(fc.integer({ min: -15, max: 15 }), fc.constant(NaN));
    fc.assert(
      fc.property(series, bound, bound, (x, lower, upper) => {
        const cut = Sample.of(x).within(lower, upper);
        const kept = x.filter(v => !Number.isNaN(v) && !(v < lower || v > upper));
        expect(Array.from(cut.values)).toEqual(kept);
        expect(Array.from(cut.sorted)).toEqual(kept.slice().sort((a, b) => a - b));
      }),
      { numRuns: 300 },
    );
  });
});

describe('pooled tie table', () => {
  it('the two-sample merge equals the k-way merge (an empty third group changes nothing)', () => {
    const sorted = fc
      .array(fc.integer({ min: -5, max: 5 }), { maxLength: 25 })
      .map(a => Float64Array.from(a).sort());
    fc.assert(
      fc.property(sorted, sorted, (a, b) => {
        const two = tieTable([a, b]);
        const three = tieTable([a, b, new Float64Array(0)]);
        expect(two.distinct).toBe(three.distinct);
        for (let j = 0; j < two.distinct; j++) {
          expect(two.totals[j]).toBe(three.totals[j]);
          expect(two.counts[2 * j]).toBe(three.counts[3 * j]);
          expect(two.counts[2 * j + 1]).toBe(three.counts[3 * j + 1]);
        }
      }),
      { numRuns: 300 },
    );
  });
});

describe('SizeCache', () => {
  it('builds each size once, keeps the last few, and never keeps sizes above its limit', () => {
    const built: number[] = [];
    const cache = new SizeCache(
      n => {
        built.push(n);
        return [n];
      },
      2,
      10,
    );
    const first = cache.get(3);
    expect(cache.get(3)).toBe(first);
    cache.get(4);
    cache.get(5); // evicts 3
    cache.get(3);
    cache.get(11);
    cache.get(11);
    expect(built).toEqual([3, 4, 5, 3, 11, 11]);
  });
});
