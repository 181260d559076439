/**
 * Anderson–Darling k-sample test, as scipy 1.10 `anderson_ksamp(samples)` with `midrank=True`
 * (scipy/stats/_morestats.py: `anderson_ksamp`, `_anderson_ksamp_midrank`).
 *
 * - A²_akN: Scholz & Stephens (1987, JASA 82:918), eq. 7 (midranks, for ties), standardised as
 *   (A² − (k−1))/σ_N with σ_N² from their eq. 4.
 * - critical values b0 + b1/√m + b2/m (m = k − 1) with the Table 2 coefficients hard-coded in scipy;
 * - p: 0.25 with "p-value capped" when A² is below every critical value, 0.001 with "p-value
 *   floored" when above; otherwise exp of a degree-2 least-squares polynomial (numpy `polyfit`) of
 *   log(significance) against the critical values, evaluated at A².
 */
import { SizeCache } from './cache';
import { prepareGroups, type Groups } from './groups';
import type { TieTable } from './ranks';
import type { SampleInput } from './sample';
import { notComputable, scipyError, scipyValue, type TestResult } from './result';

export const AD_SIGNIFICANCE_LEVELS: readonly number[] = [
  0.25, 0.1, 0.05, 0.025, 0.01, 0.005, 0.001,
];
const B0 = [0.675, 1.281, 1.645, 1.96, 2.326, 2.573, 3.085];
const B1 = [-0.245, 0.25, 0.678, 1.149, 1.822, 2.364, 3.615];
const B2 = [-0.105, -0.305, -0.362, -0.391, -0.396, -0.345, -0.154];

export type AndersonKSampleResult = TestResult<{
  readonly critical_values: readonly number[];
  readonly significance_levels: readonly number[];
  /** Same as `pvalue` (scipy's name for it), capped to [0.001, 0.25]. */
  readonly significance_level: number;
}>;

/** Least-squares polynomial of degree `deg` through (x, y), highest power first (numpy order). */
export function polyfit(x: readonly number[], y: readonly number[], deg: number): number[] {
  const rows = x.length;
  const cols = deg + 1;
  // Vandermonde matrix, columns x^deg … x^0, solved by Householder QR.
  const a = x.map(xi => Array.from({ length: cols }, (_, j) => xi ** (deg - j)));
  const b = y.slice();
  for (let c = 0; c < cols; c++) {
    let norm = 0;
    for (let r = c; r < rows; r++) norm += (a[r]?.[c] as number) ** 2;
    norm = Math.sqrt(norm);
    const first = a[c]?.[c] as number;
    const alpha = first > 0 ? -norm : norm;
    const v = new Float64Array(rows);
    for (let r = c; r < rows; r++) v[r] = a[r]?.[c] as number;
    v[c] = (v[c] as number) - alpha;
    let vv = 0;
    for (let r = c; r < rows; r++) vv += (v[r] as number) ** 2;
    if (vv === 0) continue;
    const reflect = (get: (r: number) => number, set: (r: number, val: number) => void): void => {
      let dot = 0;
      for (let r = c; r < rows; r++) dot += (v[r] as number) * get(r);
      const f = (2 * dot) / vv;
      for (let r = c; r < rows; r++) set(r, get(r) - f * (v[r] as number));
    };
    for (let j = c; j < cols; j++) {
      reflect(
        r => a[r]?.[j] as number,
        (r, val) => ((a[r] as number[])[j] = val),
      );
    }
    reflect(
      r => b[r] as number,
      (r, val) => (b[r] = val),
    );
  }
  const coef = new Array<number>(cols).fill(0);
  for (let c = cols - 1; c >= 0; c--) {
    let s = b[c] as number;
    for (let j = c + 1; j < cols; j++) s -= (a[c]?.[j] as number) * (coef[j] as number);
    coef[c] = s / (a[c]?.[c] as number);
  }
  return coef;
}

/** Horner evaluation, highest power first (numpy `polyval`). */
export function polyval(coef: readonly number[], x: number): number {
  let s = 0;
  for (const c of coef) s = s * x + c;
  return s;
}

/**
 * The critical values b0 + b1/√m + b2/m (m = k − 1) of k samples, and the degree-2 fit of
 * log(significance) against them; both depend on k only.
 */
const interpolation = new SizeCache(k => {
  const m = k - 1;
  const critical = B0.map((b0, i) => b0 + (B1[i] as number) / Math.sqrt(m) + (B2[i] as number) / m);
  return { critical, coef: polyfit(critical, AD_SIGNIFICANCE_LEVELS.map(Math.log), 2) };
});

/** A²_akN of Scholz & Stephens eq. 7 (midrank version), from the pooled tie table. */
function midrankStatistic(table: TieTable, sizes: readonly number[], N: number): number {
  const k = table.groups;
  const M = new Float64Array(k); // observations of sample i strictly below the current value
  const perSample = new Float64Array(k);
  let below = 0;
  for (let j = 0; j < table.distinct; j++) {
    const lj = table.totals[j] as number;
    const Bj = below + lj / 2;
    const denom = Bj * (N - Bj) - (N * lj) / 4;
    for (let i = 0; i < k; i++) {
      const f = table.counts[j * k + i] as number;
      const Mij = (M[i] as number) + f - f / 2;
      const dev = N * Mij - Bj * (sizes[i] as number);
      perSample[i] = (perSample[i] as number) + ((lj / N) * (dev * dev)) / denom;
      M[i] = (M[i] as number) + f;
    }
    below += lj;
  }
  let A2 = 0;
  for (let i = 0; i < k; i++) A2 += (perSample[i] as number) / (sizes[i] as number);
  return (A2 * (N - 1)) / N;
}

/** σ_N² of Scholz & Stephens eq. 4. */
function varianceOfA2(nSizes: readonly number[], N: number): number {
  const k = nSizes.length;
  let H = 0;
  for (const n of nSizes) H += 1 / n;
  // hs_cs[t] = Σ_{i=N−1−t}^{N−1} 1/i, t = 0 … N−3; h = hs_cs[last] + 1; g = Σ hs_cs[t]/(t+2)
  let cum = 0;
  let g = 0;
  for (let t = 0; t <= N - 3; t++) {
    cum += 1 / (N - 1 - t);
    g += cum / (t + 2);
  }
  const h = cum + 1;
  const a = (4 * g - 6) * (k - 1) + (10 - 6 * g) * H;
  const b = (2 * g - 4) * k * k + 8 * h * k + (2 * g - 14 * h - 4) * H - 8 * h + 4 * g - 6;
  const c = (6 * h + 2 * g - 2) * k * k + (4 * h - 4 * g + 6) * k + (2 * h - 6) * H + 4 * h;
  const d = (2 * h + 6) * k * k - 4 * h * k;
  return (a * N ** 3 + b * N ** 2 + c * N + d) / ((N - 1) * (N - 2) * (N - 3));
}

export function andersonKSample(samples: readonly SampleInput[]): AndersonKSampleResult {
  return andersonOf(prepareGroups(samples));
}

/** `andersonKSample` on prepared samples (their pooled tie table is shared with other tests). */
export function andersonOf(groups: Groups): AndersonKSampleResult {
  const k = groups.samples.length;
  const N = groups.total;
  if (k < 2) {
    return notComputable(
      groups.counts,
      'too_few_observations',
      'The Anderson–Darling k-sample test needs at least two samples.',
      scipyError('ValueError: anderson_ksamp needs at least two samples'),
    );
  }
  if (groups.identical) {
    return notComputable(
      groups.counts,
      'all_values_identical',
      'Every observation has the same value.',
      scipyError('ValueError: anderson_ksamp needs more than one distinct observation'),
    );
  }
  if (groups.anyEmpty) {
    return notComputable(
      groups.counts,
      'too_few_observations',
      'The Anderson–Darling k-sample test needs at least one observation in each sample.',
      scipyError('ValueError: anderson_ksamp encountered sample without observations'),
    );
  }
  if (N < 4) {
    return notComputable(
      groups.counts,
      'too_few_observations',
      'The variance of A² (Scholz & Stephens eq. 4) needs at least four observations.',
      scipyValue(NaN, NaN),
    );
  }
  const A2kN = midrankStatistic(groups.ties, groups.counts.n, N);
  const m = k - 1;
  const A2 = (A2kN - m) / Math.sqrt(varianceOfA2(groups.counts.n, N));
  const { critical, coef } = interpolation.get(k);
  const warnings: string[] = [];
  let p: number;
  if (A2 < Math.min(...critical)) {
    p = 0.25;
    warnings.push('p-value capped: true value larger than 0.25');
  } else if (A2 > Math.max(...critical)) {
    p = 0.001;
    warnings.push('p-value floored: true value smaller than 0.001');
  } else {
    p = Math.exp(polyval(coef, A2));
  }
  return {
    ok: true,
    statistic: A2,
    pvalue: p,
    critical_values: critical.slice(),
    significance_levels: AD_SIGNIFICANCE_LEVELS,
    significance_level: p,
    warnings,
    ...groups.counts,
  };
}
