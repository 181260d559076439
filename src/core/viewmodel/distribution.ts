/**
 * What a box plot and a violin plot draw, computed on the host: Tukey boxes with the notebook's
 * IQR fences (`find_outliers_iqr`, so the dots are exactly the values the clean pass removes) and
 * a Gaussian kernel density as seaborn's `violinplot` draws it (scipy `gaussian_kde` with Scott's
 * factor n^(−1/5) on the sample standard deviation, evaluated from min − 2·bw to max + 2·bw).
 */
import { iqrOutliers, median, Sample } from '../stats';
import type { BoxVM, DensityVM, DistributionVM, ScatterPointVM } from '../../shared/views/stats';

/** Grid points of a density (seaborn's default gridsize). */
export const DENSITY_POINTS = 100;
/** seaborn's `cut`: the density extends this many bandwidths past the data. */
export const DENSITY_CUT = 2;

/** The Tukey box of `values` (NaN dropped), or null when none is left. */
export function boxOf(values: readonly number[]): BoxVM | null {
  const sample = Sample.of(values);
  const sorted = sample.sorted;
  if (sorted.length === 0) return null;
  const o = iqrOutliers(values, 1.5, sorted);
  let low = Infinity;
  let high = -Infinity;
  for (const v of sorted) {
    if (v < o.lower_bound || v > o.upper_bound) continue;
    if (v < low) low = v;
    if (v > high) high = v;
  }
  return {
    n: sorted.length,
    nanDropped: values.length - sorted.length,
    q1: o.q1,
    median: median(sample),
    q3: o.q3,
    mean: sample.mean,
    whiskerLow: low,
    whiskerHigh: high,
    outliers: o.outliers.filter(v => !Number.isNaN(v)),
  };
}

/** Scott's bandwidth: n^(−1/5) · sample std (ddof 1); NaN when it does not exist or is 0. */
export function scottBandwidth(values: readonly number[]): number {
  const s = Sample.of(values);
  if (s.n < 2) return NaN;
  const bw = Math.pow(s.n, -1 / 5) * Math.sqrt(s.variance);
  return bw > 0 ? bw : NaN;
}

/** Gaussian KDE of `values` (NaN dropped) on `points` evenly spaced x from min − cut·bw to max + cut·bw. */
export function densityOf(values: readonly number[], points = DENSITY_POINTS): DensityVM {
  const sorted = Sample.of(values).sorted;
  const bw = scottBandwidth(values);
  if (!Number.isFinite(bw) || points < 2) return { x: [], y: [], bandwidth: NaN };
  const lo = (sorted[0] as number) - DENSITY_CUT * bw;
  const hi = (sorted[sorted.length - 1] as number) + DENSITY_CUT * bw;
  const norm = 1 / (sorted.length * bw * Math.sqrt(2 * Math.PI));
  const x: number[] = [];
  const y: number[] = [];
  for (let i = 0; i < points; i++) {
    const at = lo + ((hi - lo) * i) / (points - 1);
    let sum = 0;
    for (const v of sorted) {
      const z = (at - v) / bw;
      sum += Math.exp(-0.5 * z * z);
    }
    x.push(at);
    y.push(sum * norm);
  }
  return { x, y, bandwidth: bw };
}

export function distributionOf(label: string, values: readonly number[]): DistributionVM {
  return { label, box: boxOf(values), density: densityOf(values) };
}

/** At most `max` items, evenly spaced through `items` (first one kept), in their order. */
export function thin<T>(items: readonly T[], max: number): T[] {
  if (items.length <= max) return [...items];
  const out: T[] = [];
  const step = items.length / max;
  for (let i = 0; i < max; i++) out.push(items[Math.floor(i * step)] as T);
  return out;
}

/** `[cpu, value]` pairs with a number on both sides, thinned to `max`. */
export function scatterOf(
  cpu: readonly number[],
  values: readonly number[],
  max: number,
  users: readonly string[],
): ScatterPointVM[] {
  const points: ScatterPointVM[] = [];
  for (let i = 0; i < values.length; i++) {
    const c = cpu[i] as number;
    const v = values[i] as number;
    if (Number.isFinite(c) && Number.isFinite(v)) points.push([c, v, users[i] ?? '']);
  }
  return thin(points, max);
}
