/**
 * A time zone as the user or a file names it: a fixed offset (`+08:00`, `-0530`, `Z`, `UTC`) or an
 * IANA name (`Asia/Shanghai`, `Europe/Madrid`). An IANA zone converts each wall-clock time to UTC
 * with the offset in force at that instant (through `Intl.DateTimeFormat`, no tz database of our
 * own), so a log that crosses a DST change is read right on both sides of it. Shared by the host
 * (reading) and the webviews (wall-clock axes); pure, no `vscode`.
 *
 * Wall-clock times are carried as "wall ms": the epoch ms the wall clock would be if it were UTC.
 * DST edges, as java.time resolves them (`ZonedDateTime.of`): a wall time in the fall-back hour
 * (it happens twice) is the EARLIER instant (the summer offset); a wall time in the spring-forward
 * gap (it never happens) is read with the offset before the gap (02:30 in Madrid on 2024-03-31 →
 * 01:30Z, i.e. 03:30 CEST).
 */

export type Zone =
  | { readonly kind: 'offset'; readonly offsetMinutes: number }
  | { readonly kind: 'iana'; readonly name: string };

/** Real offsets lie within UTC−12:00 … UTC+14:00. */
export const MAX_OFFSET_MINUTES = 14 * 60;
export const MIN_OFFSET_MINUTES = -12 * 60;

/** Whether a zone has this offset (minutes east of UTC): within UTC−12:00 … UTC+14:00. */
export function isRealOffset(minutes: number): boolean {
  return minutes >= MIN_OFFSET_MINUTES && minutes <= MAX_OFFSET_MINUTES;
}
const HOUR_MS = 3_600_000;

export const UTC_ZONE: Zone = { kind: 'offset', offsetMinutes: 0 };

export function fixedZone(offsetMinutes: number): Zone {
  return { kind: 'offset', offsetMinutes };
}

/** `+02:00`, `-0530`, `Z`, `UTC` → minutes; undefined when not an offset. */
export function parseOffset(text: string): number | undefined {
  const t = text.trim();
  if (t === 'Z' || t === 'UTC') return 0;
  const m = /^([+-])(\d{2}):?(\d{2})$/.exec(t);
  if (!m) return undefined;
  const minutes = Number(m[2]) * 60 + Number(m[3]);
  return minutes > MAX_OFFSET_MINUTES ? undefined : (m[1] === '-' ? -1 : 1) * minutes;
}

/** `+02:00`, `-05:30`, `+00:00`. */
export function formatOffset(minutes: number): string {
  const sign = minutes < 0 ? '-' : '+';
  const abs = Math.abs(minutes);
  return `${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
}

/**
 * `Area/City` names only (and `GMT`): ICU also accepts abbreviations (`CST` → America/Chicago,
 * `IST` → Asia/Calcutta), exactly the guesses a zone must never be settled by.
 */
const IANA_SHAPE = /^(?:GMT|[A-Za-z][A-Za-z0-9_+-]*(?:\/[A-Za-z0-9_+-]+)+)$/;

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(name: string): Intl.DateTimeFormat | undefined {
  const known = formatters.get(name);
  if (known) return known;
  try {
    const f = new Intl.DateTimeFormat('en-US', {
      timeZone: name,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(name, f);
    return f;
  } catch {
    return undefined; // RangeError: not a zone this runtime knows
  }
}

/** The IANA zone called `name`, or undefined when it is not one (or only an abbreviation). */
export function ianaZone(name: string): Zone | undefined {
  const t = name.trim();
  if (!IANA_SHAPE.test(t) || !formatter(t)) return undefined;
  return { kind: 'iana', name: t };
}

/** A written zone: an offset or an IANA name; undefined when it is neither. */
export function parseZone(text: string): Zone | undefined {
  const offset = parseOffset(text);
  return offset !== undefined ? fixedZone(offset) : ianaZone(text);
}

/** What a zone setting or flag accepts, for usage errors and diagnostics. */
export const ZONE_SYNTAX = 'an offset like +08:00 or an IANA name like Asia/Shanghai';

/** Minutes east of UTC in force in `zone` at the instant `utcMs`. */
export function offsetAt(zone: Zone, utcMs: number): number {
  if (zone.kind === 'offset') return zone.offsetMinutes;
  const f = formatter(zone.name)!;
  const second = Math.floor(utcMs / 1000) * 1000;
  const p: Record<string, number> = {};
  for (const part of f.formatToParts(second)) p[part.type] = Number(part.value);
  const wall = Date.UTC(
    p['year']!,
    p['month']! - 1,
    p['day']!,
    p['hour']!,
    p['minute']!,
    p['second']!,
  );
  return Math.round((wall - second) / 60_000);
}

/**
 * The instant (epoch ms UTC) of a wall-clock time in `zone`. Every offset in force within ±1 day
 * of it is tried; of those that give back the same wall time, the earliest instant is taken (the
 * fall-back hour); when none does (the spring-forward gap), the offset before the gap is used.
 */
export function wallToUtc(zone: Zone, wallMs: number): number {
  if (zone.kind === 'offset') return wallMs - zone.offsetMinutes * 60_000;
  const before = offsetAt(zone, wallMs - 24 * HOUR_MS);
  const after = offsetAt(zone, wallMs + 24 * HOUR_MS);
  const fits = [before, after]
    .map(o => wallMs - o * 60_000)
    .filter(utc => offsetAt(zone, utc) * 60_000 === wallMs - utc)
    .sort((a, b) => a - b);
  return fits[0] ?? wallMs - before * 60_000;
}

/** The wall clock (as wall ms) of an instant in `zone`. */
export function utcToWall(zone: Zone, utcMs: number): number {
  return utcMs + offsetAt(zone, utcMs) * 60_000;
}

/** `UTC`, `+08:00` or `Europe/Madrid`. */
export function zoneName(zone: Zone): string {
  if (zone.kind === 'iana') return zone.name;
  return zone.offsetMinutes === 0 ? 'UTC' : formatOffset(zone.offsetMinutes);
}

/** `+08:00`, or `Europe/Madrid (+02:00)` with the offset in force at `atUtc` when given. */
export function describeZone(zone: Zone, atUtc?: number): string {
  if (zone.kind === 'offset' || atUtc === undefined) return zoneName(zone);
  return `${zone.name} (${formatOffset(offsetAt(zone, atUtc))})`;
}

/** The same zone: equal offsets, or the same IANA name. */
export function sameZone(a: Zone, b: Zone): boolean {
  return zoneName(a) === zoneName(b);
}
