/**
 * Hodges–Lehmann shift estimate Δ̂ = median{x_i − y_j} and its distribution-free confidence
 * interval [D_(k), D_(mn+1−k)] from the order statistics of the m·n pairwise differences, with k
 * the largest integer such that P(U ≤ k − 1) ≤ α/2 under H0 (Hodges & Lehmann 1963, Ann. Math.
 * Stat. 34:598; Bauer 1972, JASA 67:687; Hollander & Wolfe 1999, "Nonparametric Statistical
 * Methods", §4.3). The U distribution is exact (./mannwhitney.ts) when the smaller sample has
 * at most 50 observations or m·n ≤ 40000, otherwise its normal approximation (with continuity
 * correction) is used. The k-th difference is selected without forming all m·n differences, by
 * bisection on the value with an O(m+n) count per step (in the spirit of Johnson & Mizoguchi
 * 1978, SIAM J. Comput. 7:147).
 */
import { mwuExactCdfTable } from './mannwhitney';
import type { SampleInput } from './sample';
import { preparePair } from './groups';
import { ndtri } from './special';
import type { Interval } from './bootstrap';

/** #{(i, j) : x_i − y_j ≤ d}, x and y sorted ascending. */
function countAtMost(x: Float64Array, y: Float64Array, d: number): number {
  let count = 0;
  let j = y.length; // for growing x_i, the first j with x_i − y_j ≤ d moves left
  for (let i = x.length - 1; i >= 0; i--) {
    const xi = x[i] as number;
    while (j > 0 && xi - (y[j - 1] as number) <= d) j--;
    count += y.length - j;
  }
  return count;
}

/** Largest pairwise difference x_i − y_j that is ≤ d (−∞ if none). */
function largestAtMost(x: Float64Array, y: Float64Array, d: number): number {
  let best = -Infinity;
  let j = 0;
  for (let i = 0; i < x.length; i++) {
    const xi = x[i] as number;
    while (j < y.length && xi - (y[j] as number) > d) j++;
    if (j < y.length) best = Math.max(best, xi - (y[j] as number));
  }
  return best;
}

/** The k-th smallest (1-based) of the differences x_i − y_j. */
export function kthPairwiseDifference(x: Float64Array, y: Float64Array, k: number): number {
  let lo = (x[0] as number) - (y[y.length - 1] as number); // count ≥ 1
  let hi = (x[x.length - 1] as number) - (y[0] as number); // count = m·n
  if (countAtMost(x, y, lo) >= k) return lo;
  // invariant: count(lo) < k ≤ count(hi)
  for (let iter = 0; iter < 2000; iter++) {
    const mid = lo + (hi - lo) / 2;
    if (mid <= lo || mid >= hi) break;
    if (countAtMost(x, y, mid) >= k) hi = mid;
    else lo = mid;
  }
  return largestAtMost(x, y, hi);
}

function medianOfDifferences(x: Float64Array, y: Float64Array): number {
  const mn = x.length * y.length;
  if (mn % 2 === 1) return kthPairwiseDifference(x, y, (mn + 1) / 2);
  return (kthPairwiseDifference(x, y, mn / 2) + kthPairwiseDifference(x, y, mn / 2 + 1)) / 2;
}

/** Largest k ≥ 1 with P(U ≤ k − 1) ≤ α/2 (0 if even k = 1 is too wide). */
function criticalRank(m: number, n: number, alpha: number): { k: number; exact: boolean } {
  const exact = Math.min(m, n) <= 50 || m * n <= 40000;
  if (!exact) {
    const sigma = Math.sqrt((m * n * (m + n + 1)) / 12);
    return { k: Math.max(0, Math.floor((m * n) / 2 + 0.5 + ndtri(alpha / 2) * sigma)), exact };
  }
  // P(U ≤ k − 1) grows with k: one table of the CDF, then the largest k that qualifies.
  const cdf = mwuExactCdfTable(Math.floor((m * n) / 2), m, n);
  let k = 0; // P(U ≤ −1) = 0 ≤ α/2 holds for k = 0 trivially
  while (k < cdf.length && (cdf[k] as number) <= alpha / 2) k++;
  return { k, exact };
}

/** Hodges–Lehmann estimate of the shift x − y with its rank-based confidence interval. */
export function hodgesLehmann(xInput: SampleInput, yInput: SampleInput, level = 0.95): Interval {
  const pair = preparePair(xInput, yInput, 1, 'The Hodges–Lehmann estimate');
  if (!pair.ok) return pair.result;
  const { x, y, counts } = pair;
  const xs = x.sorted;
  const ys = y.sorted;
  const mn = x.n * y.n;
  const estimate = medianOfDifferences(xs, ys);
  const { k, exact } = criticalRank(x.n, y.n, 1 - level);
  const warnings =
    k < 1 ? [`The samples are too small for a ${level * 100}% interval; it is unbounded.`] : [];
  return {
    ok: true,
    estimate,
    low: k < 1 ? -Infinity : kthPairwiseDifference(xs, ys, k),
    high: k < 1 ? Infinity : kthPairwiseDifference(xs, ys, mn + 1 - k),
    level,
    method: exact ? 'hodges-lehmann-exact' : 'hodges-lehmann-normal',
    warnings,
    ...counts,
  };
}
