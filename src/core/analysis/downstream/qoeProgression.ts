/**
 * The notebook's QoE progression cell ("Paint simple line chart with QoE values"): the mean QoE
 * of the rows of one metric per time group, `time_group = midpoint // interval * interval`.
 *
 * Notebook profile (B13): `interval` is 0.001 s when "kurento" is in the test's name, else 1 s,
 * and `//` is Python's float floor division (fmod based, as numpy's `floor_divide`), which is
 * not always `Math.floor(a / b)` (`1 // 0.1 == 9.0`). Default profile: 1 s groups for every
 * test (`Math.floor`, exact for an integer divisor); the 1 ms groups put nearly every row in
 * its own group.
 */
import type { ConnectionStatsRow, Profile, QoeMetric } from '../types';

export interface QoePoint {
  readonly time_group: number;
  readonly qoe: number;
}

/** CPython's `float_floor_div` (Objects/floatobject.c) and numpy's `npy_floor_divide`. */
export function pythonFloorDiv(a: number, b: number): number {
  const mod = a % b; // C fmod
  let div = (a - mod) / b;
  if (mod !== 0 && b < 0 !== mod < 0) div -= 1; // (CPython also moves mod by b; unused here)
  if (div === 0) return a / b < 0 || Object.is(a / b, -0) ? -0 : 0;
  let floordiv = Math.floor(div);
  if (div - floordiv > 0.5) floordiv += 1;
  return floordiv;
}

export function qoeInterval(test: string, profile: Profile): number {
  return profile === 'notebook' && test.includes('kurento') ? 0.001 : 1;
}

function timeGroup(midpoint: number, interval: number, profile: Profile): number {
  return profile === 'notebook'
    ? pythonFloorDiv(midpoint, interval) * interval
    : Math.floor(midpoint / interval) * interval;
}

/** `groupby("time_group").agg({"qoe": "mean"})` over the rows whose `qoe_metric` is `metric`. */
export function qoeProgression(
  test: string,
  rows: readonly ConnectionStatsRow[],
  metric: QoeMetric,
  profile: Profile,
): QoePoint[] {
  const interval = qoeInterval(test, profile);
  const groups = new Map<number, { sum: number; n: number }>();
  for (const r of rows) {
    if (r.qoe_metric !== metric) continue;
    const g = timeGroup((r.start_time + r.end_time) / 2, interval, profile);
    if (Number.isNaN(g)) continue; // groupby drops NaN keys
    const key = g === 0 ? 0 : g; // -0 and 0 are one group
    const acc = groups.get(key) ?? { sum: 0, n: 0 };
    const q = r.qoe ?? NaN;
    if (!Number.isNaN(q)) {
      acc.sum += q;
      acc.n++;
    }
    groups.set(key, acc);
  }
  return [...groups.entries()]
    .sort((a, b) => a[0] - b[0])
    .map(([time_group, { sum, n }]) => ({ time_group, qoe: n ? sum / n : NaN }));
}
