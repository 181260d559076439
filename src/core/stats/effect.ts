/**
 * Effect sizes of the notebook's `calculate_comparisons`, plus Cliff's delta.
 *
 * - Cohen's d = (mean x − mean y)/s_pooled, s_pooled² = ((n1−1)s1² + (n2−1)s2²)/(n1+n2−2), sample
 *   standard deviations with ddof = 1 (Cohen 1988, "Statistical Power Analysis", eq. 2.5.2).
 * - rank-biserial r = 2·U1/(n1·n2) − 1 with U1 = scipy's U of x (Glass 1966; Kerby 2014,
 *   Comprehensive Psychology 3:11.IT.3.1), exactly the notebook's expression.
 * - Cliff's delta = (#{x_i > y_j} − #{x_i < y_j})/(n1·n2) (Cliff 1993, Psychological Bulletin
 *   114:494), counted directly by merging the sorted samples. It equals the rank-biserial r.
 */
import { pooledVariance } from './descriptive';
import { checkPair, prepareGroups, preparePair, zeroSpread, type Groups } from './groups';
import { mannWhitneyOf, type MannWhitneyResult } from './mannwhitney';
import type { SampleInput } from './sample';
import { scipyValue, type Estimate } from './result';

export type EffectSize = Estimate;

/** Pooled sample standard deviation from each sample's size and variance (ddof = 1). */
export function pooledStd(n1: number, v1: number, n2: number, v2: number): number {
  return Math.sqrt(pooledVariance(n1, v1, n2, v2));
}

export function cohenD(xInput: SampleInput, yInput: SampleInput): EffectSize {
  return cohenDOf(prepareGroups([xInput, yInput]));
}

/** `cohenD` on prepared samples (their cached means and variances). */
export function cohenDOf(pair: Groups): EffectSize {
  const few = checkPair(pair, 2, "Cohen's d", scipyValue(NaN, NaN));
  if (few) return few;
  const { x, y } = pair;
  const s = pooledStd(x.n, x.variance, y.n, y.variance);
  const diff = x.mean - y.mean;
  if (s === 0) return zeroSpread(pair, "Cohen's d", () => scipyValue(diff / s, NaN));
  return { ok: true, estimate: diff / s, warnings: [], ...pair.counts };
}

export function rankBiserial(xInput: SampleInput, yInput: SampleInput): EffectSize {
  const pair = prepareGroups([xInput, yInput]);
  return rankBiserialOf(mannWhitneyOf(pair), pair);
}

/** The rank-biserial r from the Mann–Whitney result `u` of the same samples. */
export function rankBiserialOf(u: MannWhitneyResult, pair: Groups): EffectSize {
  const nx = pair.x.n;
  const ny = pair.y.n;
  if (!u.ok) {
    const U1 = u.scipy?.kind === 'value' ? u.scipy.statistic : NaN;
    return { ...u, scipy: scipyValue((2 * U1) / (nx * ny) - 1, NaN) };
  }
  return {
    ok: true,
    estimate: (2 * u.statistic) / (nx * ny) - 1,
    warnings: [],
    n: u.n,
    nan_dropped: u.nan_dropped,
  };
}

/** #{x_i > y_j} − #{x_i < y_j}, by a merge of the sorted samples. */
export function dominance(xs: Float64Array, ys: Float64Array): number {
  let below = 0; // y values strictly below the current x
  let notAbove = 0; // y values ≤ the current x
  let total = 0;
  for (const v of xs) {
    while (below < ys.length && (ys[below] as number) < v) below++;
    while (notAbove < ys.length && (ys[notAbove] as number) <= v) notAbove++;
    total += below - (ys.length - notAbove);
  }
  return total;
}

export function cliffsDelta(xInput: SampleInput, yInput: SampleInput): EffectSize {
  const pair = preparePair(xInput, yInput, 1, "Cliff's delta");
  if (!pair.ok) return pair.result;
  const { x, y, counts } = pair;
  return {
    ok: true,
    estimate: dominance(x.sorted, y.sorted) / (x.n * y.n),
    warnings: [],
    ...counts,
  };
}
