/**
 * Shapiro–Wilk W test, double precision, as scipy ≥ 1.12 `shapiro(x)`
 * (scipy/stats/_ansari_swilk_statistics.pyx, a translation of Royston's Fortran AS R94:
 * Royston 1995, Applied Statistics 44:547, doi:10.2307/2986146; coefficients of Royston 1992,
 * Statistics and Computing 2:117), using AS 111 `ppnd` (Beasley & Springer 1977) for the normal
 * quantile and AS 66 `alnorm` (Hill 1973) for the tail, exactly as that translation does.
 *
 * scipy 1.10 (the notebook's golden values) runs the same algorithm in single precision; W agrees
 * to ~5e-6 and p to ~2e-5 relative for n ≤ 100 (see test/fixtures/golden/stats/README.md §4).
 *
 * scipy's wrapper: x − median(x), sort, then swilk. n < 3 raises; zero range gives W = 1, p = 1
 * with a warning (reported here as not computable); N > 5000 warns.
 */
import { SizeCache } from './cache';
import { medianOfSorted } from './descriptive';
import { countsOf, Sample, type SampleInput } from './sample';
import { notComputable, scipyError, scipyValue, type TestResult } from './result';

export type ShapiroResult = TestResult;

const C1 = [0, 0.221157, -0.147981, -2.07119, 4.434685, -2.706056];
const C2 = [0, 0.042981, -0.293762, -1.752461, 5.682633, -3.582633];
const C3 = [0.544, -0.39978, 0.025054, -0.0006714];
const C4 = [1.3822, -0.77857, 0.062767, -0.0020322];
const C5 = [-1.5861, -0.31082, -0.083751, 0.0038915];
const C6 = [-0.4803, -0.082676, 0.0030302];
const G = [-2.273, 0.459];

/** AS R94 `poly`: c[0] + c[1]·x + … evaluated as in the Fortran. */
function swPoly(c: readonly number[], x: number): number {
  const nord = c.length;
  const res = c[0] as number;
  if (nord === 1) return res;
  let p = x * (c[nord - 1] as number);
  if (nord === 2) return res + p;
  for (let i = nord - 2; i > 0; i--) p = (p + (c[i] as number)) * x;
  return res + p;
}

/** AS 111 `ppnd`: normal quantile (about 7 digits, as used by swilk). */
function ppnd(p: number): number {
  const q = p - 0.5;
  if (Math.abs(q) <= 0.42) {
    const r = q * q;
    return (
      (q * (((-25.44106049637 * r + 41.39119773534) * r + -18.61500062529) * r + 2.50662823884)) /
      ((((3.13082909833 * r + -21.06224101826) * r + 23.08336743743) * r + -8.4735109309) * r + 1)
    );
  }
  let r = q > 0 ? 1 - p : p;
  if (!(r > 0)) return 0;
  r = Math.sqrt(-Math.log(r));
  const t =
    (((2.32121276858 * r + 4.85014127135) * r + -2.29796479134) * r + -2.78718931138) /
    ((1.63706781897 * r + 3.54388924762) * r + 1);
  return q < 0 ? -t : t;
}

/** AS 66 `alnorm`: normal tail area (upper when `upper`), with utzero = 38. */
function alnorm(x: number, upperIn: boolean): number {
  let upper = upperIn;
  let z = x;
  if (!(z > 0)) {
    upper = false;
    z = -z;
  }
  if (!(z <= 7 || (upper && z <= 38))) return upper ? 0 : 1;
  const y = 0.5 * z * z;
  let t: number;
  if (z <= 1.28) {
    t =
      0.5 -
      z *
        (0.398942280444 -
          (0.399903438504 * y) /
            (y +
              5.75885480458 -
              29.8213557808 / (y + 2.62433121679 + 48.6959930692 / (y + 5.92885724438))));
  } else {
    t =
      (0.398942280385 * Math.exp(-y)) /
      (z -
        3.8052e-8 +
        1.00000615302 /
          (z +
            3.98064794e-4 +
            1.98615381364 /
              (z -
                0.151679116635 +
                5.29330324926 /
                  (z +
                    4.8385912808 -
                    15.1508972451 / (z + 0.742380924027 + 30.789933034 / (z + 3.99019417011))))));
  }
  return upper ? t : 1 - t;
}

/** Royston's approximation of the Shapiro–Wilk coefficients a[0 … n/2−1]. */
function swilkCoefficients(n: number): Float64Array {
  const n2 = n >> 1;
  const a = new Float64Array(n2);
  if (n === 3) {
    a[0] = Math.SQRT1_2;
    return a;
  }
  const an25 = n + 0.25;
  let summ2 = 0;
  for (let i = 0; i < n2; i++) {
    a[i] = ppnd((i + 1 - 0.375) / an25);
    summ2 += (a[i] as number) ** 2;
  }
  summ2 *= 2;
  const ssumm2 = Math.sqrt(summ2);
  const rsn = 1 / Math.sqrt(n);
  const a0 = a[0] as number;
  const A1 = swPoly(C1, rsn) - a0 / ssumm2;
  let i1: number;
  let fac: number;
  if (n > 5) {
    i1 = 2;
    const a1 = a[1] as number;
    const A2 = -a1 / ssumm2 + swPoly(C2, rsn);
    fac = Math.sqrt((summ2 - 2 * a0 ** 2 - 2 * a1 ** 2) / (1 - 2 * A1 ** 2 - 2 * A2 ** 2));
    a[1] = A2;
  } else {
    i1 = 1;
    fac = Math.sqrt((summ2 - 2 * a0 ** 2) / (1 - 2 * A1 ** 2));
  }
  a[0] = A1;
  for (let i = i1; i < n2; i++) a[i] = -(a[i] as number) / fac;
  return a;
}

/**
 * The antisymmetric coefficient of every position (0-based) of n, as AS R94 indexes them: −a_i
 * in the lower half, a_{n−1−i} in the upper half, 0 at the middle of an odd n (which AS R94 skips).
 */
function signedCoefficients(n: number): Float64Array {
  const a = swilkCoefficients(n);
  const signed = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const mirror = n - 1 - i;
    if (i < mirror) signed[i] = -(a[i] as number);
    else if (i > mirror) signed[i] = a[mirror] as number;
  }
  return signed;
}

/** The coefficients of the last few sample sizes (they depend on n only). */
const coefficients = new SizeCache(signedCoefficients);

/**
 * W from the sorted data centred on `med` (x_i = sorted_i − med, as scipy passes them) and the
 * signed coefficients `c`, computed as 1 − (1 − W) for accuracy (AS R94).
 */
function swilkW(
  sorted: Float64Array,
  med: number,
  c: Float64Array,
  range: number,
): { w: number; w1: number } {
  const n = sorted.length;
  let sx = 0;
  let sa = 0;
  for (let i = 0; i < n; i++) {
    sx += ((sorted[i] as number) - med) / range;
    sa += c[i] as number;
  }
  sa /= n;
  sx /= n;
  let ssa = 0;
  let ssx = 0;
  let sax = 0;
  for (let i = 0; i < n; i++) {
    const asa = (c[i] as number) - sa;
    const xsx = ((sorted[i] as number) - med) / range - sx;
    ssa += asa * asa;
    ssx += xsx * xsx;
    sax += asa * xsx;
  }
  const ssassx = Math.sqrt(ssa * ssx);
  const w1 = ((ssassx - sax) * (ssassx + sax)) / (ssa * ssx);
  return { w: 1 - w1, w1 };
}

/** Royston's p-value for W (AS R94, n ≥ 4: normalising transformations of 1 − W). */
function swilkPValue(n: number, w: number, w1: number): number {
  if (n === 3) return 1 - (6 / Math.PI) * Math.acos(Math.sqrt(w));
  let y = Math.log(w1);
  let m: number;
  let s: number;
  if (n <= 11) {
    const gamma = swPoly(G, n);
    if (y >= gamma) return 1e-19;
    y = -Math.log(gamma - y);
    m = swPoly(C3, n);
    s = Math.exp(swPoly(C4, n));
  } else {
    const xx = Math.log(n);
    m = swPoly(C5, xx);
    s = Math.exp(swPoly(C6, xx));
  }
  return alnorm((y - m) / s, true);
}

export function shapiro(input: SampleInput): ShapiroResult {
  const sample = Sample.of(input);
  const counts = countsOf([sample]);
  const n = sample.n;
  if (n < 3) {
    return notComputable(
      counts,
      'too_few_observations',
      'Shapiro–Wilk needs at least three observations.',
      scipyError('ValueError: Data must be at least length 3.'),
    );
  }
  const sorted = sample.sorted;
  const med = medianOfSorted(sorted);
  const range = (sorted[n - 1] as number) - med - ((sorted[0] as number) - med);
  const warnings = n > 5000 ? ['p-value may not be accurate for N > 5000.'] : [];
  if (range < 1e-19) {
    return notComputable(
      counts,
      'all_values_identical',
      'Every observation has the same value; W is undefined.',
      scipyValue(1, 1),
      ['Input data for shapiro has range zero. The results may not be accurate.', ...warnings],
    );
  }
  const { w, w1 } = swilkW(sorted, med, coefficients.get(n), range);
  if (n === 3 && w < 0.75) {
    return { ok: true, statistic: 0.75, pvalue: 0, warnings, ...counts };
  }
  return { ok: true, statistic: w, pvalue: swilkPValue(n, w, w1), warnings, ...counts };
}
