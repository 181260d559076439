/**
 * `--format github`: GitHub Actions workflow commands (`::error file=…,line=…,title=…::message`),
 * one per finding and per failing or suspect check, so that the pull request shows each where
 * its file and line are known. Escaping follows the runner's rules (actions/toolkit command.ts):
 * `%`, CR and LF in the message; also `:` and `,` in a property.
 */
import type { Severity } from '../../core/model/diagnostic';
import { displayPath, notPassed, type CiReport, type RenderOptions } from './model';

export function escapeData(text: string): string {
  return text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

export function escapeProperty(text: string): string {
  return escapeData(text).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

type Level = 'error' | 'warning' | 'notice';

const LEVEL: Record<Severity, Level> = { error: 'error', warning: 'warning', info: 'notice' };

interface Where {
  readonly file?: string;
  readonly line?: number;
}

/** One workflow command; the properties that are unknown are left out. */
function command(level: Level, where: Where, title: string, message: string, cwd: string): string {
  const props = [
    ...(where.file ? [`file=${escapeProperty(displayPath(where.file, cwd))}`] : []),
    ...(where.file && where.line ? [`line=${where.line}`] : []),
    `title=${escapeProperty(title)}`,
  ];
  return `::${level} ${props.join(',')}::${escapeData(message)}\n`;
}

export function githubAnnotations(report: CiReport, o: RenderOptions): string {
  const checks = notPassed(report).map(c =>
    command(
      c.outcome === 'fail' ? 'error' : 'warning',
      c,
      `${c.suite}: ${c.name}`,
      c.message,
      o.cwd,
    ),
  );
  const findings = report.findings.map(d =>
    command(
      LEVEL[d.severity],
      d,
      d.code ?? d.severity,
      `${d.test ? `${d.test}: ` : ''}${d.message}`,
      o.cwd,
    ),
  );
  const verdict = command(
    report.verdict.failed ? 'error' : 'notice',
    {},
    `loadtest-lens ${report.command}`,
    report.verdict.text,
    o.cwd,
  );
  return [...checks, ...findings, verdict].join('');
}
