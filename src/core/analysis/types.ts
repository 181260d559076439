/**
 * Types shared by the notebook's analysis stages. The segment table is the notebook's
 * `connection_stats` (written to `dfs_aux/connection_stats.csv` and read back in its cell 16):
 * the boundary between the per-user segment analysis (cells 11–15) and everything downstream
 * (progression, CPU bands, comparisons). Column names are the notebook's, on purpose.
 */

/** Which semantics to compute: correct results, or the notebook's exactly, defects included. */
export type Profile = 'default' | 'notebook';

/** The kinds of `connection_stats` row (its `type` column). */
export const SEGMENT_TYPES = [
  'connectionStart',
  'connectionSuccess',
  'connectionFail',
  'QOE',
] as const;
export type SegmentType = (typeof SEGMENT_TYPES)[number];

/** The QoE metrics of the cuts files, in the notebook's order. */
export const QOE_METRICS = ['vmaf', 'visqol'] as const;
export type QoeMetric = (typeof QOE_METRICS)[number];

/** One row of `connection_stats`, in the notebook's column order. */
export interface ConnectionStatsRow {
  readonly type: SegmentType;
  /** Seconds since the test start (the log's `Starting test with` line). */
  readonly start_time: number;
  readonly end_time: number;
  readonly total_duration: number;
  /** Last `attempts` seen from a failure row before this segment; 0 before any; NaN after a LiveKit Reconnecting. */
  readonly attempt: number;
  readonly batch: number;
  /** User and session numbers as the notebook writes them (`"3"`, `"12"`). */
  readonly user: string;
  readonly session: string;
  /** `"<user>-<session>"`. */
  readonly full_user: string;
  readonly cpu_mean: number;
  readonly cpu_start: number;
  readonly cpu_end: number;
  readonly cpu_median: number;
  readonly cpu_max: number;
  readonly cpu_min: number;
  /** QOE rows only: mean of the overlapping fragments' values. */
  readonly qoe?: number;
  readonly qoe_metric?: QoeMetric;
  /** The test name (the notebook's `index`). */
  readonly index: string;
}

/** The notebook's column order of connection_stats.csv. */
export const CONNECTION_STATS_COLUMNS = [
  'type',
  'start_time',
  'end_time',
  'total_duration',
  'attempt',
  'batch',
  'user',
  'session',
  'full_user',
  'cpu_mean',
  'cpu_start',
  'cpu_end',
  'cpu_median',
  'cpu_max',
  'cpu_min',
  'qoe',
  'qoe_metric',
  'index',
] as const;
