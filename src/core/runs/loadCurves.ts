/**
 * The curves of the run view's load-vs-degradation charts, computed here so the webview only
 * draws: a degradation metric against the participants on the platform at the same instant (the
 * knee across load levels), and per-node series (Metricbeat CPU) averaged per role. Samples of
 * different series are matched by their whole second from the scenario's start: the platform
 * metrics and Metricbeat share a sampling grid, but not to the millisecond.
 */
import { seriesNamed } from './analysis';
import type { MetricPoint, MetricSeries } from '../model/run';
import type { ScenarioData } from './run';

/** `[whole second from the origin, value]`. */
export type SecondPoint = readonly [number, number];

/** The whole second from `origin` (epoch ms) a sample at `t` (epoch ms) belongs to. */
export function secondFrom(origin: number, t: number): number {
  return Math.round((t - origin) / 1000);
}

/**
 * The mean of several series at each whole second from `origin`, seconds in ascending order; a
 * second where only some series have a sample is the mean of those.
 */
export function meanPerSecond(
  series: readonly (readonly MetricPoint[])[],
  origin: number,
): SecondPoint[] {
  const sums = new Map<number, { sum: number; n: number }>();
  for (const points of series)
    for (const p of points) {
      const key = secondFrom(origin, p.t);
      const acc = sums.get(key) ?? { sum: 0, n: 0 };
      sums.set(key, { sum: acc.sum + p.v, n: acc.n + 1 });
    }
  return [...sums.entries()].sort((a, b) => a[0] - b[0]).map(([s, a]) => [s, a.sum / a.n]);
}

/** The nodes of one role and their mean per second. */
export interface RoleMean {
  /** `medianode`, `masternode`, `browseremulator`; undefined for nodes without a role. */
  readonly role?: string;
  readonly nodes: readonly MetricSeries[];
  readonly points: SecondPoint[];
}

/**
 * The per-node series named `name` (e.g. `cpu`) grouped by role, roles in the order their first
 * node appears, each group averaged per second from `origin`.
 */
export function meanPerRole(
  series: readonly MetricSeries[],
  name: string,
  origin: number,
): RoleMean[] {
  const nodes = series.filter(x => x.name === name && x.node !== undefined);
  const roles = [...new Set(nodes.map(x => x.role))];
  return roles.map(role => {
    const group = nodes.filter(x => x.role === role);
    return {
      role,
      nodes: group,
      points: meanPerSecond(
        group.map(x => x.points),
        origin,
      ),
    };
  });
}

/**
 * The platform metric `metric` against the participants on the platform in the same second
 * (`[participants, value]`, in the metric's order). Samples in a second without participants (no
 * sample, or 0) are left out; several participants samples in one second: the last counts.
 */
export function versusParticipants(
  s: ScenarioData,
  metric: string,
  origin: number,
): (readonly [number, number])[] {
  const load = new Map(
    seriesNamed(s, 'participants')?.points.map(p => [secondFrom(origin, p.t), p.v] as const),
  );
  const out: (readonly [number, number])[] = [];
  for (const p of seriesNamed(s, metric)?.points ?? []) {
    const n = load.get(secondFrom(origin, p.t));
    if (n !== undefined && n > 0) out.push([n, p.v]);
  }
  return out;
}
