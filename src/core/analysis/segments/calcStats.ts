/**
 * Cell 15 `calc_stats`: the media node's CPU over one segment, with the notebook's
 * nearest-sample fallback when no sample falls inside it.
 */
import { lowerBound, upperBound } from '../../model/sortedSearch';
import type { ConnectionStatsRow } from '../types';
import type { CpuSeconds } from './model';

/** The CPU columns of a `connection_stats` row. */
export type CpuStats = Pick<
  ConnectionStatsRow,
  'cpu_mean' | 'cpu_start' | 'cpu_end' | 'cpu_median' | 'cpu_max' | 'cpu_min'
>;

/** All NaN: no CPU sample at all (the notebook raises here, C8). */
export const NO_CPU: CpuStats = {
  cpu_mean: NaN,
  cpu_start: NaN,
  cpu_end: NaN,
  cpu_median: NaN,
  cpu_max: NaN,
  cpu_min: NaN,
};

/**
 * Samples `[from, to)` (index range) of the segment: those with `start ≤ t ≤ end`; when there are
 * none, every sample at the time of the nearest one — the last before `start` or the first after
 * `end`, the earlier only when strictly closer. Undefined when the series is empty (C8).
 */
export function cpuWindow(
  cpu: CpuSeconds,
  start: number,
  end: number,
): { from: number; to: number } | undefined {
  const { t } = cpu;
  if (t.length === 0) return undefined;
  const from = lowerBound(t, start);
  const to = upperBound(t, end);
  if (to > from) return { from, to };
  const before = lowerBound(t, start) - 1;
  const after = upperBound(t, end);
  let at: number;
  if (before < 0) at = t[after] as number;
  else if (after >= t.length) at = t[before] as number;
  else {
    const prevDiff = start - (t[before] as number);
    const nextDiff = (t[after] as number) - end;
    at = prevDiff < nextDiff ? (t[before] as number) : (t[after] as number);
  }
  return { from: lowerBound(t, at), to: upperBound(t, at) };
}

/** pandas' mean, first, last, median, max and min of the CPU values in `[from, to)`. */
export function describeCpu(values: Float64Array, from: number, to: number): CpuStats {
  const slice = values.subarray(from, to);
  let sum = 0;
  let max = -Infinity;
  let min = Infinity;
  for (const v of slice) {
    sum += v;
    if (v > max) max = v;
    if (v < min) min = v;
  }
  const sorted = Float64Array.from(slice).sort();
  const n = sorted.length;
  const median =
    n % 2 === 1
      ? (sorted[(n - 1) / 2] as number)
      : ((sorted[n / 2 - 1] as number) + (sorted[n / 2] as number)) / 2;
  return {
    cpu_mean: sum / n,
    cpu_start: slice[0] as number,
    cpu_end: slice[n - 1] as number,
    cpu_median: median,
    cpu_max: max,
    cpu_min: min,
  };
}

/** `calc_stats`' CPU part for a segment `[start, end]` in the CPU series' own seconds. */
export function calcStats(cpu: CpuSeconds, start: number, end: number): CpuStats {
  const w = cpuWindow(cpu, start, end);
  return w ? describeCpu(cpu.cpu, w.from, w.to) : NO_CPU;
}
