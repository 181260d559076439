/**
 * Every message between the extension host and a Load Test Lens webview, both directions.
 * Messages from a webview are untrusted input: `parseWebviewMessage` validates them at runtime
 * before the host acts on them.
 */
import {
  qosChartOf,
  type ChartKey,
  type ChartVM,
  type CpuRangeVM,
  type HeatmapMetricVM,
  type HeatmapVM,
  type NodeSeriesVM,
  type OverviewVM,
  type ParticipantsVM,
  type SeriesIndexVM,
  type StatsSectionVM,
  type StatsVM,
  type SwimlaneVM,
  type SeriesUsersVM,
  type SwimKneeVM,
  type SwimQosVM,
  type UserQosVM,
  type SwimSegmentsVM,
} from './viewModel';
import type { CompareViewVM } from './compareView';
import type { RunViewVM } from './runView';

/** Host → webview. */
export type HostMessage =
  | { readonly type: 'loading'; readonly message: string }
  | { readonly type: 'error'; readonly message: string }
  | { readonly type: 'overview'; readonly overview: OverviewVM }
  | { readonly type: 'nodeSeries'; readonly series: NodeSeriesVM | null; readonly test: string }
  | { readonly type: 'swimlane'; readonly swimlane: SwimlaneVM }
  /** Comparison panel: the tests overlaid, the verdicts and the comparability warnings. */
  | { readonly type: 'comparison'; readonly comparison: CompareViewVM }
  /** Time-series panel: the test it shows (its charts are then asked for one by one). */
  | { readonly type: 'seriesIndex'; readonly index: SeriesIndexVM }
  /** Time-series panel: the answer to the `seriesRequest` numbered `seq`. */
  | { readonly type: 'seriesChart'; readonly chart: ChartVM; readonly seq: number }
  /** Another view of the same test zoomed or panned: show this range (null = everything). */
  | { readonly type: 'linkedRange'; readonly range: TimeRange | null }
  /** Swimlane: the QoS colouring asked for with `swimlaneQos`. */
  | { readonly type: 'swimlaneQos'; readonly qos: SwimQosVM }
  /** Time series: who reported the extremes of a clicked second (`seriesUsers`). */
  | { readonly type: 'seriesUsers'; readonly users: SeriesUsersVM }
  /** Swimlane: the test's load knees, computed after the rows are drawn. */
  | { readonly type: 'swimlaneKnees'; readonly test: string; readonly knees: readonly SwimKneeVM[] }
  /** Swimlane: highlight the row of a user and open its details (Results view → chart). */
  | { readonly type: 'revealUser'; readonly session: string; readonly user: string }
  /** Swimlane: the QoS figures of the user whose details are open (`swimlaneUserQos`). */
  | { readonly type: 'swimlaneUserQos'; readonly userQos: UserQosVM }
  /** Swimlane: finer segments of a zoomed range, asked for with `swimlaneSegments`. */
  | { readonly type: 'swimlaneSegments'; readonly segments: SwimSegmentsVM }
  /** The host's answer to `exportFile`: saved (where), cancelled, or failed (why). */
  | {
      readonly type: 'exportResult';
      readonly format: ExportFormat;
      readonly outcome: 'saved' | 'cancelled' | 'failed';
      readonly message: string;
    }
  /** The statistics view of a test or of every test. */
  | { readonly type: 'stats'; readonly stats: StatsVM }
  /** Log view: the file shown, its size in lines, and the line to select. */
  | {
      readonly type: 'logView';
      readonly log: LogViewVM;
      /** The extension's translated strings (`vscode.l10n.bundle`), absent in English. */
      readonly l10n?: { readonly [message: string]: string };
    }
  /** Log view: a window of lines, and which of them name the user being followed. */
  | {
      readonly type: 'logLines';
      readonly firstLine: number;
      readonly lines: readonly string[];
      readonly marked: readonly number[];
    }
  /** The participants overview of a test, and its heatmap of the metric last asked for. */
  | { readonly type: 'participants'; readonly participants: ParticipantsVM }
  | { readonly type: 'heatmap'; readonly heatmap: HeatmapVM }
  /** Run view: a run of today's openvidu-loadtest, verdict first. */
  | { readonly type: 'runView'; readonly run: RunViewVM };

/** What a view can export: a PNG of its charts or a CSV of the data it drew. */
export type ExportFormat = 'png' | 'csv';

/**
 * A visible time range in seconds since the test start, the origin every view of a test shares
 * (the controller log's start line, else the first event).
 */
export interface TimeRange {
  readonly start: number;
  readonly end: number;
}

/** What the log view shows: a window onto a log too large to open as a document. */
export interface LogViewVM {
  /** The file, relative to the workspace, for the heading. */
  readonly file: string;
  readonly lines: number;
  readonly bytes: number;
  /** The line to select and scroll to (1-based). */
  readonly target: number;
  /** Whose lines are highlighted (`User7 in LoadTestSession3`), when following a user. */
  readonly who?: string;
}

/** The most lines the log view may ask for at once. */
export const MAX_LOG_WINDOW = 500;

/** Files of a test the webview may ask the host to open; the host resolves them inside the root. */
export type TestFileKind = 'log' | 'medianode';

/** Webview → host. */
export type WebviewMessage =
  | { readonly type: 'ready' }
  | { readonly type: 'selectTest'; readonly test: string }
  | { readonly type: 'openTestFile'; readonly test: string; readonly kind: TestFileKind }
  /** Overview → host: open the connection-progression swimlane of a test. */
  | { readonly type: 'openSwimlane'; readonly test: string }
  /** Swimlane → host: open a user's events.json (session and user numbers as in its row). */
  | {
      readonly type: 'openUserEvents';
      readonly test: string;
      readonly session: string;
      readonly user: string;
    }
  /** Overview → host: open the time-series panel of a test. */
  | { readonly type: 'openTimeSeries'; readonly test: string }
  /**
   * Time series → host: one chart cut to `range` (null = all of it) at `columns` pixel columns;
   * sent on opening, on switching charts and after every zoom or pan (finer data for the range).
   */
  | {
      readonly type: 'seriesRequest';
      readonly test: string;
      readonly key: ChartKey;
      readonly range: TimeRange | null;
      readonly columns: number;
      readonly seq: number;
    }
  /** Any time view → host: the user zoomed or panned to `range` (null = back to everything). */
  | { readonly type: 'visibleRange'; readonly test: string; readonly range: TimeRange | null }
  /** Swimlane → host: colour by QoS `variant` (a `QosVariantVM.key`) over `range` (null = all). */
  | {
      readonly type: 'swimlaneQos';
      readonly test: string;
      readonly variant: string;
      readonly range: TimeRange | null;
    }
  /** Time series → host: who reported the lowest and highest values of `second` on a QoS chart. */
  | {
      readonly type: 'seriesUsers';
      readonly test: string;
      readonly key: ChartKey;
      readonly second: number;
    }
  /** Any view → host: show a user's row in the test's connection progression (swimlane). */
  | {
      readonly type: 'showUserInSwimlane';
      readonly test: string;
      readonly session: string;
      readonly user: string;
    }
  /** Swimlane → host: the QoS figures of a user (session and user numbers as in its row). */
  | {
      readonly type: 'swimlaneUserQos';
      readonly test: string;
      readonly session: string;
      readonly user: string;
    }
  /** Swimlane → host: the segments of `range`, unmerged as far as the budget allows. */
  | { readonly type: 'swimlaneSegments'; readonly test: string; readonly range: TimeRange }
  /**
   * Any view → host: save this export where the user chooses. `name` is a suggested file name
   * (no path); `data` is base64 PNG bytes or CSV text.
   */
  | {
      readonly type: 'exportFile';
      readonly test: string;
      readonly format: ExportFormat;
      readonly name: string;
      readonly data: string;
    }
  /** Overview → host: open the statistics view of a test, or of every test (`test` null). */
  | { readonly type: 'openStats'; readonly test: string | null }
  /** Overview → host: open the participants overview of a test. */
  | { readonly type: 'openParticipants'; readonly test: string }
  /** Participants → host: the heatmap of another metric. */
  | { readonly type: 'heatmapQuery'; readonly metric: HeatmapMetricVM }
  /** Statistics → host: show a section, with a comparison of two CPU ranges the user picked. */
  | {
      readonly type: 'statsQuery';
      readonly section: StatsSectionVM;
      readonly custom: { readonly x: CpuRangeVM; readonly y: CpuRangeVM } | null;
    }
  /** Swimlane → host: open the controller log at the failure of a user nearest `at` (epoch ms). */
  | {
      readonly type: 'openFailureLog';
      readonly test: string;
      readonly session: string;
      readonly user: string;
      readonly at: number;
    }
  /** Log view → host: send lines `first … first+count-1`. */
  | { readonly type: 'readLines'; readonly first: number; readonly count: number }
  /**
   * Run view → host: recompute scenario `scenario` (its index) with a steady window the user set
   * (seconds from its start; null = detect it) and a fleet-sizing target (null = none).
   */
  | {
      readonly type: 'runQuery';
      readonly scenario: number;
      readonly steady: TimeRange | null;
      readonly target: number | null;
    }
  /** Run view → host: open the run's stats/ (per-user data) in the notebook views. */
  | { readonly type: 'openRunPerUser' }
  /** Run view → host: open `files[file]` of the run's model (at `line`). */
  | { readonly type: 'openRunFile'; readonly file: number; readonly line?: number };

const MAX_NAME = 512;

function isName(v: unknown): v is string {
  return typeof v === 'string' && v.length > 0 && v.length <= MAX_NAME;
}

/** Session and user numbers as the rows carry them: digits only, so never a path. */
function isNumberText(v: unknown): v is string {
  return typeof v === 'string' && /^\d{1,9}$/.test(v);
}

/** Seconds since a test start: ten years either side is far beyond any real test. */
const MAX_SECONDS = 3.2e8;

/** A finite, ordered range of plausible size, or undefined. */
export function parseTimeRange(v: unknown): TimeRange | undefined {
  if (typeof v !== 'object' || v === null) return undefined;
  const { start, end } = v as Record<string, unknown>;
  if (typeof start !== 'number' || typeof end !== 'number') return undefined;
  if (!Number.isFinite(start) || !Number.isFinite(end) || !(start < end)) return undefined;
  if (Math.abs(start) > MAX_SECONDS || Math.abs(end) > MAX_SECONDS) return undefined;
  return { start, end };
}

function parseVisibleRange(m: Record<string, unknown>): WebviewMessage | undefined {
  if (!isName(m['test'])) return undefined;
  if (m['range'] === null) return { type: 'visibleRange', test: m['test'], range: null };
  const range = parseTimeRange(m['range']);
  return range ? { type: 'visibleRange', test: m['test'], range } : undefined;
}

/** Exports above this size (characters of base64 or CSV) are refused: ≈ 45 MB of PNG. */
export const MAX_EXPORT_CHARS = 60_000_000;
/** A suggested file name: no path separator, no leading dot, the format's extension. */
const EXPORT_NAME = /^[A-Za-z0-9_ -][A-Za-z0-9._ -]{0,119}\.(png|csv)$/;
/** `\x89PNG\r\n\x1a\n`, the PNG signature, in base64. */
const PNG_BASE64_SIGNATURE = 'iVBORw0KGgo';

function isExportData(format: ExportFormat, data: unknown): data is string {
  if (typeof data !== 'string' || data.length === 0 || data.length > MAX_EXPORT_CHARS) return false;
  if (format === 'csv') return true;
  return data.startsWith(PNG_BASE64_SIGNATURE) && /^[A-Za-z0-9+/]+={0,2}$/.test(data);
}

function parseExportFile(m: Record<string, unknown>): WebviewMessage | undefined {
  const { test, format, name, data } = m;
  if (!isName(test) || (format !== 'png' && format !== 'csv')) return undefined;
  if (typeof name !== 'string' || !EXPORT_NAME.test(name) || !name.endsWith(`.${format}`))
    return undefined;
  return isExportData(format, data) ? { type: 'exportFile', test, format, name, data } : undefined;
}

export function isChartKey(v: unknown): v is ChartKey {
  return (
    typeof v === 'string' && (v === 'progression' || v === 'qoe' || qosChartOf(v) !== undefined)
  );
}

function isCount(v: unknown, max: number): v is number {
  return typeof v === 'number' && Number.isInteger(v) && v >= 0 && v <= max;
}

function parseSeriesRequest(m: Record<string, unknown>): WebviewMessage | undefined {
  const { test, key, columns, seq } = m;
  if (!isName(test) || !isChartKey(key) || !isCount(columns, 100_000) || !isCount(seq, 2 ** 31))
    return undefined;
  const range = parseRangeOrNull(m['range']);
  if (range === undefined) return undefined;
  return { type: 'seriesRequest', test, key, range, columns, seq };
}

const HEATMAP_METRICS: readonly HeatmapMetricVM[] = ['bitrate', 'jitter', 'qoe', 'state'];

const STATS_SECTIONS: readonly StatsSectionVM[] = [
  'qoe_vmaf',
  'qoe_visqol',
  'connection_start',
  'connection_start_publishers',
  'connection_start_subscribers',
];

/** CPU bounds a user may pick (CPU is a 0–1 share; a few cores' worth of headroom). */
const MAX_CPU_BOUND = 16;

function isBound(v: unknown): v is number {
  return typeof v === 'number' && Number.isFinite(v) && v >= 0 && v <= MAX_CPU_BOUND;
}

/** `[low, high)` with `high` null (no upper bound) or above `low`. */
function cpuRange(v: unknown): CpuRangeVM | undefined {
  if (!Array.isArray(v) || v.length !== 2) return undefined;
  const [low, high] = v as unknown[];
  if (!isBound(low)) return undefined;
  if (high === null) return [low, null];
  return isBound(high) && high > low ? [low, high] : undefined;
}

function statsQuery(m: Record<string, unknown>): WebviewMessage | undefined {
  const section = STATS_SECTIONS.find(s => s === m['section']);
  if (!section) return undefined;
  if (m['custom'] === null) return { type: 'statsQuery', section, custom: null };
  const c = m['custom'];
  if (typeof c !== 'object' || c === null) return undefined;
  const x = cpuRange((c as Record<string, unknown>)['x']);
  const y = cpuRange((c as Record<string, unknown>)['y']);
  return x && y ? { type: 'statsQuery', section, custom: { x, y } } : undefined;
}

/** `<direction>/<metric>/<media>` of a swimlane QoS variant. */
const QOS_VARIANT_KEY = /^(inbound|outbound)\/(rtt|jitter|loss|bitrate)\/(audio|video)$/;

function parseRangeOrNull(v: unknown): TimeRange | null | undefined {
  return v === null ? null : parseTimeRange(v);
}

function parseSwimlaneQos(m: Record<string, unknown>): WebviewMessage | undefined {
  const { test, variant } = m;
  const range = parseRangeOrNull(m['range']);
  if (!isName(test) || typeof variant !== 'string' || !QOS_VARIANT_KEY.test(variant))
    return undefined;
  return range === undefined ? undefined : { type: 'swimlaneQos', test, variant, range };
}

function parseSwimlaneSegments(m: Record<string, unknown>): WebviewMessage | undefined {
  const range = parseTimeRange(m['range']);
  return isName(m['test']) && range
    ? { type: 'swimlaneSegments', test: m['test'], range }
    : undefined;
}

function isWholeIn(v: unknown, min: number, max: number): v is number {
  return typeof v === 'number' && Number.isInteger(v) && v >= min && v <= max;
}

function parseRunQuery(m: Record<string, unknown>): WebviewMessage | undefined {
  const steady = parseRangeOrNull(m['steady']);
  const target = m['target'];
  if (!isWholeIn(m['scenario'], 1, 10_000) || steady === undefined) return undefined;
  if (steady && steady.start < 0) return undefined;
  if (target !== null && !isWholeIn(target, 1, 10_000_000)) return undefined;
  return { type: 'runQuery', scenario: m['scenario'], steady, target };
}

/** The message if it is a well-formed `WebviewMessage`, else undefined. */
export function parseWebviewMessage(raw: unknown): WebviewMessage | undefined {
  if (typeof raw !== 'object' || raw === null) return undefined;
  const m = raw as Record<string, unknown>;
  switch (m['type']) {
    case 'ready':
      return { type: 'ready' };
    case 'selectTest':
      return isName(m['test']) ? { type: 'selectTest', test: m['test'] } : undefined;
    case 'openTestFile':
      return isName(m['test']) && (m['kind'] === 'log' || m['kind'] === 'medianode')
        ? { type: 'openTestFile', test: m['test'], kind: m['kind'] }
        : undefined;
    case 'openSwimlane':
      return isName(m['test']) ? { type: 'openSwimlane', test: m['test'] } : undefined;
    case 'openUserEvents':
    case 'swimlaneUserQos':
    case 'showUserInSwimlane':
      return isName(m['test']) && isNumberText(m['session']) && isNumberText(m['user'])
        ? { type: m['type'], test: m['test'], session: m['session'], user: m['user'] }
        : undefined;
    case 'visibleRange':
      return parseVisibleRange(m);
    case 'exportFile':
      return parseExportFile(m);
    case 'openTimeSeries':
      return isName(m['test']) ? { type: 'openTimeSeries', test: m['test'] } : undefined;
    case 'seriesRequest':
      return parseSeriesRequest(m);
    case 'seriesUsers':
      return isName(m['test']) &&
        isChartKey(m['key']) &&
        Number.isInteger(m['second']) &&
        Math.abs(m['second'] as number) <= MAX_SECONDS
        ? { type: 'seriesUsers', test: m['test'], key: m['key'], second: m['second'] as number }
        : undefined;
    case 'openStats':
      return m['test'] === null || isName(m['test'])
        ? { type: 'openStats', test: m['test'] }
        : undefined;
    case 'statsQuery':
      return statsQuery(m);
    case 'swimlaneQos':
      return parseSwimlaneQos(m);
    case 'swimlaneSegments':
      return parseSwimlaneSegments(m);
    case 'openFailureLog':
      return isName(m['test']) &&
        isNumberText(m['session']) &&
        isNumberText(m['user']) &&
        typeof m['at'] === 'number' &&
        Number.isFinite(m['at'])
        ? {
            type: 'openFailureLog',
            test: m['test'],
            session: m['session'],
            user: m['user'],
            at: m['at'],
          }
        : undefined;
    case 'readLines':
      return isWholeIn(m['first'], 1, 2 ** 40) && isWholeIn(m['count'], 1, MAX_LOG_WINDOW)
        ? { type: 'readLines', first: m['first'], count: m['count'] }
        : undefined;
    case 'openParticipants':
      return isName(m['test']) ? { type: 'openParticipants', test: m['test'] } : undefined;
    case 'runQuery':
      return parseRunQuery(m);
    case 'openRunPerUser':
      return { type: 'openRunPerUser' };
    case 'openRunFile':
      return isWholeIn(m['file'], 0, 10_000) &&
        (m['line'] === undefined || isWholeIn(m['line'], 1, 2 ** 40))
        ? {
            type: 'openRunFile',
            file: m['file'],
            ...(m['line'] === undefined ? {} : { line: m['line'] }),
          }
        : undefined;
    case 'heatmapQuery': {
      const metric = HEATMAP_METRICS.find(x => x === m['metric']);
      return metric ? { type: 'heatmapQuery', metric } : undefined;
    }
    default:
      return undefined;
  }
}
