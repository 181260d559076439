/**
 * Degenerate inputs (empty, one or two values, constant) give typed results that say why, and
 * carry what scipy 1.10 returns or raises; the Kolmogorov distribution used by ks_2samp's
 * asymptotic mode is checked against published values and between its independent algorithms.
 */
import { describe, expect, it } from 'vitest';
import {
  andersonKSample,
  brownForsythe,
  calculateComparisons,
  cohenD,
  fligner,
  kolmogorovSf,
  kruskal,
  ks2samp,
  mannWhitneyU,
  pearsonr,
  scipyTuple,
  shapiro,
  tTest,
  Xoshiro128,
} from '../../../src/core/stats';
import {
  kolmogorovCdfDurbin,
  kolmogorovCdfPelzGood,
  smirnovSf,
} from '../../../src/core/stats/kolmogorov';
import { probOutsideBand } from '../../../src/core/stats/ks';

describe('empty and tiny samples', () => {
  it.each([
    [
      'mannWhitneyU',
      () => mannWhitneyU([], [1, 2]),
      'ValueError: `x` and `y` must be of nonzero size.',
    ],
    ['ks2samp', () => ks2samp([1], []), 'ValueError: Data passed to ks_2samp must not be empty'],
    [
      'andersonKSample',
      () => andersonKSample([[1, 2], []]),
      'ValueError: anderson_ksamp encountered sample without observations',
    ],
    ['shapiro', () => shapiro([1, 2]), 'ValueError: Data must be at least length 3.'],
    ['pearsonr', () => pearsonr([1], [2]), 'ValueError: x and y must have length at least 2.'],
  ])('%s reports scipy’s ValueError', (_name, run, error) => {
    const r = run();
    expect(r).toMatchObject({
      ok: false,
      reason: 'too_few_observations',
      scipy: { kind: 'error', error },
    });
  });
  it.each([
    ['tTest', () => tTest([1], [2, 3])],
    ['brownForsythe', () => brownForsythe([1], [2])],
    ['fligner', () => fligner([1], [2])],
    ['kruskal', () => kruskal([], [1, 2])],
    ['cohenD', () => cohenD([1], [1, 2])],
  ])('%s is not computable where scipy returns NaN', (_name, run) => {
    const r = run();
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.reason).toBe('too_few_observations');
      expect(r.scipy?.kind).toBe('value');
    }
  });
  it('a sample of only NaN is empty, with its NaN counted', () => {
    expect(mannWhitneyU([NaN, NaN], [1])).toMatchObject({
      ok: false,
      n: [0, 1],
      nan_dropped: [2, 0],
    });
  });
  it('two values per sample still compute where scipy does', () => {
    expect(mannWhitneyU([1, 2], [3, 4])).toMatchObject({ ok: true, statistic: 0, method: 'exact' });
    expect(pearsonr([1, 2], [3, 1])).toMatchObject({ ok: true, statistic: -1, pvalue: 1 });
  });
});

describe('constant samples', () => {
  it('both samples constant but different: t is ±inf in scipy, typed here', () => {
    const r = tTest([1, 1, 1], [2, 2]);
    expect(r).toMatchObject({
      ok: false,
      reason: 'constant_input',
      scipy: { statistic: -Infinity, pvalue: 0 },
    });
  });
  it('spread tests with constant deviations give scipy’s NaN', () => {
    const r = brownForsythe([1, 3], [5, 7]);
    expect(r).toMatchObject({ ok: false, reason: 'constant_input' });
    expect(scipyTuple(r)).toEqual([NaN, NaN]);
  });
  it('calculateComparisons never throws on constant or NaN-only data', () => {
    const r = calculateComparisons(
      [0.5, 0.5, 0.5, NaN],
      [0.5, 0.5, 0.5],
      [0.1, 0.2, 0.3, 0.4],
      [0.9, 0.9, 0.9],
    );
    expect(r.raw.results.kruskal).toMatchObject({ ok: false, reason: 'all_values_identical' });
    expect(r.raw.comparisons['Kruskal-Wallis']).toBeNull();
    expect(r.raw.comparisons['Anderson-Darling']).toBeNull();
    expect(r.raw.comparisons['p-value (MWU)']).toBe(1);
    expect(r.raw.results.pearsonX.nan_dropped).toEqual([1]);
  });
});

describe('Kolmogorov distribution (ks_2samp asymptotic mode)', () => {
  it('Durbin matrix reproduces Marsaglia, Tsang & Wang (2003): K(10, 0.274) = 0.6284796154565043', () => {
    expect(kolmogorovCdfDurbin(10, 0.274)).toBeCloseTo(0.6284796154565043, 13);
  });
  it('Pelz–Good agrees with the exact Durbin matrix at n = 1000', () => {
    for (const x of [0.02, 0.03, 0.04]) {
      expect(Math.abs(kolmogorovCdfPelzGood(1000, x) - kolmogorovCdfDurbin(1000, x))).toBeLessThan(
        1e-6,
      );
    }
  });
  it('2·smirnov agrees with the exact distribution in its region', () => {
    const n = 200;
    const x = 0.11; // n·x² = 2.42
    expect(Math.abs(2 * smirnovSf(n, x) - (1 - kolmogorovCdfDurbin(n, x)))).toBeLessThan(1e-8);
  });
  it('ks_2samp beyond n = 10000 switches to the asymptotic p, close to the exact lattice count', () => {
    const rng = new Xoshiro128(3);
    const x = Array.from({ length: 10001 }, () => rng.next());
    const y = Array.from({ length: 10500 }, () => rng.next() * 1.02);
    const r = ks2samp(x, y);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.method).toBe('asymp');
    const lcm = 10001 * 10500;
    const exact = probOutsideBand(10001, 10500, Math.round(r.statistic * lcm));
    expect(Math.abs(r.pvalue - exact)).toBeLessThan(0.05 * exact + 1e-6);
  });
  it('handles the closed-form ends', () => {
    expect(kolmogorovSf(0.01, 20)).toBe(1);
    expect(kolmogorovSf(1, 20)).toBe(0);
    expect(kolmogorovSf(0.99, 20)).toBeCloseTo(2 * 0.01 ** 20, 30);
  });
});
