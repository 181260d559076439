/**
 * A comparison of two of today's runs as plain text (`loadtest-lens compare` on run folders and
 * `run --compare`): the configuration keys that differ, then per matching test case its flags
 * (invalid or suspect side, other sessions) beside a table of verdicts with the steady-window
 * means, the difference and its 95 % interval, and the test cases that did not match.
 */
import { basename } from 'node:path';
import { formatWithUnit } from '../../shared/format';
import type { CasePair, RunComparison, RunMetricVerdict } from './compareRuns';
import { table } from './text';

function signed(v: number, unit: string): string {
  return `${v >= 0 ? '+' : '−'}${formatWithUnit(Math.abs(v), unit)}`;
}

/** An interval's bound: the unit only where it sets the scale (bit rates). */
function bound(v: number, unit: string): string {
  return signed(v, unit === 'bps' ? unit : '');
}

function differenceCell(v: RunMetricVerdict): string {
  const d = v.difference;
  if (!d) return '—';
  const rel = v.relative !== null ? ` (rel. ${signed(100 * v.relative, '%')})` : '';
  return `${signed(d.estimate, v.unit)} [${bound(d.low, v.unit)}, ${bound(d.high, v.unit)}]${rel}`;
}

function verdictCell(v: RunMetricVerdict): string {
  const extra = v.beyondThreshold ? ' (beyond threshold)' : v.reason ? ` — ${v.reason}` : '';
  return `${v.verdict}${extra}`;
}

function pairText(p: CasePair): string[] {
  const out = [
    `${p.key}: baseline ${p.baseline.run} ${p.baseline.label} (${p.baseline.validity}) → candidate ${p.candidate.run} ${p.candidate.label} (${p.candidate.validity})`,
  ];
  for (const f of p.flags) out.push(`  ! ${f}`);
  const rows = p.verdicts.map(v => [
    v.label,
    v.baseline === null ? '—' : formatWithUnit(v.baseline, v.unit),
    v.candidate === null ? '—' : formatWithUnit(v.candidate, v.unit),
    `${v.n[0]}/${v.n[1]}`,
    differenceCell(v),
    verdictCell(v),
  ]);
  const head = [
    'metric',
    'baseline',
    'candidate',
    'samples',
    'difference [95 % interval]',
    'verdict',
  ];
  out.push(...table(head, rows).map(r => `  ${r}`));
  return out;
}

function end(e: RunComparison['baseline']): string {
  return `${basename(e.folder)}/${e.run}${e.case !== undefined ? ` #${e.case}` : ''}`;
}

export function runComparisonText(c: RunComparison): string {
  const lines = [
    `Runs compared on their steady windows: ${end(c.baseline)} (baseline) → ${end(c.candidate)} (candidate)`,
    `  steady-window means; candidate − baseline with a 95 % circular block-bootstrap interval; Holm across the metrics of a test case`,
  ];
  if (c.configDiff.length === 0) lines.push('Configuration: no key differs (secrets not compared)');
  else {
    lines.push('Configuration keys that differ (baseline → candidate; secrets not compared):');
    for (const d of c.configDiff)
      lines.push(
        `  ${d.path}: ${d.baseline ?? '(absent)'}${d.defaulted[0] ? ' (default)' : ''} → ${d.candidate ?? '(absent)'}${d.defaulted[1] ? ' (default)' : ''}`,
      );
  }
  for (const p of c.pairs) lines.push(...pairText(p));
  if (c.pairs.length === 0) lines.push('No test case of one run matches one of the other.');
  for (const u of c.unmatched)
    lines.push(`not compared: ${u.side} ${u.run} ${u.label}: ${u.reason}`);
  return lines.join('\n') + '\n';
}
