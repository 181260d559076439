/**
 * `java.util.Date.toString()` text, as the controller writes it in `results-<ts>.txt`
 * (FORMATS.md §2.4): `EEE MMM dd HH:mm:ss zzz yyyy`, e.g. `Fri Mar 20 12:53:18 GMT 2026`. The zone
 * is an abbreviation (or `GMT+02:00` for a custom zone). Which offsets each abbreviation can stand
 * for is Java's own table (`javaZoneNames.ts`, generated from the JDK): one offset settles the
 * zone; several (CST, IST, BST, AST, PST…) or none leave it open — the date is then read in the
 * zone the user gave (flag/setting), else as UTC, and said so (`JavaDateReader`).
 */
import { diagnostic, type Diagnostic } from '../model/diagnostic';
import { formatOffset, offsetAt, wallToUtc, zoneName, type Zone } from '../../shared/zone';
import { JAVA_ZONE_NAMES } from './javaZoneNames';

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];

const JAVA_DATE =
  /^(?:[A-Z][a-z]{2}) ([A-Z][a-z]{2}) +(\d{1,2}) (\d{2}):(\d{2}):(\d{2}) (\S+) (\d{4})$/;
const GMT_OFFSET = /^(?:GMT|UTC)([+-])(\d{1,2}):?(\d{2})$/;

/** What a zone token tells: one offset (written, or an abbreviation with one meaning), or not. */
export type ZoneReading =
  | { readonly kind: 'offset'; readonly offsetMinutes: number }
  | {
      readonly kind: 'ambiguous';
      readonly candidates: readonly (readonly [offsetMinutes: number, zones: readonly string[]])[];
    }
  | { readonly kind: 'unknown' };

export interface JavaDate {
  /** The wall clock as if it were UTC (epoch ms); its instant depends on the zone. */
  readonly wallMs: number;
  /** The zone text as written. */
  readonly zone: string;
  readonly reading: ZoneReading;
}

/** `GMT+02:00`, `GMT-5:30` → minutes east of UTC. */
function writtenOffset(zone: string): number | undefined {
  const m = GMT_OFFSET.exec(zone);
  if (!m) return undefined;
  const minutes = Number(m[2]) * 60 + Number(m[3]);
  return m[1] === '-' ? -minutes : minutes;
}

/** A zone token of `Date.toString()`, read through Java's own abbreviation table. */
export function readZoneToken(zone: string): ZoneReading {
  const written = writtenOffset(zone);
  if (written !== undefined) return { kind: 'offset', offsetMinutes: written };
  const candidates = Object.hasOwn(JAVA_ZONE_NAMES, zone) ? JAVA_ZONE_NAMES[zone]! : [];
  if (candidates.length === 1) return { kind: 'offset', offsetMinutes: candidates[0]![0] };
  return candidates.length > 1 ? { kind: 'ambiguous', candidates } : { kind: 'unknown' };
}

/** Parses `Fri Mar 20 12:53:18 GMT 2026`; undefined when the text is not that shape. */
export function parseJavaDate(text: string): JavaDate | undefined {
  const m = JAVA_DATE.exec(text.trim());
  if (!m) return undefined;
  const [, mon, day, h, mi, s, zone, year] = m;
  const month = MONTHS.indexOf(mon!);
  if (month < 0) return undefined;
  const wallMs = Date.UTC(Number(year), month, Number(day), Number(h), Number(mi), Number(s));
  return { wallMs, zone: zone!, reading: readZoneToken(zone!) };
}

/** `+08:00 (Asia/Macau, Asia/Shanghai…), -05:00 (America/Havana…)`. */
function candidatesText(reading: Extract<ZoneReading, { kind: 'ambiguous' }>): string {
  return reading.candidates
    .map(([o, zones]) => `${formatOffset(o)} (${zones.join(', ')}${zones.length > 2 ? '…' : ''})`)
    .join(', ');
}

/** One more date in a zone already seen; the earliest line is the one reported. */
function record(seen: { line?: number; count: number }, line: number | undefined): void {
  seen.count++;
  if (line !== undefined && (seen.line === undefined || line < seen.line)) seen.line = line;
}

/**
 * Reads the Java dates of one file to instants and reports, once per zone token, what it could
 * not settle: the user's zone (`explicit`, flag or setting) wins; else a written offset or an
 * abbreviation with one meaning is used; else (ambiguous, unknown) UTC is assumed and a warning
 * names the file, the first line, the candidates and what was assumed. `settled` says whether
 * every date's zone came from the user or from its own text (then the file may settle the run's
 * zone).
 */
export class JavaDateReader {
  private readonly open = new Map<string, { line?: number; count: number; reading: ZoneReading }>();
  private readonly conflicts = new Map<string, { line?: number; count: number; offset: number }>();
  private dates = 0;

  constructor(
    private readonly file: string,
    private readonly explicit?: Zone,
  ) {}

  /** The instant of `date` (epoch ms UTC). */
  instant(date: JavaDate, line?: number): number {
    this.dates++;
    const { reading, zone } = date;
    if (this.explicit) return this.inGivenZone(date, this.explicit, line);
    if (reading.kind === 'offset') return date.wallMs - reading.offsetMinutes * 60_000;
    const seen = this.open.get(zone);
    if (seen) record(seen, line);
    else this.open.set(zone, { line, count: 1, reading });
    return date.wallMs;
  }

  /**
   * A date in the user's zone. The abbreviation still tells which side of a DST change a wall
   * time is on: of its offsets, the one the given zone has at that instant is used (so `02:30
   * CET` on Madrid's fall-back day is the second 02:30, not the first). When none fits, the given
   * zone is used as asked and an abbreviation with one meaning is reported as a contradiction.
   */
  private inGivenZone(date: JavaDate, given: Zone, line: number | undefined): number {
    const { reading, zone, wallMs } = date;
    const offsets =
      reading.kind === 'offset'
        ? [reading.offsetMinutes]
        : reading.kind === 'ambiguous'
          ? reading.candidates.map(c => c[0])
          : [];
    const fits = offsets.filter(o => offsetAt(given, wallMs - o * 60_000) === o);
    if (fits.length === 1) return wallMs - fits[0]! * 60_000;
    if (reading.kind === 'offset') {
      const seen = this.conflicts.get(zone);
      if (seen) record(seen, line);
      else this.conflicts.set(zone, { line, count: 1, offset: reading.offsetMinutes });
    }
    return wallToUtc(given, wallMs);
  }

  /** True when at least one date was read and no zone was left open or contradicted. */
  get settled(): boolean {
    return this.dates > 0 && this.open.size === 0 && this.conflicts.size === 0;
  }

  /** Zone tokens left open by this file (none when the user gave the zone). */
  get openZones(): readonly string[] {
    return [...this.open.keys()];
  }

  diagnostics(): Diagnostic[] {
    const out: Diagnostic[] = [];
    const dates = (n: number) => `${n} date${n === 1 ? '' : 's'}`;
    for (const [zone, o] of this.open) {
      const what =
        o.reading.kind === 'ambiguous'
          ? `is ambiguous: Java prints it for ${candidatesText(o.reading)}`
          : 'is not one Java prints for any zone we know';
      out.push(
        diagnostic(
          'warning',
          o.reading.kind === 'ambiguous' ? 'results.ambiguousZone' : 'results.unknownZone',
          this.file,
          `Time zone "${zone}" ${what}. ${dates(o.count)} written in it are read as UTC, and it does not settle the run's zone: give the zone with --html-tz or the setting loadtestLens.reportTimezone (an offset like +08:00 or an IANA name like Asia/Shanghai).`,
          { line: o.line },
        ),
      );
    }
    for (const [zone, c] of this.conflicts) {
      out.push(
        diagnostic(
          'warning',
          'results.zoneConflict',
          this.file,
          `Time zone "${zone}" means ${formatOffset(c.offset)}, but the zone you gave (${zoneName(this.explicit!)}) differs at ${dates(c.count)}; your zone is used, as asked.`,
          { line: c.line },
        ),
      );
    }
    return out;
  }
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
