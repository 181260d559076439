/**
 * The time-series panel of a test as view models: progression counts (publishers, subscribers,
 * streams in and out) with the media node's CPU, QoE progression (VMAF 0–100 and ViSQOL MOS 1–5
 * per time group) with CPU and memory, and QoS over time (mean with the min–max band across
 * users, audio and video, per direction and metric, jitter and RTT with the notebook's
 * thresholds) with CPU. The numbers are the analysis core's: `processEventsDf` and
 * `qoeProgression` on the test's `connection_stats` (default profile, duplicate passes dropped,
 * as `analyzeTestDownstream`), and `secondGroups` on the `separate_stats` tables.
 *
 * A source is built once per test and kept by the host; every chart request (a view, a zoomed
 * range, a width in pixel columns) is answered from it, decimated to the columns.
 */
import {
  dropDuplicatePasses,
  processEventsDf,
  qoeProgression,
  PROGRESSION_KINDS,
  type Progression,
  type ProgressionKind,
  type QoePoint,
} from '../analysis/downstream';
import {
  firstQosTimestamp,
  qosTableGroups,
  type QosValueSource,
  type TimeGroups,
} from '../analysis/downstream/qosSeries';
import type { ConnectionStatsRow, QoeMetric } from '../analysis/types';
import type { TestSummary } from '../analysis/testSummary';
import type { QosTableName, QosTables } from '../ingest/stats';
import {
  QOS_DIRECTIONS,
  QOS_METRIC_LABELS,
  QOS_METRICS_OF,
  qosChartOf,
  type AxisVM,
  type BandVM,
  type ChartKey,
  type ChartVM,
  type LineVM,
  type QosDirectionVM,
  type QosMetricVM,
  type SeriesIndexVM,
  type SeriesUnit,
  type SeriesUsersVM,
  type ThresholdVM,
  type UserValueVM,
} from '../../shared/views/timeSeries';
import type { TimeZoneVM } from '../../shared/views/common';
import { lowerBound } from '../model/sortedSearch';
import { numberText } from '../source/naming';
import { decimateBand, decimateLine, type BandData, type LineData } from './decimate';
import { nodeSeriesVM, timezoneVM } from './overview';

/** Pixel columns a request may ask for; more would only grow the payload. */
export const MIN_COLUMNS = 50;
export const MAX_COLUMNS = 4000;

export const MEDIA = ['video', 'audio'] as const;
export type Media = (typeof MEDIA)[number];

/** Everything the charts of one test are cut from (x in seconds since `origin`). */
export interface TimeSeriesSource {
  readonly test: string;
  readonly origin?: number;
  readonly timezone?: TimeZoneVM;
  /** The test's start and end (seconds since origin), when known. */
  readonly window: readonly [number, number];
  readonly progression: Progression;
  readonly qoe: Readonly<Record<QoeMetric, readonly QoePoint[]>>;
  readonly cpu: LineData;
  readonly memory: LineData;
}

/** QoS groups of a test: `<direction>/<metric>/<media>` → groups; `empty` says why there are none. */
export interface QosSource {
  readonly groups: ReadonlyMap<string, TimeGroups>;
  readonly empty?: string;
  /** Session and user numbers of each stats source (the groups' `minSource`/`maxSource`). */
  readonly users?: readonly { readonly session: string; readonly user: string }[];
}

function columnar(points: readonly (readonly [number, number])[]): LineData {
  return { xs: points.map(p => p[0]), ys: points.map(p => p[1]) };
}

/**
 * The rows each analysis reads, in one pass: connection changes for the counts (duplicate passes
 * dropped, as `dropDuplicatePasses` does; it keeps every QOE row), QOE rows for the QoE groups.
 */
function partition(rows: readonly ConnectionStatsRow[]) {
  const other: ConnectionStatsRow[] = [];
  const qoe: ConnectionStatsRow[] = [];
  for (const r of rows) (r.type === 'QOE' ? qoe : other).push(r);
  const changes = dropDuplicatePasses(other).filter(
    r => r.type === 'connectionSuccess' || r.type === 'connectionFail',
  );
  return { changes, qoe };
}

/**
 * The source of a test's charts from its summary and its `connection_stats` rows. Each analysis
 * gets only the rows it reads (it skips the others itself, in the same order, so the results are
 * the same), and the QoE groups are computed when a chart first needs them.
 */
export function timeSeriesSource(
  summary: TestSummary,
  rows: readonly ConnectionStatsRow[],
): TimeSeriesSource {
  const test = summary.name;
  const { changes, qoe } = partition(rows);
  const node = nodeSeriesVM(summary);
  let qoeGroups: TimeSeriesSource['qoe'] | undefined;
  return {
    test,
    origin: summary.start,
    timezone: timezoneVM(summary),
    window: [0, summary.durationSeconds ?? 0],
    progression: processEventsDf(test, changes, 'default'),
    get qoe() {
      qoeGroups ??= {
        vmaf: qoeProgression(test, qoe, 'vmaf', 'default'),
        visqol: qoeProgression(test, qoe, 'visqol', 'default'),
      };
      return qoeGroups;
    },
    cpu: columnar(node?.cpu ?? []),
    memory: columnar(node?.memory ?? []),
  };
}

export function seriesIndex(source: TimeSeriesSource): SeriesIndexVM {
  const { test, origin, timezone, window } = source;
  return { test, origin, timezone, window };
}

interface QosSpec {
  /** The table prefix; `_audio` / `_video` is appended. */
  readonly table: 'inbound' | 'outbound' | 'remote_inbound';
  readonly source: QosValueSource;
  readonly unit: SeriesUnit;
  readonly threshold?: number;
}

/**
 * Where each chart's values come from. Packet rates are packets per second (webrtc-stats'
 * `packetRate` is ×8, docs/ingest-stats.md); loss is our `lossRatio` (inbound: cumulative lost
 * share; outbound: the receiver's `fractionLost`); outbound jitter and RTT are the receiver's
 * remote-inbound-rtp reports of what the user sends.
 */
const QOS_SPECS: Record<QosDirectionVM, Partial<Record<QosMetricVM, QosSpec>>> = {
  inbound: {
    bitrate: { table: 'inbound', source: { column: 'bitrate' }, unit: 'bitsPerSecond' },
    packetRate: { table: 'inbound', source: 'packetsPerSecond', unit: 'packetsPerSecond' },
    jitter: { table: 'inbound', source: { column: 'jitter' }, unit: 'seconds', threshold: 0.03 },
    loss: { table: 'inbound', source: 'lossRatio', unit: 'lossShare' },
  },
  outbound: {
    bitrate: { table: 'outbound', source: { column: 'bitrate' }, unit: 'bitsPerSecond' },
    packetRate: { table: 'outbound', source: 'packetsPerSecond', unit: 'packetsPerSecond' },
    jitter: {
      table: 'remote_inbound',
      source: { column: 'jitter' },
      unit: 'seconds',
      threshold: 0.03,
    },
    rtt: {
      table: 'remote_inbound',
      source: { column: 'roundTripTime' },
      unit: 'seconds',
      threshold: 0.25,
    },
    loss: { table: 'remote_inbound', source: 'lossRatio', unit: 'lossShare' },
  },
};

function qosKey(direction: QosDirectionVM, metric: QosMetricVM, media: Media): string {
  return `${direction}/${metric}/${media}`;
}

/** Every QoS chart's groups, computed once from the tables (which can then be dropped). */
export function qosSource(tables: QosTables | undefined, origin: number | undefined): QosSource {
  if (!tables)
    return { groups: new Map(), empty: 'This test has no stats.json files: no QoS to draw.' };
  const zero = origin ?? firstQosTimestamp(tables) ?? 0;
  const groups = new Map<string, TimeGroups>();
  for (const direction of QOS_DIRECTIONS)
    for (const metric of QOS_METRICS_OF[direction]) {
      const spec = QOS_SPECS[direction][metric];
      if (!spec) continue;
      const positive = metric === 'bitrate' || metric === 'packetRate';
      for (const media of MEDIA) {
        const table = `${spec.table}_${media}` as QosTableName;
        const g = qosTableGroups(tables, table, spec.source, zero, positive);
        if (g) groups.set(qosKey(direction, metric, media), g);
      }
    }
  const users = tables.sources.map(src => ({
    session: numberText(src.session),
    user: numberText(src.user),
  }));
  return { groups, users };
}

/**
 * The detail of a click on a QoS chart: for each media with reports in `second`, their mean and
 * count and the users who reported the lowest and the highest value (empty for other charts).
 */
export function seriesUsersVM(
  qos: QosSource,
  test: string,
  key: ChartKey,
  second: number,
): SeriesUsersVM {
  const chart = qosChartOf(key);
  const users = qos.users ?? [];
  const who = (source: number | undefined, value: number): UserValueVM | undefined => {
    const u = source === undefined ? undefined : users[source];
    return u && { ...u, value };
  };
  const series = !chart
    ? []
    : MEDIA.flatMap(media => {
        const g = qos.groups.get(qosKey(chart.direction, chart.metric, media));
        const i = g ? lowerBound(g.xs, second) : -1;
        if (!g || g.xs[i] !== second) return [];
        const min = who(g.minSource?.[i], g.min[i] as number);
        const max = who(g.maxSource?.[i], g.max[i] as number);
        if (!min || !max) return [];
        return [{ media, n: g.n[i] as number, mean: g.mean[i] as number, min, max }];
      });
  return { test, key, second, series };
}

const PROGRESSION_LABELS: Record<ProgressionKind, string> = {
  publishers: 'Publishers',
  subscribers: 'Subscribers',
  streams_in: 'Streams in',
  streams_out: 'Streams out',
};

const NODE_AXIS: AxisVM = {
  id: 'node',
  unit: 'share',
  title: 'Media node CPU / memory',
  position: 'right',
  min: 0,
  max: 1,
};

type LineMeta = Omit<LineVM, 'xs' | 'ys'>;
type BandMeta = Omit<BandVM, 'xs' | 'mean' | 'min' | 'max' | 'n'>;

/** A chart before it is cut to a range: its series with all their data. */
interface ChartPlan {
  readonly title: string;
  readonly axes: readonly AxisVM[];
  readonly thresholds: readonly ThresholdVM[];
  /** Said when no series other than CPU and memory has data. */
  readonly empty: string;
  readonly lines: { readonly meta: LineMeta; readonly data: LineData }[];
  readonly bands: { readonly meta: BandMeta; readonly data: BandData }[];
}

function nodeLines(source: TimeSeriesSource, memory: boolean): ChartPlan['lines'] {
  const meta = { axis: 'node' as const, unit: 'share' as const, stepped: false };
  const cpu = { meta: { ...meta, id: 'cpu', label: 'CPU' }, data: source.cpu };
  const mem = { meta: { ...meta, id: 'memory', label: 'Memory' }, data: source.memory };
  return memory ? [cpu, mem] : [cpu];
}

function progressionPlan(source: TimeSeriesSource): ChartPlan {
  const counts = PROGRESSION_KINDS.map(kind => {
    const points = source.progression[kind];
    const meta: LineMeta = {
      id: kind,
      label: PROGRESSION_LABELS[kind],
      axis: 'y',
      unit: 'count',
      stepped: true,
    };
    return { meta, data: { xs: points.map(p => p.timestamp), ys: points.map(p => p.number) } };
  });
  return {
    title: 'Progression counts over time',
    axes: [{ id: 'y', unit: 'count', title: 'Count', position: 'left', min: 0 }, NODE_AXIS],
    thresholds: [],
    empty: 'No user connected in this test: there are no progression counts to draw.',
    lines: [...counts, ...nodeLines(source, false)],
    bands: [],
  };
}

/** A stored QoE value (0–1) on the scale users know (FORMATS.md §3). */
export function qoeOnScale(metric: QoeMetric, value: number): number {
  return metric === 'vmaf' ? value * 100 : 1 + value * 4;
}

const QOE_LINES = [
  { metric: 'vmaf', id: 'vmaf', label: 'VMAF (mean)', axis: 'y', unit: 'vmaf' },
  { metric: 'visqol', id: 'visqol', label: 'ViSQOL MOS (mean)', axis: 'y2', unit: 'mos' },
] as const;

function qoePlan(source: TimeSeriesSource): ChartPlan {
  const lines = QOE_LINES.map(({ metric, ...rest }) => {
    const points = source.qoe[metric];
    return {
      meta: { ...rest, stepped: false },
      data: { xs: points.map(p => p.time_group), ys: points.map(p => qoeOnScale(metric, p.qoe)) },
    };
  });
  return {
    title: 'QoE progression',
    axes: [
      { id: 'y', unit: 'vmaf', title: 'VMAF (0–100)', position: 'left', min: 0, max: 100 },
      { id: 'y2', unit: 'mos', title: 'ViSQOL MOS (1–5)', position: 'right', min: 1, max: 5 },
      NODE_AXIS,
    ],
    thresholds: [],
    empty: 'No QoE values in this test (no qoe/<test>/*_cuts.json matched its users).',
    lines: [...lines, ...nodeLines(source, true)],
    bands: [],
  };
}

const UNIT_TITLES: Record<SeriesUnit, string> = {
  count: 'count',
  vmaf: 'VMAF',
  mos: 'MOS',
  share: '%',
  bitsPerSecond: 'bit/s',
  packetsPerSecond: 'packets/s',
  seconds: 's',
  lossShare: '% lost',
};

function qosEmpty(qos: QosSource | undefined, direction: string, metric: QosMetricVM): string {
  if (qos === undefined) return 'Reading the stats.json files…';
  const what = QOS_METRIC_LABELS[metric].toLowerCase();
  return qos.empty ?? `No ${what} in the ${direction} reports of this test.`;
}

function qosPlan(
  source: TimeSeriesSource,
  qos: QosSource | undefined,
  direction: QosDirectionVM,
  metric: QosMetricVM,
): ChartPlan {
  const spec = QOS_SPECS[direction][metric] as QosSpec;
  const name = `${QOS_METRIC_LABELS[metric]}, ${direction}`;
  const bands = MEDIA.flatMap(media => {
    const data = qos?.groups.get(qosKey(direction, metric, media));
    const label = `${media === 'video' ? 'Video' : 'Audio'} ${name}`;
    return data ? [{ meta: { id: media, label, axis: 'y' as const, unit: spec.unit }, data }] : [];
  });
  const threshold = spec.threshold;
  return {
    title: `QoS: ${name} (mean, min–max across users)`,
    axes: [
      {
        id: 'y',
        unit: spec.unit,
        title: `${QOS_METRIC_LABELS[metric]} (${UNIT_TITLES[spec.unit]})`,
        position: 'left',
        min: 0,
      },
      NODE_AXIS,
    ],
    thresholds:
      threshold === undefined
        ? []
        : [{ axis: 'y', value: threshold, label: `threshold ${threshold} s` }],
    empty: qosEmpty(qos, direction, metric),
    lines: nodeLines(source, false),
    bands,
  };
}

function planOf(source: TimeSeriesSource, key: ChartKey, qos: QosSource | undefined): ChartPlan {
  if (key === 'progression') return progressionPlan(source);
  if (key === 'qoe') return qoePlan(source);
  const q = qosChartOf(key) ?? { direction: 'inbound', metric: 'bitrate' };
  return qosPlan(source, qos, q.direction, q.metric);
}

/** The test's window widened to every series' data. */
function planWindow(plan: ChartPlan, test: readonly [number, number]): [number, number] {
  let [lo, hi] = test;
  for (const { data } of [...plan.lines, ...plan.bands]) {
    if (data.xs.length === 0) continue;
    lo = Math.min(lo, data.xs[0] as number);
    hi = Math.max(hi, data.xs[data.xs.length - 1] as number);
  }
  return [lo, hi];
}

export interface ChartRequest {
  readonly key: ChartKey;
  /** Seconds since the origin; the chart's whole window when absent. */
  readonly range?: readonly [number, number];
  /** Pixel columns of the chart (clamped to MIN_COLUMNS…MAX_COLUMNS). */
  readonly columns: number;
}

/**
 * One chart of the panel for a range and width, every series decimated to the columns. `qos` is
 * the test's QoS source, undefined while the stats.json files are still being read (QoS charts
 * then say so).
 */
export function chartVM(source: TimeSeriesSource, request: ChartRequest, qos?: QosSource): ChartVM {
  const columns = Math.min(MAX_COLUMNS, Math.max(MIN_COLUMNS, Math.floor(request.columns) || 0));
  const plan = planOf(source, request.key, qos);
  const window = planWindow(plan, source.window);
  const [from, to] = request.range ?? window;
  const lines = plan.lines
    .filter(l => l.data.xs.length > 0)
    .map(l => ({ meta: l.meta, d: decimateLine(l.data, from, to, columns) }));
  const bands = plan.bands.map(b => ({ meta: b.meta, d: decimateBand(b.data, from, to, columns) }));
  const hasData =
    bands.length > 0 || plan.lines.some(l => l.meta.axis !== 'node' && l.data.xs.length > 0);
  return {
    test: source.test,
    key: request.key,
    title: plan.title,
    origin: source.origin,
    timezone: source.timezone,
    window,
    range: [from, to],
    decimated: [...lines, ...bands].some(s => s.d.decimated),
    axes: plan.axes,
    lines: lines.map(({ meta, d }) => ({ ...meta, xs: d.xs, ys: d.ys })),
    bands: bands.map(({ meta, d }) => ({
      ...meta,
      xs: d.xs,
      mean: d.mean,
      min: d.min,
      max: d.max,
      n: d.n,
    })),
    thresholds: plan.thresholds,
    ...(hasData ? {} : { empty: plan.empty }),
  };
}
