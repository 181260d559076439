/**
 * Two-sample Kolmogorov–Smirnov test, two-sided, as scipy 1.10 `ks_2samp(x, y)` with
 * `method='auto'` (scipy/stats/_stats_py.py: `ks_2samp`, `_attempt_exact_2kssamp`,
 * `_compute_prob_outside_square`, `_compute_outer_prob_inside_method`).
 *
 * - D = max |F1 − F2| over the pooled points (searchsorted 'right'); `statistic_location` and
 *   `statistic_sign` are chosen as scipy does (first argmax/argmin in the order sorted x, sorted y).
 * - 'auto': exact if max(n1, n2) ≤ 10000, else asymptotic.
 * - exact: h = round(D·lcm(n1,n2)), D = h/lcm; n1 = n2 uses scipy's Horner-like alternating sum
 *   for P(D ≥ h/n); otherwise the probability that a uniformly random lattice path from (0,0) to
 *   (m,n) leaves the band |i·n/g − j·m/g| < h (Hodges 1958, Ark. Mat. 3:469), computed here with
 *   step probabilities instead of scaled path counts.
 * - asymptotic: p = kstwo.sf(D, round(n1·n2/(n1+n2))) (see ./kolmogorov.ts).
 */
import type { SampleInput } from './sample';
import { checkPair, prepareGroups, type Groups, type IfIdentical } from './groups';
import { kolmogorovSf } from './kolmogorov';
import { tieTable, type TieTable } from './ranks';
import { scipyError, scipyValue, type TestResult } from './result';

export type KsResult = TestResult<{
  readonly statistic_location: number;
  readonly statistic_sign: 1 | -1;
  readonly method: 'exact' | 'asymp';
}>;

/** scipy's MAX_AUTO_N: above this sample size 'auto' uses the asymptotic distribution. */
const MAX_AUTO_N = 10000;

interface Extremum {
  d: number;
  location: number;
  sign: 1 | -1;
}

/** Running argmax and argmin of F1 − F2 over the points of one sample, in ascending order. */
class Extremes {
  max = -Infinity;
  maxAt = NaN;
  min = Infinity;
  minAt = NaN;

  see(diff: number, at: number): void {
    if (diff > this.max) {
      this.max = diff;
      this.maxAt = at;
    }
    if (diff < this.min) {
      this.min = diff;
      this.minAt = at;
    }
  }
}

/**
 * D, its location and sign, exactly as scipy 1.10 picks them: F1 − F2 at every pooled point
 * (searchsorted 'right'), first argmax/argmin in the order sorted x, then sorted y. F1 − F2 is
 * the same for every copy of a value, so one walk over the pooled tie runs of `a` and `b` finds
 * the first point of each sample that reaches its extremes; the points of `a` come first.
 */
export function ksStatisticOfTies(table: TieTable, a: Float64Array, b: Float64Array): Extremum {
  const inA = new Extremes();
  const inB = new Extremes();
  let ia = 0;
  let ib = 0;
  for (let j = 0; j < table.distinct; j++) {
    const ca = table.counts[2 * j] as number;
    const cb = table.counts[2 * j + 1] as number;
    ia += ca;
    ib += cb;
    const diff = ia / a.length - ib / b.length;
    if (ca > 0) inA.see(diff, a[ia - ca] as number); // the run's first copy in a
    if (cb > 0) inB.see(diff, b[ib - cb] as number);
  }
  const max = inB.max > inA.max ? inB.max : inA.max;
  const maxAt = inB.max > inA.max ? inB.maxAt : inA.maxAt;
  const min = inB.min < inA.min ? inB.min : inA.min;
  const minAt = inB.min < inA.min ? inB.minAt : inA.minAt;
  const minS = Math.min(1, Math.max(0, -min));
  return minS > max ? { d: minS, location: minAt, sign: -1 } : { d: max, location: maxAt, sign: 1 };
}

/** `ksStatisticOfTies` for two sorted samples. */
export function ksStatistic(a: Float64Array, b: Float64Array): Extremum {
  return ksStatisticOfTies(tieTable([a, b]), a, b);
}

function gcd(a: number, b: number): number {
  while (b) {
    const r = a % b;
    a = b;
    b = r;
  }
  return a;
}

/** C(n, k) in floating point (Infinity when it overflows). */
function binomial(n: number, k: number): number {
  let c = 1;
  for (let i = 1; i <= k; i++) c = (c * (n - k + i)) / i;
  return c;
}

/** P(D_{n,n} ≥ h/n), scipy `_compute_prob_outside_square`. */
export function probOutsideSquare(n: number, h: number): number {
  let P = 0;
  for (let k = Math.floor(n / h); k >= 0; k--) {
    let p1 = 1;
    for (let j = 0; j < h; j++) p1 = ((n - k * h - j) * p1) / (n + k * h + j + 1);
    P = p1 * (1 - P);
  }
  return 2 * P;
}

let reciprocals = new Float64Array(1);

/**
 * 1/s for s = 1 … n or more (index 0 unused), kept between calls; it at least doubles when a
 * larger n comes, so that it is rarely rebuilt.
 */
function reciprocalsUpTo(n: number): Float64Array {
  if (reciprocals.length <= n) {
    const r = new Float64Array(Math.max(n + 1, 2 * reciprocals.length));
    for (let s = 1; s < r.length; s++) r[s] = 1 / s;
    reciprocals = r;
  }
  return reciprocals;
}

/**
 * P(max |i·ng − j·mg| ≥ h) over uniformly random lattice paths (0,0)→(m,n), computed directly as
 * the fraction of paths that have left the band (Viehmann 2021, arXiv:2102.08037, the recursion
 * scipy 1.10 uses): B(i,j) = (i·B(i−1,j) + j·B(i,j−1))/(i+j) inside the band, B = 1 outside, so
 * small p-values keep their relative accuracy.
 */
export function probOutsideBand(m0: number, n0: number, h: number): number {
  const m = Math.max(m0, n0);
  const n = Math.min(m0, n0);
  const key = `${m} ${n} ${h}`;
  let p = bandMemo.get(key);
  if (p === undefined) {
    if (bandMemo.size >= BAND_MEMO_SIZE) bandMemo.clear();
    p = bandSum(m, n, h);
    bandMemo.set(key, p);
  }
  return p;
}

/**
 * Results of `probOutsideBand` by (m, n, h), a pure function of them: one analysis asks for the
 * same one again (8 of the 40 exact tests on the 526-user bench root were repeats), and a band of
 * 9,500 × 600 paths costs tens of milliseconds.
 */
const bandMemo = new Map<string, number>();
const BAND_MEMO_SIZE = 256;

function bandSum(m: number, n: number, h: number): number {
  const g = gcd(m, n);
  const out = new Float64Array(n + 1).fill(1);
  const inv = reciprocalsUpTo(m + n);
  const hi0 = Math.min(n, Math.floor((h - 1) / (m / g)));
  for (let j = 0; j <= hi0; j++) out[j] = 0;
  return sweepBand(out, inv, m, n, g, h) ? (out[n] as number) : 1;
}

/**
 * Rows i = 1 … m of the recursion, in place in `out` (row 0 on entry, row m on exit), with
 * inv[s] = 1/s; false when the band closes, so that every path leaves it. Kept apart from
 * `probOutsideBand` so that V8's on-stack-replaced code for this loop has nothing after it to
 * deoptimise on.
 */
function sweepBand(
  out: Float64Array,
  inv: Float64Array,
  m: number,
  n: number,
  g: number,
  h: number,
): boolean {
  const mg = m / g;
  const ng = n / g;
  let lo = 0;
  for (let i = 1; i <= m; i++) {
    const newLo = Math.max(0, Math.floor((ng * i - h) / mg) + 1);
    const newHi = Math.min(n, Math.floor((ng * i + h - 1) / mg));
    if (newHi < newLo) return false;
    for (let j = lo; j < newLo; j++) out[j] = 1;
    // B(i, 0) = B(i−1, 0); below the band B = 1
    let j = newLo === 0 ? 1 : newLo;
    let below = newLo === 0 ? (out[0] as number) : 1;
    for (; j <= newHi; j++) {
      below = (i * (out[j] as number) + j * below) * (inv[i + j] as number);
      out[j] = below;
    }
    lo = newLo;
  }
  return true;
}

/** Exact p for D = h/lcm; undefined when the result is out of [0, 1] (scipy then goes asymptotic). */
function exactPValue(n1: number, n2: number, h: number, lcm: number): number | undefined {
  if (h === 0) return 1;
  // D = 1: only the two paths along the edges leave the band, p = 2 / C(n1+n2, n1).
  if (h >= lcm) return 2 / binomial(n1 + n2, Math.min(n1, n2));
  const p = n1 === n2 ? probOutsideSquare(n1, h) : probOutsideBand(n1, n2, h);
  return p >= 0 && p <= 1 ? p : undefined;
}

const EMPTY = scipyError('ValueError: Data passed to ks_2samp must not be empty');
const IDENTICAL: IfIdentical = {
  message: 'Every observation has the same value; both ECDFs are identical.',
  scipy: () => scipyValue(0, 1),
};

export function ks2samp(xInput: SampleInput, yInput: SampleInput): KsResult {
  return ks2sampOf(prepareGroups([xInput, yInput]));
}

/** `ks2samp` on prepared samples (their shared sorted values). */
export function ks2sampOf(pair: Groups): KsResult {
  const notComputable = checkPair(pair, 1, 'The Kolmogorov–Smirnov test', EMPTY, IDENTICAL);
  if (notComputable) return notComputable;
  const { x, y } = pair;
  const counts = pair.counts;
  const n1 = x.n;
  const n2 = y.n;
  const ext = ksStatisticOfTies(pair.ties, x.sorted, y.sorted);
  let d = ext.d;
  let pvalue: number | undefined;
  let method: 'exact' | 'asymp' = Math.max(n1, n2) <= MAX_AUTO_N ? 'exact' : 'asymp';
  if (method === 'exact') {
    const lcm = (n1 / gcd(n1, n2)) * n2;
    const h = Math.round(d * lcm);
    d = h / lcm;
    pvalue = exactPValue(n1, n2, h, lcm);
    if (pvalue === undefined) method = 'asymp';
  }
  if (pvalue === undefined) {
    const en = (n1 * n2) / (n1 + n2);
    pvalue = kolmogorovSf(d, Math.round(en));
  }
  return {
    ok: true,
    statistic: d,
    pvalue: Math.min(1, Math.max(0, pvalue)),
    statistic_location: ext.location,
    statistic_sign: ext.sign,
    method,
    warnings: [],
    ...counts,
  };
}
