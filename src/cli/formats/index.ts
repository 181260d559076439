/**
 * `--format` of `run`, `compare` and `analyze`: parses the option and writes a CiReport in the
 * CI formats (the text and JSON outputs stay each command's own; they print the same objects).
 */
import type { ParsedArgs } from '../args';
import type { CliIo } from '../io';
import { VERSION } from '../version';
import { githubAnnotations } from './github';
import { junitXml } from './junit';
import { markdownSummary } from './markdown';
import { FORMATS, type CiReport, type OutputFormat, type RenderOptions } from './model';
import { sarifLog } from './sarif';

export type CiFormat = Exclude<OutputFormat, 'text' | 'json'>;

/** The `--format` lines of a command's help, its text starting at `column` as the others do. */
export function formatHelp(column: number): string {
  return (
    '  --format F'.padEnd(column) +
    [
      'text (default), json, markdown (PR comment, step summary), github',
      '(workflow annotations), sarif (SARIF 2.1.0) or junit (JUnit XML); see',
      'docs/ci.md. The exit code is the same in every format',
    ].join('\n' + ' '.repeat(column))
  );
}

/**
 * The format asked for: `--format F`, `--json` meaning json; a string is the usage error.
 * `undefined` flags count as not given.
 */
export function formatOption(format: string | undefined, json: boolean): OutputFormat | string {
  if (format === undefined) return json ? 'json' : 'text';
  if (!isFormat(format)) return `--format takes ${FORMATS.join(', ')}, not "${format}"`;
  if (json && format !== 'json') return `--json and --format ${format} ask for two formats`;
  return format;
}

/** The format of parsed arguments (`--format F`, `--json`); a string is the usage error. */
export function formatOf(args: ParsedArgs): OutputFormat | string {
  const format = args.values.get('--format');
  return formatOption(typeof format === 'string' ? format : undefined, args.values.has('--json'));
}

export function isFormat(f: OutputFormat | string): f is OutputFormat {
  return (FORMATS as readonly string[]).includes(f);
}

export function isCiFormat(f: OutputFormat): f is CiFormat {
  return f !== 'text' && f !== 'json';
}

const RENDER: Record<CiFormat, (r: CiReport, o: RenderOptions) => string> = {
  github: githubAnnotations,
  markdown: markdownSummary,
  sarif: sarifLog,
  junit: junitXml,
};

export function renderCi(format: CiFormat, report: CiReport, o: RenderOptions): string {
  return RENDER[format](report, o);
}

/** The report in a CI format on stdout, paths relative to the working folder (the CI workspace). */
export function writeCi(io: CliIo, format: CiFormat, report: CiReport): void {
  io.stdout(renderCi(format, report, { cwd: process.cwd(), version: VERSION }));
}
