// Users connected to the media node over a test, from connection_stats' connectionSuccess rows
// (each one a user's connected interval [start_time, end_time), seconds since the test start).
import type { ConnectionStatsRow } from '../analysis/types';
import { upperBound } from '../model/sortedSearch';

export interface LoadTimeline {
  /** Sorted interval starts (s). */
  readonly starts: Float64Array;
  /** Sorted interval ends (s). */
  readonly ends: Float64Array;
}

export function connectedTimeline(rows: readonly ConnectionStatsRow[]): LoadTimeline {
  const ok = rows.filter(
    r =>
      r.type === 'connectionSuccess' &&
      Number.isFinite(r.start_time) &&
      Number.isFinite(r.end_time),
  );
  const starts = Float64Array.from(ok, r => r.start_time).sort();
  const ends = Float64Array.from(ok, r => r.end_time).sort();
  return { starts, ends };
}

/** Number of values ≤ t in a sorted array. */
export const countAtMost: (sorted: ArrayLike<number>, t: number) => number = upperBound;

/** Intervals [start, end) containing t. */
export function usersConnectedAt(tl: LoadTimeline, t: number): number {
  return countAtMost(tl.starts, t) - countAtMost(tl.ends, t);
}

/** Most users connected at once (at some interval start). */
export function maxConnected(tl: LoadTimeline): number {
  let best = 0;
  for (const s of tl.starts) best = Math.max(best, usersConnectedAt(tl, s));
  return best;
}
