/**
 * Cells 9, 13 and 14: QoE cuts laid over the pairwise intersections, then averaged per user
 * over the sub-intervals where fragments overlap.
 */
import { isUnscoredVisqol, type QoeFile } from '../../ingest/qoe';
import type { Profile, QoeMetric } from '../types';
import type { Interval, QoeFragment, QoeSubInterval } from './model';
import type { Intersections } from './intervals';
import { strippedName } from '../../source/naming';

/** Cell 9 multiplies both metrics by 5 (the notebook's 0–5 colour scale); default keeps 0–1. */
export function qoeScale(profile: Profile): number {
  return profile === 'notebook' ? 5 : 1;
}

/** Start and end of each fragment, NaN where none was assigned. */
export interface FragmentTimes {
  readonly start: Float64Array;
  readonly end: Float64Array;
  /** Calls `set_frag_start_end_aux` would make, each one a Python stack frame (C10). */
  readonly calls: number;
}

/**
 * `set_frag_start_end` (+ `_aux`), iteratively (the notebook recurses once per step, C10).
 * Fragments of `fragmentDuration` go back to back from the first intersection's start; one that
 * does not fit (`math.isclose`, rel 1e-9) moves to the next intersection and the rest of the
 * current one is lost; once the intersections run out, every remaining fragment gets the same
 * `[start, end]` (B11).
 */
export function setFragStartEnd(
  intersections: readonly Interval[],
  fragmentDuration: number,
  count: number,
): FragmentTimes {
  const start = new Float64Array(count).fill(NaN);
  const end = new Float64Array(count).fill(NaN);
  const first = intersections[0];
  if (!first) return { start, end, calls: 0 };
  let [s, e] = first;
  let j = 0;
  let i = 0;
  let calls = 1;
  while (i < count) {
    calls++;
    const fragEnd = s + fragmentDuration;
    if (fragEnd < e || isClose(fragEnd, e)) {
      start[i] = s;
      end[i] = fragEnd;
      s = fragEnd;
      i++;
    } else if (j + 1 < intersections.length) {
      j++;
      [s, e] = intersections[j] as Interval;
    } else {
      start[i] = s;
      end[i] = e;
      i++;
    }
  }
  return { start, end, calls };
}

/** Python's `math.isclose(a, b, rel_tol=1e-9)` (abs_tol 0). */
export function isClose(a: number, b: number): boolean {
  if (a === b) return true;
  return Math.abs(a - b) <= 1e-9 * Math.max(Math.abs(a), Math.abs(b));
}

/**
 * Default profile: cut `c` owns the slot `[c·d, (c+1)·d]` of the recorded time (the
 * intersections laid end to end), so a missing cut leaves its own slot empty instead of
 * shifting every later cut, and a slot that straddles two intersections is split between them.
 */
export function placeByCutIndex(
  intersections: readonly Interval[],
  fragmentDuration: number,
  cutIndex: number,
): Interval[] {
  const a = cutIndex * fragmentDuration;
  const b = a + fragmentDuration;
  const parts: Interval[] = [];
  let offset = 0;
  for (const [s, e] of intersections) {
    const lo = Math.max(a, offset);
    const hi = Math.min(b, offset + (e - s));
    if (hi > lo) parts.push([s + lo - offset, s + hi - offset]);
    offset += e - s;
  }
  return parts;
}

/** A QoE file's recording and recorded users in the `"<user>-<session>"` form of cell 13. */
export function qoePair(f: QoeFile): { recording: string; recorded: string } {
  const session = strippedName(f.session, 'LoadTestSession');
  return {
    recording: `${strippedName(f.userFrom, 'User')}-${session}`,
    recorded: `${strippedName(f.userTo, 'User')}-${session}`,
  };
}

interface Cut {
  readonly file: QoeFile;
  readonly row: number;
}

/** The rows of `index_qoe_df` per (recording, recorded) pair, in frame (file) order. */
function cutsByPair(files: readonly QoeFile[]): Map<string, Cut[]> {
  const out = new Map<string, Cut[]>();
  for (const file of files) {
    const { recording, recorded } = qoePair(file);
    const key = `${recording}\u0000${recorded}`;
    const list = out.get(key) ?? [];
    for (let row = 0; row < file.cutIndex.length; row++) list.push({ file, row });
    out.set(key, list);
  }
  return out;
}

/** Σ of the intersections' lengths, in order (`con_duration`). */
export function recordedDuration(intersections: readonly Interval[]): number {
  let total = 0;
  for (const [s, e] of intersections) total += e - s;
  return total;
}

export interface LaidFragments {
  readonly fragments: QoeFragment[];
  /** Largest `set_frag_start_end_aux` call count of any pair (C10 above ~1000). */
  readonly maxCalls: number;
}

/**
 * A cut's ViSQOL as the profile reads it: the default profile takes the Python analyser's "no
 * score" (−0.25) for missing; the notebook keeps it.
 */
function visqolOf(cut: Cut, profile: Profile): number {
  const value = cut.file.visqol[cut.row] as number;
  return profile === 'default' && isUnscoredVisqol(value) ? NaN : value;
}

function fragment(
  cut: Cut,
  profile: Profile,
  [start, end]: readonly [number, number],
): QoeFragment {
  const { recording, recorded } = qoePair(cut.file);
  const scale = qoeScale(profile);
  return {
    fullUserRecording: recording,
    fullUserRecorded: recorded,
    cutIndex: cut.file.cutIndex[cut.row] as number,
    start,
    end,
    vmaf: (cut.file.vmaf[cut.row] as number) * scale,
    visqol: visqolOf(cut, profile) * scale,
  };
}

/**
 * Cell 13's loop: `fragment_duration = Σ intersections / (max cut_index + 1)` per pair, then the
 * fragments laid out (notebook: back to back; default: by cut index). Rows of pairs with no
 * intersection keep NaN times, as in the notebook (C9).
 */
export function layQoeFragments(
  profile: Profile,
  files: readonly QoeFile[],
  intersections: Intersections,
): LaidFragments {
  const fragments: QoeFragment[] = [];
  let maxCalls = 0;
  for (const [key, cuts] of cutsByPair(files)) {
    const [recording, recorded] = key.split('\u0000') as [string, string];
    const inter = intersections.get(recording)?.get(recorded) ?? [];
    let maxCut = -Infinity;
    for (const c of cuts) maxCut = Math.max(maxCut, c.file.cutIndex[c.row] as number);
    const duration = recordedDuration(inter) / (maxCut + 1);
    if (profile === 'default') {
      for (const c of cuts) {
        const parts = placeByCutIndex(inter, duration, c.file.cutIndex[c.row] as number);
        for (const part of parts) fragments.push(fragment(c, profile, part));
      }
      continue;
    }
    const times = setFragStartEnd(inter, duration, cuts.length);
    maxCalls = Math.max(maxCalls, times.calls);
    cuts.forEach((c, i) =>
      fragments.push(fragment(c, profile, [times.start[i] as number, times.end[i] as number])),
    );
  }
  return { fragments, maxCalls };
}

/** numpy's `round(x, 5)`: `rint(x · 1e5) / 1e5`, ties to even. */
export function round5(x: number): number {
  const y = x * 100000;
  const f = Math.floor(y);
  const d = y - f;
  const r = d < 0.5 ? f : d > 0.5 ? f + 1 : f % 2 === 0 ? f : f + 1;
  return r / 100000;
}

/** Work done by `avgQoeIntervals`, for tests that show it is linear. */
export interface QoeIntervalSteps {
  /** Fragment visits: one per fragment per sub-interval it covers, plus one when it ends. */
  visits: number;
}

/**
 * `avg_qoe_intervals` for one recording user: times rounded to 5 decimals, every consecutive
 * pair of distinct times is a sub-interval, and its value is the mean of the fragments that
 * overlap it (open overlap: `start < b and end > a`). Fragments with NaN times must be removed
 * first (C9).
 *
 * One sweep over the sorted times instead of the notebook's loop over every fragment for every
 * sub-interval (quadratic: 200,000 cuts never finished). Every start and end is one of the times,
 * so a fragment overlaps exactly the sub-intervals from its start's to its end's; the fragments
 * covering the current one are kept in start order and summed in that order, as the notebook
 * sums them, so the means are bit-identical. The cost is the number of (fragment, sub-interval)
 * overlaps: linear in the fragments when, as in every layout of cell 13, a time is covered by a
 * bounded number of them.
 */
export function avgQoeIntervals(
  fragments: readonly QoeFragment[],
  metric: QoeMetric,
  steps?: QoeIntervalSteps,
): QoeSubInterval[] {
  const rows = fragments
    .map(f => ({ start: round5(f.start), end: round5(f.end), value: f[metric] }))
    .sort((a, b) => a.start - b.start);
  const times = [...new Set(rows.flatMap(r => [r.start, r.end]))].sort((a, b) => a - b);
  const slot = new Map<number, number>();
  times.forEach((t, i) => slot.set(t, i));
  const ends = rows.map(r => slot.get(r.end) as number);
  const out: QoeSubInterval[] = [];
  /** Rows covering the current sub-interval, in row (start) order. */
  let active: number[] = [];
  let next = 0;
  for (let i = 0; i + 1 < times.length; i++) {
    while (next < rows.length && (slot.get((rows[next] as { start: number }).start) as number) <= i)
      active.push(next++);
    let sum = 0;
    let n = 0;
    const still: number[] = [];
    for (const k of active) {
      if (steps) steps.visits++;
      if ((ends[k] as number) <= i) continue;
      still.push(k);
      sum += (rows[k] as { value: number }).value;
      n++;
    }
    active = still;
    if (n > 0) out.push({ start: times[i] as number, end: times[i + 1] as number, qoe: sum / n });
  }
  return out;
}
