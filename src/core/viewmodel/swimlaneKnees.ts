/**
 * The load knees of a test (`loadOfRows`: segmented regression of VMAF and connection time
 * against users connected and against media-node CPU, with bootstrap intervals) placed on the
 * swimlane's time axis: a knee at N users is drawn where N users are first connected at once, a
 * knee at CPU c where the media node's CPU first reaches c.
 */
import type { ConnectionStatsRow } from '../analysis/types';
import {
  connectedTimeline,
  DEFAULT_CONFIG,
  DEFAULT_LOAD_CONFIG,
  loadOfRows,
  usersConnectedAt,
  type Knee,
  type LoadTimeline,
} from '../compare';
import type { Point } from '../../shared/views/common';
import type { SwimKneeVM } from '../../shared/views/swimlane';

/** First time (s) at which at least `users` are connected (at an interval start), if ever. */
export function timeAtUsers(tl: LoadTimeline, users: number): number | undefined {
  for (const t of tl.starts) if (usersConnectedAt(tl, t) >= users) return t;
  return undefined;
}

/** First CPU sample (seconds, 0–1) at or above `cpu`, if ever. */
export function timeAtCpu(cpu: readonly Point[], level: number): number | undefined {
  return cpu.find(([, v]) => v >= level)?.[0];
}

const METRIC_TEXT: Record<Knee['metric'], string> = {
  vmaf: 'VMAF',
  visqol: 'ViSQOL',
  connectionTime: 'Connection time',
  failure: 'Failure probability per attempt',
};

function loadText(k: Knee, v: number): string {
  return k.load === 'users' ? `${Math.round(v)} users` : `CPU ${Math.round(v * 100)} %`;
}

function kneeLabel(k: Knee, at: number): string {
  const interval =
    k.low !== null && k.high !== null ? ` (95 % ${loadText(k, k.low)}–${loadText(k, k.high)})` : '';
  return `${METRIC_TEXT[k.metric]} knee at ${loadText(k, at)}${interval}`;
}

/** The knees found (not null) with the time each is first reached; none when never reached. */
export function swimKnees(
  rows: readonly ConnectionStatsRow[],
  cpu: readonly Point[],
): SwimKneeVM[] {
  const tl = connectedTimeline(rows);
  return loadOfRows(rows, DEFAULT_CONFIG, DEFAULT_LOAD_CONFIG).knees.flatMap(k => {
    if (k.knee === null) return [];
    const time = k.load === 'users' ? timeAtUsers(tl, Math.ceil(k.knee)) : timeAtCpu(cpu, k.knee);
    if (time === undefined) return [];
    return [
      {
        metric: k.metric,
        load: k.load,
        value: k.knee,
        low: k.low,
        high: k.high,
        time,
        label: kneeLabel(k, k.knee),
      },
    ];
  });
}
