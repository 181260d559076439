/**
 * Cell 12: when each user is connected, and when two users of a session are both connected
 * (with the recorder's 5 s start delay).
 */
import type { Profile } from '../types';
import type { CombinedRow, Interval } from './model';

/** Seconds from `origin` to `time` (both epoch ms), as pandas' `total_seconds()` gives them. */
export function secondsSince(origin: number, time: number): number {
  return (time - origin) / 1000;
}

/** Recording starts 5 s after both users are connected (`intersect_intervals`). */
export const RECORDING_DELAY_SECONDS = 5;

/**
 * `get_connection_time_intervals` for one user: every success row opens an interval that ends
 * at the first failure strictly after it, or at the (capped) test duration. The notebook keeps
 * intervals that start after that duration (negative length); the default profile drops them.
 */
export function getConnectionTimeIntervals(
  profile: Profile,
  combined: readonly CombinedRow[],
  origin: number,
  testDuration: number,
): Interval[] {
  const fails = combined
    .filter(r => r.event === 'connectionFail')
    .map(r => secondsSince(origin, r.time));
  const intervals: Interval[] = [];
  for (const r of combined) {
    if (r.event === 'connectionFail' || r.event === 'connectionStart') continue;
    const success = secondsSince(origin, r.time);
    let fail = Infinity;
    for (const f of fails) if (f > success && f < fail) fail = f;
    const end = Math.min(fail, testDuration);
    if (profile === 'default' && !(end > success)) continue;
    intervals.push([success, end]);
  }
  return intervals;
}

/**
 * `intersect_intervals`: every pair's overlap, its start pushed `delay` seconds later (the
 * recorder's start-up; the notebook's 5 s), when still non-empty.
 */
export function intersectIntervals(
  a: readonly Interval[],
  b: readonly Interval[],
  delay = RECORDING_DELAY_SECONDS,
): Interval[] {
  const out: Interval[] = [];
  for (const [a0, a1] of a) {
    for (const [b0, b1] of b) {
      const start = Math.max(a0, b0) + delay;
      const end = Math.min(a1, b1);
      if (start < end) out.push([start, end]);
    }
  }
  return out;
}

/** `intersections[test]`: for each same-session pair (both directions), their intersections. */
export type Intersections = ReadonlyMap<string, ReadonlyMap<string, readonly Interval[]>>;

/** Session of a `"<user>-<session>"` key. */
export function sessionOf(fullUser: string): string {
  return fullUser.slice(fullUser.indexOf('-') + 1);
}

/** The pair loop of cell 12, over users in the notebook's order. */
export function sessionIntersections(
  intervals: ReadonlyMap<string, readonly Interval[]>,
  delay = RECORDING_DELAY_SECONDS,
): Intersections {
  const out = new Map<string, Map<string, readonly Interval[]>>();
  const names = [...intervals.keys()];
  const entry = (name: string) => {
    let m = out.get(name);
    if (!m) out.set(name, (m = new Map()));
    return m;
  };
  names.forEach((a, i) => {
    for (const b of names.slice(i + 1)) {
      if (sessionOf(a) !== sessionOf(b)) continue;
      const both = intersectIntervals(intervals.get(a) ?? [], intervals.get(b) ?? [], delay);
      entry(a).set(b, both);
      entry(b).set(a, both);
    }
  });
  return out;
}
