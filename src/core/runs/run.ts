/**
 * A folder of today's openvidu-loadtest results, read into runs and their scenarios.
 *
 * ```
 * <folder>/report-<ts>.html        the controller's HTML report (every test case of a run)
 * <folder>/results-<ts>.txt        its text report (when `advanced.reportOutput` has txt)
 * <folder>/*.yaml, config/, results/   the controller configuration (chooseConfig)
 * <folder>/*.log, logs/, results/  the controller's console output, e.g. the e2e script's
 *                                  results/docker-compose.log (chooseLog)
 * <folder>/stats/<room>/<id>/errors.json, connections.json   browser-emulator files
 * <folder>/*.ndjson, metrics/*     Elasticsearch exports: loadtest-openvidu-metrics-*, metricbeat-*
 * ```
 * The reports may also sit in `results/`. Each distinct `<ts>` is one run; each test case
 * (one `participants` element of a configured test case) is one scenario. Every part is
 * optional; what is missing or malformed becomes a diagnostic naming the file.
 *
 * Files are read only through `folderFile` (regular files only, whole reads capped, NDJSON
 * streamed); a file that exists but could not be read is listed in `missing`, so that the checks
 * needing it say why they were skipped. The configuration labels only the test cases it agrees
 * with (`matchConfig`): the reports are the truth for what ran.
 */
import { stat } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { diagnostic, type Diagnostic } from '../model/diagnostic';
import {
  fixedZone,
  formatOffset,
  isRealOffset,
  MAX_OFFSET_MINUTES,
  MIN_OFFSET_MINUTES,
  UTC_ZONE,
  type Zone,
} from '../../shared/zone';
import { naturalCompare } from '../source/naming';
import { FolderBoundary } from '../source/insideRoot';
import { listDir } from '../source/resultRoot';
import type { RunConfig } from './configYaml';
import { kindOf, readFolderTail, readFolderText, WHOLE_FILE_CAP } from './folderFile';
import { parseConnectionsJson, parseErrorsJson } from './emulatorFiles';
import type {
  ConnectionRecord,
  HealthError,
  InputKind,
  LogRecord,
  MetricSeries,
  MissingInput,
} from '../model/run';
import type { ScenarioConfig, ScenarioReport } from '../model/scenario';
import { readPlatformDocsFile } from './platformDocs';
import {
  fallbackReport,
  parseReportHtml,
  shiftScenarioTimes,
  type FallbackReport,
} from './reportHtml';
import { parseResultsText, type ResultsText } from './resultsTxt';
import type { RunProcess, RunSpan } from './runLog';
import { chooseConfig, chooseLog, type ReadFile } from './runInputs';
import { maxOf, minOf, pushAll } from '../../shared/arrays';

const REPORT = /^report-(.+)\.html$/;
const RESULTS = /^results(?:-(.+))?\.txt$/;
const METRICS =
  /\.(ndjson|jsonl)$|^(platform-metrics|metricbeat|loadtest-openvidu-metrics)[^/]*\.json$/;

export interface RunFiles {
  readonly folder: string;
  readonly id: string;
  readonly report?: string;
  readonly results?: string;
}

/** The kind of input a file is, for saying which checks its absence affects. */
export type { InputKind, MissingInput } from '../model/run';

/** A scenario with everything the folder has about it. */
export interface ScenarioData {
  /** Stable name: `<run id> #<index> <topology> <participants>`. */
  readonly name: string;
  readonly report: ScenarioReport;
  readonly config?: ScenarioConfig;
  /** Start and padded end of the tool's window. */
  readonly windowStart?: number;
  readonly windowEnd?: number;
  readonly series: readonly MetricSeries[];
  readonly healthErrors: readonly HealthError[];
  readonly connections: readonly ConnectionRecord[];
  readonly log: readonly LogRecord[];
  /** The controller log the `log` records come from. */
  readonly logFile?: string;
  /** Files of the run that could not be read (shared by every scenario of the run). */
  readonly missing?: readonly MissingInput[];
}

export interface RunData {
  readonly folder: string;
  readonly id: string;
  readonly files: {
    readonly report?: string;
    readonly results?: string;
    readonly config?: string;
    readonly log?: string;
    readonly metrics: readonly string[];
  };
  readonly config?: RunConfig;
  readonly scenarios: readonly ScenarioData[];
  /** Per-user WebRTC data under stats/ (real-browser modes): users with a non-empty events.json. */
  readonly perUserStats?: { readonly statsDir: string; readonly users: number };
  /**
   * The controller's zone: the HTML's zone-less dates, the log lines without an offset and the
   * text report's dates whose abbreviation is ambiguous or unknown were read in it. How it was
   * decided (`htmlOffsetFrom`) and why, in a sentence (`htmlZoneWhy`).
   */
  readonly htmlZone: Zone;
  readonly htmlOffsetFrom: 'text report' | 'setting' | 'default (UTC)';
  readonly htmlZoneWhy: string;
  readonly diagnostics: readonly Diagnostic[];
  /** Files that exist but could not be read. */
  readonly missing: readonly MissingInput[];
}

/** The runs of a folder (reports at its top or in `results/`), oldest first. */
export async function listRuns(folder: string): Promise<RunFiles[]> {
  const runs = new Map<string, { folder: string; id: string; report?: string; results?: string }>();
  for (const dir of [folder, join(folder, 'results')]) {
    // A folder with a report's name is kept: reading it says it is no file (file.notRegular).
    for (const e of await listDir(dir)) {
      const report = REPORT.exec(e.name);
      const results = RESULTS.exec(e.name);
      const id = report?.[1] ?? (results ? (results[1] ?? 'results') : undefined);
      if (id === undefined) continue;
      const run = runs.get(id) ?? { folder, id };
      if (report) run.report = join(dir, e.name);
      else run.results = join(dir, e.name);
      runs.set(id, run);
    }
  }
  return [...runs.values()].sort((a, b) => naturalCompare(a.id, b.id));
}

/**
 * The entries of `dirs` whose names pass `test`, in natural order (links: the boundary's
 * policy). Folders are kept too: a folder named like a file the run needs is read like one, and
 * the read says it is no file (file.notRegular), instead of the file silently not being there.
 */
async function filesMatching(
  dirs: string[],
  test: (name: string) => boolean,
  boundary: FolderBoundary,
): Promise<string[]> {
  const found: string[] = [];
  for (const dir of dirs) {
    for (const e of await listDir(dir, boundary)) if (test(e.name)) found.push(join(dir, e.name));
  }
  return found.sort(naturalCompare);
}

interface EmulatorFiles {
  errors: HealthError[];
  connections: ConnectionRecord[];
  /** Users whose events.json holds more than `[]` (per-user data the notebook views read). */
  usersWithEvents: number;
}

/** Where a run's reading findings and unreadable files go, and the run folder's link policy. */
interface Sink {
  readonly out: Diagnostic[];
  readonly missing: MissingInput[];
  readonly boundary: FolderBoundary;
}

/**
 * A run-folder file's whole text (the one place they are read whole): regular files only, at most
 * `cap` bytes, never through a link leading out of the run folder (the boundary reports that
 * link). Findings go to `sink.out`; a file that exists but cannot be read is also listed in
 * `sink.missing` as `kind`.
 */
async function readText(
  file: string | undefined,
  sink: Sink,
  kind: InputKind,
  cap: number = WHOLE_FILE_CAP.default,
): Promise<string | undefined> {
  if (!file || !(await sink.boundary.allows(file))) return undefined;
  const found: Diagnostic[] = [];
  const text = await readFolderText(file, found, cap, `a ${kind} file`);
  pushAll(sink.out, found);
  if (text === undefined) {
    const why = found.find(d => d.severity === 'error');
    sink.missing.push({ kind, file, reason: why?.message ?? 'could not be read' });
  }
  return text;
}

/** `readText` of one kind, into findings of its own (runInputs.ts keeps the chosen file's). */
function readAs(sink: Sink) {
  return (kind: InputKind, cap?: number): ReadFile =>
    async file => {
      const own: Sink = { out: [], missing: [], boundary: sink.boundary };
      const text = await readText(file, own, kind, cap);
      return { text, found: own.out, missing: own.missing };
    };
}

/**
 * Reads one JSON array file with `parse`. `[]` is no finding; a file of no bytes is (json.empty):
 * the browser-emulator creates each file as `[]`, so an empty one was cut, and what it held is
 * unknown.
 */
async function readJsonArrayFile<T>(
  file: string,
  parse: (text: string) => { items: T[]; diagnostics: Diagnostic[] },
  sink: Sink,
): Promise<T[]> {
  const text = await readText(file, sink, 'emulator');
  if (text === undefined) return [];
  const r = parse(text);
  pushAll(sink.out, r.diagnostics);
  return r.items;
}

/**
 * An events.json holds more than `[]` (its size tells: only one of at most 2 bytes is read, and of
 * a larger one its last bytes). One that is no regular file (a folder, a FIFO) or leaves the run
 * folder through a link is said, not counted; so is one emptied or cut short of `[]` (the
 * browser-emulator creates it as `[]`). One cut after some events still counts, and is said.
 */
async function hasEvents(file: string, sink: Sink): Promise<boolean> {
  if (!(await sink.boundary.allows(file))) return false;
  const s = await stat(file).catch(() => undefined);
  if (s === undefined) return false;
  if (!s.isFile()) {
    sink.out.push(
      diagnostic(
        'warning',
        'file.notRegular',
        file,
        `Not read: it is ${kindOf(s)}, not a regular file; this user is not counted among the users with per-user events.`,
      ),
    );
    return false;
  }
  if (s.size <= 2 && (await shortEventsText(file, sink)) !== '[]') {
    sink.out.push(
      diagnostic(
        'warning',
        s.size === 0 ? 'json.empty' : 'json.truncated',
        file,
        `File ${s.size === 0 ? 'is empty' : 'holds less than []'} (the browser-emulator creates it as []: it was cut); this user is not counted among the users with per-user events.`,
      ),
    );
    return false;
  }
  if (s.size > 2) await sayIfCut(file, s.size, sink);
  return s.size > 2;
}

const CLOSE_BRACKET = 0x5d;

/**
 * An events.json that does not end in `]` (past blanks, and the NULs of UTF-16) was cut: the
 * browser-emulator appends only behind a final `]`, so nothing came into it after the cut.
 */
async function sayIfCut(file: string, size: number, sink: Sink): Promise<void> {
  const tail = await readFolderTail(file, sink.out, 64);
  if (tail === undefined) return;
  // The last byte that is neither a blank nor a NUL (UTF-16's high bytes).
  let i = tail.length - 1;
  while (i >= 0 && (tail[i] === 0 || /\s/.test(String.fromCharCode(tail[i] as number)))) i--;
  if (i >= 0 && tail[i] === CLOSE_BRACKET) return;
  sink.out.push(
    diagnostic(
      'warning',
      'json.truncated',
      file,
      `File is cut off at byte ${size} (no closing ]): the browser-emulator wrote nothing into it after the cut. This user is still counted among the users with per-user events.`,
    ),
  );
}

/** The text of an events.json of at most 2 bytes (`[]`, or what a cut left of it). */
async function shortEventsText(file: string, sink: Sink): Promise<string | undefined> {
  const found: Diagnostic[] = [];
  const text = await readFolderText(file, found, 2, 'an events.json this small');
  pushAll(sink.out, found);
  return text?.trim();
}

/** One walk of `stats/<room>/<who>/`: health errors, connections, users with events. */
async function readEmulatorFiles(folder: string, sink: Sink): Promise<EmulatorFiles> {
  const result: EmulatorFiles = { errors: [], connections: [], usersWithEvents: 0 };
  const { boundary } = sink;
  const stats = join(folder, 'stats');
  for (const room of await listDir(stats, boundary)) {
    if (!room.isDir) continue;
    for (const who of await listDir(join(stats, room.name), boundary)) {
      if (!who.isDir) continue;
      const dir = join(stats, room.name, who.name);
      const names = new Set((await listDir(dir, boundary)).map(e => e.name));
      if (names.has('errors.json')) {
        const file = join(dir, 'errors.json');
        const parse = (text: string) => {
          const r = parseErrorsJson(text, file, room.name, who.name);
          return { items: r.errors, diagnostics: r.diagnostics };
        };
        pushAll(result.errors, await readJsonArrayFile(file, parse, sink));
      }
      if (names.has('connections.json')) {
        const file = join(dir, 'connections.json');
        const parse = (text: string) => {
          const r = parseConnectionsJson(text, file);
          return { items: r.connections, diagnostics: r.diagnostics };
        };
        pushAll(result.connections, await readJsonArrayFile(file, parse, sink));
      }
      if (names.has('events.json') && (await hasEvents(join(dir, 'events.json'), sink)))
        result.usersWithEvents++;
    }
  }
  return result;
}

/** How far outside a run's span the workers' entries may be (their clocks are the workers'). */
const EMULATOR_SLACK_MS = 5 * 60_000;

/**
 * The workers' entries of this run: the browser-emulator appends to errors.json and
 * connections.json and never clears `stats/`, so a worker used again holds an earlier run's
 * entries too. Those more than EMULATOR_SLACK_MS outside the run's span are left out, and said.
 */
function ofThisRun(
  files: EmulatorFiles,
  span: RunSpan,
  folder: string,
  diagnostics: Diagnostic[],
): EmulatorFiles {
  if (span.start === undefined) return files;
  const slack = EMULATOR_SLACK_MS + (span.uncertainMs ?? 0);
  const from = span.start - slack;
  const to = span.end === undefined ? Infinity : span.end + slack;
  const inRun = (t: number | undefined) => t === undefined || (t >= from && t <= to);
  const errors = files.errors.filter(e => inRun(e.t));
  const connections = files.connections.filter(c => inRun(c.t));
  const left = files.errors.length - errors.length + files.connections.length - connections.length;
  if (left > 0) {
    const first = files.errors.find(e => !inRun(e.t))?.at.file;
    const message = `${left} errors.json and connections.json entries lie more than ${slack === EMULATOR_SLACK_MS ? '5 minutes' : `${Math.round(slack / 3_600_000)} hours (the run's zone was assumed)`} outside this run (${iso(span.start)} to ${iso(span.end)}) and were left out: another run's (the browser-emulator appends to these files and never clears stats/)${first ? `, e.g. in ${first}` : ''}.`;
    diagnostics.push(diagnostic('warning', 'emulator.otherRun', join(folder, 'stats'), message));
  }
  return { ...files, errors, connections };
}

/** The HTML's zone: the offset that makes a user's HTML join date equal its text-report start. */
function inferHtmlOffset(
  html: ScenarioReport[],
  text: ScenarioReport[],
  pairs: ReadonlyMap<number, number>,
): number | undefined {
  for (const [h, t] of pairs) {
    const starts = new Map(text[t]!.userStarts.map(u => [`${u.session}|${u.user}`, u.t] as const));
    for (const u of html[h]!.users) {
      const t = starts.get(`${u.session}|${u.user}`);
      if (u.join !== undefined && t !== undefined) {
        // HTML wall clock (read as UTC) − true UTC = offset; rounded to the quarter hour.
        return Math.round((u.join - t) / 60_000 / 15) * 15;
      }
    }
  }
  return undefined;
}

function signature(s: ScenarioReport): string {
  return [s.topology, s.participantsPerSession, s.sessionsCreated, s.participantsCreated].join('|');
}

/** Indices grouped by a key, handed out in order from either end; each index at most once. */
class IndexQueues {
  private readonly queues = new Map<string, number[]>();
  private readonly taken = new Set<number>();

  constructor(keys: readonly (string | undefined)[]) {
    keys.forEach((k, i) => {
      if (k === undefined) return;
      const q = this.queues.get(k);
      if (q) q.push(i);
      else this.queues.set(k, [i]);
    });
  }

  /** The first (or last) index of `key` not taken yet; skipped ones are dropped for good. */
  take(key: string | undefined, fromEnd = false): number | undefined {
    const q = key === undefined ? undefined : this.queues.get(key);
    while (q && q.length > 0) {
      const i = fromEnd ? q.pop()! : q.shift()!;
      if (this.taken.has(i)) continue;
      this.taken.add(i);
      return i;
    }
    return undefined;
  }

  /** Marks an index as taken through another key. */
  mark(i: number): void {
    this.taken.add(i);
  }
}

/**
 * Which text block is which HTML test case (HTML index → text index): the same Kibana URL (both
 * print the controller's one string, with the test case's UTC window), else the same figures.
 * Master's exporter keeps only the last block, so with fewer blocks than test cases the last
 * look-alike test case is taken (a run may repeat the same geometry). Linear: one queue per
 * URL and per signature.
 */
function pairReports(html: ScenarioReport[], text: ScenarioReport[]): Map<number, number> {
  const pairs = new Map<number, number>();
  const byUrl = new IndexQueues(html.map(h => h.kibanaUrl));
  const bySignature = new IndexQueues(html.map(signature));
  const unpaired: number[] = [];
  text.forEach((t, ti) => {
    const h = t.kibanaUrl ? byUrl.take(t.kibanaUrl) : undefined;
    if (h === undefined) unpaired.push(ti);
    else {
      pairs.set(h, ti);
      bySignature.mark(h);
    }
  });
  const fromEnd = text.length < html.length;
  for (const ti of unpaired) {
    const h = bySignature.take(signature(text[ti]!), fromEnd);
    if (h !== undefined) pairs.set(h, ti);
  }
  return pairs;
}

/** Joins the text report's blocks to the HTML's test cases (`pairReports`), keeping both sides. */
function mergeReports(
  html: ScenarioReport[],
  text: ScenarioReport[],
  pairs: ReadonlyMap<number, number>,
): ScenarioReport[] {
  if (html.length === 0) return text;
  const paired = new Set(pairs.values());
  const unused = text.filter((_, i) => !paired.has(i));
  const merged = html.map((h, hi) => {
    const ti = pairs.get(hi);
    const t = ti === undefined ? undefined : text[ti];
    if (!t) return h;
    return {
      ...h,
      start: t.start ?? h.start,
      kibanaUrl: h.kibanaUrl ?? t.kibanaUrl,
      bucket: t.bucket,
      reportedDurationSeconds: h.reportedDurationSeconds ?? t.reportedDurationSeconds,
      userStarts: t.userStarts,
      nodes: t.nodes,
      recordings: t.recordings,
      sources: [...h.sources, ...t.sources],
    };
  });
  return [...merged, ...unused.map((t, i) => ({ ...t, index: html.length + i + 1 }))];
}

function scenarioName(id: string, s: ScenarioReport, c: ScenarioConfig | undefined): string {
  const topology = s.topology ?? c?.topology ?? '?';
  const participants = s.participantsPerSession ?? c?.participants ?? '?';
  return `${id} #${s.index} ${topology} ${participants}`;
}

/** t in [from, to]: Prometheus' query_range includes both ends of the padded window. */
function inWindow(
  t: number | undefined,
  from: number | undefined,
  to: number | undefined,
): boolean {
  if (t === undefined || from === undefined) return true;
  return t >= from && (to === undefined || t <= to);
}

/** Sparkline values spread over the window: one point per 30-s step when the counts agree. */
function sparklineSeries(
  s: ScenarioReport,
  start: number | undefined,
  end: number | undefined,
): MetricSeries[] {
  if (start === undefined || end === undefined) return [];
  return s.platform.flatMap(m => {
    const values = m.sparkline ?? [];
    if (values.length < 2) return [];
    const stepsOf30 = Math.floor((end - start) / 30_000) + 1;
    const step = values.length === stepsOf30 ? 30_000 : (end - start) / (values.length - 1);
    return [
      {
        name: m.name,
        unit: m.unit,
        origin: 'sparkline' as const,
        approximate: values.length !== stepsOf30,
        points: values.map((v, i) => ({ t: start + i * step, v })),
      },
    ];
  });
}

function cut(
  series: readonly MetricSeries[],
  from: number | undefined,
  to: number | undefined,
): MetricSeries[] {
  return series
    .map(s => ({ ...s, points: s.points.filter(p => inWindow(p.t, from, to)) }))
    .filter(s => s.points.length > 0);
}

/**
 * A start for every test case: only the first has one in a report without its text twin. The
 * earliest join of its users is the best estimate; else the previous case's padded end − 10 s
 * (its report time + secondsBetweenTestCases, when the controller starts the next case).
 */
function withStarts(reports: ScenarioReport[]): ScenarioReport[] {
  const out: ScenarioReport[] = [];
  for (const r of reports) {
    if (r.start !== undefined) {
      out.push(r);
      continue;
    }
    const joins = r.users.map(u => u.join).filter((t): t is number => t !== undefined);
    const prev = out[out.length - 1];
    const fromPrev =
      prev?.start !== undefined && prev.reportedDurationSeconds !== undefined
        ? prev.start + (prev.reportedDurationSeconds - 10) * 1000
        : undefined;
    const start = joins.length > 0 ? minOf(joins) - 2000 : fromPrev;
    out.push({ ...r, start });
  }
  return out;
}

/** The most a wall clock can be off UTC (UTC+14:00, Line Islands). */
const MAX_OFFSET_MS = MAX_OFFSET_MINUTES * 60_000;

/**
 * From the first test case's start to the last one's padded end; uncertain by any offset when
 * the run's zone was assumed.
 */
function runSpan(reports: readonly ScenarioReport[], zoneAssumed: boolean): RunSpan {
  const starts = reports.flatMap(r => (r.start === undefined ? [] : [r.start]));
  const ends = reports.flatMap(r =>
    r.start !== undefined && r.reportedDurationSeconds !== undefined
      ? [r.start + r.reportedDurationSeconds * 1000]
      : [],
  );
  return {
    start: starts.length > 0 ? minOf(starts) : undefined,
    end: ends.length > 0 ? maxOf(ends) : undefined,
    ...(zoneAssumed ? { uncertainMs: MAX_OFFSET_MS } : {}),
  };
}

const iso = (t: number | undefined) =>
  t === undefined || !Number.isFinite(t) ? '?' : new Date(t).toISOString();

/** Says which of the log's controller processes is the run's, or that none is. */
function processNotes(
  file: string,
  log: readonly LogRecord[],
  process: RunProcess,
  span: RunSpan,
): Diagnostic[] {
  if (!process.own) {
    const times = log.flatMap(r => (r.t === undefined ? [] : [r.t]));
    const message = `${basename(file)} holds no line of this run: its controller lines run from ${iso(minOf(times))} to ${iso(maxOf(times))}, this run from ${iso(span.start)} to ${iso(span.end)} (a folder that keeps earlier runs' reports holds the last run's log). It is not used for this run, so its set-up failures and request timeouts are not checked.`;
    return [diagnostic('warning', 'log.notThisRun', file, message)];
  }
  if (process.records.length === log.length) return [];
  const start = process.own.start;
  const whose = start
    ? `those of the controller started at ${iso(start.t)} (line ${start.line})`
    : `those before its first controller start`;
  const message = `The log holds ${process.processes} controller processes (the controller was started again, or the capture appended to); this run's lines are ${whose}, and the other processes' lines are left out.`;
  return [diagnostic('info', 'log.otherRuns', file, message, { line: start?.line })];
}

export interface LoadRunOptions {
  /**
   * The controller's zone as the user gave it (`--html-tz`, `loadtestLens.reportTimezone`): it
   * wins over anything the files say. Without it, a text report whose every zone abbreviation
   * has one meaning settles it, else UTC is assumed (and said).
   */
  readonly zone?: Zone;
}

interface RunZone {
  readonly zone: Zone;
  readonly from: RunData['htmlOffsetFrom'];
  readonly why: string;
  /** The two reports' dates differ by more than any zone: one of them was misread. */
  readonly disagree?: boolean;
}

/** `4759855 h ahead`, `30 h behind`. */
function hoursText(minutes: number): string {
  return `${Math.round(Math.abs(minutes) / 60)} h ${minutes > 0 ? 'ahead' : 'behind'}`;
}

/** The run's zone: the user's, else the one the text report settles (checked on a user's join), else UTC. */
function runZone(
  options: LoadRunOptions,
  html: ScenarioReport[] | undefined,
  txt: ResultsText | undefined,
  pairs: ReadonlyMap<number, number>,
  txtFile: string | undefined,
): RunZone {
  if (options.zone)
    return {
      zone: options.zone,
      from: 'setting',
      why: 'given by --html-tz or loadtestLens.reportTimezone',
    };
  const settles = txt?.zoneSettled ? basename(txtFile!) : undefined;
  const found = settles && html ? inferHtmlOffset(html, txt!.scenarios, pairs) : undefined;
  const inferred = found !== undefined && isRealOffset(found) ? found : undefined;
  if (found !== undefined && inferred === undefined)
    return {
      zone: UTC_ZONE,
      from: 'default (UTC)',
      why: `the report's dates are ${hoursText(found)} from ${settles}'s, which no zone explains (real zones lie between ${formatOffset(MIN_OFFSET_MINUTES)} and ${formatOffset(MAX_OFFSET_MINUTES)}), so a date of one file was not read as it was meant`,
      disagree: true,
    };
  if (inferred !== undefined)
    return {
      zone: fixedZone(inferred),
      from: 'text report',
      why: `${settles}'s dates carry a zone with one meaning; the report's dates match them at ${formatOffset(inferred)}`,
    };
  if (settles && !html)
    return { zone: UTC_ZONE, from: 'text report', why: `${settles}'s dates carry their own zone` };
  const open = txt?.openZones.length
    ? `${basename(txtFile!)} names the zone only as ${txt.openZones.map(z => `"${z}"`).join(', ')}, which does not settle it, and nothing else tells`
    : 'no file tells the zone';
  return {
    zone: UTC_ZONE,
    from: 'default (UTC)',
    why: `${open} (UTC is what the controller's Docker image runs in)`,
  };
}

/**
 * The text reports of the controller's fallback page, to be read as results-<ts>.txt is: they
 * hold every test case (the text file only the last), at the page's own line numbers.
 */
function fallbackText(
  fallback: FallbackReport,
  report: string,
  results: string | undefined,
  diagnostics: Diagnostic[],
): { text: string; file: string } {
  const error = fallback.error ? ` ("${fallback.error.slice(0, 300)}")` : '';
  const instead = results ? ` (not ${basename(results)}, which keeps only the last one)` : '';
  diagnostics.push(
    diagnostic(
      'warning',
      'report.fallback',
      report,
      `The controller could not render this report and wrote its fallback page instead${error}: every test case is read from the text reports the page holds${instead}. The report's tables (worker CPU, platform metrics, user connections) are not in it, so the checks that need them are skipped.`,
      { line: fallback.line },
    ),
  );
  return { text: '\n'.repeat(fallback.line - 1) + fallback.text, file: report };
}

/** Reads one run of a folder; never throws on data. */
export async function loadRun(files: RunFiles, options: LoadRunOptions = {}): Promise<RunData> {
  const { folder, id } = files;
  const diagnostics: Diagnostic[] = [];
  const missing: MissingInput[] = [];
  const boundary = new FolderBoundary(folder);
  const sink: Sink = { out: diagnostics, missing, boundary };
  const htmlText = await readText(files.report, sink, 'report');
  const txtText = await readText(files.results, sink, 'report');
  const fallback = htmlText !== undefined ? fallbackReport(htmlText) : undefined;
  const html =
    htmlText !== undefined && !fallback ? parseReportHtml(htmlText, files.report!) : undefined;
  const text = fallback
    ? fallbackText(fallback, files.report!, files.results, diagnostics)
    : txtText !== undefined
      ? { text: txtText, file: files.results! }
      : undefined;
  const txt = text ? parseResultsText(text.text, text.file, options.zone) : undefined;
  pushAll(pushAll(diagnostics, html?.diagnostics ?? []), txt?.diagnostics ?? []);

  const pairs =
    html && txt ? pairReports(html.scenarios, txt.scenarios) : new Map<number, number>();
  const zone = runZone(options, html?.scenarios, txt, pairs, text?.file);
  if (zone.disagree)
    diagnostics.push(
      diagnostic(
        'warning',
        'report.datesDisagree',
        files.report ?? folder,
        `The run's dates are read as UTC: ${zone.why}. Times of day may be wrong; give the controller's zone with --html-tz or loadtestLens.reportTimezone.`,
      ),
    );
  else if (html && zone.from === 'default (UTC)') {
    diagnostics.push(
      diagnostic(
        'info',
        'report.zoneAssumed',
        files.report ?? files.results ?? folder,
        `The run's dates are read as UTC: ${zone.why}. Give the controller's zone with --html-tz or loadtestLens.reportTimezone (an offset like +08:00 or an IANA name like Asia/Shanghai).`,
      ),
    );
  }
  const reports = mergeReports(
    (html?.scenarios ?? []).map(s => shiftScenarioTimes(s, zone.zone)),
    txt?.scenarios ?? [],
    pairs,
  );

  const reportsTimed = withStarts(reports);
  const span = runSpan(reportsTimed, zone.from === 'default (UTC)');

  const read = readAs(sink);
  const {
    config,
    match,
    file: configFile,
  } = await chooseConfig(
    await filesMatching(
      [folder, join(folder, 'config'), join(folder, 'results')],
      n => /\.ya?ml$/.test(n),
      boundary,
    ),
    read('config', WHOLE_FILE_CAP.config),
    reports,
    sink,
  );
  const chosenLog = await chooseLog(
    await filesMatching(
      [folder, join(folder, 'logs'), join(folder, 'results')],
      n => n.endsWith('.log'),
      boundary,
    ),
    read('log'),
    zone.zone,
    span,
    sink,
  );
  const logFile = chosenLog.file;
  const log = chosenLog.records;
  const localLine = log.find(r => r.local);
  if (localLine && !html && zone.from === 'default (UTC)') {
    diagnostics.push(
      diagnostic(
        'info',
        'log.zoneAssumed',
        logFile!,
        `The log's times carry no zone; they are read as UTC: ${zone.why}. Give the controller's zone with --html-tz or loadtestLens.reportTimezone.`,
        { line: localLine.line },
      ),
    );
  }

  const metricFiles = await filesMatching(
    [folder, join(folder, 'metrics')],
    n => METRICS.test(n),
    boundary,
  );
  const series: MetricSeries[] = [];
  for (const file of metricFiles) {
    const r = await readPlatformDocsFile(file);
    pushAll(series, r.series);
    pushAll(diagnostics, r.diagnostics);
    if (!r.readable) {
      const why = r.diagnostics.find(d => d.severity === 'error');
      missing.push({ kind: 'metrics', file, reason: why?.message ?? 'could not be read' });
    }
  }
  const emulator = ofThisRun(await readEmulatorFiles(folder, sink), span, folder, diagnostics);
  pushAll(diagnostics, boundary.diagnostics);

  const { process } = chosenLog;
  if (logFile) pushAll(diagnostics, processNotes(logFile, log, process, span));
  const ownLog = process.own ? logFile : undefined;
  const scenarios = reportsTimed.map((report, i): ScenarioData => {
    const next = reportsTimed[i + 1]?.start;
    const windowStart = report.start;
    const padded =
      report.start !== undefined && report.reportedDurationSeconds !== undefined
        ? report.start + report.reportedDurationSeconds * 1000
        : undefined;
    const windowEnd = padded ?? next;
    const cfg = match?.configs[i];
    const own = cut(series, windowStart, windowEnd);
    const fromEs = new Set(own.filter(s => s.origin === 'elasticsearch').map(s => s.name));
    const fromSpark = sparklineSeries(report, windowStart, windowEnd).filter(
      s => !fromEs.has(s.name),
    );
    return {
      name: scenarioName(id, report, cfg),
      report,
      config: cfg,
      windowStart,
      windowEnd,
      series: [...own, ...fromSpark],
      healthErrors: emulator.errors.filter(
        e => reports.length === 1 || inWindow(e.t, windowStart, next),
      ),
      connections: emulator.connections.filter(
        c => reports.length === 1 || inWindow(c.t, windowStart, next),
      ),
      log: process.records.filter(r => reports.length === 1 || inWindow(r.t, windowStart, next)),
      logFile: ownLog,
      missing,
    };
  });
  if (scenarios.length === 0) {
    diagnostics.push(
      diagnostic(
        'error',
        'run.noScenario',
        files.report ?? files.results ?? folder,
        'No test case could be read from this run.',
      ),
    );
  }
  return {
    folder,
    id,
    perUserStats:
      emulator.usersWithEvents > 0
        ? { statsDir: join(folder, 'stats'), users: emulator.usersWithEvents }
        : undefined,
    files: {
      report: files.report,
      results: files.results,
      config: configFile,
      log: logFile,
      metrics: metricFiles,
    },
    config,
    scenarios,
    htmlZone: zone.zone,
    htmlOffsetFrom: zone.from,
    htmlZoneWhy: zone.why,
    diagnostics,
    missing,
  };
}
