/**
 * The exit-code policy of every `loadtest-lens` command, in one place (README "Exit codes"):
 * 0 done; 1 the verdict asked for failed (a regression, an invalid run with --fail-on);
 * 2 bad usage, or input that cannot be analysed (nothing readable, a file that could not be
 * read); 3 internal error. CI reads 1 as "the product regressed", so nothing else may give 1.
 */
import type { Severity } from '../core/model/diagnostic';
import type { CliIo } from './io';

export const EXIT = { done: 0, verdictFailed: 1, badInput: 2, internal: 3 } as const;

/**
 * Diagnostic codes the ingest gives a file that could not be READ (an I/O error, a file gone
 * between listing and reading), as opposed to one read and found malformed.
 */
export const READ_FAILURE_CODES: ReadonlySet<string> = new Set(['read.unreadable', 'file.missing']);

/** The fields of a diagnostic the CLI prints (core Diagnostic, analyze's SummaryDiagnostic). */
export interface Finding {
  readonly severity: Severity;
  readonly code?: string;
  readonly message: string;
  readonly file?: string;
  readonly line?: number;
  readonly test?: string;
}

export function isReadFailure(d: Finding): boolean {
  return d.code !== undefined && READ_FAILURE_CODES.has(d.code);
}

/** `test: file:line: message`, the parts that are known. */
export function findingText(d: Finding): string {
  const where = d.file ? `${d.file}${d.line ? `:${d.line}` : ''}: ` : '';
  return `${d.test ? `${d.test}: ` : ''}${where}${d.message.replace(/\s*[\r\n]+\s*/g, ' ')}`;
}

/**
 * When some input could not be read: says so (which files) and returns exit 2; else undefined.
 * `shown` is true when the files were already listed among the findings printed.
 */
export function readFailureExit(
  command: string,
  findings: readonly Finding[],
  io: CliIo,
  shown = false,
): number | undefined {
  const failed = findings.filter(isReadFailure);
  if (failed.length === 0) return undefined;
  const list = shown ? '' : failed.map(d => `  ${findingText(d)}\n`).join('');
  io.stderr(
    `loadtest-lens ${command}: ${failed.length} input file(s) could not be read; the results are incomplete (exit ${EXIT.badInput})\n${list}`,
  );
  return EXIT.badInput;
}

/** How many errors and warnings there were, and the first few of each (file:line message). */
export function printFindingCounts(findings: readonly Finding[], io: CliIo, first = 5): void {
  const errors = findings.filter(d => d.severity === 'error');
  const warnings = findings.filter(d => d.severity === 'warning');
  if (errors.length === 0 && warnings.length === 0) return;
  const lines = [
    ...errors.slice(0, first).map(d => `  error: ${findingText(d)}\n`),
    ...warnings.slice(0, first).map(d => `  warning: ${findingText(d)}\n`),
  ];
  const more = errors.length + warnings.length - lines.length;
  io.stderr(
    `${errors.length} error(s), ${warnings.length} warning(s) in the data${lines.length ? ':' : ''}\n${lines.join('')}` +
      (more > 0 ? `  … and ${more} more\n` : ''),
  );
}

/**
 * Findings that stop a command before it writes (exit 2): a file that could not be read, a
 * folder that is not a root, a test asked for that is not there. Every other finding (a
 * malformed optional batches.json, a cut-off file) is reported and the rest is used.
 */
const BLOCKING_CODES: ReadonlySet<string> = new Set(['layout.notRoot', 'layout.unknownTest']);

export function blockingFindings<F extends Finding>(findings: readonly F[]): F[] {
  return findings.filter(
    d => isReadFailure(d) || (d.code !== undefined && BLOCKING_CODES.has(d.code)),
  );
}
