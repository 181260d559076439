// The failure-causes view model: each test's failure taxonomy (src/core/compare/taxonomy.ts) as
// counts, shares and medians per cause, in one cause order for every test.
import { CAUSE_NOTES } from '../compare/taxonomy';
import type { FailureCause, Taxonomy } from '../../shared/loadResults';
import type { FailureCausesTestVM, FailureCausesVM } from '../../shared/views/failureCauses';

/** The causes in the order the view lists them (the report legend's). */
export const CAUSES = Object.keys(CAUSE_NOTES) as FailureCause[];

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
