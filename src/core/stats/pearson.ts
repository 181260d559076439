/**
 * Pearson correlation with its two-sided p-value, as scipy 1.10 `pearsonr(x, y)`
 * (scipy/stats/_stats_py.py): r from the mean-centred, normalised vectors, clipped to [−1, 1];
 * p = 2·P(B ≥ |r|) for B ~ Beta(n/2 − 1, n/2 − 1) on [−1, 1], i.e. I_{(1−|r|)/2}(n/2−1, n/2−1)·2
 * (Fisher 1915; Kendall & Stuart, "The Advanced Theory of Statistics" vol. 2, §16.24).
 *
 * Pairs are kept only when both values are present: a pair with a NaN on either side is dropped
 * (scipy 1.10 raises on NaN instead). Different lengths are not computable, as in scipy.
 */
import { meanOf } from './descriptive';
import { betainc } from './special';
import { notComputable, scipyError, scipyValue, type TestResult } from './result';

export type PearsonResult = TestResult;

type Values = ArrayLike<number>;

const hasNaN = (v: Values): boolean => {
  for (let i = 0; i < v.length; i++) if (Number.isNaN(v[i])) return true;
  return false;
};

/** The pairs with both values present (the inputs themselves when nothing is missing). */
function dropNaNPairs(x: Values, y: Values): { xs: Values; ys: Values } {
  if (!hasNaN(x) && !hasNaN(y)) return { xs: x, ys: y };
  const xs: number[] = [];
  const ys: number[] = [];
  for (let i = 0; i < x.length; i++) {
    const a = x[i] as number;
    const b = y[i] as number;
    if (!Number.isNaN(a) && !Number.isNaN(b)) {
      xs.push(a);
      ys.push(b);
    }
  }
  return { xs, ys };
}

const isConstant = (v: Values): boolean => {
  for (let i = 1; i < v.length; i++) if (v[i] !== v[0]) return false;
  return true;
};

/** r of two vectors of length ≥ 3: Σ(x−x̄)(y−ȳ)/√(Σ(x−x̄)²·Σ(y−ȳ)²), clipped to [−1, 1]. */
function correlation(xs: Values, ys: Values): number {
  const mx = meanOf(xs);
  const my = meanOf(ys);
  let sxx = 0;
  let syy = 0;
  let sxy = 0;
  for (let i = 0; i < xs.length; i++) {
    const dx = (xs[i] as number) - mx;
    const dy = (ys[i] as number) - my;
    sxx += dx * dx;
    syy += dy * dy;
    sxy += dx * dy;
  }
  return Math.max(-1, Math.min(1, sxy / (Math.sqrt(sxx) * Math.sqrt(syy))));
}

export function pearsonr(x: ArrayLike<number>, y: ArrayLike<number>): PearsonResult {
  if (x.length !== y.length) {
    return notComputable(
      { n: [x.length, y.length], nan_dropped: [0, 0] },
      'length_mismatch',
      `Pearson's r needs paired values; got ${x.length} and ${y.length}.`,
      scipyError('ValueError: x and y must have the same length.'),
    );
  }
  const { xs, ys } = dropNaNPairs(x, y);
  const n = xs.length;
  const counts = { n: [n], nan_dropped: [x.length - n] };
  if (n < 2) {
    return notComputable(
      counts,
      'too_few_observations',
      "Pearson's r needs at least two pairs.",
      scipyError('ValueError: x and y must have length at least 2.'),
    );
  }
  if (isConstant(xs) || isConstant(ys)) {
    const message = 'An input array is constant; the correlation coefficient is not defined.';
    return notComputable(counts, 'constant_input', message, scipyValue(NaN, NaN), [message]);
  }
  if (n === 2) {
    const r =
      Math.sign((xs[1] as number) - (xs[0] as number)) *
      Math.sign((ys[1] as number) - (ys[0] as number));
    return { ok: true, statistic: r, pvalue: 1, warnings: [], ...counts };
  }
  const r = correlation(xs, ys);
  const ab = n / 2 - 1;
  const tail = 0.5 * (1 - Math.abs(r));
  const pvalue = 2 * betainc(ab, ab, tail, 0.5 * (1 + Math.abs(r)));
  return { ok: true, statistic: r, pvalue: Math.min(1, pvalue), warnings: [], ...counts };
}
