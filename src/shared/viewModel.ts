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
  /** Minutes east of UTC. */
  readonly offsetMinutes: number;
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
}
