/**
 * `java.util.Date.toString()` text, as the controller writes it in `results-<ts>.txt`
 * (FORMATS.md §2.4): `EEE MMM dd HH:mm:ss zzz yyyy`, e.g. `Fri Mar 20 12:53:18 GMT 2026`. The zone
 * is an abbreviation (or `GMT+02:00` for a custom zone); abbreviations are ambiguous in general, so
 * only the common unambiguous ones are known and any other is reported by the caller.
 */

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];

/** Minutes east of UTC of the zone abbreviations Java prints for the usual server zones. */
export const ZONE_OFFSETS: Readonly<Record<string, number>> = {
  UTC: 0,
  GMT: 0,
  Z: 0,
  WET: 0,
  WEST: 60,
  BST: 60,
  CET: 60,
  CEST: 120,
  MET: 60,
  MEST: 120,
  EET: 120,
  EEST: 180,
  MSK: 180,
  EST: -300,
  EDT: -240,
  CDT: -300,
  MST: -420,
  MDT: -360,
  PST: -480,
  PDT: -420,
  JST: 540,
  KST: 540,
  AEST: 600,
  AEDT: 660,
};

const JAVA_DATE =
  /^(?:[A-Z][a-z]{2}) ([A-Z][a-z]{2}) +(\d{1,2}) (\d{2}):(\d{2}):(\d{2}) (\S+) (\d{4})$/;
const GMT_OFFSET = /^(?:GMT|UTC)([+-])(\d{1,2}):?(\d{2})$/;

export interface JavaDate {
  /** Epoch milliseconds (UTC). */
  readonly epochMs: number;
  /** The zone text as written. */
  readonly zone: string;
  /** False when the zone was not recognised and UTC was assumed. */
  readonly zoneKnown: boolean;
}

function zoneOffset(zone: string): number | undefined {
  if (zone in ZONE_OFFSETS) return ZONE_OFFSETS[zone];
  const m = GMT_OFFSET.exec(zone);
  if (!m) return undefined;
  const minutes = Number(m[2]) * 60 + Number(m[3]);
  return m[1] === '-' ? -minutes : minutes;
}

/** Parses `Fri Mar 20 12:53:18 GMT 2026`; undefined when the text is not that shape. */
export function parseJavaDate(text: string): JavaDate | undefined {
  const m = JAVA_DATE.exec(text.trim());
  if (!m) return undefined;
  const [, mon, day, h, mi, s, zone, year] = m;
  const month = MONTHS.indexOf(mon!);
  if (month < 0) return undefined;
  const offset = zoneOffset(zone!);
  const wall = Date.UTC(Number(year), month, Number(day), Number(h), Number(mi), Number(s));
  return { epochMs: wall - (offset ?? 0) * 60_000, zone: zone!, zoneKnown: offset !== undefined };
}

function pad(n: number): string {
  return String(n).padStart(2, '0');
}

/** Writes an instant as Java would in a zone of `offsetMinutes` called `zone` (generator). */
export function formatJavaDate(epochMs: number, zone: string, offsetMinutes: number): string {
  const d = new Date(epochMs + offsetMinutes * 60_000);
  const time = `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`;
  const date = `${DAYS[d.getUTCDay()]} ${MONTHS[d.getUTCMonth()]} ${pad(d.getUTCDate())}`;
  return `${date} ${time} ${zone} ${d.getUTCFullYear()}`;
}

/** `yyyy-MM-dd HH:mm:ss` in a zone (the HTML report's join dates), and its reading back. */
export function formatReportDate(epochMs: number, offsetMinutes: number): string {
  const d = new Date(epochMs + offsetMinutes * 60_000);
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`;
}

const REPORT_DATE = /^(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2}):(\d{2})$/;

export function parseReportDate(text: string, offsetMinutes: number): number | undefined {
  const m = REPORT_DATE.exec(text.trim());
  if (!m) return undefined;
  const [, y, mo, d, h, mi, s] = m.map(Number);
  return Date.UTC(y!, mo! - 1, d!, h!, mi!, s!) - offsetMinutes * 60_000;
}

/** `Xh Ym Zs` (both reports' duration) → seconds. */
export function parseDurationText(text: string): number | undefined {
  const m = /^\s*(\d+)h\s*(\d+)m\s*(\d+)s\s*$/.exec(text);
  return m ? Number(m[1]) * 3600 + Number(m[2]) * 60 + Number(m[3]) : undefined;
}

export function formatDurationText(seconds: number): string {
  const s = Math.floor(Math.abs(seconds));
  return `${Math.floor(s / 3600)}h ${Math.floor((s % 3600) / 60)}m ${s % 60}s`;
}
