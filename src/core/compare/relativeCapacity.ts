/**
 * Capacity against the run's own light-load quality, on any VMAF scale: "up to N users before the
 * median VMAF falls D points below its light-load level". Computed from the QoE observations
 * themselves (binned medians against users connected), not from a fitted curve, so it holds for
 * any shape of degradation — bend, step or several — and for a run that never reaches the
 * absolute limit. Interval: percentile bootstrap over resampled segments (docs/compare.md).
 */
import { median, quantile, Xoshiro128 } from '../stats';
import type { RelativeCapacity } from '../../shared/loadResults';

/** Share of the observed load range (from its lightest) whose segments define the light-load level. */
export const LIGHT_SHARE = 0.2;
/** Fewest segments of the light-load level, and of each bin of users connected. */
export const MIN_LIGHT = 5;
export const MIN_BIN = 10;

export interface LoadValue {
  readonly users: number;
  readonly value: number;
}

interface Point {
  readonly users: number | null;
  readonly censored: boolean;
  readonly level: number;
  readonly lightUsers: number;
}

/**
 * The light-load level of observations sorted by users: the median VMAF of the segments in the
 * lightest fifth of the observed load — users connected ≤ lo + 0.2·(hi − lo) — widened to the
 * MIN_LIGHT lightest segments (and their ties) when fewer fall there.
 */
export function lightLevel(sorted: readonly LoadValue[]): { level: number; users: number } {
  const lo = (sorted[0] as LoadValue).users;
  const hi = (sorted[sorted.length - 1] as LoadValue).users;
  const k = Math.min(sorted.length, MIN_LIGHT);
  const users = Math.max(lo + LIGHT_SHARE * (hi - lo), (sorted[k - 1] as LoadValue).users);
  const light = sorted.filter(o => o.users <= users).map(o => o.value);
  return { level: median(light), users: Math.floor(users) };
}

/**
 * Bins of consecutive user counts holding ≥ MIN_BIN segments each (a short last bin joins the one
 * before): each bin's highest user count and median value.
 */
export function userBins(sorted: readonly LoadValue[]): Array<{ users: number; median: number }> {
  const bins: LoadValue[][] = [];
  let cur: LoadValue[] = [];
  for (let i = 0; i < sorted.length; i++) {
    const o = sorted[i] as LoadValue;
    cur.push(o);
    const next = sorted[i + 1];
    if (cur.length >= MIN_BIN && (next === undefined || next.users !== o.users)) {
      bins.push(cur);
      cur = [];
    }
  }
  if (cur.length) {
    const last = bins.pop();
    bins.push(last ? [...last, ...cur] : cur);
  }
  return bins.map(b => ({
    users: (b[b.length - 1] as LoadValue).users,
    median: median(b.map(o => o.value)),
  }));
}

/** The capacity of sorted observations: the last bin before the first whose median < level − drop. */
function capacityPoint(sorted: readonly LoadValue[], drop: number): Point {
  const { level, users: lightUsers } = lightLevel(sorted);
  const bins = userBins(sorted);
  const first = bins.findIndex(b => b.median < level - drop);
  if (first < 0)
    return { users: bins[bins.length - 1]?.users ?? null, censored: true, level, lightUsers };
  return {
    users: first === 0 ? null : (bins[first - 1]?.users ?? null),
    censored: false,
    level,
    lightUsers,
  };
}

/** Null with fewer than 2·MIN_BIN observations. */
export function relativeCapacity(
  observations: readonly LoadValue[],
  drop: number,
  options: { readonly resamples: number; readonly seed: number },
): RelativeCapacity | null {
  const sorted = observations
    .filter(o => Number.isFinite(o.users) && Number.isFinite(o.value))
    .sort((a, b) => a.users - b.users);
  const n = sorted.length;
  if (n < 2 * MIN_BIN) return null;
  const point = capacityPoint(sorted, drop);
  const rng = new Xoshiro128(options.seed);
  const boot: number[] = [];
  for (let r = 0; r < options.resamples; r++) {
    const idx = Array.from({ length: n }, () => Math.floor(rng.next() * n)).sort((a, b) => a - b);
    const users = capacityPoint(
      idx.map(i => sorted[i] as LoadValue),
      drop,
    ).users;
    if (users !== null) boot.push(users);
  }
  boot.sort((a, b) => a - b);
  // User counts: the interpolated percentiles widened to whole users.
  const low = boot.length ? Math.floor(quantile(boot, 0.025)) : null;
  const high = boot.length ? Math.ceil(quantile(boot, 0.975)) : null;
  const threshold = point.level - drop;
  const level = point.level.toFixed(1);
  const interval = low !== null && high !== null ? ` (95 % bootstrap interval ${low}–${high})` : '';
  const statement =
    point.users === null
      ? `median VMAF is already more than ${drop} points below its light-load level ${level} at the lightest loads`
      : `up to ${point.censored ? '≥ ' : ''}${point.users} users per media node before median VMAF falls ${drop} points below its light-load level ${level} (≤ ${point.lightUsers} users)${interval}`;
  return {
    drop,
    lightLevel: point.level,
    lightUsers: point.lightUsers,
    threshold,
    users: point.users,
    low,
    high,
    censored: point.censored,
    statement,
  };
}
