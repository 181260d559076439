/**
 * Mann–Whitney U test, two-sided, as scipy 1.10 `mannwhitneyu(x, y)` with its defaults
 * (`use_continuity=True`, `method='auto'`); source: scipy/stats/_mannwhitneyu.py.
 *
 * - U1 = R1 − n1(n1+1)/2 from average ranks; the reported statistic is U1 (the U of x).
 * - 'auto' (`_mwu_choose_method`): asymptotic if n1 > 8 and n2 > 8, or if there are ties;
 *   exact otherwise.
 * - exact: p = min(1, 2·P(U ≥ max(U1, U2))) under H0. The null distribution counts partitions of u
 *   into at most m parts none larger than n, i.e. the Gaussian binomial coefficient
 *   [m+n choose m]_q = Π_{i=1..m} (1 − q^{n+i}) / (1 − q^i) (Mann & Whitney 1947; Andrews,
 *   "The Theory of Partitions", 1976, Thm 3.1). Only the lower tail up to min(U1, U2) is needed,
 *   by the symmetry of the distribution.
 * - asymptotic: z = (max(U1,U2) − n1n2/2 − 0.5)/σ, σ² = n1n2/12·((N+1) − Σ(t³−t)/(N(N−1))),
 *   p = min(1, 2·Φ̄(z)).
 */
import type { SampleInput } from './sample';
import { checkPair, prepareGroups, type Groups, type IfIdentical } from './groups';
import { normalSf } from './special';
import { scipyError, scipyValue, type TestResult } from './result';

export type MannWhitneyResult = TestResult<{
  /** U of y: n1·n2 − U1. */
  readonly U2: number;
  readonly method: 'exact' | 'asymptotic';
}>;

/** P(U ≤ k) for the null distribution of U with sample sizes m, n (no ties). */
/**
 * P(U ≤ u) for u = 0 … kMax under H0, no ties, in one pass: the same generating-function count
 * as `mwuExactCdf`, accumulated. Lets a caller search many u without recounting each time.
 */
export function mwuExactCdfTable(kMax: number, m: number, n: number): Float64Array {
  const small = Math.min(m, n);
  const large = Math.max(m, n);
  const k = Math.max(0, Math.min(kMax, small * large));
  const c = new Float64Array(k + 1);
  c[0] = 1;
  // 1 / (1 − q^i): partitions into parts of size ≤ small.
  for (let i = 1; i <= small; i++) {
    for (let u = i; u <= k; u++) c[u] = (c[u] as number) + (c[u - i] as number);
  }
  // (1 − q^{large+i}): removes partitions with a part larger than `large`.
  for (let i = 1; i <= small; i++) {
    const s = large + i;
    for (let u = k; u >= s; u--) c[u] = (c[u] as number) - (c[u - s] as number);
  }
  // divide by binom(m+n, m) term by term to stay in range
  let scale = 1;
  for (let i = 1; i <= small; i++) scale = (scale * i) / (large + i);
  let count = 0;
  for (let u = 0; u <= k; u++) {
    count += c[u] as number;
    c[u] = Math.min(1, count * scale);
  }
  return c;
}

export function mwuExactCdf(k: number, m: number, n: number): number {
  if (k < 0) return 0;
  if (k >= m * n) return 1;
  return mwuExactCdfTable(k, m, n)[k] as number;
}

const EMPTY = scipyError('ValueError: `x` and `y` must be of nonzero size.');
const IDENTICAL: IfIdentical = {
  message: 'Every observation has the same value; the ranks carry no information.',
  scipy: (n1, n2) => scipyValue((n1 * n2) / 2, 1),
};

export function mannWhitneyU(xInput: SampleInput, yInput: SampleInput): MannWhitneyResult {
  return mannWhitneyOf(prepareGroups([xInput, yInput]));
}

/** `mannWhitneyU` on prepared samples (their pooled ranks are shared with other tests). */
export function mannWhitneyOf(pair: Groups): MannWhitneyResult {
  const notComputable = checkPair(pair, 1, 'Mann–Whitney U', EMPTY, IDENTICAL);
  if (notComputable) return notComputable;
  const n1 = pair.x.n;
  const n2 = pair.y.n;
  const ranks = pair.ranks;
  const N = n1 + n2;
  const U1 = (ranks.rankSums[0] as number) - (n1 * (n1 + 1)) / 2;
  const U2 = n1 * n2 - U1;
  const hasTies = ranks.distinct < N;
  const method = (n1 > 8 && n2 > 8) || hasTies ? 'asymptotic' : 'exact';
  let pvalue: number;
  if (method === 'exact') {
    pvalue = 2 * mwuExactCdf(Math.min(U1, U2), n1, n2);
  } else {
    const sigma = Math.sqrt(((n1 * n2) / 12) * (N + 1 - ranks.tieTerm / (N * (N - 1))));
    const z = (Math.max(U1, U2) - (n1 * n2) / 2 - 0.5) / sigma;
    pvalue = 2 * normalSf(z);
  }
  return {
    ok: true,
    statistic: U1,
    pvalue: Math.min(1, Math.max(0, pvalue)),
    U2,
    method,
    warnings: [],
    ...pair.counts,
  };
}
