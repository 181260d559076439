/**
 * The 2024 controller writes local wall-clock time without a zone (FORMATS.md §2.1); the
 * notebook hard-codes +02:00. We use, in order: the offset written in the line ([HEAD] format),
 * the user's setting (an offset or an IANA name: an IANA zone converts every wall-clock time
 * with the offset in force then, so a log across a DST change stays right after it), or an
 * offset inferred from the events, whose timestamps are UTC: the log's `Starting test with` line
 * is written moments before the first user's `connectionStart`, so their difference, rounded to
 * the nearest quarter hour, is the log's UTC offset (one fixed offset: give the IANA name for a
 * log that crosses a DST change).
 */
import {
  describeZone,
  fixedZone,
  MAX_OFFSET_MINUTES,
  offsetAt,
  parseZone,
  wallToUtc,
  ZONE_SYNTAX,
  type Zone,
} from '../../shared/zone';
import type { LogStamp } from './controllerLog';

export { formatOffset, parseOffset } from '../../shared/zone';

/** `auto`, an offset (`+02:00`) or an IANA name (`Europe/Madrid`). */
export type TimezoneSetting = 'auto' | string;

export interface ResolvedTimezone {
  readonly zone: Zone;
  readonly source: 'log' | 'setting' | 'inferred' | 'default';
}

/** The notebook's `+0200` (Madrid summer time), used only when nothing better is known. */
export const NOTEBOOK_OFFSET_MINUTES = 120;
const QUARTER_HOUR_MS = 15 * 60_000;

export function inferOffsetMinutes(
  logStartWallClock: number,
  firstEventUtc: number,
): number | undefined {
  const quarters = Math.round((logStartWallClock - firstEventUtc) / QUARTER_HOUR_MS);
  const minutes = quarters * 15;
  return Math.abs(minutes) <= MAX_OFFSET_MINUTES ? minutes : undefined;
}

/** The zone of a setting value: `auto` and values that are no zone (checked by the caller) → undefined. */
export function settingZone(setting: TimezoneSetting): Zone | undefined {
  return setting === 'auto' ? undefined : parseZone(setting);
}

/** The usage error of a zone option (`--tz`), or undefined when `value` is `auto` or a zone. */
export function zoneOptionError(flag: string, value: string): string | undefined {
  if (value === 'auto' || parseZone(value)) return undefined;
  return `${flag} takes auto, ${ZONE_SYNTAX}, not "${value}"`;
}

export function resolveTimezone(
  setting: TimezoneSetting,
  start: LogStamp | undefined,
  firstEventUtc: number | undefined,
): ResolvedTimezone {
  if (start?.offsetMinutes !== undefined)
    return { zone: fixedZone(start.offsetMinutes), source: 'log' };
  const chosen = settingZone(setting);
  if (chosen !== undefined) return { zone: chosen, source: 'setting' };
  if (start && firstEventUtc !== undefined) {
    const inferred = inferOffsetMinutes(start.wallClock, firstEventUtc);
    if (inferred !== undefined) return { zone: fixedZone(inferred), source: 'inferred' };
  }
  return { zone: fixedZone(NOTEBOOK_OFFSET_MINUTES), source: 'default' };
}

/** Epoch ms (UTC) of a log stamp: its own offset when written, else the resolved zone then. */
export function stampToUtc(stamp: LogStamp, zone: ResolvedTimezone | Zone): number {
  if (stamp.offsetMinutes !== undefined) return stamp.wallClock - stamp.offsetMinutes * 60_000;
  return wallToUtc('zone' in zone ? zone.zone : zone, stamp.wallClock);
}

/** Minutes east of UTC of the resolved zone at `utcMs` (the offset in force then). */
export function resolvedOffsetAt(zone: ResolvedTimezone, utcMs: number | undefined): number {
  return offsetAt(zone.zone, utcMs ?? 0);
}

/** `+02:00` or `Europe/Madrid (+02:00)` at `atUtc`. */
export function describeResolved(zone: ResolvedTimezone, atUtc?: number): string {
  return describeZone(zone.zone, atUtc);
}
