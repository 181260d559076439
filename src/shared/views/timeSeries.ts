/**
 * The time series of a test: progression counts, QoE and QoS over time. The webview asks for one
 * chart at a time, cut to the visible range at its width in pixel columns (a request: the answer
 * comes back to the promise that asked), and who reported the extremes of a clicked second.
 */
import { command, event, request } from '../ipc';
import { isName, isWholeIn, MAX_SECONDS, parseRangeOrNull, userParams } from './checks';
import type { TimeZoneVM } from './common';

// ── Time series (progression counts, QoE progression, QoS over time) ───────────────────────────

/** The QoS directions of the time-series view: what a user receives, and what it sends. */
export const QOS_DIRECTIONS = ['inbound', 'outbound'] as const;
export type QosDirectionVM = (typeof QOS_DIRECTIONS)[number];

/** QoS metrics drawn over time; outbound jitter and RTT are the receiver's RTCP reports. */
export const QOS_METRICS = ['bitrate', 'packetRate', 'jitter', 'rtt', 'loss'] as const;
export type QosMetricVM = (typeof QOS_METRICS)[number];

/** Metrics each direction has (inbound-rtp reports carry no round-trip time). */
export const QOS_METRICS_OF: Record<QosDirectionVM, readonly QosMetricVM[]> = {
  inbound: ['bitrate', 'packetRate', 'jitter', 'loss'],
  outbound: ['bitrate', 'packetRate', 'jitter', 'rtt', 'loss'],
};

export const QOS_METRIC_LABELS: Record<QosMetricVM, string> = {
  bitrate: 'Bitrate',
  packetRate: 'Packet rate',
  jitter: 'Jitter',
  rtt: 'Round-trip time',
  loss: 'Packet loss',
};

/** One chart of the time-series panel: `progression`, `qoe` or `qos/<direction>/<metric>`. */
export type ChartKey = 'progression' | 'qoe' | `qos/${QosDirectionVM}/${QosMetricVM}`;

/** A user and the value it reported (in the chart's unit). */
export interface UserValueVM {
  readonly session: string;
  readonly user: string;
  readonly value: number;
}

/** Who reported the lowest and highest value of a QoS chart in one second (a click's detail). */
export interface SeriesUsersVM {
  readonly test: string;
  readonly key: ChartKey;
  /** Seconds since the test start (the second clicked). */
  readonly second: number;
  /** Per media with a report that second: the mean, the count and the two extreme users. */
  readonly series: readonly {
    readonly media: 'video' | 'audio';
    readonly n: number;
    readonly mean: number;
    readonly min: UserValueVM;
    readonly max: UserValueVM;
  }[];
}

/** The direction and metric of a `qos/<direction>/<metric>` key; undefined for anything else. */
export function qosChartOf(
  key: string,
): { readonly direction: QosDirectionVM; readonly metric: QosMetricVM } | undefined {
  const [kind, direction, metric, extra] = key.split('/');
  if (kind !== 'qos' || extra !== undefined) return undefined;
  const d = QOS_DIRECTIONS.find(x => x === direction);
  const m = d && QOS_METRICS_OF[d].find(x => x === metric);
  return d && m ? { direction: d, metric: m } : undefined;
}

/** How values of a series are written: the unit users read them in. */
export type SeriesUnit =
  | 'count'
  | 'vmaf'
  | 'mos'
  | 'share'
  | 'bitsPerSecond'
  | 'packetsPerSecond'
  | 'seconds'
  | 'lossShare';

export type AxisId = 'y' | 'y2' | 'node';

export interface AxisVM {
  readonly id: AxisId;
  readonly unit: SeriesUnit;
  readonly title: string;
  readonly position: 'left' | 'right';
  readonly min?: number;
  readonly max?: number;
}

/** What every drawn series of a chart has: its name, axis and unit, and its x in seconds since the test start. */
export interface SeriesVM {
  readonly id: string;
  readonly label: string;
  readonly axis: AxisId;
  readonly unit: SeriesUnit;
  readonly xs: readonly number[];
}

/** A line (or step line) over time, columnar. */
export interface LineVM extends SeriesVM {
  /** A count that holds until the next change (drawn as steps). */
  readonly stepped: boolean;
  readonly ys: readonly number[];
}

/** A mean line with the min–max band across users, one row per time group. */
export interface BandVM extends SeriesVM {
  readonly mean: readonly number[];
  readonly min: readonly number[];
  readonly max: readonly number[];
  /** Samples in the row's group. */
  readonly n: readonly number[];
}

export interface ThresholdVM {
  readonly axis: AxisId;
  readonly value: number;
  readonly label: string;
}

/** What the time-series panel of a test offers before any chart is drawn. */
export interface SeriesIndexVM {
  readonly test: string;
  /** Epoch ms of the test start (x = 0); undefined when the test has no start time. */
  readonly origin?: number;
  /** The controller log's timezone as resolved, for wall-clock axes. */
  readonly timezone?: TimeZoneVM;
  /** Start and end of the test's data, seconds since origin. */
  readonly window: readonly [number, number];
}

export interface ChartVM {
  readonly test: string;
  readonly key: ChartKey;
  readonly title: string;
  readonly origin?: number;
  readonly timezone?: TimeZoneVM;
  /** The whole extent of the chart's data (the reset-zoom range), seconds since origin. */
  readonly window: readonly [number, number];
  /** The range this answer covers (the requested range, or the window). */
  readonly range: readonly [number, number];
  /** More points than pixel columns: each column keeps its extremes (zoom in for every value). */
  readonly decimated: boolean;
  readonly axes: readonly AxisVM[];
  readonly lines: readonly LineVM[];
  readonly bands: readonly BandVM[];
  readonly thresholds: readonly ThresholdVM[];
  /** Why there is nothing to draw (no QoE files, no stats.json …); undefined when there is data. */
  readonly empty?: string;
}

/* ---------- Statistics view (CPU bands, comparisons, connection starts) ---------- */

export function isChartKey(v: unknown): v is ChartKey {
  return (
    typeof v === 'string' && (v === 'progression' || v === 'qoe' || qosChartOf(v) !== undefined)
  );
}

function chartQuery(m: Readonly<Record<string, unknown>>) {
  const { test, key, columns } = m;
  const range = parseRangeOrNull(m['range']);
  if (!isName(test) || !isChartKey(key) || !isWholeIn(columns, 0, 100_000) || range === undefined)
    return undefined;
  return { test, key, range, columns };
}

function usersQuery(m: Readonly<Record<string, unknown>>) {
  const { test, key, second } = m;
  return isName(test) && isChartKey(key) && isWholeIn(second, -MAX_SECONDS, MAX_SECONDS)
    ? { test, key, second }
    : undefined;
}

export const timeSeries = {
  name: 'timeseries',
  inbound: {
    /**
     * One chart cut to `range` (null = all of it) at `columns` pixel columns; asked on opening,
     * on switching charts and after every zoom or pan (finer data for the range).
     */
    seriesRequest: request('seriesRequest', chartQuery).returns<ChartVM>(),
    /** Who reported the lowest and highest values of `second` on a QoS chart. */
    seriesUsers: command('seriesUsers', usersQuery),
    /** Show a user's row in the test's connection progression (swimlane). */
    showUserInSwimlane: command('showUserInSwimlane', userParams),
  },
  events: {
    seriesIndex: event('seriesIndex').carries<{ readonly index: SeriesIndexVM }>(),
    seriesUsers: event('seriesUsers').carries<{ readonly users: SeriesUsersVM }>(),
    /** The stats.json files are read: a QoS chart answered before this can be asked again. */
    seriesQosRead: event('seriesQosRead').carries<Record<never, never>>(),
  },
} as const;
