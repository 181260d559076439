/**
 * The CiReport of `analyze`: one check per comparison section of every test (its basics and
 * comparisons computed, or the section's errors: `warn`, since analyze has no verdict to fail),
 * and every finding of summary.json.
 */
import type { AnalyzeSummary, SectionSummary } from '../../core/report/summary';
import type { CiCheck, CiReport } from './model';
import { plural } from '../../shared/format';

function sectionCheck(test: string, s: SectionSummary): CiCheck {
  const errors = s.diagnostics.filter(d => d.severity === 'error');
  const figures = `${s.basics.length} basics rows, ${s.comparisons.length} comparisons`;
  return {
    suite: test,
    rule: `section.${s.section}`,
    name: s.label,
    outcome: errors.length > 0 ? 'warn' : 'pass',
    message: errors.length > 0 ? `${figures}; ${errors.map(d => d.message).join('; ')}` : figures,
    values: { Basics: `${s.basics.length}`, Comparisons: `${s.comparisons.length}` },
  };
}

export function analyzeReport(doc: AnalyzeSummary): CiReport {
  return {
    command: 'analyze',
    subject: doc.input.root ?? doc.input.connectionStats ?? '',
    verdict: {
      failed: false,
      text: `${plural(doc.tests.length, 'test')} analysed (${doc.profile} profile), ${plural(doc.files.length, 'file')} written`,
    },
    columns: ['Basics', 'Comparisons'],
    checks: doc.tests.flatMap(t => t.sections.map(s => sectionCheck(t.name, s))),
    findings: doc.diagnostics,
  };
}
