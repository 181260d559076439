/**
 * The 2024 controller writes local wall-clock time without a zone (FORMATS.md §2.1); the
 * notebook hard-codes +02:00. We use, in order: the offset written in the line ([HEAD] format),
 * the user's setting, or an offset inferred from the events, whose timestamps are UTC: the log's
 * `Starting test with` line is written moments before the first user's `connectionStart`, so
 * their difference, rounded to the nearest quarter hour, is the log's UTC offset.
 */
import type { LogStamp } from './controllerLog';

export type TimezoneSetting = 'auto' | string;

export interface ResolvedTimezone {
  readonly offsetMinutes: number;
  readonly source: 'log' | 'setting' | 'inferred' | 'default';
}

/** The notebook's `+0200` (Madrid summer time), used only when nothing better is known. */
export const NOTEBOOK_OFFSET_MINUTES = 120;
const QUARTER_HOUR_MS = 15 * 60_000;
/** Real offsets lie within UTC−12:00 … UTC+14:00. */
const MAX_OFFSET_MINUTES = 14 * 60;

/** `+02:00`, `-0530`, `Z` → minutes; undefined when not an offset. */
export function parseOffset(text: string): number | undefined {
  const t = text.trim();
  if (t === 'Z' || t === 'UTC') return 0;
  const m = /^([+-])(\d{2}):?(\d{2})$/.exec(t);
  if (!m) return undefined;
  const minutes = Number(m[2]) * 60 + Number(m[3]);
  return minutes > MAX_OFFSET_MINUTES ? undefined : (m[1] === '-' ? -1 : 1) * minutes;
}

export function formatOffset(minutes: number): string {
  const sign = minutes < 0 ? '-' : '+';
  const abs = Math.abs(minutes);
  return `${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
}

export function inferOffsetMinutes(
  logStartWallClock: number,
  firstEventUtc: number,
): number | undefined {
  const quarters = Math.round((logStartWallClock - firstEventUtc) / QUARTER_HOUR_MS);
  const minutes = quarters * 15;
  return Math.abs(minutes) <= MAX_OFFSET_MINUTES ? minutes : undefined;
}

export function resolveTimezone(
  setting: TimezoneSetting,
  start: LogStamp | undefined,
  firstEventUtc: number | undefined,
): ResolvedTimezone {
  if (start?.offsetMinutes !== undefined)
    return { offsetMinutes: start.offsetMinutes, source: 'log' };
  const fixed = setting === 'auto' ? undefined : parseOffset(setting);
  if (fixed !== undefined) return { offsetMinutes: fixed, source: 'setting' };
  if (start && firstEventUtc !== undefined) {
    const inferred = inferOffsetMinutes(start.wallClock, firstEventUtc);
    if (inferred !== undefined) return { offsetMinutes: inferred, source: 'inferred' };
  }
  return { offsetMinutes: NOTEBOOK_OFFSET_MINUTES, source: 'default' };
}

/** Epoch ms (UTC) of a log stamp: its own offset when written, else the resolved one. */
export function stampToUtc(stamp: LogStamp, zone: ResolvedTimezone): number {
  return stamp.wallClock - (stamp.offsetMinutes ?? zone.offsetMinutes) * 60_000;
}
