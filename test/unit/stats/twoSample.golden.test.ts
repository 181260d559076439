/**
 * Every two-sample scipy call of the notebook against scipy 1.10.1 on the 17 golden pairs:
 * statistic to 1e-9, p to 1e-6, extras, warnings, and scipy's errors/NaN as typed results.
 */
import { describe, expect, it } from 'vitest';
import {
  andersonKSample,
  brownForsythe,
  fligner,
  kruskal,
  ks2samp,
  mannWhitneyU,
  tTest,
  type TestResult,
} from '../../../src/core/stats';
import { expectP, expectStat, loadGolden, type GoldenCase } from './golden';

type Runner = (x: number[], y: number[]) => TestResult;

const RUNNERS: Record<string, Runner> = {
  'mannwhitneyu.json': (x, y) => mannWhitneyU(x, y),
  'ttest_ind.json': (x, y) => tTest(x, y),
  'levene_median.json': (x, y) => brownForsythe(x, y),
  'fligner_median.json': (x, y) => fligner(x, y),
  'ks_2samp.json': (x, y) => ks2samp(x, y),
  'anderson_ksamp.json': (x, y) => andersonKSample([x, y]),
  'kruskal.json': (x, y) => kruskal(x, y),
};

/** Fields a computed result must reproduce besides statistic and p. */
function expectExtras(file: string, r: TestResult, c: GoldenCase): void {
  const rec = r as unknown as Record<string, unknown>;
  if (file === 'mannwhitneyu.json') {
    expect(rec.method).toBe(c.method_used);
    expectStat(rec.U2 as number, c.U2);
  }
  if (file === 'ks_2samp.json') {
    expect(rec.statistic_location).toBe(c.statistic_location);
    expect(rec.statistic_sign).toBe(c.statistic_sign);
    expect(rec.method).toBe(c.method_used);
  }
  if (file === 'anderson_ksamp.json') {
    (c.critical_values as number[]).forEach((v, i) =>
      expectStat((rec.critical_values as number[])[i] as number, v),
    );
    expect(rec.significance_levels).toEqual(c.significance_levels);
    expectP(rec.significance_level as number, c.significance_level);
  }
  if (c.df !== undefined) expect(rec.df).toEqual(c.df);
}

function expectMatchesScipy(file: string, r: TestResult, c: GoldenCase): void {
  if (c.error !== undefined) {
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.scipy).toEqual({ kind: 'error', error: c.error });
    return;
  }
  if (Number.isNaN(c.statistic) || Number.isNaN(c.pvalue)) {
    expect(r.ok).toBe(false);
    if (!r.ok && r.scipy?.kind === 'value') {
      expectStat(r.scipy.statistic, c.statistic);
      expectP(r.scipy.pvalue, c.pvalue);
    }
    expect(r.warnings).toEqual(c.warnings);
    return;
  }
  if (!r.ok) {
    // scipy computes a value, but the input is degenerate (all observations equal): the typed
    // result says so and carries scipy's value.
    expect(r.reason).toBe('all_values_identical');
    expect(r.scipy).toEqual({ kind: 'value', statistic: c.statistic, pvalue: c.pvalue });
    return;
  }
  expectStat(r.statistic, c.statistic);
  expectP(r.pvalue, c.pvalue);
  expectExtras(file, r, c);
  expect(r.warnings).toEqual(c.warnings);
  expect(r.n).toEqual([c.n_x, c.n_y]);
}

for (const [file, run] of Object.entries(RUNNERS)) {
  describe(file, () => {
    const cases = loadGolden(file);
    it('has the 17 notebook pairs', () => expect(cases).toHaveLength(17));
    for (const c of cases) {
      it(c.id as string, () => expectMatchesScipy(file, run(c.x, c.y), c));
      if (c.x_raw !== undefined) {
        it(`${c.id}: NaN dropped first, and counted`, () => {
          const raw = run(c.x_raw, c.y_raw);
          expect(raw.nan_dropped).toEqual([
            c.x_raw.length - c.x.length,
            c.y_raw.length - c.y.length,
          ]);
          expectMatchesScipy(file, raw, c);
        });
      }
    }
  });
}
