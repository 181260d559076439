/**
 * `loadtest-lens analyze <root> --out DIR [--profile default|notebook] [--tests a,b]`: every table
 * of the analysis notebook, per test, plus summary.json (docs/analyze.md).
 */
import { resolve } from 'node:path';
import {
  analyzeTestDownstreamOn,
  planStats,
  runStatsPlan,
  separateStatsRaises,
  type TestDownstream,
} from '../core/analysis/downstream';
import { readScanOrder, rootConnectionStats, type ScanOrder } from '../core/analysis/segments';
import { summarizeTest, testCounts } from '../core/analysis/testSummary';
import type { ConnectionStatsRow, Profile } from '../core/analysis/types';
import { summarizeRoot } from '../core/analysis/rootSummary';
import { readTextFile } from '../core/ingest/readFile';
import { qosInRun, type QosTables } from '../core/ingest/stats';
import { folderSource } from '../core/source/resultSource';
import { folderTestOf, type TestLocation } from '../core/source/resultRoot';
import { folderTestName } from '../core/analysis/testCases';
import type { RootData } from '../core/ingest/ingestRoot';
import type { Diagnostic } from '../core/model/diagnostic';
import {
  OutputRefused,
  OutputWriter,
  prepareOutput,
  startQosWrite,
  writeSummary,
  writeTest,
  type QosWrite,
  type QosTablesWriter,
} from '../core/report/analyzeOutput';
import { parseConnectionStatsCsv } from '../core/report/connectionStatsCsv';
import type { SummaryDiagnostic, SummaryDocumentTest } from '../core/report/summary';
import { cacheOption } from './cache';
import type { CliIo } from './io';
import { commandOptions, usageError } from './command';
import { groupBy } from '../shared/arrays';
import { createRunner } from './runner';
import type { TaskRunner } from '../core/pipeline/runner';
import {
  EXIT,
  blockingFindings,
  findingText,
  isReadFailure,
  printFindingCounts,
  readFailureExit,
} from './exit';
import { checkInputFolders, rootTestsOf } from './inputs';
import { STDOUT, folderNotStdout, outputProblem } from './output';
import { parseCommandArgs, textOf, type FlagSpecs } from './args';
import { progressOf } from './io';
import { formatHelp, formatOf, isCiFormat, isFormat, writeCi } from './formats';
import { analyzeReport } from './formats/fromAnalyze';
import type { OutputFormat } from './formats/model';
import { zoneOptionError } from '../core/ingest/timezone';
import { plural } from '../shared/format';

const HELP = `Usage: loadtest-lens analyze <root> --out DIR [--profile default|notebook] [--tests a,b]
                              [--tz auto|+HH:MM|Area/City] [--connection-stats FILE] [--format F]

Runs the whole analysis of the notebook on a result root and writes, per test, its tables
(connection_stats, CPU-band tables, basics and comparisons raw and IQR-cleaned, progression
counts, QoE progression, the eight QoS tables) and summary.json. See docs/analyze.md.

  --out DIR                 output folder: new, empty, or a previous analyze output
  --profile P               default (correct results) or notebook (the notebook's numbers, quirks
                            included; where the notebook would stop, a diagnostic)
  --tests a,b               only these tests
  --tz Z                    controller log time zone: auto (inferred), +HH:MM or an IANA name
                            like Europe/Madrid (DST-correct per line); default profile only
  --connection-stats FILE   start from this connection_stats.csv (the notebook's
                            dfs_aux/connection_stats.csv) instead of computing it; <root> is then
                            optional and only used for the QoS tables
  --json                    print summary.json on standard output too (--format json; schema
                            loadtest-lens.analyze.summary, docs/schemas/analyze-summary.schema.json)
${formatHelp(28)}
  --progress                progress lines on stderr even when it is not a terminal`;

interface Options {
  readonly root?: string;
  readonly out: string;
  readonly profile: Profile;
  readonly tests?: readonly string[];
  readonly tz: string;
  readonly connectionStats?: string;
  readonly format: OutputFormat;
  /** Progress lines on stderr even when it is not a terminal. */
  readonly progress: boolean;
}

const FLAGS: FlagSpecs = {
  '--out': 'string',
  '--profile': 'string',
  '--tests': 'string',
  '--tz': 'string',
  '--connection-stats': 'string',
  '--format': 'string',
  '--json': 'boolean',
  '--progress': 'boolean',
};

/** Parses argv; a string is the usage error to print. */
export function parseAnalyzeArgs(argv: readonly string[]): Options | string {
  const args = parseCommandArgs(argv, FLAGS);
  if (typeof args === 'string') return args;
  const values = { get: (flag: string) => textOf(args, flag) };
  const positional = args.positionals;
  const format = formatOf(args);
  if (!isFormat(format)) return format;
  const out = values.get('--out');
  if (!out) return '--out DIR is required';
  if (out === STDOUT)
    return `${folderNotStdout('analyze writes its tables')}; --format json prints summary.json`;
  const profile = values.get('--profile') ?? 'default';
  if (profile !== 'default' && profile !== 'notebook')
    return `--profile must be default or notebook, not "${profile}"`;
  if (positional.length > 1) return `one root only (got ${positional.join(', ')})`;
  const connectionStats = values.get('--connection-stats');
  if (!positional[0] && !connectionStats)
    return 'a result root (or --connection-stats FILE) is required';
  const tzError = zoneOptionError('--tz', values.get('--tz') ?? 'auto');
  if (tzError) return tzError;
  const tests = values
    .get('--tests')
    ?.split(',')
    .map(t => t.trim())
    .filter(Boolean);
  return {
    root: positional[0] ? resolve(positional[0]) : undefined,
    out: resolve(out),
    profile,
    tests,
    tz: values.get('--tz') ?? 'auto',
    connectionStats: connectionStats ? resolve(connectionStats) : undefined,
    format,
    progress: args.values.has('--progress'),
  };
}

function fromDiagnostic(d: Diagnostic, test?: string): SummaryDiagnostic {
  return {
    severity: d.severity,
    code: d.code,
    message: d.message,
    file: d.file,
    ...(d.line ? { line: d.line } : {}),
    ...(test ? { test } : {}),
  };
}

/**
 * The root read once, through the same summary `loadtest-lens summary` makes, so that every
 * finding summary shows (root-level ones such as batches.json, each parser's, the consistency
 * checks') is in summary.json too; the data is kept for the tables.
 */
async function ingest(
  o: Options,
  io: CliIo,
  runner: TaskRunner,
): Promise<{ data: RootData; diagnostics: SummaryDiagnostic[] }> {
  const progress = progressOf(io, o.progress);
  let lastShown = 0;
  const summary = await summarizeRoot(o.root as string, {
    runner,
    ...cacheOption(),
    logTimezone: o.tz,
    keepData: true,
    keepOtherRuns: o.profile === 'notebook',
    ...(o.tests ? { tests: o.tests } : {}),
    onProgress: p => {
      const now = Date.now();
      if (now - lastShown < 500 && p.filesDone < p.filesTotal) return;
      lastShown = now;
      progress(
        `reading ${p.filesDone}/${p.filesTotal} files (${(p.bytesDone / 1e6).toFixed(1)} MB)\n`,
      );
    },
  });
  const diagnostics = [
    ...summary.diagnostics.map(d => fromDiagnostic(d)),
    ...summary.tests.flatMap(t => t.diagnostics.map(d => fromDiagnostic(d, t.name))),
  ];
  return { data: summary.data as RootData, diagnostics };
}

interface RowsAndTests {
  readonly rows: ConnectionStatsRow[];
  readonly data?: RootData;
  readonly diagnostics: SummaryDiagnostic[];
}

async function connectionStatsFile(
  o: Options,
  io: CliIo,
  runner: TaskRunner,
): Promise<RowsAndTests> {
  const file = o.connectionStats as string;
  progressOf(io, o.progress)(`reading ${file}\n`);
  const read = await readTextFile(file);
  const parsed = parseConnectionStatsCsv(read.text ?? '');
  const diagnostics = [
    ...read.diagnostics.map(d => fromDiagnostic(d)),
    ...parsed.problems.map((message): SummaryDiagnostic => ({
      severity: 'error',
      code: 'csv.connectionStats',
      message,
      file,
    })),
  ];
  const rows = o.tests ? parsed.rows.filter(r => o.tests?.includes(r.index)) : parsed.rows;
  if (!o.root) return { rows, diagnostics };
  const root = await ingest(o, io, runner);
  return { rows, data: root.data, diagnostics: [...diagnostics, ...root.diagnostics] };
}

async function computedRows(o: Options, io: CliIo, runner: TaskRunner): Promise<RowsAndTests> {
  const { data, diagnostics: read } = await ingest(o, io, runner);
  progressOf(io, o.progress)(`computing connection segments (${o.profile} profile)\n`);
  const scanOrders = new Map<string, ScanOrder>();
  for (const t of data.tests)
    if (t.location.statsDir)
      scanOrders.set(t.location.name, await readScanOrder(t.location.statsDir));
  const r = rootConnectionStats(data, o.profile, { scanOrders, logTimezone: o.tz });
  const diagnostics = [...read, ...r.diagnostics.map(d => fromDiagnostic(d))];
  return { rows: r.rows, data, diagnostics };
}

function reportSection(io: CliIo, test: string, t: SummaryDocumentTest): void {
  for (const s of t.sections)
    for (const d of s.diagnostics)
      if (d.severity !== 'info') io.stderr(`${d.severity}: ${test} ${s.section}: ${d.message}\n`);
}

export async function analyzeCommand(argv: string[], io: CliIo): Promise<number> {
  const given = commandOptions('analyze', HELP, argv, io, parseAnalyzeArgs);
  if (typeof given === 'number') return given;
  const refused = given.root ? await checkInputFolders('analyze', [given.root], io) : undefined;
  if (refused !== undefined) return refused;
  const target = given.root ? await rootTestsOf('analyze', { ...given, root: given.root }, io) : {};
  if (typeof target === 'string') return usageError('analyze', HELP, target, io);
  const o: Options = { ...given, ...target };
  const problem = await outputProblem(o.out, 'folder', o.root ? [o.root] : []);
  if (problem) {
    io.stderr(`loadtest-lens analyze: ${problem}\n`);
    return EXIT.badInput;
  }
  try {
    await prepareOutput(o.out);
  } catch (e) {
    if (e instanceof OutputRefused) {
      io.stderr(`loadtest-lens analyze: ${e.message}\n`);
      return EXIT.badInput;
    }
    throw e;
  }
  const runner = createRunner();
  try {
    return await runAnalysis(o, io, runner);
  } catch (e) {
    if (!(e instanceof OutputRefused)) throw e;
    io.stderr(`loadtest-lens analyze: ${e.message}\n`);
    return EXIT.badInput;
  } finally {
    await runner.dispose();
  }
}

/**
 * Cells 16+ of every test started at once, so that all tests' comparison sections share the
 * worker pool; each promise is awaited in test order (and guarded until then, so that a failure
 * is reported where it is awaited, not as an unhandled rejection).
 */
function startDownstream(
  byTest: ReadonlyMap<string, readonly ConnectionStatsRow[]>,
  profile: Profile,
  runner: TaskRunner,
): Map<string, Promise<TestDownstream>> {
  const started = new Map<string, Promise<TestDownstream>>();
  for (const [test, rows] of byTest) {
    const p = analyzeTestDownstreamOn(runner, test, rows, profile);
    p.catch(() => undefined);
    started.set(test, p);
  }
  return started;
}

/**
 * Every test's QoS tables (`separateStats`), started before anything else is read: their
 * stats.json files (most of a root's bytes) are parsed on the workers as background tasks while
 * this thread reads the rest of the root and computes connection_stats. Each promise is guarded
 * until it is awaited, as in startDownstream.
 */
async function startQos(
  o: Options,
  runner: TaskRunner,
): Promise<Map<string, Promise<QosTables | undefined>>> {
  const started = new Map<string, Promise<QosTables | undefined>>();
  if (!o.root) return started;
  const tests = await (await folderSource(o.root)).tests();
  // A later test case of a log (`T#2`) reads the stats of its folder test.
  const folders = new Set(tests.map(t => t.name));
  const wanted = o.tests && new Set(o.tests.map(name => folderTestName(name, folders)));
  for (const t of tests) {
    if (!t.statsDir || (wanted && !wanted.has(t.name))) continue;
    // Planned (listed and sized) before connection_stats' reading starts: the workers get their
    // first files while this thread is still starting up, not after the small files it parses
    // itself. A failure is reported where the tables are awaited.
    const plan = planStats(t.statsDir, o.profile);
    await plan.catch(() => undefined);
    const p = plan.then(x => runStatsPlan(x, runner, { background: true }));
    p.catch(() => undefined);
    started.set(t.name, p);
  }
  return started;
}

/**
 * A test's QoS tables written by the workers, all at once: their CSV (most of the output's
 * bytes) is formatted and written off this thread, each table moved to its worker, not copied.
 */
function qosOnPool(runner: TaskRunner): QosTablesWriter {
  return async (w, tables) => {
    const refused = await Promise.all(
      tables.map(([rel, table]) =>
        runner.run({ kind: 'qosCsv', out: w.out, mode: w.csvMode, rel, table }),
      ),
    );
    const first = refused.find(message => message !== '');
    if (first !== undefined) throw new OutputRefused(first);
  };
}

/** What reading a test's stats.json files found; in the notebook profile, where the notebook raises. */
function qosFindings(
  qos: QosTables,
  location: TestLocation | undefined,
  profile: Profile,
): Diagnostic[] {
  const raises =
    profile === 'notebook' && location?.statsDir ? separateStatsRaises(qos, location.statsDir) : [];
  return [...qos.diagnostics, ...raises];
}

/** A test's QoS tables being written, and what reading its stats.json files found. */
interface TestQos {
  readonly write: QosWrite;
  readonly diagnostics: QosTables['diagnostics'];
}

/**
 * Each analysed test's QoS tables written as soon as they are merged (`startQosWrite`), in
 * whatever order the tests' stats.json files finish, while this thread analyses and writes the
 * rest; each promise is guarded until it is awaited, as in startDownstream.
 */
function startQosWrites(
  w: OutputWriter,
  byTest: ReadonlyMap<string, unknown>,
  qosOf: ReadonlyMap<string, Promise<QosTables | undefined>>,
  run: { readonly runner: TaskRunner; readonly data?: RootData; readonly profile: Profile },
): Map<string, Promise<TestQos | undefined>> {
  const { runner, data, profile } = run;
  const started = new Map<string, Promise<TestQos | undefined>>();
  for (const test of byTest.keys()) {
    const read = data?.tests.find(t => t.location.name === test);
    const location = read?.location;
    // A later test case of a log (`T#2`) has the stats of its folder test, whose findings are
    // said once, with the first.
    const tables = qosOf.get(location ? folderTestOf(location) : test);
    if (!tables) continue;
    // The samples of the run the log describes, when another run's were left in the files.
    const window = read?.runWindow;
    const p = tables.then(qos =>
      qos
        ? {
            write: startQosWrite(w, test, qosInRun(qos, window), qosOnPool(runner)),
            diagnostics: location?.folderTest ? [] : qosFindings(qos, location, profile),
          }
        : undefined,
    );
    p.catch(() => undefined);
    started.set(test, p);
  }
  return started;
}

/** The analysis proper, with the worker pool that parses the files. */
async function runAnalysis(o: Options, io: CliIo, runner: TaskRunner): Promise<number> {
  const qosOf = await startQos(o, runner);
  const { rows, data, diagnostics } = o.connectionStats
    ? await connectionStatsFile(o, io, runner)
    : await computedRows(o, io, runner);
  const stop = blockingFindings(diagnostics).filter(d => !isReadFailure(d));
  if (stop.length) {
    io.stderr(stop.map(d => `loadtest-lens analyze: ${findingText(d)}\n`).join(''));
    return EXIT.badInput;
  }
  // Tests in order of first appearance (the notebook's `index` column).
  const byTest = groupBy(rows, r => r.index);
  for (const t of data?.tests ?? [])
    if (!byTest.has(t.location.name))
      diagnostics.push({
        severity: 'error',
        code: 'analyze.noRows',
        message: 'no connection_stats rows: nothing to analyse for this test',
        test: t.location.name,
      });
  // The notebook profile's CSV is the notebook's, byte for byte; the default one is spreadsheet-safe.
  const w = new OutputWriter(o.out, o.profile === 'notebook' ? 'pandas' : 'spreadsheet');
  await w.write('connection_stats.csv', w.connectionStats.csv(rows));
  const tests: SummaryDocumentTest[] = [];
  const downstream = startDownstream(byTest, o.profile, runner);
  const qosWrites = startQosWrites(w, byTest, qosOf, { runner, data, profile: o.profile });
  let k = 0;
  for (const [test, testRows] of byTest) {
    progressOf(io, o.progress)(`[${++k}/${byTest.size}] ${test}: ${testRows.length} rows\n`);
    const result = await (downstream.get(test) as Promise<TestDownstream>);
    const qos = await qosWrites.get(test);
    if (qos) diagnostics.push(...qos.diagnostics.map(d => fromDiagnostic(d, test)));
    const summary = await writeTest(w, result, testRows, qos?.write);
    reportSection(io, test, summary);
    tests.push(summary);
  }
  const doc = await writeSummary(w, {
    profile: o.profile,
    input: {
      ...(o.root ? { root: o.root } : {}),
      ...(o.connectionStats ? { connectionStats: o.connectionStats } : {}),
    },
    tests,
    ...(data
      ? { counts: data.tests.map(t => testCounts(summarizeTest(t, { logTimezone: o.tz }))) }
      : {}),
    diagnostics,
  });
  if (o.format === 'json') io.stdout(JSON.stringify(doc, null, 2) + '\n');
  else if (isCiFormat(o.format)) writeCi(io, o.format, analyzeReport(doc));
  else
    io.stdout(
      `${o.out}\n  ${plural(tests.length, 'test')} analysed (${o.profile} profile), ${plural(doc.files.length, 'file')} written` +
        `${tests.map(t => `\n  ${t.name}: ${t.connection_stats_rows} rows, ${t.sections.length} sections`).join('')}\n` +
        `  summary: ${resolve(o.out, 'summary.json')}\n`,
    );
  printFindingCounts(diagnostics, io);
  const unread = readFailureExit('analyze', diagnostics, io);
  if (unread !== undefined) return unread;
  if (tests.length === 0) {
    io.stderr('loadtest-lens analyze: no test had connection_stats rows: nothing was analysed\n');
    return EXIT.badInput;
  }
  return EXIT.done;
}
