/**
 * A numeric sample with NaN removed, kept both in input order and sorted, so that a set of tests
 * on the same data sorts it, and computes its mean and variance, only once.
 */
import { meanOf, varianceOf } from './moments';
import type { SampleCounts } from './result';

export class Sample {
  private meanCache: number | undefined;
  private varianceCache: number | undefined;
  private maxDeviationCache: number | undefined;

  private constructor(
    /** The non-NaN values in input order. */
    readonly values: Float64Array,
    /** How many NaN values were removed. */
    readonly nanDropped: number,
    private sortedCache?: Float64Array,
  ) {}

  /** Builds a sample from any array of numbers, dropping NaN. */
  static of(data: SampleInput): Sample {
    if (data instanceof Sample) return data;
    const values = new Float64Array(data.length);
    let k = 0;
    for (let i = 0; i < data.length; i++) {
      const v = data[i] as number;
      if (!Number.isNaN(v)) values[k++] = v;
    }
    return new Sample(k === data.length ? values : values.slice(0, k), data.length - k);
  }

  get n(): number {
    return this.values.length;
  }

  /** Values in ascending order (computed once). */
  get sorted(): Float64Array {
    if (!this.sortedCache) this.sortedCache = this.values.slice().sort();
    return this.sortedCache;
  }

  /** Mean (computed once; see `meanOf`). */
  get mean(): number {
    if (this.meanCache === undefined) this.meanCache = meanOf(this.values);
    return this.meanCache;
  }

  /** Sample variance, ddof = 1 (computed once; see `varianceOf`). */
  get variance(): number {
    if (this.varianceCache === undefined)
      this.varianceCache = varianceOf(this.values, 1, this.mean);
    return this.varianceCache;
  }

  /** max |x − mean| (computed once; scipy's precision-loss check of the t-test reads it). */
  get maxDeviation(): number {
    if (this.maxDeviationCache === undefined) {
      const m = this.mean;
      let maxDev = 0;
      for (const v of this.values) maxDev = Math.max(maxDev, Math.abs(v - m));
      this.maxDeviationCache = maxDev;
    }
    return this.maxDeviationCache;
  }

  /**
   * The sample without the values below `lower` or above `upper` (NaN bounds remove nothing),
   * input order kept. Its sorted values are a slice of these, so it is never sorted again.
   */
  within(lower: number, upper: number): Sample {
    let below = 0;
    let above = 0;
    for (const v of this.values) {
      below += v < lower ? 1 : 0;
      above += !(v < lower) && v > upper ? 1 : 0;
    }
    if (below + above === 0) return this;
    const values = new Float64Array(this.n - below - above);
    let k = 0;
    for (const v of this.values) if (!(v < lower || v > upper)) values[k++] = v;
    return new Sample(values, this.nanDropped, this.sorted.subarray(below, this.n - above));
  }
}

export type SampleInput = ArrayLike<number> | Sample;

export function countsOf(samples: readonly Sample[]): SampleCounts {
  const n: number[] = [];
  const nanDropped: number[] = [];
  for (const s of samples) {
    n.push(s.n);
    nanDropped.push(s.nanDropped);
  }
  return { n, nan_dropped: nanDropped };
}

/** True when every value of every sample equals the first one (and there is at least one). */
export function allIdentical(samples: readonly Sample[]): boolean {
  let first: number | undefined;
  for (const s of samples) {
    for (const v of s.values) {
      if (first === undefined) first = v;
      else if (v !== first) return false;
    }
  }
  return first !== undefined;
}
