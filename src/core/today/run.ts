/**
 * A folder of today's openvidu-loadtest results, read into runs and their scenarios.
 *
 * ```
 * <folder>/report-<ts>.html        the controller's HTML report (every test case of a run)
 * <folder>/results-<ts>.txt        its text report (when `advanced.reportOutput` has txt)
 * <folder>/*.yaml                  the controller configuration
 * <folder>/*.log, logs/*.log       the controller's console output
 * <folder>/stats/<room>/<id>/errors.json, connections.json   browser-emulator files
 * <folder>/*.ndjson, metrics/*     Elasticsearch exports: loadtest-openvidu-metrics-*, metricbeat-*
 * ```
 * The reports may also sit in `results/`. Each distinct `<ts>` is one run; each test case
 * (one `participants` element of a configured test case) is one scenario. Every part is
 * optional; what is missing or malformed becomes a diagnostic naming the file.
 */
import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import { diagnostic, type Diagnostic } from '../model/diagnostic';
import { readTextFile } from '../ingest/readFile';
import { naturalCompare } from '../source/naming';
import { FolderBoundary } from '../source/insideRoot';
import { listDir } from '../source/resultRoot';
import { parseRunConfig, type RunConfig } from './configYaml';
import { parseConnectionsJson, parseErrorsJson } from './emulatorFiles';
import type {
  ConnectionRecord,
  HealthError,
  LogRecord,
  MetricSeries,
  ScenarioConfig,
  ScenarioReport,
} from './model';
import { parsePlatformDocs } from './platformDocs';
import { parseReportHtml, shiftScenarioTimes } from './reportHtml';
import { parseResultsText } from './resultsTxt';
import { parseRunLog } from './runLog';

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
  /** Minutes east of UTC the HTML's zone-less dates were read in, and how it was decided. */
  readonly htmlOffsetMinutes: number;
  readonly htmlOffsetFrom: 'text report' | 'setting' | 'default (UTC)';
  readonly diagnostics: readonly Diagnostic[];
}

/** The runs of a folder (reports at its top or in `results/`), oldest first. */
export async function listRuns(folder: string): Promise<RunFiles[]> {
  const runs = new Map<string, { folder: string; id: string; report?: string; results?: string }>();
  for (const dir of [folder, join(folder, 'results')]) {
    for (const e of await listDir(dir)) {
      if (e.isDir) continue;
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

/** The files of `dirs` whose names pass `test`, in natural order (links: the boundary's policy). */
async function filesMatching(
  dirs: string[],
  test: (name: string) => boolean,
  boundary: FolderBoundary,
): Promise<string[]> {
  const found: string[] = [];
  for (const dir of dirs) {
    for (const e of await listDir(dir, boundary))
      if (!e.isDir && test(e.name)) found.push(join(dir, e.name));
  }
  return found.sort(naturalCompare);
}

interface EmulatorFiles {
  errors: HealthError[];
  connections: ConnectionRecord[];
  /** Users whose events.json holds more than `[]` (per-user data the notebook views read). */
  usersWithEvents: number;
}

/**
 * A file's text, its reading findings added to `out`; undefined when absent, unreadable, or
 * reached through a link leading out of the run folder (the boundary reports that link).
 */
async function readText(
  file: string | undefined,
  out: Diagnostic[],
  boundary: FolderBoundary,
): Promise<string | undefined> {
  if (!file || !(await boundary.allows(file))) return undefined;
  const { text, diagnostics } = await readTextFile(file);
  out.push(...diagnostics);
  return text;
}

/** Reads one JSON array file with `parse`; an empty `[]` file is no finding. */
async function readJsonArrayFile<T>(
  file: string,
  parse: (text: string) => { items: T[]; diagnostics: Diagnostic[] },
  out: Diagnostic[],
  boundary: FolderBoundary,
): Promise<T[]> {
  const text = await readText(file, out, boundary);
  if (text === undefined) return [];
  const r = parse(text);
  out.push(...r.diagnostics.filter(d => d.code !== 'json.empty'));
  return r.items;
}

/** One walk of `stats/<room>/<who>/`: health errors, connections, users with events. */
async function readEmulatorFiles(
  folder: string,
  out: Diagnostic[],
  boundary: FolderBoundary,
): Promise<EmulatorFiles> {
  const result: EmulatorFiles = { errors: [], connections: [], usersWithEvents: 0 };
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
        result.errors.push(...(await readJsonArrayFile(file, parse, out, boundary)));
      }
      if (names.has('connections.json')) {
        const file = join(dir, 'connections.json');
        const parse = (text: string) => {
          const r = parseConnectionsJson(text, file);
          return { items: r.connections, diagnostics: r.diagnostics };
        };
        result.connections.push(...(await readJsonArrayFile(file, parse, out, boundary)));
      }
      if (names.has('events.json')) {
        const size = (await stat(join(dir, 'events.json')).catch(() => undefined))?.size ?? 0;
        if (size > 2) result.usersWithEvents++;
      }
    }
  }
  return result;
}

/** The HTML's zone: the offset that makes a user's HTML join date equal its text-report start. */
function inferHtmlOffset(html: ScenarioReport[], text: ScenarioReport[]): number | undefined {
  const starts = new Map(
    text.flatMap(s => s.userStarts.map(u => [`${u.session}|${u.user}`, u.t] as const)),
  );
  for (const s of html) {
    for (const u of s.users) {
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

/** Joins the text report's blocks to the HTML's test cases (same figures), keeping both sides. */
function mergeReports(html: ScenarioReport[], text: ScenarioReport[]): ScenarioReport[] {
  if (html.length === 0) return text;
  const unused = [...text];
  const merged = html.map(h => {
    const at = unused.findIndex(t => signature(t) === signature(h));
    const t = at >= 0 ? unused.splice(at, 1)[0] : undefined;
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
    const start = joins.length > 0 ? Math.min(...joins) - 2000 : fromPrev;
    out.push({ ...r, start });
  }
  return out;
}

export interface LoadRunOptions {
  /** Minutes east of UTC for the HTML report's dates when the text report cannot tell (default 0). */
  readonly htmlOffsetMinutes?: number;
}

/** Reads one run of a folder; never throws on data. */
export async function loadRun(files: RunFiles, options: LoadRunOptions = {}): Promise<RunData> {
  const { folder, id } = files;
  const diagnostics: Diagnostic[] = [];
  const boundary = new FolderBoundary(folder);
  const read = (file: string | undefined) => readText(file, diagnostics, boundary);
  const htmlText = await read(files.report);
  const txtText = await read(files.results);
  const html = htmlText !== undefined ? parseReportHtml(htmlText, files.report!) : undefined;
  const txt = txtText !== undefined ? parseResultsText(txtText, files.results!) : undefined;
  diagnostics.push(...(html?.diagnostics ?? []), ...(txt?.diagnostics ?? []));

  const inferred = html && txt ? inferHtmlOffset(html.scenarios, txt.scenarios) : undefined;
  const htmlOffsetMinutes = inferred ?? options.htmlOffsetMinutes ?? 0;
  const htmlOffsetFrom =
    inferred !== undefined
      ? 'text report'
      : options.htmlOffsetMinutes !== undefined
        ? 'setting'
        : 'default (UTC)';
  if (html && inferred === undefined) {
    diagnostics.push(
      diagnostic(
        'info',
        'report.zoneAssumed',
        files.report!,
        `The report's dates carry no time zone; they are read as UTC${htmlOffsetMinutes ? ` ${htmlOffsetMinutes >= 0 ? '+' : ''}${htmlOffsetMinutes} min` : ''} (the controller's Docker image runs in UTC). A results-<ts>.txt beside it would settle it.`,
      ),
    );
  }
  const reports = mergeReports(
    (html?.scenarios ?? []).map(s => shiftScenarioTimes(s, htmlOffsetMinutes)),
    txt?.scenarios ?? [],
  );

  const configFile = (await filesMatching([folder], n => /\.ya?ml$/.test(n), boundary))[0];
  const configText = await read(configFile);
  const config = configText !== undefined ? parseRunConfig(configText, configFile!) : undefined;
  diagnostics.push(...(config?.diagnostics ?? []));
  if (
    config &&
    config.scenarios.length > 0 &&
    reports.length > 0 &&
    config.scenarios.length !== reports.length
  ) {
    diagnostics.push(
      diagnostic(
        'warning',
        'config.scenarioCount',
        configFile!,
        `The configuration describes ${config.scenarios.length} scenarios but the reports hold ${reports.length}; they are matched in order.`,
      ),
    );
  }

  const logFile = (
    await filesMatching([folder, join(folder, 'logs')], n => n.endsWith('.log'), boundary)
  )[0];
  const logText = await read(logFile);
  const log = logText !== undefined ? parseRunLog(logText, htmlOffsetMinutes) : [];

  const metricFiles = await filesMatching(
    [folder, join(folder, 'metrics')],
    n => METRICS.test(n),
    boundary,
  );
  const series: MetricSeries[] = [];
  for (const file of metricFiles) {
    const text = await read(file);
    if (text === undefined) continue;
    const r = parsePlatformDocs(text, file);
    series.push(...r.series);
    diagnostics.push(...r.diagnostics);
  }
  const emulator = await readEmulatorFiles(folder, diagnostics, boundary);
  diagnostics.push(...boundary.diagnostics);

  const reportsTimed = withStarts(reports);
  const scenarios = reportsTimed.map((report, i): ScenarioData => {
    const next = reportsTimed[i + 1]?.start;
    const windowStart = report.start;
    const padded =
      report.start !== undefined && report.reportedDurationSeconds !== undefined
        ? report.start + report.reportedDurationSeconds * 1000
        : undefined;
    const windowEnd = padded ?? next;
    const cfg = config?.scenarios[report.index - 1] ?? config?.scenarios[i];
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
      log: log.filter(r => reports.length === 1 || inWindow(r.t, windowStart, next)),
      logFile,
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
    htmlOffsetMinutes,
    htmlOffsetFrom,
    diagnostics,
  };
}
