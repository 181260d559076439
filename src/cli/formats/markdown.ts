/**
 * `--format markdown`: a summary for a pull-request comment or `$GITHUB_STEP_SUMMARY`: the
 * verdict line, one table of the checks (validity checks or compared metrics, with their
 * figures), and the findings about the input (the first 50, counted by severity).
 */
import {
  displayPath,
  oneLine,
  type CheckOutcome,
  type CiReport,
  type RenderOptions,
} from './model';

const MARK: Record<CheckOutcome, string> = {
  pass: '✅ pass',
  warn: '⚠️ warn',
  fail: '❌ fail',
  skip: '⏭️ skip',
};

/** At most this many findings are listed; the rest are counted. */
const FINDINGS_SHOWN = 50;

/** A table cell: one line, `|` escaped. */
export function cell(text: string): string {
  return oneLine(text).replace(/\\/g, '\\\\').replace(/\|/g, '\\|');
}

function row(cells: readonly string[]): string {
  return `| ${cells.map(cell).join(' | ')} |\n`;
}

function checksTable(report: CiReport): string {
  if (report.checks.length === 0) return '_No checks._\n';
  const head = ['', 'Scope', 'Check', ...report.columns, 'Details'];
  const lines = report.checks.map(c =>
    row([
      MARK[c.outcome],
      c.suite,
      c.name,
      ...report.columns.map(k => c.values?.[k] ?? ''),
      c.message,
    ]),
  );
  return row(head) + `|${head.map(() => ' --- ').join('|')}|\n` + lines.join('');
}

function findingsSection(report: CiReport, cwd: string): string {
  const f = report.findings;
  if (f.length === 0) return '';
  const count = (s: string): number => f.filter(d => d.severity === s).length;
  const rows = f.slice(0, FINDINGS_SHOWN).map(d => {
    const where = d.file ? `${displayPath(d.file, cwd)}${d.line ? `:${d.line}` : ''}` : '';
    return row([d.severity, d.test ?? '', where, d.message]);
  });
  const more = f.length > FINDINGS_SHOWN ? `\n… and ${f.length - FINDINGS_SHOWN} more.\n` : '';
  return (
    `\n### Findings in the data: ${count('error')} error(s), ${count('warning')} warning(s), ${count('info')} note(s)\n\n` +
    row(['Severity', 'Test', 'Where', 'Message']) +
    '| --- | --- | --- | --- |\n' +
    rows.join('') +
    more
  );
}

export function markdownSummary(report: CiReport, o: RenderOptions): string {
  const counts = (['pass', 'warn', 'fail', 'skip'] as const)
    .map(k => `${report.checks.filter(c => c.outcome === k).length} ${k}`)
    .join(', ');
  return (
    `## Load Test Lens ${report.command}: ${cell(report.subject)}\n\n` +
    `**Verdict: ${report.verdict.failed ? '❌' : '✅'} ${cell(report.verdict.text)}** (${counts})\n\n` +
    checksTable(report) +
    findingsSection(report, o.cwd) +
    `\n<sub>loadtest-lens ${o.version}</sub>\n`
  );
}
