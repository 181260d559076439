/**
 * Shared preparation for k-sample tests: NaN removal, counts, and the degenerate-input checks
 * that every k-sample test makes first.
 */
import { countsOf, allIdentical, Sample, type SampleInput } from './sample';
import type { SampleCounts } from './result';

export interface Groups {
  readonly samples: Sample[];
  readonly counts: SampleCounts;
  /** Total number of observations. */
  readonly total: number;
  readonly anyEmpty: boolean;
  readonly identical: boolean;
}

export function prepareGroups(inputs: readonly SampleInput[]): Groups {
  const samples = inputs.map(s => Sample.of(s));
  let total = 0;
  for (const s of samples) total += s.n;
  return {
    samples,
    counts: countsOf(samples),
    total,
    anyEmpty: samples.some(s => s.n === 0),
    identical: allIdentical(samples),
  };
}

/** numpy's warning for a scalar 0/0 or x/0. */
export function divisionWarning(numerator: number): string {
  return numerator === 0
    ? 'invalid value encountered in scalar divide'
    : 'divide by zero encountered in scalar divide';
}
