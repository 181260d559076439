/**
 * What every CI output format (GitHub annotations, Markdown, SARIF, JUnit) is written from: one
 * `CiReport` per command run, made by an adapter (fromRun.ts, fromCompare.ts, fromAnalyze.ts)
 * from the same verdict and finding objects the text and JSON outputs print. A check whose
 * outcome is `fail` is exactly what makes the command exit 1, so every format agrees with the
 * exit code. Renderers are pure: text in, text out.
 */
import { isAbsolute, relative, sep } from 'node:path';
import type { Finding } from '../exit';

/** The output formats of `run`, `compare` and `analyze`. */
export const FORMATS = ['text', 'json', 'markdown', 'github', 'sarif', 'junit'] as const;
export type OutputFormat = (typeof FORMATS)[number];

/**
 * A check's outcome: `fail` makes the command exit 1; `warn` is worth a look (a suspect scenario,
 * a regression under the threshold); `skip` when the data it needs is absent or too little to
 * decide (an underpowered comparison).
 */
export type CheckOutcome = 'pass' | 'warn' | 'fail' | 'skip';

/** One validity check or compared metric: a JUnit test case, a SARIF result when not passed. */
export interface CiCheck {
  /** What it belongs to: a scenario of a run, a pair of tests, a test of a root. */
  readonly suite: string;
  /** Stable kind, the SARIF rule: the validity class, the metric id. */
  readonly rule: string;
  readonly name: string;
  readonly outcome: CheckOutcome;
  readonly message: string;
  readonly file?: string;
  readonly line?: number;
  /** Figures shown beside it in the Markdown table (baseline, candidate…), by column. */
  readonly values?: Readonly<Record<string, string>>;
}

export interface CiReport {
  readonly command: 'run' | 'compare' | 'analyze';
  /** What was read: the run folders, `baseline → candidate`, the root. */
  readonly subject: string;
  /** The sentence of the verdict and whether it failed (exit 1). */
  readonly verdict: { readonly failed: boolean; readonly text: string };
  /** The Markdown table's figure columns, in order. */
  readonly columns: readonly string[];
  readonly checks: readonly CiCheck[];
  /** Every finding about the input (diagnostics), with file and line where known. */
  readonly findings: readonly Finding[];
}

/** Options every renderer takes: paths are written relative to `cwd` (the workspace in CI). */
export interface RenderOptions {
  readonly cwd: string;
  readonly version: string;
}

/** `file` relative to `cwd` with `/` separators when inside it, else as given. */
export function displayPath(file: string, cwd: string): string {
  const rel = relative(cwd, file);
  if (rel === '' || rel.startsWith('..') || isAbsolute(rel)) return file.split(sep).join('/');
  return rel.split(sep).join('/');
}

/** Checks that failed, then those that want a look: what the annotations and SARIF carry. */
export function notPassed(report: CiReport): CiCheck[] {
  return report.checks.filter(c => c.outcome === 'fail' || c.outcome === 'warn');
}

/** A message on one line (findings may quote multi-line log excerpts). */
export function oneLine(text: string): string {
  return text.replace(/\s*[\r\n]+\s*/g, ' ').trim();
}
