// The failure-causes view model (the failure-causes view and the compare view): each test's
// failure taxonomy (src/core/compare/taxonomy.ts) as counts, shares, medians and the lines' test
// time and users connected per cause, in one cause order for every test.
import { CAUSE_NOTES } from '../compare/taxonomy';
import type { FailureCause, FailurePoint, Taxonomy } from '../../shared/loadResults';
import type {
  CausePointsVM,
  FailureCausesTestVM,
  FailureCausesVM,
} from '../../shared/views/failureCauses';
import { MAX_SCATTER_POINTS, strideIndices } from './report';

/** The causes in the order the view lists them (the report legend's). */
export const CAUSES = Object.keys(CAUSE_NOTES) as FailureCause[];

/** Each cause's failure lines (evenly strided to at most MAX_SCATTER_POINTS in all). */
function pointsByCause(points: readonly FailurePoint[]): CausePointsVM[] {
  const kept = strideIndices(points.length, MAX_SCATTER_POINTS).map(i => points[i] as FailurePoint);
  return CAUSES.map(c => {
    const mine = kept.filter(p => p.cause === c);
    return { time: mine.map(p => p.time), users: mine.map(p => p.users) };
  });
}

function testVM(label: string, taxonomy: Taxonomy): FailureCausesTestVM {
  const counts = CAUSES.map(c => taxonomy.counts[c]);
  const total = counts.reduce((a, b) => a + b, 0);
  return {
    label,
    total,
    counts,
    shares: counts.map(n => (total > 0 ? (100 * n) / total : null)),
    medians: CAUSES.map(c => taxonomy.medians[c] ?? null),
    recovered: taxonomy.recoveredReconnections,
    points: pointsByCause(taxonomy.points),
  };
}

export function failureCausesVM(
  tests: readonly { readonly label: string; readonly taxonomy: Taxonomy }[],
): FailureCausesVM {
  return {
    causes: CAUSES,
    notes: CAUSES.map(c => CAUSE_NOTES[c]),
    tests: tests.map(t => testVM(t.label, t.taxonomy)),
  };
}
