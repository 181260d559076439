/**
 * Cells 11–15 end to end: one test's `connection_stats` rows (`draw_cons_plot`), in either
 * profile, with a diagnostic wherever the notebook would stop.
 */
import { DiagnosticList, diagnostic, type Diagnostic } from '../../model/diagnostic';
import { testBatch, type BatchConfig, type BatchesFile } from '../../ingest/batches';
import type { RootData, TestData } from '../../ingest/ingestRoot';
import type { TimezoneSetting } from '../../ingest/timezone';
import { openedAlone } from '../../source/resultRoot';
import type { ConnectionStatsRow, Profile, QoeMetric, SegmentType } from '../types';
import { calcStats } from './calcStats';
import {
  buildCombinedLiveKit,
  buildCombinedOpenVidu2,
  eventFamily,
  isPublisher,
  userFailures,
} from './combined';
import { avgQoeIntervals, layQoeFragments } from './fragments';
import { getConnectionTimeIntervals, secondsSince, sessionIntersections } from './intervals';
import type { CombinedRow, CpuSeconds, Interval, NotebookUser, QoeFragment } from './model';
import { eventSpan, processUserData, type ScanOrder } from './users';
import {
  cappedEnd,
  cpuFiltered,
  logZone,
  processLogFailures,
  testWindow,
  type TestWindow,
} from './window';
import { groupBy, pushAll } from '../../../shared/arrays';

export interface ConnectionStatsOptions {
  /**
   * The root's `dfs_final/batches.json` (undefined when the root has none, or the test was opened
   * alone); without the test's entry `batch` is NaN (with a diagnostic saying which is missing).
   */
  readonly batches?: BatchesFile;
  /** The notebook's `os.scandir` order of users (B5 labels); natural order when absent. */
  readonly scanOrder?: ScanOrder;
  /** Default profile only: the log's timezone setting (`auto` infers it). */
  readonly logTimezone?: TimezoneSetting;
  /** Seconds from a pair's overlap start to the first QoE sample (the notebook's 5). */
  readonly recordingDelaySeconds?: number;
}

export interface ConnectionStatsResult {
  readonly rows: ConnectionStatsRow[];
  readonly diagnostics: Diagnostic[];
}

/** Python's recursion limit (1000) minus the frames of the cell and of `set_frag_start_end`. */
const PYTHON_FRAMES_FOR_AUX = 998;

/** Everything the row loop of `draw_cons_plot` needs about one user. */
interface UserSegments {
  readonly user: NotebookUser;
  readonly combined: readonly CombinedRow[];
  readonly intervals: readonly Interval[];
  readonly fragments: readonly QoeFragment[];
  readonly batch: number;
}

/** What is shared by all rows of a test. */
interface TestContext {
  readonly profile: Profile;
  readonly name: string;
  readonly window: TestWindow;
  readonly cpu: CpuSeconds;
  /** End of the last transition row: `log end − log start` (B3), capped in the default profile. */
  readonly lastEnd: number;
}

/** `n_batch` of `draw_cons_plot` for the `position`-th user (1-based). */
export function batchOf(position: number, batch: BatchConfig | undefined): number {
  if (!batch) return NaN;
  if (position <= batch.startingParticipants) return 0;
  return Math.floor((position - batch.startingParticipants - 1) / batch.batchSize) + 1;
}

/** The success markers of `draw_cons_plot` (any role, both families). */
export function isSuccessEvent(event: string): boolean {
  return (
    event.startsWith('streamCreated') ||
    event.startsWith('streamPlaying') ||
    event.startsWith('LocalTrackPublished') ||
    event.startsWith('TrackSubscribed')
  );
}

function row(
  ctx: TestContext,
  u: UserSegments,
  type: SegmentType,
  seg: Interval,
  attempt: number,
  qoe?: { value: number; metric: QoeMetric },
): ConnectionStatsRow {
  const [start, end] = seg;
  return {
    type,
    start_time: start,
    end_time: end,
    total_duration: end - start,
    attempt,
    batch: u.batch,
    user: String(u.user.user),
    session: String(u.user.session),
    full_user: u.user.fullUser,
    ...calcStats(ctx.cpu, start, end),
    ...(qoe ? { qoe: qoe.value, qoe_metric: qoe.metric } : {}),
    index: ctx.name,
  };
}

/**
 * The transition rows of `draw_cons_plot`: one per pair of consecutive `combined` rows, typed by
 * the earlier one, the last running to the test's end. `attempt` is the last failure's
 * `attempts` (NaN after a LiveKit reconnection in the notebook; the default keeps the last count).
 */
export function transitionRows(ctx: TestContext, u: UserSegments): ConnectionStatsRow[] {
  const out: ConnectionStatsRow[] = [];
  let prevTime: number | undefined;
  let type: SegmentType = 'connectionStart';
  let attempt = 0;
  for (const r of u.combined) {
    const t = secondsSince(ctx.window.start, r.time);
    if (prevTime !== undefined) out.push(row(ctx, u, type, [prevTime, t], attempt));
    if (r.event === 'connectionStart') type = 'connectionStart';
    else if (isSuccessEvent(r.event)) type = 'connectionSuccess';
    else {
      type = 'connectionFail';
      if (ctx.profile === 'notebook' || !Number.isNaN(r.attempts)) attempt = r.attempts;
    }
    prevTime = t;
  }
  if (prevTime !== undefined) {
    const end = ctx.profile === 'notebook' ? ctx.lastEnd : Math.max(ctx.lastEnd, prevTime);
    out.push(row(ctx, u, type, [prevTime, end], attempt));
  }
  return out;
}

/** The attempt in force at `t`: that of the last transition row starting at or before it. */
function attemptAt(transitions: readonly ConnectionStatsRow[], t: number): number {
  let attempt = 0;
  for (const r of transitions) if (r.start_time <= t) attempt = r.attempt;
  return attempt;
}

/**
 * The fragments that have a value of the metric. The notebook averages every fragment, so one
 * without (a `null` in the file) makes its sub-intervals NaN; the default profile leaves it out,
 * as the analyser leaves out a cut it could not analyse.
 */
function scoredFragments(ctx: TestContext, u: UserSegments, metric: QoeMetric) {
  return ctx.profile === 'notebook'
    ? u.fragments
    : u.fragments.filter(f => !Number.isNaN(f[metric]));
}

/** The QOE rows of one user and metric (`avg_qoe_intervals` through `calc_stats`). */
function qoeRows(
  ctx: TestContext,
  u: UserSegments,
  metric: QoeMetric,
  attempt: (t: number) => number,
): ConnectionStatsRow[] {
  return avgQoeIntervals(scoredFragments(ctx, u, metric), metric).map(s =>
    row(ctx, u, 'QOE', [s.start, s.end], attempt(s.start), { value: s.qoe, metric }),
  );
}

/**
 * One `draw_cons_plot(…, metric)` pass, notebook profile: per user its interval
 * `connectionSuccess` rows (attempt 0, B9), its QOE rows (attempt 0), then its transitions.
 */
function notebookPass(
  ctx: TestContext,
  users: readonly UserSegments[],
  metric: QoeMetric,
): ConnectionStatsRow[] {
  return users.flatMap(u => [
    ...u.intervals.map(seg => row(ctx, u, 'connectionSuccess', seg, 0)),
    ...qoeRows(ctx, u, metric, () => 0),
    ...transitionRows(ctx, u),
  ]);
}

/**
 * `draw_cons_plot` for vmaf then visqol. The notebook appends both passes, so every non-QOE row
 * appears twice (B8); the default profile writes each user's transitions once (without the
 * interval duplicates of B9), then its vmaf and visqol QOE rows.
 */
export function drawConsPlotRows(
  ctx: TestContext,
  users: readonly UserSegments[],
): ConnectionStatsRow[] {
  if (ctx.profile === 'notebook')
    return [...notebookPass(ctx, users, 'vmaf'), ...notebookPass(ctx, users, 'visqol')];
  return users.flatMap(u => {
    const transitions = transitionRows(ctx, u);
    const at = (t: number) => attemptAt(transitions, t);
    return [...transitions, ...qoeRows(ctx, u, 'vmaf', at), ...qoeRows(ctx, u, 'visqol', at)];
  });
}

/** Cell 11's user loop: every user's `combined`, carrying `prev_row_event` in LiveKit tests (B4). */
export function buildCombined(
  profile: Profile,
  testName: string,
  users: readonly NotebookUser[],
  failures: ReturnType<typeof processLogFailures>,
  failureWindow: { from: number; to: number },
): CombinedRow[][] {
  const family = eventFamily(profile, testName, users);
  let prev = '';
  return users.map(u => {
    const own = userFailures(failures, u.fullUser, failureWindow.from, failureWindow.to);
    const publisher = isPublisher(profile, testName, u);
    if (family === 'openvidu2') return buildCombinedOpenVidu2(profile, u, publisher, own);
    const built = buildCombinedLiveKit(profile, u, publisher, own, prev);
    prev = built.prev;
    return built.rows;
  });
}

/** Fragments the notebook never placed (C9) are reported and left out. */
function placedFragments(
  fragments: readonly QoeFragment[],
  file: string,
  out: Diagnostic[],
): QoeFragment[] {
  const unplaced = fragments.filter(f => Number.isNaN(f.start) || Number.isNaN(f.end));
  if (unplaced.length > 0) {
    const pairs = [...new Set(unplaced.map(f => `${f.fullUserRecording}→${f.fullUserRecorded}`))];
    out.push(
      diagnostic(
        'warning',
        'analysis.C9.unplacedQoe',
        file,
        `${unplaced.length} QoE cut(s) of ${pairs.length} pair(s) (${pairs.slice(0, 5).join(', ')}` +
          `${pairs.length > 5 ? ', …' : ''}) have no time: the users never overlapped for more than the 5 s ` +
          'recording delay (or one has no events). The notebook sorts NaN times there (C9); they are left out.',
      ),
    );
  }
  return fragments.filter(f => !Number.isNaN(f.start) && !Number.isNaN(f.end));
}

function testFile(test: TestData): string {
  return test.location.logFile ?? test.location.statsDir ?? test.location.root;
}

/** The CPU series and time bases of cells 11, 12 and 15 in the profile's terms. */
function timeBases(
  profile: Profile,
  test: TestData,
  window: TestWindow,
  span: { first: number; last: number },
): { cpu: CpuSeconds; intervalEnd: number; lastEnd: number } {
  const capped = secondsSince(window.start, cappedEnd(test.node?.series, window.end));
  if (profile === 'notebook') {
    return {
      cpu: cpuFiltered(test.node?.series, span.first, span.last, span.first),
      intervalEnd: capped,
      lastEnd: secondsSince(window.start, window.end),
    };
  }
  return {
    cpu: cpuFiltered(test.node?.series, window.start, window.end, window.start),
    intervalEnd: capped,
    lastEnd: capped,
  };
}

function crashNotes(
  profile: Profile,
  test: TestData,
  failureCount: number,
  cpu: CpuSeconds,
  batches: BatchesFile | undefined,
  out: Diagnostic[],
): void {
  const file = testFile(test);
  if (profile === 'notebook' && failureCount === 0)
    out.push(
      diagnostic(
        'warning',
        'analysis.C1.noFailureLines',
        file,
        'The log has no "failed N times" line: the notebook stops here (KeyError \'full_user\', C1); analysed with no failures.',
      ),
    );
  if (cpu.t.length === 0)
    out.push(
      diagnostic(
        'warning',
        'analysis.C8.noCpu',
        test.location.medianodeCsv ?? file,
        profile === 'notebook'
          ? 'No CPU sample between the first and last event: the notebook stops in calc_stats (iloc[0] on an empty frame, C8); CPU columns are NaN.'
          : 'No CPU sample inside the test window: CPU columns are NaN.',
      ),
    );
  if (!testBatch(batches, test.location))
    out.push(diagnostic('warning', 'analysis.noBatch', file, noBatchMessage(test, batches)));
}

/** Why a test has no batch: no batches.json read at all, or no usable entry in it. */
function noBatchMessage(test: TestData, batches: BatchesFile | undefined): string {
  return batches
    ? `dfs_final/batches.json has no usable entry for "${test.location.name}" (the notebook raises KeyError): batch is NaN.`
    : `No dfs_final/batches.json was read${openedAlone(test.location) ? ' (the test folder was opened alone)' : ''} (the notebook opens it before any table: FileNotFoundError): batch is NaN.`;
}

/** `connection_stats` rows of one test (cells 11–15). */
export function connectionStatsRows(
  test: TestData,
  profile: Profile,
  options: ConnectionStatsOptions = {},
): ConnectionStatsResult {
  const diagnostics: Diagnostic[] = new DiagnosticList();
  const name = test.location.name;
  const file = testFile(test);
  const { users } = processUserData(test.users, options.scanOrder);
  const { first, last } = eventSpan(users);
  if (first === undefined || last === undefined) return { rows: [], diagnostics };
  const span = { first, last };
  const zone = logZone(profile, test.log, users, options.logTimezone);
  const failures = processLogFailures(profile, test.log, zone);
  const window = testWindow(profile, test.log, zone, span, file, diagnostics);
  const bases = timeBases(profile, test, window, span);
  crashNotes(profile, test, failures.length, bases.cpu, options.batches, diagnostics);
  const batch = testBatch(options.batches, test.location);
  const failureWindow =
    profile === 'notebook' ? { from: first, to: last } : { from: window.start, to: window.end };
  const combined = buildCombined(profile, name, users, failures, failureWindow);
  const intervals = new Map(
    users.map((u, i) => [
      u.fullUser,
      getConnectionTimeIntervals(profile, combined[i] ?? [], window.start, bases.intervalEnd),
    ]),
  );
  const laid = layQoeFragments(
    profile,
    test.qoe,
    sessionIntersections(intervals, options.recordingDelaySeconds),
  );
  if (profile === 'notebook' && laid.maxCalls > PYTHON_FRAMES_FOR_AUX)
    diagnostics.push(
      diagnostic(
        'warning',
        'analysis.C10.deepRecursion',
        file,
        `A QoE pair needs ${laid.maxCalls} nested set_frag_start_end_aux calls: the notebook hits Python's recursion limit (RecursionError, C10); computed iteratively.`,
      ),
    );
  const byUser = groupBy(
    placedFragments(laid.fragments, file, diagnostics),
    f => f.fullUserRecording,
  );
  const segments: UserSegments[] = users.map((u, i) => ({
    user: u,
    combined: combined[i] ?? [],
    intervals: intervals.get(u.fullUser) ?? [],
    fragments: byUser.get(u.fullUser) ?? [],
    batch: batchOf(i + 1, batch),
  }));
  const ctx: TestContext = { profile, name, window, cpu: bases.cpu, lastEnd: bases.lastEnd };
  return { rows: drawConsPlotRows(ctx, segments), diagnostics };
}

/** The notebook's `connection_stats_global`: every test's rows, tests in the given order. */
export function rootConnectionStats(
  root: RootData,
  profile: Profile,
  options: Omit<ConnectionStatsOptions, 'batches' | 'scanOrder'> & {
    readonly scanOrders?: ReadonlyMap<string, ScanOrder>;
  } = {},
): ConnectionStatsResult {
  const rows: ConnectionStatsRow[] = [];
  const diagnostics: Diagnostic[] = new DiagnosticList();
  for (const test of root.tests) {
    const r = connectionStatsRows(test, profile, {
      ...options,
      ...(root.batches ? { batches: root.batches } : {}),
      scanOrder: options.scanOrders?.get(test.location.name),
    });
    pushAll(rows, r.rows);
    pushAll(diagnostics, r.diagnostics);
  }
  return { rows, diagnostics };
}
