/**
 * The 2024 controller writes local wall-clock time without a zone (FORMATS.md §2.1); the
 * notebook hard-codes +02:00. We use, in order: the offset written in the line ([HEAD] format),
 * the user's setting (an offset or an IANA name: an IANA zone converts every wall-clock time
 * with the offset in force then, so a log across a DST change stays right after it), or an
 * offset inferred from the browser's UTC timestamps: first the events the log forwards
 * (`Received exception …: {…"timestamp"…}`, written moments after the browser stamped them),
 * else the events.json files: the log's `Starting test with` line is written moments before the
 * first user's `connectionStart`, and its end line moments after the last event, so their
 * difference, rounded to the nearest quarter hour, is the log's UTC offset; when the two
 * disagree (the files also hold another run's events), the one that puts more events inside the
 * log's window. One fixed offset: give the IANA name for a log that crosses a DST change.
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
import type { LogException, LogStamp } from './controllerLog';

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

/** Every event time of a test (UTC ms), for checking an inferred zone against the log's window. */
export interface EventTimes {
  readonly first?: number;
  readonly last?: number;
  /** How many events lie in [from, to] (UTC ms). */
  inside(from: number, to: number): number;
}

/** EventTimes of each user's events, each list sorted. */
export function eventTimes(perUser: readonly (readonly number[])[]): EventTimes {
  let first: number | undefined;
  let last: number | undefined;
  for (const t of perUser) {
    const a = t[0];
    const b = t[t.length - 1];
    if (a !== undefined && (first === undefined || a < first)) first = a;
    if (b !== undefined && (last === undefined || b > last)) last = b;
  }
  const below = (t: readonly number[], x: number): number => {
    let lo = 0;
    let hi = t.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((t[mid] as number) < x) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
  return {
    first,
    last,
    inside: (from, to) => perUser.reduce((n, t) => n + below(t, to + 1) - below(t, from), 0),
  };
}

/** Slack around the log's test window for events (posted late, clocks a little apart). */
export const WINDOW_SLACK_MS = 60_000;

/**
 * The offset from the events: the log's start against the first event; when the log's end
 * against the last event gives another offset (the files also hold events of another test or
 * run: the browser-emulator, 2024 and today, appends to existing files and never clears
 * stats/), the one that puts more events inside the log's test window.
 */
function inferFromEvents(
  start: LogStamp,
  end: LogStamp | undefined,
  events: EventTimes,
): number | undefined {
  const byStart =
    events.first === undefined ? undefined : inferOffsetMinutes(start.wallClock, events.first);
  const byEnd =
    end && events.last !== undefined ? inferOffsetMinutes(end.wallClock, events.last) : undefined;
  if (byStart === undefined || byEnd === undefined || byStart === byEnd) return byStart ?? byEnd;
  const inside = (minutes: number): number =>
    events.inside(
      start.wallClock - minutes * 60_000 - WINDOW_SLACK_MS,
      (end as LogStamp).wallClock - minutes * 60_000 + WINDOW_SLACK_MS,
    );
  return inside(byEnd) > inside(byStart) ? byEnd : byStart;
}

/**
 * The offset most forwarded browser events give: each `Received exception …: {…"timestamp"…}`
 * line is written on the log's clock moments after the browser stamped the event in UTC, so the
 * two settle the zone from the log alone (2024 → bodies carry a timestamp).
 */
function inferFromForwarded(exceptions: readonly LogException[]): number | undefined {
  const votes = new Map<number, number>();
  for (const e of exceptions) {
    if (e.eventTime === undefined || e.stamp.offsetMinutes !== undefined) continue;
    const o = inferOffsetMinutes(e.stamp.wallClock, e.eventTime);
    if (o !== undefined) votes.set(o, (votes.get(o) ?? 0) + 1);
  }
  let best: number | undefined;
  for (const [o, n] of votes) if (best === undefined || n > (votes.get(best) as number)) best = o;
  return best;
}

/** What the zone is resolved from: the log's start and end lines and its forwarded events. */
export interface ZoneEvidence {
  readonly start?: LogStamp;
  readonly end?: LogStamp;
  readonly exceptions?: readonly LogException[];
}

export function resolveTimezone(
  setting: TimezoneSetting,
  log: ZoneEvidence | undefined,
  events: EventTimes,
): ResolvedTimezone {
  const start = log?.start;
  if (start?.offsetMinutes !== undefined)
    return { zone: fixedZone(start.offsetMinutes), source: 'log' };
  const chosen = settingZone(setting);
  if (chosen !== undefined) return { zone: chosen, source: 'setting' };
  const inferred =
    inferFromForwarded(log?.exceptions ?? []) ??
    (start ? inferFromEvents(start, log?.end, events) : undefined);
  if (inferred !== undefined) return { zone: fixedZone(inferred), source: 'inferred' };
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
