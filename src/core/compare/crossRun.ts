/**
 * Who fails across runs: the users (same session and position) and the failure causes that fail
 * in both runs, only in the baseline, only in the candidate, with the share unique to one run —
 * the second seed notebook's "unique to one device" fraction (100 · unique / union), applied to
 * two runs instead of a user's devices (docs/compare.md, "Who fails across runs").
 */
import type { CrossRun, CrossRunSet, FailurePoint } from '../../shared/loadResults';

export type { CrossRun, CrossRunSet } from '../../shared/loadResults';

/** Splits two sets three ways, each part sorted. */
export function crossRunSet<T extends string>(
  baseline: ReadonlySet<T>,
  candidate: ReadonlySet<T>,
): CrossRunSet<T> {
  const sort = (v: T[]): T[] => v.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const both = sort([...baseline].filter(x => candidate.has(x)));
  const onlyBaseline = sort([...baseline].filter(x => !candidate.has(x)));
  const onlyCandidate = sort([...candidate].filter(x => !baseline.has(x)));
  const union = both.length + onlyBaseline.length + onlyCandidate.length;
  return {
    both,
    onlyBaseline,
    onlyCandidate,
    union,
    uniquePercent:
      union === 0 ? null : (100 * (onlyBaseline.length + onlyCandidate.length)) / union,
  };
}

const userOf = (p: Pick<FailurePoint, 'session' | 'user'>): string => `${p.session}/${p.user}`;

/** From the classified failure points of each run (taxonomy.ts). */
export function crossRun(
  baseline: readonly Pick<FailurePoint, 'session' | 'user' | 'cause'>[],
  candidate: readonly Pick<FailurePoint, 'session' | 'user' | 'cause'>[],
): CrossRun {
  const of = <T extends string>(
    points: readonly Pick<FailurePoint, 'session' | 'user' | 'cause'>[],
    key: (p: Pick<FailurePoint, 'session' | 'user' | 'cause'>) => T,
  ): Set<T> => new Set(points.map(key));
  return {
    users: crossRunSet(of(baseline, userOf), of(candidate, userOf)),
    causes: crossRunSet(
      of(baseline, p => p.cause),
      of(candidate, p => p.cause),
    ),
    userCauses: crossRunSet(
      of(baseline, p => `${userOf(p)}: ${p.cause}`),
      of(candidate, p => `${userOf(p)}: ${p.cause}`),
    ),
  };
}

/** "3 in both, 2 only in the baseline, 5 only in the candidate (70 % unique to one run)". */
export function crossRunText(s: CrossRunSet<string>): string {
  const unique =
    s.uniquePercent === null ? '' : ` (${s.uniquePercent.toFixed(0)} % unique to one run)`;
  return `${s.both.length} in both, ${s.onlyBaseline.length} only in the baseline, ${s.onlyCandidate.length} only in the candidate${unique}`;
}
