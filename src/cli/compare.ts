/**
 * `loadtest-lens compare <baseline> <candidate> --out DIR`: verdicts per metric, load knees,
 * capacity and failure taxonomy of each pair of tests → DIR/verdict.json (docs/compare.md).
 * Exit 0: no regression beyond the thresholds; 1: at least one; 2: usage or input error
 * (exit.ts).
 */
import { join, resolve } from 'node:path';
import {
  DEFAULT_CONFIG,
  DEFAULT_LOAD_CONFIG,
  loadRoot,
  pairTests,
  progressText,
  configDiffText,
  crossRunText,
  verdictDocument,
  type CompareConfig,
  type LoadConfig,
  type VerdictDocument,
} from '../core/compare';
import type { TaskRunner } from '../core/pipeline/runner';
import { comparePairsOn } from '../core/pipeline/testLoads';
import type { Diagnostic } from '../core/model/diagnostic';
import { cacheOption } from './cache';
import type { CliIo } from './io';
import { commaList, runCommand, usageError } from './command';
import { EXIT, blockingFindings, findingText, printFindingCounts } from './exit';
import { checkInputFolders, enclosedTest, sayEnclosed } from './inputs';
import { STDOUT, outputProblem, writeDocument } from './output';
import { parseCommandArgs, textOf, type FlagSpecs } from './args';
import { numberFlags } from './numberFlags';
import { formatHelp, formatOf, isCiFormat, isFormat, writeCi } from './formats';
import { compareReport } from './formats/fromCompare';
import type { OutputFormat } from './formats/model';
import {
  COMPARE_RUNS_FLAGS,
  COMPARE_RUNS_HELP,
  compareRunsCommand,
  namesRuns,
} from './compareRuns';
import { followsText, type Knee, type TestLoad } from '../shared/loadResults';

export const COMPARE_HELP = `Usage: loadtest-lens compare <baseline> <candidate> --out DIR [options]

Compares the tests of two result roots (or two tests of one root: give the same root twice with
--baseline-test and --candidate-test) and writes DIR/verdict.json. Exit code 1 when a metric
regressed beyond the thresholds, 2 on a usage or input error. See docs/compare.md.

  --out DIR               output folder (created; verdict.json is replaced); - writes
                          verdict.json on standard output
  --json                  print verdict.json on standard output too (--format json)
${formatHelp(26)}
  --tests a,b             compare these test names (present in both roots)
  --baseline-test NAME    the baseline test (with --candidate-test: one explicit pair)
  --candidate-test NAME   the candidate test
  --alpha A               family-wise significance level, Holm (default 0.05)
  --min-effect D          smallest effect to detect: Cohen's d / h (default 0.5)
  --power P               power needed for "no detectable change" (default 0.8)
  --fail-delta X          fail on a regression with |Cliff's delta| >= X (default 0.147)
  --fail-rate X           fail on a failure-rate increase >= X, 0..1 (default 0.05)
  --capacity-vmaf V       VMAF (0-100) of the capacity statement (default 80)
  --capacity-drop N       relative capacity: VMAF points below the light-load level (default 5)
  --knee-resamples N      bootstrap resamples of the knee fits (default 200)
  --seed N                bootstrap seed (default 20240607)
  --fail-on regression|never   exit 1 on a regression beyond the thresholds (default regression)

Today's runs (run folders, report-<ts>.html, #N for one test case) are compared on their
platform metrics instead:

${COMPARE_RUNS_HELP}`;

export interface CompareOptions {
  readonly baseline: string;
  readonly candidate: string;
  /** The folder of verdict.json, or `-`: verdict.json on standard output. */
  readonly out: string;
  /** What stdout gets (default text). */
  readonly format?: OutputFormat;
  readonly names?: readonly string[];
  readonly baselineTest?: string;
  readonly candidateTest?: string;
  readonly config: CompareConfig;
  readonly load: LoadConfig;
  /** `never`: report regressions, exit 0. */
  readonly failOn?: 'regression' | 'never';
}

const NUMBERS: Record<
  string,
  { key: keyof CompareConfig | keyof LoadConfig; ok: (v: number) => boolean }
> = {
  '--alpha': { key: 'alpha', ok: v => v > 0 && v < 1 },
  '--min-effect': { key: 'minEffect', ok: v => v > 0 },
  '--power': { key: 'targetPower', ok: v => v > 0 && v < 1 },
  '--fail-delta': { key: 'failDelta', ok: v => v >= 0 && v <= 1 },
  '--fail-rate': { key: 'failRateIncrease', ok: v => v >= 0 && v <= 1 },
  '--capacity-vmaf': { key: 'capacityVmaf', ok: v => v >= 0 && v <= 100 },
  '--capacity-drop': { key: 'capacityDrop', ok: v => v >= 0 && v <= 100 },
  '--knee-resamples': { key: 'kneeResamples', ok: v => Number.isInteger(v) && v >= 0 },
  '--seed': { key: 'seed', ok: v => Number.isInteger(v) },
};
const FLAGS: FlagSpecs = {
  ...Object.fromEntries(Object.keys(NUMBERS).map(f => [f, 'string'])),
  '--out': 'string',
  '--tests': 'string',
  '--baseline-test': 'string',
  '--candidate-test': 'string',
  '--fail-on': 'string',
  '--format': 'string',
  '--json': 'boolean',
};

/** Parses argv; a string is the usage error to print. */
export function parseCompareArgs(argv: readonly string[]): CompareOptions | string {
  const args = parseCommandArgs(argv, FLAGS);
  if (typeof args === 'string') return args;
  const numbers = numberFlags(args, NUMBERS);
  if (typeof numbers === 'string') return numbers;
  const text = { get: (flag: string) => textOf(args, flag) };
  const positional = args.positionals;
  const format = formatOf(args);
  if (!isFormat(format)) return format;
  if (positional.length !== 2) return 'a baseline and a candidate root are required';
  const out = text.get('--out');
  if (!out) return '--out DIR is required';
  if (out === STDOUT && format !== 'text' && format !== 'json')
    return `--out - and --format ${format} would both write to standard output`;
  const names = commaList(text.get('--tests'));
  const baselineTest = text.get('--baseline-test');
  const candidateTest = text.get('--candidate-test');
  const failOn = text.get('--fail-on');
  if (failOn !== undefined && failOn !== 'regression' && failOn !== 'never')
    return '--fail-on takes regression or never';
  return {
    baseline: resolve(positional[0] as string),
    candidate: resolve(positional[1] as string),
    out: out === STDOUT ? STDOUT : resolve(out),
    format,
    ...(names ? { names } : {}),
    ...(baselineTest ? { baselineTest } : {}),
    ...(candidateTest ? { candidateTest } : {}),
    config: { ...DEFAULT_CONFIG, ...numbers },
    load: { ...DEFAULT_LOAD_CONFIG, ...numbers },
    ...(failOn ? { failOn } : {}),
  };
}

/**
 * Loads both sides and compares every pair; a string is an input error (a file that could not
 * be read, an unknown test). Every finding of both roots is added to `findings`.
 */
export async function runCompare(
  o: CompareOptions,
  runner: TaskRunner,
  findings: Diagnostic[] = [],
): Promise<VerdictDocument | string> {
  const tests = o.names ?? [o.baselineTest, o.candidateTest].filter((t): t is string => !!t);
  const only = (name?: string): readonly string[] | undefined => (name ? [name] : o.names);
  const cache = cacheOption();
  // Both roots at once: one's files parse on the workers while the other's are read here.
  const baseline = loadRoot(o.baseline, {
    runner,
    ...cache,
    ...(only(o.baselineTest) ? { tests: only(o.baselineTest) } : {}),
  });
  const candidate =
    o.candidate === o.baseline && tests.length === 0
      ? baseline
      : loadRoot(o.candidate, {
          runner,
          ...cache,
          ...(only(o.candidateTest) ? { tests: only(o.candidateTest) } : {}),
        });
  const [b, c] = await Promise.all([baseline, candidate]);
  for (const side of c === b ? [b] : [b, c])
    findings.push(...side.diagnostics, ...side.tests.flatMap(t => t.diagnostics));
  const blocking = blockingFindings(findings);
  if (blocking.length) return blocking.map(findingText).join('\n');
  const pairs = pairTests(b.tests, c.tests, o);
  if (typeof pairs === 'string') return pairs;
  return verdictDocument(await comparePairsOn(runner, pairs, o.config, o.load), o.config, o.load);
}

/**
 * Test folders given for a side (`<root>/stats/<test>`) read as that test of their root: a test
 * folder names its side's test, and the other side's too when that side is a whole root (the
 * same test on both). A string is the usage error (a test folder with --tests or with its
 * side's --*-test).
 */
export async function compareTargets(
  o: CompareOptions,
  io: CliIo,
): Promise<CompareOptions | string> {
  const [b, c] = await Promise.all([enclosedTest(o.baseline), enclosedTest(o.candidate)]);
  if (!b && !c) return o;
  if (o.names) return 'a test folder names its test: give roots with --tests, or test folders';
  if ((b && o.baselineTest) || (c && o.candidateTest))
    return 'a test folder names its test: give its root with --baseline-test / --candidate-test';
  if (b) sayEnclosed('compare', o.baseline, b, io);
  if (c) sayEnclosed('compare', o.candidate, c, io);
  const baselineTest = b?.test ?? o.baselineTest ?? c?.test;
  const candidateTest = c?.test ?? o.candidateTest ?? b?.test;
  return {
    ...o,
    baseline: b?.root ?? o.baseline,
    candidate: c?.root ?? o.candidate,
    ...(baselineTest ? { baselineTest } : {}),
    ...(candidateTest ? { candidateTest } : {}),
  };
}

const KNEE_METRIC: Record<Knee['metric'], string> = {
  vmaf: 'VMAF',
  visqol: 'ViSQOL',
  connectionTime: 'connection time',
  failure: 'failure probability per attempt',
};

function loadValue(k: Knee, v: number | null): string {
  if (v === null) return '?';
  return k.load === 'users' ? `${Math.round(v)}` : `${Math.round(v * 100)} %`;
}

/** "knees candidate: VMAF vs users step at 96 [94–106], then 120 [..] (follows users); …" */
function kneeLine(side: string, load: TestLoad): string {
  const found = load.knees.filter(k => k.knee !== null);
  if (found.length === 0) return `  knees ${side}: none\n`;
  const text = found.map(k => {
    const at = (v: number | null, lo: number | null, hi: number | null): string =>
      `${loadValue(k, v)} [${loadValue(k, lo)}–${loadValue(k, hi)}]`;
    const then = k.knee2 === null ? '' : `, then ${at(k.knee2, k.low2, k.high2)}`;
    const unit = k.load === 'users' ? 'users' : 'CPU';
    return `${KNEE_METRIC[k.metric]} vs ${unit} ${k.model} at ${at(k.knee, k.low, k.high)}${then} (follows ${followsText(k)})`;
  });
  return `  knees ${side}: ${text.join('; ')}\n`;
}

function summaryLines(doc: VerdictDocument): string {
  return doc.comparisons
    .map(c => {
      const head = `${c.baseline.test} → ${c.candidate.test}`;
      const warn = c.comparability
        .map(w => `  ! ${w.message}: ${w.baseline} | ${w.candidate}\n`)
        .join('');
      const rows = c.overall
        .map(
          v =>
            `  ${v.label.padEnd(22)} ${v.verdict}${v.beyondThreshold ? ' (beyond threshold)' : ''}\n`,
        )
        .join('');
      const cap = (['baseline', 'candidate'] as const)
        .map(side => {
          const l = c.load[side];
          const rel = l.relativeCapacity?.statement;
          return (
            `  capacity ${side}: ${l.capacity?.statement ?? 'no QoE'}\n` +
            (rel ? `  relative capacity ${side}: ${rel}\n` : '') +
            `  progress ${side}: ${progressText(c.progress[side])}\n`
          );
        })
        .join('');
      const knees = (['baseline', 'candidate'] as const)
        .map(side => kneeLine(side, c.load[side]))
        .join('');
      const diff = c.configDiff.length
        ? `  configuration differences (controller log):\n${c.configDiff.map(d => `    ${configDiffText(d)}\n`).join('')}`
        : "  configuration: no difference in the controller log's parameters\n";
      const cross =
        `  failing users: ${crossRunText(c.crossRun.users)}\n` +
        `  failure causes: ${crossRunText(c.crossRun.causes)}\n`;
      return `${head}\n${warn}${diff}${rows}${cap}${knees}${cross}`;
    })
    .join('');
}

export async function compareCommand(argv: string[], io: CliIo): Promise<number> {
  const both = parseCommandArgs(argv, { ...FLAGS, ...COMPARE_RUNS_FLAGS });
  if (typeof both !== 'string' && (await namesRuns(both.positionals)))
    return compareRunsCommand(argv, io);
  return runCommand(
    'compare',
    COMPARE_HELP,
    argv,
    io,
    parseCompareArgs,
    async (given: CompareOptions, runner) => {
      const refused = await checkInputFolders('compare', [given.baseline, given.candidate], io);
      if (refused !== undefined) return refused;
      const o = await compareTargets(given, io);
      if (typeof o === 'string') return usageError('compare', COMPARE_HELP, o, io);
      const outProblem =
        o.out === STDOUT
          ? undefined
          : await outputProblem(o.out, 'folder', [o.baseline, o.candidate]);
      if (outProblem) {
        io.stderr(`loadtest-lens compare: ${outProblem}\n`);
        return EXIT.badInput;
      }
      const findings: Diagnostic[] = [];
      const doc = await runCompare(o, runner, findings);
      if (typeof doc === 'string') {
        io.stderr(`loadtest-lens compare: ${doc}\n`);
        return EXIT.badInput;
      }
      printFindingCounts(findings, io);
      const json = JSON.stringify(doc, null, 2) + '\n';
      const notWritten = await writeDocument(o.out, 'verdict.json', json, io);
      if (notWritten) {
        io.stderr(`loadtest-lens compare: ${notWritten}\n`);
        return EXIT.badInput;
      }
      const failsExit = o.failOn !== 'never';
      const where = o.out === STDOUT ? 'standard output' : join(o.out, 'verdict.json');
      const format = o.format ?? 'text';
      if (format === 'text')
        (o.out === STDOUT ? io.stderr : io.stdout)(summaryLines(doc) + `verdict: ${where}\n`);
      else if (format === 'json' && o.out !== STDOUT) io.stdout(json);
      else if (isCiFormat(format)) writeCi(io, format, compareReport(doc, findings, failsExit));
      if (doc.failing.length)
        io.stderr(
          doc.failing
            .map(f => `regression beyond threshold: ${f.candidate} ${f.metric}\n`)
            .join(''),
        );
      return doc.failing.length && o.failOn !== 'never' ? EXIT.verdictFailed : EXIT.done;
    },
  );
}
