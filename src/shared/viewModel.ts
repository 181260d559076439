/**
 * View models: the finished, plain-JSON data a webview draws. Built in the extension host from
 * the core's analysis (src/core/viewmodel); the webview never computes analysis itself.
 */

export interface TestRowVM {
  readonly name: string;
  readonly platform: string;
  readonly family?: 'openvidu2' | 'livekit';
  readonly users: number;
  readonly sessions: number;
  readonly publishers: number;
  readonly subscribers: number;
  readonly connected: number;
  /** `failed N times` lines in the controller log. */
  readonly failures: number;
  readonly failedUsers: number;
  /** Where users, sessions, connected and failures come from: `stats`, the controller `log`, or `none` (unknown). */
  readonly sources?: {
    readonly users: 'stats' | 'log' | 'none';
    readonly sessions: 'stats' | 'log' | 'none';
    readonly connected: 'stats' | 'log' | 'none';
    readonly failures: 'stats' | 'log' | 'none';
  };
  /** The controller log generation recognised (docs/controller-logs.md). */
  readonly logGeneration?: string;
  readonly durationSeconds?: number;
  /** Epoch ms (UTC) of the test start; origin of the chart's time axis. */
  readonly start?: number;
  readonly timeSource: 'log' | 'events' | 'none';
  /** e.g. `+02:00 (inferred from events)`. */
  readonly timezone: string;
  readonly hasNodeSeries: boolean;
  readonly errors: number;
  readonly warnings: number;
}

export interface DiagnosticVM {
  readonly severity: 'error' | 'warning' | 'info';
  readonly test?: string;
  /** Path relative to the root. */
  readonly file: string;
  readonly line?: number;
  readonly message: string;
}

export interface OverviewVM {
  readonly rootName: string;
  readonly tests: readonly TestRowVM[];
  readonly selected?: string;
  readonly diagnostics: readonly DiagnosticVM[];
}

/** [seconds since test start, value] pairs, missing values left out (the notebook's dropna). */
export type Point = readonly [number, number];

export interface NodeSeriesVM {
  readonly test: string;
  /** Epoch ms the x values count from. */
  readonly origin: number;
  readonly cpu: readonly Point[];
  readonly memory: readonly Point[];
  /** Start and end of the test, seconds since origin, for marking the window. */
  readonly window?: readonly [number, number];
}

/** What a swimlane segment shows: the notebook's magenta, indigo, red and QoE-coloured bars. */
export type SwimKind = 'start' | 'connected' | 'failure' | 'qoe';

/** The QoE metrics of the cuts files (FORMATS.md §3), stored 0–1. */
export type QoeMetricVM = 'vmaf' | 'visqol';

export interface SwimSegmentVM {
  /** Seconds since the test start. */
  readonly start: number;
  readonly end: number;
  readonly kind: SwimKind;
  /** `failed N times` count in force (0 before any failure). */
  readonly attempt: number;
  /** QoE segments: the averaged value, 0–1 as stored (VMAF ÷ 100, (MOS − 1) ÷ 4). */
  readonly qoe?: number;
  readonly metric?: QoeMetricVM;
  /** How many `connection_stats` rows this segment stands for, when the host merged short ones. */
  readonly merged?: number;
}

export interface SwimRowVM {
  /** Session and user numbers as the notebook writes them (`"1"`, `"3"`). */
  readonly session: string;
  readonly user: string;
  /** `S<session>-U<user>`. */
  readonly label: string;
  readonly role: 'publisher' | 'subscriber';
  /** At least one failure segment. */
  readonly failed: boolean;
  /** The user's batch (NaN without batches.json). */
  readonly batch: number;
  readonly segments: readonly SwimSegmentVM[];
}

/** The timezone the controller log is written in, as the host resolved it (wall-clock axes). */
export interface TimeZoneVM {
  /** Minutes east of UTC (at the test start, for an IANA zone). */
  readonly offsetMinutes: number;
  /** The IANA name, when the zone is one: each instant is then shown with its own offset (DST). */
  readonly name?: string;
  /** e.g. `+02:00 (inferred from events)`. */
  readonly label: string;
}

export interface SwimlaneVM {
  readonly test: string;
  /** Epoch ms of the test start, origin of every time in this model (undefined without one). */
  readonly origin?: number;
  /** The log's timezone, for the wall-clock axis. */
  readonly timezone?: TimeZoneVM;
  /** Start and end of the drawn time range, seconds since origin. */
  readonly window: readonly [number, number];
  readonly rows: readonly SwimRowVM[];
  /** Users of the test; more than `rows.length` when the host capped the rows drawn. */
  readonly totalRows: number;
  /** Start of each batch: its first connection start. */
  readonly batches: readonly { readonly batch: number; readonly start: number }[];
  /** Media-node CPU and memory (0–1), min/max-decimated on the host. */
  readonly cpu: readonly Point[];
  readonly memory: readonly Point[];
  /** QoE metrics present in the segments. */
  readonly metrics: readonly QoeMetricVM[];
  /** Segments shorter than this (seconds) may have been merged with their neighbours; 0 = none. */
  readonly mergeBelow: number;
  /** QoS colourings the host can compute (empty when the test has no stats folder). */
  readonly qosVariants?: readonly QosVariantVM[];
  /**
   * QoE colour ramp per metric on the users' scales (VMAF 0–100, ViSQOL MOS 1–5): `[worst, best]`
   * (setting `qoeColorRanges`); absent = the full scale, as the notebook colours.
   */
  readonly qoeRanges?: Readonly<Record<QoeMetricVM, readonly [number, number]>>;
}

/** One QoS variant over one user's reports (finite values only; units of `QosVariantVM.unit`). */
export interface UserQosFigureVM {
  /** `QosVariantVM.key`. */
  readonly variant: string;
  readonly n: number;
  readonly mean: number;
  readonly min: number;
  readonly max: number;
}

/** The QoS figures of one user for the swimlane's detail panel. */
export interface UserQosVM {
  readonly test: string;
  readonly session: string;
  readonly user: string;
  /** Variants with at least one value, in `QOS_VARIANTS` order; empty without stats. */
  readonly figures: readonly UserQosFigureVM[];
}

/** A load knee of the test on the swimlane's time axis (src/core/viewmodel/swimlaneKnees.ts). */
export interface SwimKneeVM {
  readonly metric: 'vmaf' | 'connectionTime';
  readonly load: 'users' | 'cpu';
  /** The knee: users connected, or CPU 0–1. */
  readonly value: number;
  /** Its 95 % bootstrap interval (null when not computable). */
  readonly low: number | null;
  readonly high: number | null;
  /** Seconds since the test start at which the load first reaches the knee. */
  readonly time: number;
  readonly label: string;
}

/** The QoS metrics the swimlane can colour connected time by. */
export type SwimQosMetricVM = 'rtt' | 'jitter' | 'loss' | 'bitrate';

/** A QoS colouring of the swimlane (the notebook's `draw_cons_plot_qos` variants). */
export interface QosVariantVM {
  /** `<direction>/<metric>/<media>`, e.g. `outbound/rtt/video`. */
  readonly key: string;
  /** What the user receives (inbound) or sends (outbound). */
  readonly direction: 'inbound' | 'outbound';
  readonly metric: SwimQosMetricVM;
  readonly media: 'audio' | 'video';
  /** Unit of the values: seconds, bits per second, or a share 0–1. */
  readonly unit: 'seconds' | 'bitsPerSecond' | 'share';
  /** Values at the two ends of the colour ramp (the notebook's vmin, vmax); clamped beyond. */
  readonly range: readonly [number, number];
  /** Bitrate: high is good (ramp black → darkblue); RTT, jitter, loss: low is good. */
  readonly higherIsBetter: boolean;
  /** Table and column the values come from, e.g. `remote_inbound_video.roundTripTime`. */
  readonly source: string;
}

/** The QoS colouring of the swimlane's rows over a time range. */
export interface SwimQosVM {
  readonly variant: string;
  /** Seconds since the test start this covers; null = the whole test. */
  readonly range: { readonly start: number; readonly end: number } | null;
  /** Intervals were merged within buckets of this many seconds; 0 = the 1 s intervals as is. */
  readonly mergeBelow: number;
  /** Per swimlane row, in its order: `[start, end, value, start, end, value, …]`. */
  readonly rows: readonly (readonly number[])[];
  /** Why there is nothing to draw (no stats.json files, no such reports). */
  readonly empty?: string;
}

/** Segments of the swimlane's rows over a time range, merged less than the whole test's. */
export interface SwimSegmentsVM {
  readonly range: { readonly start: number; readonly end: number };
  readonly mergeBelow: number;
  /** Per swimlane row, in its order: the segments overlapping the range. */
  readonly rows: readonly (readonly SwimSegmentVM[])[];
}

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

/** A line (or step line) over time; x in seconds since the test start, columnar. */
export interface LineVM {
  readonly id: string;
  readonly label: string;
  readonly axis: AxisId;
  readonly unit: SeriesUnit;
  /** A count that holds until the next change (drawn as steps). */
  readonly stepped: boolean;
  readonly xs: readonly number[];
  readonly ys: readonly number[];
}

/** A mean line with the min–max band across users, one row per time group. */
export interface BandVM {
  readonly id: string;
  readonly label: string;
  readonly axis: AxisId;
  readonly unit: SeriesUnit;
  readonly xs: readonly number[];
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

/** The test key of the statistics panel of every test pooled (a test folder is never `*`). */
export const ALL_TESTS = '*';

/** The comparison sections of the notebook (src/core/analysis/downstream/sections.ts). */
export type StatsSectionVM =
  | 'qoe_vmaf'
  | 'qoe_visqol'
  | 'connection_start'
  | 'connection_start_publishers'
  | 'connection_start_subscribers';

/** A CPU range `[low, high)`; `high` null = no upper bound. */
export type CpuRangeVM = readonly [number, number | null];

/** Tukey box of one group (NaN dropped): whiskers at the extreme values inside the IQR fences. */
export interface BoxVM {
  readonly n: number;
  readonly nanDropped: number;
  readonly q1: number;
  readonly median: number;
  readonly q3: number;
  readonly mean: number;
  readonly whiskerLow: number;
  readonly whiskerHigh: number;
  /** Values outside [q1 − 1.5·IQR, q3 + 1.5·IQR] (the notebook's outliers). */
  readonly outliers: readonly number[];
}

/** Gaussian kernel density (Scott's bandwidth, cut 2 bandwidths past the data), host-computed. */
export interface DensityVM {
  readonly x: readonly number[];
  readonly y: readonly number[];
  readonly bandwidth: number;
}

export interface DistributionVM {
  readonly label: string;
  /** null when the group has no value. */
  readonly box: BoxVM | null;
  /** Empty when there are fewer than two distinct values. */
  readonly density: DensityVM;
}

/** `[cpu_median, metric]` of one row. */
/** [median CPU, metric value, full_user] of one row. */
export type ScatterPointVM = readonly [number, number, string];

/** A statistic and its p-value, or why it is missing. */
export type StatValueVM =
  | { readonly statistic: number; readonly pvalue?: number; readonly detail?: string }
  | { readonly missing: string };

export interface AssumptionVM {
  /** `Normality of X (Shapiro–Wilk)`, `Equal variance (Brown–Forsythe)`. */
  readonly label: string;
  readonly raw: { readonly pvalue: number; readonly holds: boolean } | null;
  readonly clean: { readonly pvalue: number; readonly holds: boolean } | null;
}

export interface StatTestRowVM {
  /** The notebook's key (`p-value (MWU)` family, `Shapiro X`, …). */
  readonly key: string;
  readonly label: string;
  readonly raw: StatValueVM;
  readonly clean: StatValueVM;
  /** What the test assumes, with the tests that check it. */
  readonly assumptions: readonly AssumptionVM[];
}

export interface IntervalVM {
  readonly key: string;
  readonly label: string;
  readonly raw: StatIntervalVM;
  readonly clean: StatIntervalVM;
}

export type StatIntervalVM =
  | {
      readonly estimate: number;
      readonly low: number;
      readonly high: number;
      readonly level: number;
      readonly method: string;
    }
  | { readonly missing: string };

export interface BasicsRowVM {
  /** The notebook's key: `mean(X)`, `median diff %`, `len(outliers(Y))`, … */
  readonly key: string;
  readonly raw: number;
  readonly clean: number;
}

export interface CaseVM {
  readonly id: string;
  readonly X: string;
  readonly Y: string;
  readonly custom: boolean;
  readonly groups: readonly [DistributionVM, DistributionVM];
  /** Points of X then Y (at most `STATS_MAX_POINTS` each, evenly thinned). */
  readonly scatter: readonly [readonly ScatterPointVM[], readonly ScatterPointVM[]];
  readonly basics: readonly BasicsRowVM[];
  readonly tests: readonly StatTestRowVM[];
  readonly intervals: readonly IntervalVM[];
  /** Plain-language readings generated from the statistics (raw, outlier-cleaned). */
  readonly reading: { readonly raw: string; readonly clean: string };
}

export interface BandRowVM {
  readonly threshold: string;
  readonly n: number;
  readonly median: number;
  readonly mean: number;
  readonly min: number;
  readonly max: number;
  readonly std: number;
}

export interface BandTableVM {
  readonly section: StatsSectionVM;
  readonly title: string;
  /** The metric's label in the notebook's column names. */
  readonly label: string;
  readonly rows: readonly BandRowVM[];
}

/** Connection-start durations per role, per batch, and against CPU. */
export interface StartsVM {
  readonly roles: readonly DistributionVM[];
  readonly batches: readonly DistributionVM[];
  /** Publishers' then subscribers' `[cpu_median, duration]`. */
  readonly scatter: readonly [readonly ScatterPointVM[], readonly ScatterPointVM[]];
}

export interface StatsVM {
  /** The test, or null for every test of the root pooled. */
  readonly test: string | null;
  readonly root: string;
  /** Tests whose rows are in the figures. */
  readonly tests: readonly string[];
  readonly sections: readonly {
    readonly name: StatsSectionVM;
    readonly title: string;
    readonly rows: number;
  }[];
  readonly section: StatsSectionVM;
  /** The metric's label (`VMAF`, `connection start duration (seconds)`). */
  readonly metric: string;
  readonly bandTables: readonly BandTableVM[];
  readonly cases: readonly CaseVM[];
  readonly custom: { readonly x: CpuRangeVM; readonly y: CpuRangeVM } | null;
  readonly starts: StartsVM | null;
  /** Findings of the comparisons (not computable tests, empty groups). */
  readonly notes: readonly string[];
}

/* ---------- Participants overview (the second notebook applied to load-test users) ---------- */

/** Seconds a user spent in each connection state. */
export interface StateShareVM {
  readonly connecting: number;
  readonly connected: number;
  readonly failed: number;
  readonly reconnecting: number;
}

export interface ParticipantVM {
  /** `S<session>-U<user>`. */
  readonly label: string;
  readonly session: string;
  readonly user: string;
  readonly role: 'publisher' | 'subscriber';
  /** NaN when unknown. */
  readonly batch: number;
  /** Events in the user's events.json. */
  readonly events: number;
  readonly bytesIn: { readonly audio: number; readonly video: number };
  readonly bytesOut: { readonly audio: number; readonly video: number };
  readonly states: StateShareVM;
}

export interface ParticipantsVM {
  readonly test: string;
  /** stats.json files with byte counters were found. */
  readonly hasQos: boolean;
  readonly users: readonly ParticipantVM[];
  /** Bytes over every user. */
  readonly traffic: {
    readonly inAudio: number;
    readonly inVideo: number;
    readonly outAudio: number;
    readonly outVideo: number;
  };
  /** Failure segments, and how many of them are the only failed user of their session / batch. */
  readonly failures: {
    readonly failures: number;
    readonly failedUsers: number;
    readonly sessions: number;
    readonly batches: number;
    readonly uniqueToSession: number;
    readonly uniqueToBatch: number;
  };
}

export type HeatmapMetricVM = 'bitrate' | 'jitter' | 'qoe' | 'state';

/** User × time: rows normalised to % (bitrate: of the row total; jitter, QoE: of the row maximum) or state codes. */
export interface HeatmapVM {
  readonly test: string;
  readonly metric: HeatmapMetricVM;
  readonly bins: number;
  readonly binSeconds: number;
  /** `user` indexes `ParticipantsVM.users`; values NaN = no data; state: 0 none, 1 connecting, 2 connected, 3 failed, 4 reconnecting. */
  readonly rows: readonly { readonly user: number; readonly values: readonly number[] }[];
  /** Users without any value for the metric (left out, as the notebook does). */
  readonly dropped: number;
}
