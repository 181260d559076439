/**
 * Shared preparation for two- and k-sample tests: NaN removal, counts, the degenerate-input
 * checks that every test makes first, and what several tests of the same samples share (the
 * sorted samples, their moments and the pooled tie table), computed once.
 */
import { groupRanks, tieTable, type GroupRanks, type TieTable } from './ranks';
import { countsOf, allIdentical, Sample, type SampleInput } from './sample';
import { notComputable, type NotComputable, type SampleCounts, type ScipyOutcome } from './result';

/**
 * The samples of one test (or of every test of `calculateComparisons`), NaN dropped. The pooled
 * tie table and ranks are computed on first use and then shared by every test that reads them.
 */
export class Groups {
  readonly counts: SampleCounts;
  /** Total number of observations. */
  readonly total: number;
  readonly anyEmpty: boolean;
  private identicalCache: boolean | undefined;
  private tiesCache: TieTable | undefined;
  private ranksCache: GroupRanks | undefined;

  constructor(readonly samples: readonly Sample[]) {
    let total = 0;
    let anyEmpty = false;
    for (const s of samples) {
      total += s.n;
      anyEmpty ||= s.n === 0;
    }
    this.total = total;
    this.anyEmpty = anyEmpty;
    this.counts = countsOf(samples);
  }

  /** The first sample (x of a pair). */
  get x(): Sample {
    return this.samples[0] as Sample;
  }

  /** The second sample (y of a pair). */
  get y(): Sample {
    return this.samples[1] as Sample;
  }

  /** True when every observation has the same value (and there is at least one). */
  get identical(): boolean {
    if (this.identicalCache === undefined) this.identicalCache = allIdentical(this.samples);
    return this.identicalCache;
  }

  /** The pooled sorted samples as runs of equal values. */
  get ties(): TieTable {
    if (!this.tiesCache) {
      const sorted: Float64Array[] = [];
      for (const s of this.samples) sorted.push(s.sorted);
      this.tiesCache = tieTable(sorted);
    }
    return this.tiesCache;
  }

  /** Rank sums and tie term of the pooled samples. */
  get ranks(): GroupRanks {
    if (!this.ranksCache) this.ranksCache = groupRanks(this.ties);
    return this.ranksCache;
  }
}

export function prepareGroups(inputs: readonly SampleInput[]): Groups {
  return new Groups(inputs.map(s => Sample.of(s)));
}

/** numpy's warning for a scalar 0/0 or x/0. */
export function divisionWarning(numerator: number): string {
  return numerator === 0
    ? 'invalid value encountered in scalar divide'
    : 'divide by zero encountered in scalar divide';
}

/** What a two-sample test does when every observation is the same. */
export interface IfIdentical {
  readonly message: string;
  readonly scipy: (n1: number, n2: number) => ScipyOutcome;
}

/**
 * The typed "too few observations" result when a sample of `pair` has fewer than `min` values
 * (`scipy`: what scipy does then), or the `ifIdentical` one; undefined when the test can run.
 */
export function checkPair(
  pair: Groups,
  min: number,
  what: string,
  scipy?: ScipyOutcome,
  ifIdentical?: IfIdentical,
): NotComputable | undefined {
  const { x, y } = pair;
  if (x.n < min || y.n < min) {
    const needed = min === 1 ? 'one observation' : `${min} observations`;
    return notComputable(
      pair.counts,
      'too_few_observations',
      `${what} needs at least ${needed} in each sample.`,
      scipy,
    );
  }
  if (ifIdentical && pair.identical) {
    return notComputable(
      pair.counts,
      'all_values_identical',
      ifIdentical.message,
      ifIdentical.scipy(x.n, y.n),
    );
  }
  return undefined;
}

export type PreparedPair =
  | { readonly ok: true; readonly x: Sample; readonly y: Sample; readonly counts: SampleCounts }
  | { readonly ok: false; readonly result: NotComputable };

/** `checkPair` on two raw samples, with the samples when the test can run. */
export function preparePair(
  xInput: SampleInput,
  yInput: SampleInput,
  min: number,
  what: string,
  scipy?: ScipyOutcome,
  ifIdentical?: IfIdentical,
): PreparedPair {
  const pair = prepareGroups([xInput, yInput]);
  const result = checkPair(pair, min, what, scipy, ifIdentical);
  if (result) return { ok: false, result };
  const { x, y } = pair;
  return { ok: true, x, y, counts: pair.counts };
}

/**
 * Both samples have zero spread: 0/0 when every value is the same, an infinite statistic when
 * the two constants differ. `scipy(same)` is what scipy returns in each case.
 */
export function zeroSpread(
  pair: Groups,
  statistic: string,
  scipy: (same: boolean) => ScipyOutcome,
  warnings: readonly string[] = [],
): NotComputable {
  const same = pair.identical;
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
