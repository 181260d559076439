/**
 * The CiReport of `run`: every validity check of every scenario (test case) of every run, at the
 * file and line of its first located evidence, and the run's diagnostics. With `--fail-on`, a
 * check as bad as asked fails (exit 1); otherwise an invalid or suspect check is `warn`.
 * `run --compare` with several runs adds the compared metrics (never failing: `run` exits on
 * validity only).
 */
import { basename } from 'node:path';
import type { Check } from '../../core/model/validity';
import type { RunSummary } from '../../core/runs/summary';
import type { RunComparison } from '../../core/runs/compareRuns';
import { runComparisonChecks } from './fromCompare';
import type { CheckOutcome, CiCheck, CiReport } from './model';

export type FailOn = 'invalid' | 'suspect' | undefined;

export function checkOutcome(status: Check['status'], failOn: FailOn): CheckOutcome {
  if (status === 'pass') return 'pass';
  if (status === 'skipped') return 'skip';
  const fails = failOn === 'suspect' || (failOn === 'invalid' && status === 'invalid');
  return fails ? 'fail' : 'warn';
}

function validityCheck(suite: string, c: Check, failOn: FailOn): CiCheck {
  const at = c.evidence.find(e => e.file);
  return {
    suite,
    rule: c.cls,
    name: c.title,
    outcome: checkOutcome(c.status, failOn),
    message: c.summary,
    ...(at?.file ? { file: at.file } : {}),
    ...(at?.line ? { line: at.line } : {}),
    values: { Status: c.status },
  };
}

export function runReport(
  runs: readonly RunSummary[],
  comparisons: readonly RunComparison[],
  failOn: FailOn,
): CiReport {
  const checks = runs.flatMap(r =>
    r.scenarios.flatMap(s =>
      s.validity.checks.map(c =>
        validityCheck(`${basename(r.folder)}/${r.id} ${s.label}`, c, failOn),
      ),
    ),
  );
  const failed = checks.some(c => c.outcome === 'fail');
  const verdicts = runs.map(r => `${basename(r.folder)}/${r.id}: ${r.verdict}`).join(', ');
  return {
    command: 'run',
    subject: runs.map(r => `${basename(r.folder)}/${r.id}`).join(', '),
    verdict: {
      failed,
      text: `${verdicts}${failOn ? ` (--fail-on ${failOn}${failed ? ': failed' : ''})` : ''}`,
    },
    columns: ['Status'],
    checks: [...checks, ...comparisons.flatMap(c => runComparisonChecks(c, false))],
    findings: runs.flatMap(r => r.diagnostics),
  };
}
