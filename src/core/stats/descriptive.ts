/**
 * Descriptive statistics as pandas 1.5 computes them: NaN skipped, sample variance with ddof = 1,
 * median as numpy (mean of the two middle values), and quantiles with numpy's default 'linear'
 * method (Hyndman & Fan 1996, type 7), including numpy 1.24's `_lerp`, so that IQR bounds and
 * therefore outlier sets are bit-identical to pandas.
 */
import { meanOf, varianceOf } from './moments';
import { Sample, type SampleInput } from './sample';

export { meanOf, varianceOf, pooledVariance } from './moments';

/** Median of sorted values (numpy: mean of the two middle values for even n). */
export function medianOfSorted(sorted: ArrayLike<number>): number {
  const n = sorted.length;
  if (n === 0) return NaN;
  const h = n >> 1;
  return n % 2 === 1
    ? (sorted[h] as number)
    : ((sorted[h - 1] as number) + (sorted[h] as number)) / 2;
}

/** numpy 1.24 `_lerp`: a + (b−a)·t, computed from b when t ≥ 0.5. */
function lerp(a: number, b: number, t: number): number {
  const diff = b - a;
  return t >= 0.5 ? b - diff * (1 - t) : a + diff * t;
}

/** Quantile of sorted values, numpy/pandas 'linear' (type 7): virtual index q·(n−1). */
export function quantileOfSorted(sorted: ArrayLike<number>, q: number): number {
  const n = sorted.length;
  if (n === 0 || Number.isNaN(q)) return NaN;
  const virtual = q * (n - 1);
  const lo = Math.max(0, Math.min(n - 1, Math.floor(virtual)));
  const hi = Math.min(n - 1, lo + 1);
  return lerp(sorted[lo] as number, sorted[hi] as number, virtual - lo);
}

export const mean = (x: SampleInput): number => meanOf(Sample.of(x).values);
export const variance = (x: SampleInput, ddof = 1): number => varianceOf(Sample.of(x).values, ddof);
export const std = (x: SampleInput, ddof = 1): number => Math.sqrt(variance(x, ddof));
export const median = (x: SampleInput): number => medianOfSorted(Sample.of(x).sorted);
export const quantile = (x: SampleInput, q: number): number =>
  quantileOfSorted(Sample.of(x).sorted, q);

/** pandas `Series.describe()` plus median and ddof=1 variance; `len` counts NaN rows too. */
export interface Describe {
  readonly count: number;
  readonly mean: number;
  readonly std: number;
  readonly var: number;
  readonly min: number;
  readonly q25: number;
  readonly median: number;
  readonly q75: number;
  readonly max: number;
  readonly len: number;
}

export function describe(data: ArrayLike<number>): Describe {
  const s = Sample.of(data);
  const sorted = s.sorted;
  const v = varianceOf(s.values, 1);
  return {
    count: s.n,
    mean: meanOf(s.values),
    std: Math.sqrt(v),
    var: v,
    min: s.n ? (sorted[0] as number) : NaN,
    q25: quantileOfSorted(sorted, 0.25),
    median: medianOfSorted(sorted),
    q75: quantileOfSorted(sorted, 0.75),
    max: s.n ? (sorted[s.n - 1] as number) : NaN,
    len: data.length,
  };
}

export interface IqrOutliers {
  readonly q1: number;
  readonly q3: number;
  readonly iqr: number;
  readonly lower_bound: number;
  readonly upper_bound: number;
  /** Outlier values in input order. */
  readonly outliers: number[];
  /** Their positions in the input (NaN rows count). */
  readonly outlier_positions: number[];
  /** The input without every value equal to an outlier (pandas `isin`); NaN rows are kept. */
  readonly cleaned: number[];
}

/**
 * True when `v` is strictly outside the IQR bounds of `o`. Equal values share their verdict, so
 * these are exactly the values pandas `isin(outliers)` removes; NaN is never outside.
 */
export function isOutside(v: number, o: Pick<IqrOutliers, 'lower_bound' | 'upper_bound'>): boolean {
  return v < o.lower_bound || v > o.upper_bound;
}

/**
 * The notebook's `find_outliers_iqr` + `clean_outliers`: values strictly below q1 − 1.5·IQR or
 * strictly above q3 + 1.5·IQR, with pandas' linear quantiles over the non-NaN values. `sorted`
 * (the non-NaN values in order) can be passed when already known.
 */
export function iqrOutliers(
  data: ArrayLike<number>,
  k = 1.5,
  sorted: Float64Array = Sample.of(data).sorted,
): IqrOutliers {
  const q1 = quantileOfSorted(sorted, 0.25);
  const q3 = quantileOfSorted(sorted, 0.75);
  const iqr = q3 - q1;
  const lower = q1 - k * iqr;
  const upper = q3 + k * iqr;
  const outliers: number[] = [];
  const positions: number[] = [];
  for (let i = 0; i < data.length; i++) {
    const v = data[i] as number;
    if (v < lower || v > upper) {
      outliers.push(v);
      positions.push(i);
    }
  }
  // `clean_outliers` drops every copy of an outlier value (pandas `isin`): the values outside.
  const cleaned: number[] = [];
  for (let i = 0; i < data.length; i++) {
    const v = data[i] as number;
    if (!(v < lower || v > upper)) cleaned.push(v);
  }
  return {
    q1,
    q3,
    iqr,
    lower_bound: lower,
    upper_bound: upper,
    outliers,
    outlier_positions: positions,
    cleaned,
  };
}
