/**
 * The messages every view has, answered by the host itself (src/extension/host/webviewHost.ts):
 * `ready` (the page loaded: draw), linked zoom (`visibleRange` out, `linkedRange` in), PNG/CSV
 * export (`exportFile`, answered with where it was saved), and the loading and error states.
 */
import { bare, command, event, request, type MessageOf } from '../ipc';
import { isName, parseRangeOrNull, type TimeRange } from './checks';

/** [seconds since test start, value] pairs, missing values left out (the notebook's dropna). */
export type Point = readonly [number, number];

/** The timezone the controller log is written in, as the host resolved it (wall-clock axes). */
export interface TimeZoneVM {
  /** Minutes east of UTC (at the test start, for an IANA zone). */
  readonly offsetMinutes: number;
  /** The IANA name, when the zone is one: each instant is then shown with its own offset (DST). */
  readonly name?: string;
  /** e.g. `+02:00 (inferred from events)`. */
  readonly label: string;
}

/** What a view can export: a PNG of its charts or a CSV of the data it drew. */
export type ExportFormat = 'png' | 'csv';

/** Exports above this size (characters of base64 or CSV) are refused: ≈ 45 MB of PNG. */
export const MAX_EXPORT_CHARS = 60_000_000;
/** A suggested file name: no path separator, no leading dot, the format's extension. */
const EXPORT_NAME = /^[A-Za-z0-9_ -][A-Za-z0-9._ -]{0,119}\.(png|csv)$/;
/** `\x89PNG\r\n\x1a\n`, the PNG signature, in base64. */
const PNG_BASE64_SIGNATURE = 'iVBORw0KGgo';

/**
 * An export to save where the user chooses: `name` is a suggested file name (no path); `data` is
 * base64 PNG bytes or CSV text.
 */
export interface ExportFile {
  readonly test: string;
  readonly format: ExportFormat;
  readonly name: string;
  readonly data: string;
}

/** The host's answer to an export: saved (where), cancelled, or failed (why). */
export interface ExportResult {
  readonly format: ExportFormat;
  readonly outcome: 'saved' | 'cancelled' | 'failed';
  readonly message: string;
}

function isExportData(format: ExportFormat, data: unknown): data is string {
  if (typeof data !== 'string' || data.length === 0 || data.length > MAX_EXPORT_CHARS) return false;
  if (format === 'csv') return true;
  return data.startsWith(PNG_BASE64_SIGNATURE) && /^[A-Za-z0-9+/]+={0,2}$/.test(data);
}

export function parseExportFile(m: Readonly<Record<string, unknown>>): ExportFile | undefined {
  const { test, format, name, data } = m;
  if (!isName(test) || (format !== 'png' && format !== 'csv')) return undefined;
  if (typeof name !== 'string' || !EXPORT_NAME.test(name) || !name.endsWith(`.${format}`))
    return undefined;
  return isExportData(format, data) ? { test, format, name, data } : undefined;
}

function parseVisibleRange(
  m: Readonly<Record<string, unknown>>,
): { test: string; range: TimeRange | null } | undefined {
  const range = parseRangeOrNull(m['range']);
  return isName(m['test']) && range !== undefined ? { test: m['test'], range } : undefined;
}

export const common = {
  name: 'common',
  inbound: {
    /** The page loaded (first time, after a reload, or shown again): send what it draws. */
    ready: bare('ready'),
    /** A time view: the user zoomed or panned to `range` (null = back to everything). */
    visibleRange: command('visibleRange', parseVisibleRange),
    /** Save this export where the user chooses. */
    exportFile: request('exportFile', parseExportFile).returns<ExportResult>(),
  },
  events: {
    loading: event('loading').carries<{ readonly message: string }>(),
    error: event('error').carries<{ readonly message: string }>(),
    /** Another view of the same test zoomed or panned: show this range (null = everything). */
    linkedRange: event('linkedRange').carries<{ readonly range: TimeRange | null }>(),
    /** A large event as JSON text (`packed`), parsed once by the page (src/webview/common/host.ts). */
    packed: event('packed').carries<{ readonly json: string }>(),
  },
} as const;

/**
 * `message` as JSON text. A page receives host messages by structured clone, which for tens of
 * thousands of small objects (the swimlane of 1,200 users) is many times slower than `JSON.parse`
 * of the same data: seconds against a few hundred ms in Chromium.
 */
export function packed<M extends { readonly type: string }>(
  message: M,
): {
  readonly type: 'packed';
  readonly json: string;
} {
  return { type: 'packed', json: JSON.stringify(message) };
}

/** The host messages every view may receive. */
export type CommonEvent = MessageOf<(typeof common.events)[keyof typeof common.events]>;
