/**
 * Tests of equal spread on the absolute deviations from each group's median.
 *
 * - Brown–Forsythe: scipy 1.10 `levene(*samples, center='median')` (scipy/stats/_morestats.py):
 *   a one-way ANOVA F on Z_ij = |x_ij − median_i| (Brown & Forsythe 1974, JASA 69:364),
 *   p = F.sf(W, k − 1, N − k) (Abramowitz & Stegun 26.6.2).
 * - Fligner–Killeen: scipy 1.10 `fligner(*samples, center='median')`: a_ij =
 *   Φ⁻¹(rank(Z_ij)/(2(N+1)) + 1/2), X² = Σ n_i(ā_i − ā)²/var(a, ddof=1), p = χ²_{k−1}.sf(X²)
 *   (Fligner & Killeen 1976, JASA 71:210; Conover, Johnson & Johnson 1981, Technometrics 23:351).
 */
import { SizeCache } from './cache';
import { medianOfSorted } from './descriptive';
import { divisionWarning, prepareGroups, type Groups } from './groups';
import { tieTable } from './ranks';
import type { Sample, SampleInput } from './sample';
import { chi2Sf, fSf, ndtri } from './special';
import {
  notComputable,
  scipyValue,
  type Computed,
  type NotComputable,
  type TestResult,
} from './result';

/** Brown–Forsythe: df = [k − 1, N − k] (numerator, denominator), as the F distribution takes them. */
export type BrownForsytheResult = TestResult<{ readonly df: readonly [number, number] }>;
/** Fligner–Killeen: df = k − 1 of the χ² reference distribution. */
export type FlignerResult = TestResult<{ readonly df: number }>;
export type SpreadResult = BrownForsytheResult | FlignerResult;

/**
 * |x − median| in ascending order without sorting again: from the sorted sample, the deviations
 * fall on the left of the median and rise on its right, so the two runs are merged.
 */
export function sortedAbsoluteDeviations(sorted: Float64Array): Float64Array {
  const med = medianOfSorted(sorted);
  const n = sorted.length;
  const out = new Float64Array(n);
  let r = 0;
  while (r < n && (sorted[r] as number) < med) r++;
  let l = r - 1;
  for (let k = 0; k < n; k++) {
    const left = l >= 0 ? Math.abs((sorted[l] as number) - med) : Infinity;
    const right = r < n ? Math.abs((sorted[r] as number) - med) : Infinity;
    if (left <= right) {
      out[k] = left;
      l--;
    } else {
      out[k] = right;
      r++;
    }
  }
  return out;
}

function tooFew(groups: Groups, name: string): NotComputable | undefined {
  const k = groups.samples.length;
  if (k < 2 || groups.anyEmpty || groups.total - k < 1) {
    return notComputable(
      groups.counts,
      'too_few_observations',
      `${name} needs at least two non-empty samples and more observations than samples.`,
      scipyValue(NaN, NaN),
    );
  }
  return undefined;
}

/** The statistic is c/0: identical values (0/0) or constant deviations within every group. */
function zeroDenominator(groups: Groups, numerator: number, name: string): NotComputable {
  const statistic = numerator === 0 ? NaN : Infinity;
  return notComputable(
    groups.counts,
    groups.identical ? 'all_values_identical' : 'constant_input',
    groups.identical
      ? `Every observation has the same value; ${name} is 0/0.`
      : `The deviations from the median are constant within every sample; ${name} is undefined.`,
    scipyValue(statistic, Number.isNaN(statistic) ? NaN : 0),
    [divisionWarning(numerator)],
  );
}

function computed<D>(
  groups: Groups,
  statistic: number,
  pvalue: number,
  df: D,
): Computed<{ df: D }> {
  return { ok: true, statistic, pvalue, df, warnings: [], ...groups.counts };
}

/** Mean of |x − median| over one sample. */
function meanAbsoluteDeviation(s: Sample, med: number): number {
  let sum = 0;
  for (const v of s.values) sum += Math.abs(v - med);
  return sum / s.n;
}

/** Brown–Forsythe test (Levene's test centred on the median). */
export function brownForsythe(...inputs: SampleInput[]): BrownForsytheResult {
  return brownForsytheOf(prepareGroups(inputs));
}

/** `brownForsythe` on prepared samples; the deviations Z_ij are never stored. */
export function brownForsytheOf(groups: Groups): BrownForsytheResult {
  const few = tooFew(groups, 'Brown–Forsythe');
  if (few) return few;
  const k = groups.samples.length;
  const N = groups.total;
  const medians = new Float64Array(k);
  const zbari = new Float64Array(k);
  let zbar = 0;
  for (let i = 0; i < k; i++) {
    const s = groups.samples[i] as Sample;
    medians[i] = medianOfSorted(s.sorted);
    zbari[i] = meanAbsoluteDeviation(s, medians[i] as number);
    zbar += (zbari[i] as number) * s.n;
  }
  zbar /= N;
  let between = 0;
  let within = 0;
  for (let i = 0; i < k; i++) {
    const s = groups.samples[i] as Sample;
    const med = medians[i] as number;
    const zi = zbari[i] as number;
    between += s.n * (zi - zbar) ** 2;
    for (const v of s.values) {
      const d = Math.abs(v - med) - zi;
      within += d * d;
    }
  }
  const numer = (N - k) * between;
  const denom = (k - 1) * within;
  if (denom === 0) return zeroDenominator(groups, numer, 'W');
  const W = numer / denom;
  return computed(groups, W, fSf(W, k - 1, N - k), [k - 1, N - k] as const);
}

/**
 * a(r) = Φ⁻¹(r/(2(N+1)) + ½) for every average rank r (a multiple of ½) of N pooled values,
 * indexed by 2r; NaN until first used.
 */
const flignerScores = new SizeCache(N => new Float64Array(2 * N + 1).fill(NaN));

function flignerScore(scores: Float64Array, twiceRank: number, N: number): number {
  let a = scores[twiceRank] as number;
  if (Number.isNaN(a)) {
    a = ndtri(twiceRank / 2 / (2 * (N + 1)) + 0.5);
    scores[twiceRank] = a;
  }
  return a;
}

/** Fligner–Killeen test, median-centred. */
export function fligner(...inputs: SampleInput[]): FlignerResult {
  return flignerOf(prepareGroups(inputs));
}

/** `fligner` on prepared samples. */
export function flignerOf(groups: Groups): FlignerResult {
  const few = tooFew(groups, 'Fligner–Killeen');
  if (few) return few;
  const k = groups.samples.length;
  const N = groups.total;
  const deviations: Float64Array[] = [];
  for (const s of groups.samples) deviations.push(sortedAbsoluteDeviations(s.sorted));
  const table = tieTable(deviations);
  const scores = flignerScores.get(N);
  const groupSums = new Float64Array(k);
  let total = 0;
  let below = 0;
  for (let j = 0; j < table.distinct; j++) {
    const t = table.totals[j] as number;
    const aj = flignerScore(scores, 2 * below + t + 1, N);
    for (let g = 0; g < k; g++)
      groupSums[g] = (groupSums[g] as number) + (table.counts[j * k + g] as number) * aj;
    total += t * aj;
    below += t;
  }
  const abar = total / N;
  let ss = 0;
  below = 0;
  for (let j = 0; j < table.distinct; j++) {
    const t = table.totals[j] as number;
    const d = (scores[2 * below + t + 1] as number) - abar; // filled by the loop above
    ss += t * d * d;
    below += t;
  }
  const varsq = ss / (N - 1);
  let numer = 0;
  for (let i = 0; i < k; i++) {
    const n = (groups.samples[i] as Sample).n;
    numer += n * ((groupSums[i] as number) / n - abar) ** 2;
  }
  if (table.distinct === 1) return zeroDenominator(groups, numer, 'X²');
  const X2 = numer / varsq;
  return computed(groups, X2, chi2Sf(X2, k - 1), k - 1);
}
