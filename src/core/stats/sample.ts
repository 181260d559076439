/**
 * A numeric sample with NaN removed, kept both in input order and sorted, so that a set of tests
 * on the same data sorts it only once.
 */
import type { SampleCounts } from './result';

export class Sample {
  private sortedCache: Float64Array | undefined;

  private constructor(
    /** The non-NaN values in input order. */
    readonly values: Float64Array,
    /** How many NaN values were removed. */
    readonly nanDropped: number,
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
}

export type SampleInput = ArrayLike<number> | Sample;

export function countsOf(samples: readonly Sample[]): SampleCounts {
  return { n: samples.map(s => s.n), nan_dropped: samples.map(s => s.nanDropped) };
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
