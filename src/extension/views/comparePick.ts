/**
 * The order of a comparison, said explicitly (no `vscode`: unit-tested alone). A multi-select
 * quick pick returns its items in list order, not in the order they were ticked, so "the first
 * picked is the baseline" could not hold: the baseline is picked first, then the candidate among
 * the other tests, each in a single-select pick; Escape at either step cancels. The compare view's
 * "Swap baseline and candidate" button runs the comparison again with the two sides exchanged.
 */
import type { TestArgs } from './testArgs';

/** The tests of a comparison: the first is the baseline, every other one a candidate. */
export interface CompareArgs {
  readonly tests: readonly TestArgs[];
}

/** One single-select pick among `items` (undefined: the user pressed Escape). */
export type PickOne<T> = (items: readonly T[], placeHolder: string) => Promise<T | undefined>;

export const BASELINE_PLACEHOLDER =
  'Pick the baseline: the reference the candidate is judged against';

export function candidatePlaceholder(baseline: TestArgs): string {
  return `Pick the candidate: compared against the baseline ${baseline.test}`;
}

const same = (a: TestArgs, b: TestArgs): boolean => a.root === b.root && a.test === b.test;

/** The baseline, then the candidate among the other tests; undefined when either pick is cancelled. */
export async function pickBaselineAndCandidate<T extends TestArgs>(
  items: readonly T[],
  pickOne: PickOne<T>,
): Promise<CompareArgs | undefined> {
  const baseline = await pickOne(items, BASELINE_PLACEHOLDER);
  if (!baseline) return undefined;
  const others = items.filter(i => !same(i, baseline));
  if (others.length === 0) return undefined;
  const candidate = await pickOne(others, candidatePlaceholder(baseline));
  if (!candidate) return undefined;
  return {
    tests: [
      { root: baseline.root, test: baseline.test },
      { root: candidate.root, test: candidate.test },
    ],
  };
}

/**
 * The comparison with the baseline and candidate `candidate` (its index in `tests`, ≥ 1)
 * exchanged; the other candidates keep their places. Undefined for an index out of range.
 */
export function swapSides(args: CompareArgs, candidate: number): CompareArgs | undefined {
  const { tests } = args;
  const baseline = tests[0];
  const other = tests[candidate];
  if (!baseline || !other || candidate < 1) return undefined;
  return { tests: tests.map((t, i) => (i === 0 ? other : i === candidate ? baseline : t)) };
}
