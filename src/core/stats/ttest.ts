/**
 * Two-sample t-tests, two-sided, as scipy 1.10 `ttest_ind(x, y)` (Student, pooled variance,
 * df = n1 + n2 − 2) and `ttest_ind(x, y, equal_var=False)` (Welch 1947, Welch–Satterthwaite df);
 * source: scipy/stats/_stats_py.py (`ttest_ind`, `_ttest_ind_from_stats`, `_var`, `_moment`).
 * p = 2·P(T > |t|) = I_{df/(df+t²)}(df/2, 1/2) (Abramowitz & Stegun 26.7.1).
 */
import type { Sample, SampleInput } from './sample';
import { prepareGroups, zeroSpread, type Groups } from './groups';
import { pooledVariance } from './moments';
import { studentTTwoSided } from './special';
import { notComputable, scipyValue, type TestResult } from './result';

export type TTestResult = TestResult<{ readonly df: number; readonly equal_var: boolean }>;

export const PRECISION_LOSS_WARNING =
  'Precision loss occurred in moment calculation due to catastrophic cancellation. This occurs when the data are nearly identical. Results may be unreliable.';

/** scipy `_moment`'s check: max|x − mean| < 10·resolution·|mean| (resolution = 1e-15). */
export function precisionLossWarnings(samples: readonly Sample[]): string[] {
  const out: string[] = [];
  for (const s of samples) {
    if (s.n < 2) continue;
    if (s.maxDeviation / Math.abs(s.mean) < 1e-14) out.push(PRECISION_LOSS_WARNING);
  }
  return out;
}

interface Moments {
  readonly m1: number;
  readonly m2: number;
  readonly v1: number;
  readonly v2: number;
}

function studentStatistic(n1: number, n2: number, mo: Moments): { t: number; df: number } {
  const pooled = pooledVariance(n1, mo.v1, n2, mo.v2);
  return { t: (mo.m1 - mo.m2) / Math.sqrt(pooled * (1 / n1 + 1 / n2)), df: n1 + n2 - 2 };
}

/** Welch–Satterthwaite degrees of freedom from a = s1²/n1 and b = s2²/n2. */
export function welchDf(a: number, b: number, n1: number, n2: number): number {
  return ((a + b) * (a + b)) / ((a * a) / (n1 - 1) + (b * b) / (n2 - 1));
}

function welchStatistic(n1: number, n2: number, mo: Moments): { t: number; df: number } {
  const a = mo.v1 / n1;
  const b = mo.v2 / n2;
  return { t: (mo.m1 - mo.m2) / Math.sqrt(a + b), df: welchDf(a, b, n1, n2) };
}

/** Student's (default) or Welch's two-sample t-test. */
export function tTest(
  xInput: SampleInput,
  yInput: SampleInput,
  options: { equalVar?: boolean } = {},
): TTestResult {
  return tTestOf(prepareGroups([xInput, yInput]), options);
}

/** `tTest` on prepared samples (their cached means and variances). */
export function tTestOf(pair: Groups, options: { equalVar?: boolean } = {}): TTestResult {
  const equalVar = options.equalVar ?? true;
  const { x, y } = pair;
  const counts = pair.counts;
  const warnings = precisionLossWarnings([x, y]);
  if (x.n < 2 || y.n < 2) {
    return notComputable(
      counts,
      'too_few_observations',
      'The t-test needs at least two observations in each sample.',
      scipyValue(NaN, NaN),
      warnings,
    );
  }
  const mo: Moments = { m1: x.mean, m2: y.mean, v1: x.variance, v2: y.variance };
  const { t, df } = equalVar ? studentStatistic(x.n, y.n, mo) : welchStatistic(x.n, y.n, mo);
  if (mo.v1 === 0 && mo.v2 === 0) {
    const scipy = (same: boolean) => scipyValue(same ? NaN : t, same ? NaN : 0);
    return zeroSpread(pair, 'the t statistic', scipy, warnings);
  }
  return {
    ok: true,
    statistic: t,
    pvalue: studentTTwoSided(t, df),
    df,
    equal_var: equalVar,
    warnings,
    ...counts,
  };
}

/** Welch's unequal-variance t-test (`ttest_ind(x, y, equal_var=False)`). */
export const welchTTest = (x: SampleInput, y: SampleInput): TTestResult =>
  tTest(x, y, { equalVar: false });
