/**
 * `loadtest-lens compare <baseline> <candidate>` on two of today's controller runs (run folders,
 * a `report-<ts>.html` / `results-<ts>.txt` to pick one run of a folder, `#N` for test case N):
 * per matching test case, each platform metric's steady-window verdict with its block-bootstrap
 * interval (src/core/runs/compareRuns.ts), the configuration keys that differ and the test cases
 * that did not match. Exit 0: no regression beyond the threshold; 1: one (with
 * `--fail-on regression`, the default); 2: usage or input error.
 */
import { basename, dirname, resolve } from 'node:path';
import { listRuns, loadRun, type RunFiles } from '../core/runs/run';
import { summarizeRun } from '../core/runs/summary';
import {
  compareRuns,
  DEFAULT_RUN_COMPARE,
  type RunCompareConfig,
  type RunSide,
} from '../core/runs/compareRuns';
import { runComparisonText } from '../core/runs/compareRunsText';
import { detectFolder } from '../core/source/resultRoot';
import { parseZone, ZONE_SYNTAX, type Zone } from '../shared/zone';
import { commandOptions } from './command';
import { EXIT, readFailureExit } from './exit';
import type { CliIo } from './io';
import { STDOUT, outputProblem, writeDocument } from './output';
import { parseCommandArgs, textOf, type FlagSpecs } from './args';
import { numberFlags } from './numberFlags';
import { formatHelp, formatOf, isCiFormat, isFormat, writeCi } from './formats';
import { runCompareReport } from './formats/fromCompare';
import type { OutputFormat } from './formats/model';

export const COMPARE_RUNS_HELP = `Usage: loadtest-lens compare <baseline-run>[#N] <candidate-run>[#N] [options]

Compares two runs of today's openvidu-loadtest (folders with report-<ts>.html / results-<ts>.txt;
give the report file to pick one run of a folder holding several; #N keeps test case N only, as
the report numbers it: "Test Case N"). Test cases are paired by topology, participants and
configured sessions; for each pair, every platform metric's steady-window mean is compared with
a circular block-bootstrap interval (the samples are autocorrelated), Holm across the metrics of
a test case: improved, regressed, no detectable change, underpowered or no data. The YAML keys
that differ are listed; an invalid or suspect test case is flagged beside its verdicts. See
docs/compare.md.

  --json                  print the comparison as JSON (schema loadtest-lens/run-compare,
                          docs/schemas/run-compare.schema.json); the same as --format json
${formatHelp(26)}
  --out DIR               also write DIR/run-compare.json; - writes it on standard output
  --fail-on regression|never   exit 1 on a regression beyond the threshold (default regression)
  --alpha A               family-wise significance level, Holm (default 0.05)
  --min-change X          smallest change worth detecting and failing on, as a fraction of the
                          baseline's mean (default 0.05)
  --power P               power needed for "no detectable change" (default 0.8)
  --resamples N           block-bootstrap resamples (default 2000)
  --seed N                bootstrap seed (default 20240607)
  --html-tz ZONE          the controller's zone, +HH:MM or an IANA name (see "run --help")`;

/** `<path>#<N>`: a run folder or report file, and the test case kept. */
export interface RunRef {
  readonly path: string;
  readonly only?: number;
}

export interface CompareRunsOptions {
  readonly baseline: RunRef;
  readonly candidate: RunRef;
  readonly format: OutputFormat;
  /** Also write run-compare.json in this folder, or (`-`) on standard output. */
  readonly out?: string;
  readonly failOn: 'regression' | 'never';
  readonly zone?: Zone;
  readonly config: RunCompareConfig;
}

const CASE = /^(.*)#(\d+)$/;

/** `runs/a#2` → runs/a, test case 2. A `#` not followed by digits is part of the path. */
export function parseRunRef(arg: string): RunRef {
  const m = CASE.exec(arg);
  return m ? { path: resolve(m[1]!), only: Number(m[2]) } : { path: resolve(arg) };
}

const NUMBERS: Record<string, { key: keyof RunCompareConfig; ok: (v: number) => boolean }> = {
  '--alpha': { key: 'alpha', ok: v => v > 0 && v < 1 },
  '--min-change': { key: 'minChange', ok: v => v > 0 },
  '--power': { key: 'targetPower', ok: v => v > 0 && v < 1 },
  '--resamples': { key: 'resamples', ok: v => Number.isInteger(v) && v >= 100 },
  '--seed': { key: 'seed', ok: v => Number.isInteger(v) },
};
export const COMPARE_RUNS_FLAGS: FlagSpecs = {
  ...Object.fromEntries(Object.keys(NUMBERS).map(f => [f, 'string'])),
  '--json': 'boolean',
  '--format': 'string',
  '--out': 'string',
  '--fail-on': 'string',
  '--html-tz': 'string',
};

export function parseCompareRunsArgs(argv: readonly string[]): CompareRunsOptions | string {
  const parsed = parseCommandArgs(argv, COMPARE_RUNS_FLAGS);
  if (typeof parsed === 'string') return `${parsed} (for run folders)`;
  const numbers = numberFlags(parsed, NUMBERS);
  if (typeof numbers === 'string') return numbers;
  const text = { get: (flag: string) => textOf(parsed, flag) };
  const format = formatOf(parsed);
  if (!isFormat(format)) return format;
  const args = parsed.positionals;
  if (args.length !== 2) return 'a baseline and a candidate run are required';
  const failOn = text.get('--fail-on') ?? 'regression';
  if (failOn !== 'regression' && failOn !== 'never') return '--fail-on takes regression or never';
  const tz = text.get('--html-tz');
  const zone = tz === undefined ? undefined : parseZone(tz);
  if (tz !== undefined && zone === undefined) return `--html-tz takes ${ZONE_SYNTAX}, not "${tz}"`;
  const out = text.get('--out');
  if (out === STDOUT && format !== 'text')
    return `--out - and --format ${format} would both write to standard output`;
  return {
    baseline: parseRunRef(args[0]!),
    candidate: parseRunRef(args[1]!),
    format,
    ...(out ? { out: out === STDOUT ? STDOUT : resolve(out) } : {}),
    failOn,
    ...(zone ? { zone } : {}),
    config: { ...DEFAULT_RUN_COMPARE, ...numbers },
  };
}

const RUN_FILE = /^(?:report-(.+)\.html|results(?:-(.+))?\.txt)$/;

/** The run a path names: a run folder with one run, or a report / results file of a folder. */
export async function runAt(path: string): Promise<RunFiles | string> {
  const file = RUN_FILE.exec(basename(path));
  if (file) {
    const id = file[1] ?? file[2] ?? 'results';
    const parent = dirname(path);
    const folder = basename(parent) === 'results' ? dirname(parent) : parent;
    const run = (await listRuns(folder)).find(r => r.id === id);
    return run ?? `${path}: no run ${id} in ${folder}`;
  }
  const runs = await listRuns(path);
  if (runs.length === 1) return runs[0]!;
  if (runs.length > 1)
    return `${path} holds ${runs.length} runs (${runs.map(r => r.id).join(', ')}): give the report-<ts>.html of one`;
  const d = await detectFolder(path);
  return `${path} is not a run of today's tool (${d.reason}): it has no report-<ts>.html or results-<ts>.txt`;
}

/** True when the positional arguments name today's runs (a `#N`, a run folder, a report file). */
export async function namesRuns(positionals: readonly string[]): Promise<boolean> {
  for (const a of positionals) {
    if (CASE.test(a) || RUN_FILE.test(basename(a))) return true;
    if ((await detectFolder(resolve(a))).kind === 'run') return true;
  }
  return false;
}

async function loadSide(ref: RunRef, zone: Zone | undefined): Promise<RunSide | string> {
  const files = await runAt(ref.path);
  if (typeof files === 'string') return files;
  const run = await loadRun(files, zone ? { zone } : {});
  const summary = summarizeRun(run);
  if (ref.only !== undefined && !run.scenarios.some(s => s.report.index === ref.only))
    return `${ref.path} has no test case ${ref.only} (it has ${run.scenarios.map(s => s.report.index).join(', ') || 'none'})`;
  return { run, summary, ...(ref.only !== undefined ? { only: ref.only } : {}) };
}

export async function compareRunsCommand(argv: string[], io: CliIo): Promise<number> {
  const o = commandOptions('compare', COMPARE_RUNS_HELP, argv, io, parseCompareRunsArgs);
  if (typeof o === 'number') return o;
  const fail = (message: string): number => {
    io.stderr(`loadtest-lens compare: ${message}\n`);
    return EXIT.badInput;
  };
  if (o.out && o.out !== STDOUT) {
    const problem = await outputProblem(o.out, 'folder', [o.baseline.path, o.candidate.path]);
    if (problem) return fail(problem);
  }
  const b = await loadSide(o.baseline, o.zone);
  if (typeof b === 'string') return fail(b);
  const c = await loadSide(o.candidate, o.zone);
  if (typeof c === 'string') return fail(c);
  const unread = readFailureExit('compare', [...b.run.diagnostics, ...c.run.diagnostics], io);
  if (unread !== undefined) return unread;
  const comparison = compareRuns(b, c, o.config);
  const json = JSON.stringify(comparison, null, 2) + '\n';
  if (o.out) {
    const refused = await writeDocument(o.out, 'run-compare.json', json, io);
    if (refused) return fail(refused);
  }
  const failsExit = o.failOn === 'regression';
  const findings = [...b.run.diagnostics, ...c.run.diagnostics];
  if (o.format === 'json' && o.out !== STDOUT) io.stdout(json);
  else if (o.format === 'text')
    (o.out === STDOUT ? io.stderr : io.stdout)(runComparisonText(comparison));
  else if (isCiFormat(o.format))
    writeCi(io, o.format, runCompareReport(comparison, findings, failsExit));
  if (comparison.pairs.length === 0)
    return fail(
      'no test case of the baseline matches one of the candidate (same topology, participants and configured sessions)',
    );
  if (failsExit && comparison.failing.length > 0) {
    io.stderr(
      comparison.failing.map(f => `regression beyond threshold: ${f.case} ${f.metric}\n`).join(''),
    );
    return EXIT.verdictFailed;
  }
  return EXIT.done;
}
