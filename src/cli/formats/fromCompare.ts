/**
 * CiReports of the comparisons: `compare` on result roots (verdict.json's MetricVerdicts) and on
 * today's runs (RunComparison, also `run --compare` with several runs). A regression beyond the
 * threshold is `fail` when it makes the command exit 1, else `warn`, as is a smaller regression.
 */
import type { ChangeVerdict } from '../../core/model/change';
import type { VerdictDocument } from '../../core/compare';
import type { RunComparison } from '../../core/runs/compareRuns';
import { formatWithUnit } from '../../shared/format';
import type { Finding } from '../exit';
import type { CheckOutcome, CiCheck, CiReport } from './model';

export const COMPARE_COLUMNS = ['Baseline', 'Candidate', 'p (Holm)', 'Verdict'] as const;

/**
 * A compared metric's outcome; `failsExit` when a regression beyond the threshold exits 1. An
 * underpowered comparison (no significant change, but too little data to detect the smallest
 * change worth detecting) is inconclusive: skipped, not passed, so a CI report never counts
 * "could not tell" as "no change".
 */
export function metricOutcome(
  verdict: ChangeVerdict,
  beyondThreshold: boolean,
  failsExit: boolean,
): CheckOutcome {
  if (beyondThreshold) return failsExit ? 'fail' : 'warn';
  if (verdict === 'regressed') return 'warn';
  if (verdict === 'no data' || verdict === 'underpowered') return 'skip';
  return 'pass';
}

/** A figure with its unit; a proportion (the failure rate's two-proportion test) in %, a count whole. */
function figure(v: number | null, unit: string, test?: string): string {
  if (v === null) return '—';
  if (test === 'two-proportion') return `${(100 * v).toFixed(1)} %`;
  return unit === 'users' && Number.isInteger(v) ? `${v} users` : formatWithUnit(v, unit);
}

interface Compared {
  readonly label: string;
  readonly metric: string;
  readonly unit: string;
  readonly baseline: number | null;
  readonly candidate: number | null;
  readonly pAdjusted: number | null;
  readonly verdict: ChangeVerdict;
  readonly beyondThreshold: boolean;
  /** The test of a result-root comparison: `two-proportion` for a rate. */
  readonly test?: string;
}

function metricCheck(suite: string, v: Compared, failsExit: boolean): CiCheck {
  const p = v.pAdjusted === null ? '—' : v.pAdjusted.toPrecision(3);
  const [b, c] = [figure(v.baseline, v.unit, v.test), figure(v.candidate, v.unit, v.test)];
  return {
    suite,
    rule: v.metric,
    name: v.label,
    outcome: metricOutcome(v.verdict, v.beyondThreshold, failsExit),
    message: `${v.verdict}${v.beyondThreshold ? ' (beyond threshold)' : ''}: ${b} → ${c}`,
    values: {
      Baseline: b,
      Candidate: c,
      'p (Holm)': p,
      Verdict: v.verdict,
    },
  };
}

function verdictText(failing: number, failsExit: boolean): string {
  if (failing === 0) return 'no regression beyond the thresholds';
  return `${failing} regression(s) beyond the thresholds${failsExit ? '' : ' (--fail-on never: not failing)'}`;
}

/** `compare <baseline root> <candidate root>`: the overall metrics of every pair of tests. */
export function compareReport(
  doc: VerdictDocument,
  findings: readonly Finding[],
  failsExit: boolean,
): CiReport {
  const checks = doc.comparisons.flatMap(c =>
    c.overall.map(v => metricCheck(`${c.baseline.test} → ${c.candidate.test}`, v, failsExit)),
  );
  const subject = [
    ...new Set(doc.comparisons.map(c => `${c.baseline.root} → ${c.candidate.root}`)),
  ];
  return {
    command: 'compare',
    subject: subject.join(', '),
    verdict: {
      failed: failsExit && doc.failing.length > 0,
      text: verdictText(doc.failing.length, failsExit),
    },
    columns: COMPARE_COLUMNS,
    checks,
    findings,
  };
}

/** The checks of today's runs compared: every platform metric of every matched test case. */
export function runComparisonChecks(c: RunComparison, failsExit: boolean): CiCheck[] {
  return c.pairs.flatMap(p =>
    p.verdicts.map(v =>
      metricCheck(
        `${p.baseline.run} #${p.baseline.index} → ${p.candidate.run} #${p.candidate.index} (${p.key})`,
        v,
        failsExit,
      ),
    ),
  );
}

/** `compare <baseline run> <candidate run>`. */
export function runCompareReport(
  c: RunComparison,
  findings: readonly Finding[],
  failsExit: boolean,
): CiReport {
  return {
    command: 'compare',
    subject: `${c.baseline.run} → ${c.candidate.run}`,
    verdict: {
      failed: failsExit && c.failing.length > 0,
      text: verdictText(c.failing.length, failsExit),
    },
    columns: COMPARE_COLUMNS,
    checks: runComparisonChecks(c, failsExit),
    findings,
  };
}
