/**
 * Ingest of a result root: plans one task per file (with its size, for progress), runs them on a
 * ParseRunner (worker pool or inline) through the file cache, and reports files and bytes done.
 * Everything missing or malformed becomes a diagnostic; nothing here throws on data.
 */
import { createHash } from 'node:crypto';
import { basename, join } from 'node:path';
import { diagnostic, type Diagnostic } from '../model/diagnostic';
import type { RunWindow } from '../model/test';
import type { FolderBoundary } from '../source/insideRoot';
import {
  listDir,
  openedAlone,
  testNameForPath,
  type TestLocation,
  type NamingReport,
  type PrefixedDirs,
  type SkippedDir,
  type UnlistedDir,
  type UserLocation,
} from '../source/resultRoot';
import { folderSource, type ResultSource } from '../source/resultSource';
import type { BatchesFile } from './batches';
import type { ControllerLog } from './controllerLog';
import type { BrowserErrorsFile } from './browserErrors';
import type { EventsFile } from './events';
import type { FileCache, FileStamp } from './fileCache';
import type { MedianodeCsv } from './medianodeCsv';
import { parseQoeFileName, type QoeFile } from './qoe';
import { mergeQosTables, type QosTables } from './stats';
import { stampOf, unreadable } from './readFailure';
import { inlineParser, type ParseResultOf, type ParseRunner, type ParseTask } from './tasks';
import { pushAll } from '../../shared/arrays';

export interface UserData {
  readonly location: UserLocation;
  /** Session folder name on disk. */
  readonly sessionDir: string;
  /** Undefined when the user has no events.json. */
  readonly events?: EventsFile;
  /** What the user's browser reported (errors.json); undefined when there is none. */
  readonly errors?: BrowserErrorsFile;
}

/** `LoadTestSession1/User2`: the user's session and user folders, as findings name them. */
export function userFolderName(u: UserData): string {
  return `${u.sessionDir}/${u.location.dirName}`;
}

/** Path of a user's events.json. */
export function eventsFileOf(u: UserData): string {
  return join(u.location.dir, 'events.json');
}

/**
 * The browser-emulator creates a user's events.json (as `[]`) with the user's folder
 * (browser-manager.service.ts, 2024 and today), so a folder without one lost it in the copy, or
 * the worker could not write it (OpenVidu/openvidu-loadtest#34: EACCES on stats/).
 */
const NO_EVENTS_FILE =
  'User has no events.json. The browser-emulator creates it with the user folder, so it was lost in the copy, or the worker could not write it (stats/ not writable by the browser-emulator: EACCES in its log); the user counts as one that never connected.';

export interface TestData {
  readonly location: TestLocation;
  readonly users: readonly UserData[];
  readonly log?: ControllerLog;
  readonly node?: MedianodeCsv;
  readonly qoe: readonly QoeFile[];
  /** The notebook's eight QoS tables of every user's stats.json, when `stats` was asked for. */
  readonly qos?: QosTables;
  /**
   * Set when events another run left in the files were left out (analysis/currentRun.ts): the
   * span of the log's run, so that its stats.json samples can be kept to it too.
   */
  readonly runWindow?: RunWindow;
  /** Layout findings (missing parts, bad file names); parsers' findings stay on their results. */
  readonly diagnostics: readonly Diagnostic[];
}

export interface RootData {
  readonly root: string;
  readonly tests: readonly TestData[];
  readonly batches?: BatchesFile;
  /**
   * Findings about the root itself, not one test: its parts that exist but could not be read, a
   * link not followed (e.g. `stats/`).
   */
  readonly diagnostics: readonly Diagnostic[];
}

export interface IngestProgress {
  readonly filesDone: number;
  readonly filesTotal: number;
  readonly bytesDone: number;
  readonly bytesTotal: number;
}

export interface IngestOptions {
  readonly runner: ParseRunner;
  readonly cache?: FileCache;
  readonly signal?: AbortSignal;
  readonly onProgress?: (progress: IngestProgress) => void;
  /** Only these tests (all when absent). */
  readonly tests?: readonly string[];
  /** Files smaller than this parse on the calling thread (default 256 KiB; 0 = all on the runner). */
  readonly inlineBelowBytes?: number;
  /** Also read every stats.json into QoS tables (costly: hundreds of MB per test). */
  readonly stats?: { readonly dedupe: boolean };
}

interface Planned<T extends ParseTask = ParseTask> {
  readonly task: T;
  readonly stamp: FileStamp;
}

/** How diagnostics speak of each level of a test's stats folder. */
const LEVEL_WORDS = {
  session: {
    what: 'session',
    one: 'a session',
    standard: 'LoadTestSession<N>',
    names: 'LoadTestSession<N>, s<N>, s-<6 hex digits>',
    setting: 'SESSION_NAME_PREFIX',
    lost: 'its users are',
  },
  user: {
    what: 'user',
    one: 'a user',
    standard: 'User<N>',
    names: 'User<N>, u<N>, u-<6 hex digits>',
    setting: 'USER_NAME_PREFIX',
    lost: 'this user is',
  },
} as const;

/** Folders beside the sessions that are known for what they are: said as such. */
const KNOWN_FOLDERS = {
  locks: {
    severity: 'info',
    code: 'layout.lockFolder',
    message:
      "The browser-emulator's lock files (its stats/locks/ of April to June 2024, copied from a worker), not a session: not read.",
  },
  nestedStats: {
    severity: 'warning',
    code: 'layout.nestedStats',
    message:
      "Holds session folders one level too deep (the bucket's own stats/ prefix was downloaded with them): they are not read. Move the session folders it holds up into the test's folder.",
  },
} as const;

/**
 * What the folder names of a test's stats folder told, said:
 * - a folder not read (`layout.unknownFolder`): a copy (`LoadTestSession2 - Copy`) or a second
 *   name prefix would otherwise lose its users without a word;
 * - a folder known for what it is (KNOWN_FOLDERS): the browser-emulator's own `locks/`, a
 *   bucket's `stats/` one level too deep;
 * - folders read by a prefix of their own (`layout.namePrefix`, once per level): a [2024] run's
 *   folders carry the names as the controller made them, so another SESSION_NAME_PREFIX or
 *   USER_NAME_PREFIX gives other names; they are numbered by the number they end in.
 */
function namingDiagnostic(f: SkippedDir | PrefixedDirs): Diagnostic {
  const w = LEVEL_WORDS[f.level];
  if ('prefix' in f)
    return diagnostic(
      'info',
      'layout.namePrefix',
      f.dir,
      `${f.count} ${w.what} folders are named ${f.prefix}<N>, not ${w.standard}: read as the ${w.what}s of a run with ${w.setting}=${f.prefix}, numbered by the number each name ends in.`,
    );
  if (f.known) {
    const k = KNOWN_FOLDERS[f.known];
    return diagnostic(k.severity, k.code, f.dir, k.message);
  }
  return diagnostic(
    'warning',
    'layout.unknownFolder',
    f.dir,
    `Not read as ${w.one}: its name is none the browser-emulator writes (${w.names}), nor <prefix><N> with the one prefix all other ${w.what} folders share; ${w.lost} not counted (analyze's QoS tables do read it, as the notebook's separate_stats reads every folder).`,
  );
}

/** `read.unreadable` for each folder that could not be listed. */
function unlistedDiagnostics(unlisted: readonly UnlistedDir[]): Diagnostic[] {
  return unlisted.map(u => unreadable(u.dir, u.error, 'folder'));
}

type StatsTask = Extract<ParseTask, { kind: 'stats' }>;

export const INLINE_BELOW_BYTES = 256 * 1024;

/** Cache key of a task: the file, and for stats the options that change the result. */
function taskKey(task: ParseTask): string {
  const extra =
    task.kind === 'stats' ? `\u0000${task.dedupe}\u0000${task.user}\u0000${task.session}` : '';
  return `${task.kind}\u0000${task.file}${extra}`;
}

/** Runs planned tasks with progress; results come back in plan order. */
class Executor {
  private filesDone = 0;
  private bytesDone = 0;
  private filesTotal = 0;
  private bytesTotal = 0;

  constructor(private readonly options: IngestOptions) {}

  plan(planned: readonly Planned[]): void {
    this.filesTotal += planned.length;
    this.bytesTotal += planned.reduce((n, p) => n + p.stamp.size, 0);
  }

  /**
   * Small files parse on this thread: sending their records back from a worker (structured clone
   * of many small objects) costs more than parsing them. Big files (stats.json, logs) go to the
   * workers, where they run in parallel with the small ones here.
   */
  private runnerFor(p: Planned): ParseRunner {
    const limit = this.options.inlineBelowBytes ?? INLINE_BELOW_BYTES;
    return p.stamp.size < limit && p.task.kind !== 'stats' ? this.inline : this.options.runner;
  }

  private readonly inline = inlineParser;

  /**
   * The per-test QoS tables: merged once, and reused as long as every stats.json is unchanged
   * (the key hashes each file's path, size and mtime), so reopening an unchanged root does not
   * merge millions of rows again.
   */
  async merged(tasks: readonly Planned<StatsTask>[]): Promise<QosTables> {
    let mergedNow = false;
    const merge = async () => {
      mergedNow = true;
      // Per-file stats are not cached on their own: the merged tables are, and holding both
      // would double the memory of the largest data a root has.
      return mergeQosTables(await Promise.all(tasks.map(t => this.run(t, false))), {
        consume: true,
      });
    };
    const cache = this.options.cache;
    if (!cache) return merge();
    const hash = createHash('sha1');
    for (const t of tasks)
      hash.update(`${taskKey(t.task)}\u0000${t.stamp.size}\u0000${t.stamp.mtimeMs}\n`);
    const tables = await cache.get(
      `qos\u0000${hash.digest('hex')}`,
      { size: 0, mtimeMs: 0 },
      merge,
    );
    // Reused tables: their files count as done for the progress report all the same.
    if (!mergedNow) for (const t of tasks) this.done(t.stamp.size);
    return tables;
  }

  async run<T extends ParseTask>(p: Planned<T>, cached = true): Promise<ParseResultOf<T>> {
    const { signal } = this.options;
    const cache = cached ? this.options.cache : undefined;
    const key = taskKey(p.task);
    const runner = this.runnerFor(p);
    const load = () => runner.run(p.task, signal, { bytes: p.stamp.size });
    const result = await (cache ? cache.get(key, p.stamp, load) : load());
    this.done(p.stamp.size);
    return result;
  }

  private done(bytes: number): void {
    this.filesDone++;
    this.bytesDone += bytes;
    this.options.onProgress?.({
      filesDone: this.filesDone,
      filesTotal: this.filesTotal,
      bytesDone: this.bytesDone,
      bytesTotal: this.bytesTotal,
    });
  }
}

interface TestPlan {
  readonly location: TestLocation;
  readonly users: ReadonlyArray<{
    location: UserLocation;
    sessionDir: string;
    events?: Planned<{ kind: 'events'; file: string }>;
    errors?: Planned<{ kind: 'errors'; file: string }>;
    stats?: Planned<StatsTask>;
  }>;
  readonly log?: Planned<FileTask<'log'>>;
  readonly node?: Planned<FileTask<'medianode'>>;
  readonly qoe: ReadonlyArray<Planned<Extract<ParseTask, { kind: 'qoe' }>>>;
  readonly diagnostics: Diagnostic[];
}

type FileKind = Exclude<ParseTask['kind'], 'qoe'>;
type FileTask<K extends FileKind> = Extract<ParseTask, { kind: K }>;

async function planned<K extends FileKind>(
  boundary: FolderBoundary,
  kind: K,
  file: string | undefined,
  problems: Diagnostic[],
): Promise<Planned<FileTask<K>> | undefined> {
  if (!file) return undefined;
  const stamp = await stampOf(file, boundary, problems);
  return stamp ? { task: { kind, file } as FileTask<K>, stamp } : undefined;
}

/**
 * What the 2024 QoE analyser leaves with `--debug` (qoe_scripts/analysis_tasks.py, run_vmaf):
 * each cut's VMAF output `<prefix>-<cut>_vmaf.json`; without `--debug` it removes them.
 */
const QOE_DEBUG_FILE = /-\d+_vmaf\.json$/;

function qoeDebugNote(dir: string, count: number): Diagnostic {
  return diagnostic(
    'info',
    'qoe.debugFiles',
    dir,
    `${count} file(s) <prefix>-<cut>_vmaf.json are the QoE analyser's per-cut VMAF output, left by its --debug; not results (the _cuts.json are), so not read.`,
  );
}

async function planQoe(
  boundary: FolderBoundary,
  location: TestLocation,
  diagnostics: Diagnostic[],
): Promise<TestPlan['qoe']> {
  if (!location.qoeDir) return [];
  const unlisted: UnlistedDir[] = [];
  const json = (await listDir(location.qoeDir, boundary, unlisted))
    .map(e => e.name)
    .filter(n => n.endsWith('.json'))
    .sort();
  pushAll(diagnostics, unlistedDiagnostics(unlisted));
  const names = json.filter(n => !QOE_DEBUG_FILE.test(n));
  if (names.length < json.length)
    diagnostics.push(qoeDebugNote(location.qoeDir, json.length - names.length));
  const out: Array<Planned<Extract<ParseTask, { kind: 'qoe' }>>> = [];
  for (const n of names) {
    const file = join(location.qoeDir, n);
    const name = parseQoeFileName(n);
    const stamp = await stampOf(file, boundary, diagnostics);
    if (!name) {
      diagnostics.push(
        diagnostic(
          'warning',
          'qoe.badName',
          file,
          'Not a QoE cuts file name (<prefix>-<session>-<userFrom>-<userTo>_cuts.json, no "-" inside the parts); skipped.',
        ),
      );
    } else if (stamp) {
      out.push({ task: { kind: 'qoe', file, name }, stamp });
    }
  }
  return out;
}

/** The stats.json task of a user, when stats are wanted and the file exists. */
async function plannedStats(
  boundary: FolderBoundary,
  dir: string,
  user: string,
  session: string,
  stats: IngestOptions['stats'],
  problems: Diagnostic[],
): Promise<Planned<StatsTask> | undefined> {
  if (!stats) return undefined;
  const file = join(dir, 'stats.json');
  const stamp = await stampOf(file, boundary, problems);
  return stamp
    ? { task: { kind: 'stats', file, user, session, dedupe: stats.dedupe }, stamp }
    : undefined;
}

async function planTest(
  source: ResultSource,
  location: TestLocation,
  stats: IngestOptions['stats'],
): Promise<TestPlan> {
  const diagnostics: Diagnostic[] = [];
  const unlisted: UnlistedDir[] = [];
  const naming: NamingReport = { skipped: [], prefixed: [] };
  const sessions = await source.sessions(location, unlisted, naming);
  pushAll(diagnostics, unlistedDiagnostics(unlisted));
  pushAll(diagnostics, [...naming.skipped, ...naming.prefixed].map(namingDiagnostic));
  if (location.statsLayout === 'bucket' && location.statsDir)
    diagnostics.push(
      diagnostic(
        'info',
        'layout.bucketStats',
        location.statsDir,
        `Holds session folders itself (a bucket downloaded as it is): read as the stats of one test, named after the folder above it ("${location.name}"). The notebook wants stats/<test>/<session>/…; a log for this test is logs/${location.name}.log.`,
      ),
    );
  const users = await Promise.all(
    sessions.flatMap(s =>
      s.users.map(async u => {
        const problems: Diagnostic[] = [];
        const boundary = source.boundary;
        const events = await planned(boundary, 'events', join(u.dir, 'events.json'), problems);
        if (!events && problems.length === 0)
          diagnostics.push(diagnostic('warning', 'user.noEvents', u.dir, NO_EVENTS_FILE));
        const statsTask = await plannedStats(
          boundary,
          u.dir,
          u.dirName,
          s.dirName,
          stats,
          problems,
        );
        const errors = await planned(boundary, 'errors', join(u.dir, 'errors.json'), problems);
        pushAll(diagnostics, problems);
        return { location: u, sessionDir: s.dirName, events, errors, stats: statsTask };
      }),
    ),
  );
  if (!location.statsDir)
    diagnostics.push(
      diagnostic(
        'warning',
        'layout.noStats',
        location.root,
        `Test "${location.name}" has no stats/${location.name} folder.`,
      ),
    );
  if (!location.logFile)
    diagnostics.push(
      diagnostic(
        'warning',
        'layout.noLog',
        location.packedLog ?? location.root,
        location.packedLog
          ? `Test "${location.name}" has no logs/${location.name}.log; ${basename(location.packedLog)} is compressed and not read: decompress it into logs/ to read the test's failures and window.`
          : `Test "${location.name}" has no logs/${location.name}.log${aloneNote(location)}.`,
      ),
    );
  if (!location.medianodeCsv)
    diagnostics.push(
      diagnostic(
        'info',
        'layout.noCpu',
        location.root,
        `Test "${location.name}" has no dfs_final/${location.name}-medianode.csv${aloneNote(location)}.`,
      ),
    );
  const [log, node, qoe] = await Promise.all([
    planned(source.boundary, 'log', location.logFile, diagnostics),
    planned(source.boundary, 'medianode', location.medianodeCsv, diagnostics),
    planQoe(source.boundary, location, diagnostics),
  ]);
  return { location, users, log, node, qoe, diagnostics };
}

/** Why a test folder opened alone has no log or CPU file: a root holds them beside stats/. */
function aloneNote(location: TestLocation): string {
  return openedAlone(location)
    ? ' (the test folder was opened alone: a result root holds it beside stats/; open the root to read it)'
    : '';
}

function allTasks(plan: TestPlan): Planned[] {
  const users = plan.users.flatMap(u => [
    ...(u.events ? [u.events] : []),
    ...(u.errors ? [u.errors] : []),
    ...(u.stats ? [u.stats] : []),
  ]);
  return [
    ...(plan.log ? [plan.log] : []),
    ...(plan.node ? [plan.node] : []),
    ...users,
    ...plan.qoe,
  ];
}

async function runTestPlan(plan: TestPlan, exec: Executor): Promise<TestData> {
  const [log, node, users, qoe] = await Promise.all([
    plan.log ? exec.run(plan.log) : undefined,
    plan.node ? exec.run(plan.node) : undefined,
    Promise.all(
      plan.users.map(async u => ({
        location: u.location,
        sessionDir: u.sessionDir,
        events: u.events ? await exec.run(u.events) : undefined,
        ...(u.errors ? { errors: await exec.run(u.errors) } : {}),
      })),
    ),
    Promise.all(plan.qoe.map(q => exec.run(q))),
  ]);
  const statsTasks = plan.users.flatMap(u => (u.stats ? [u.stats] : []));
  const qos = statsTasks.length > 0 ? await exec.merged(statsTasks) : undefined;
  return { location: plan.location, users, log, node, qoe, qos, diagnostics: plan.diagnostics };
}

/**
 * The links the planning did not follow (symlink policy): each goes to the test whose part it
 * lies in (`stats/<test>/…`); the others (`stats` itself, a test known only through a link, as
 * `logs/<test>.log` leading out) are the root's. Links of tests left out by `tests` are not.
 */
function placeLinkFindings(
  source: ResultSource,
  plans: readonly TestPlan[],
  wanted: readonly string[] | undefined,
): Diagnostic[] {
  const byTest = new Map(plans.map(p => [p.location.name, p.diagnostics]));
  const rootFindings: Diagnostic[] = [];
  for (const d of source.boundary.diagnostics) {
    const test =
      source.kind === 'singleTest' ? plans[0]?.location.name : testNameForPath(source.path, d.file);
    const testFindings = test === undefined ? undefined : byTest.get(test);
    if (testFindings) testFindings.push(d);
    else if (test === undefined || !wanted || wanted.includes(test)) rootFindings.push(d);
  }
  return rootFindings;
}

/** Ingests a source (or the folder at a path) through its port. */
export async function ingestRoot(
  from: ResultSource | string,
  options: IngestOptions,
): Promise<RootData> {
  const source = typeof from === 'string' ? await folderSource(from) : from;
  const root = source.path;
  const unlisted: UnlistedDir[] = [];
  const all = await source.tests(unlisted);
  const diagnostics = unlistedDiagnostics(unlisted);
  const wanted = options.tests ? all.filter(t => options.tests?.includes(t.name)) : all;
  const plans = await Promise.all(wanted.map(t => planTest(source, t, options.stats)));
  const batchesFile = join(root, 'dfs_final', 'batches.json');
  const batches = await planned(source.boundary, 'batches', batchesFile, diagnostics);
  pushAll(diagnostics, placeLinkFindings(source, plans, options.tests));
  const exec = new Executor(options);
  exec.plan([...plans.flatMap(allTasks), ...(batches ? [batches] : [])]);
  const [tests, batchesData] = await Promise.all([
    Promise.all(plans.map(p => runTestPlan(p, exec))),
    batches ? exec.run(batches) : undefined,
  ]);
  return { root, tests, batches: batchesData, diagnostics };
}
