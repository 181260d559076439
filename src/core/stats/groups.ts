/**
 * Shared preparation for k-sample tests: NaN removal, counts, and the degenerate-input checks
 * that every k-sample test makes first.
 */
import { countsOf, allIdentical, Sample, type SampleInput } from './sample';
import { notComputable, type NotComputable, type SampleCounts, type ScipyOutcome } from './result';

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

export type PreparedPair =
  | { readonly ok: true; readonly x: Sample; readonly y: Sample; readonly counts: SampleCounts }
  | { readonly ok: false; readonly result: NotComputable };

/**
 * Two samples with NaN dropped, or the typed "too few observations" result when either has
 * fewer than `min` values (`scipy`: what scipy does then).
 */
export function preparePair(
  xInput: SampleInput,
  yInput: SampleInput,
  min: number,
  what: string,
  scipy?: ScipyOutcome,
  ifIdentical?: {
    readonly message: string;
    readonly scipy: (n1: number, n2: number) => ScipyOutcome;
  },
): PreparedPair {
  const x = Sample.of(xInput);
  const y = Sample.of(yInput);
  const counts = countsOf([x, y]);
  if (x.n < min || y.n < min) {
    const needed = min === 1 ? 'one observation' : `${min} observations`;
    return {
      ok: false,
      result: notComputable(
        counts,
        'too_few_observations',
        `${what} needs at least ${needed} in each sample.`,
        scipy,
      ),
    };
  }
  if (ifIdentical && allIdentical([x, y])) {
    return {
      ok: false,
      result: notComputable(
        counts,
        'all_values_identical',
        ifIdentical.message,
        ifIdentical.scipy(x.n, y.n),
      ),
    };
  }
  return { ok: true, x, y, counts };
}

/**
 * Both samples have zero spread: 0/0 when every value is the same, an infinite statistic when
 * the two constants differ. `scipy(same)` is what scipy returns in each case.
 */
export function zeroSpread(
  pair: { readonly x: Sample; readonly y: Sample; readonly counts: SampleCounts },
  statistic: string,
  scipy: (same: boolean) => ScipyOutcome,
  warnings: readonly string[] = [],
): NotComputable {
  const same = allIdentical([pair.x, pair.y]);
  return notComputable(
    pair.counts,
    same ? 'all_values_identical' : 'constant_input',
    same
      ? `Every observation has the same value; ${statistic} is 0/0.`
      : `Both samples are constant; ${statistic} is infinite.`,
    scipy(same),
    warnings,
  );
}
