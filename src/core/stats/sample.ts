/**
 * A numeric sample with NaN removed, kept both in input order and sorted, so that a set of tests
 * on the same data sorts it, and computes its mean and variance, only once.
 */
import { meanOf, varianceOf } from './moments';
import type { SampleCounts } from './result';

export class Sample {
  private meanCache: number | undefined;
  private varianceCache: number | undefined;

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

  /**
   * The sample without the values below `lower` or above `upper` (NaN bounds remove nothing),
   * input order kept. Its sorted values are a slice of these, so it is never sorted again.
   */
  within(lower: number, upper: number): Sample {
    const outside = (v: number): boolean => v < lower || v > upper;
    const sorted = this.sorted;
    let lo = 0;
    while (lo < sorted.length && outside(sorted[lo] as number)) lo++;
    let hi = sorted.length;
    while (hi > lo && outside(sorted[hi - 1] as number)) hi--;
    if (hi - lo === this.n) return this;
    const values = new Float64Array(hi - lo);
    let k = 0;
    for (const v of this.values) if (!outside(v)) values[k++] = v;
    return new Sample(values, this.nanDropped, sorted.subarray(lo, hi));
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
