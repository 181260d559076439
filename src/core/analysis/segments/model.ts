/**
 * Shapes of the notebook's intermediate frames in cells 11–15, one per frame, so that each
 * notebook function can be a small pure function over them.
 */
import type { UserEvent } from '../../ingest/events';

/** A `[start, end]` pair in seconds since the test start (the notebook's tuples). */
export type Interval = readonly [start: number, end: number];

/** One user of `events_df` (cell 3 `process_user_data`): numbers from the folder names. */
export interface NotebookUser {
  readonly user: number;
  readonly session: number;
  /** `"<user>-<session>"`, the notebook's key. */
  readonly fullUser: string;
  /** Time-sorted events (arrival order breaks ties). */
  readonly events: readonly UserEvent[];
  /**
   * pandas index label of this user's first event in `events_df`: labels run over the users in
   * directory scan order and over each file's events in arrival order (B5).
   */
  readonly labelBase: number;
}

/** Where a `combined` row came from. */
export type CombinedSource = 'event' | 'failure' | 'reconnecting';

/** One row of a user's `combined` frame (cell 11). */
export interface CombinedRow {
  /** `event` column: the event key, or `connectionFail` for failures and LiveKit reconnections. */
  readonly event: string;
  /** Epoch ms (UTC). */
  readonly time: number;
  /** `attempts` of a log failure line; NaN for events and reconnections. */
  readonly attempts: number;
  /** pandas index label (B5): events keep their `events_df` label, failures their log position. */
  readonly label: number;
  readonly source: CombinedSource;
}

/** One `failed N times` line as cell 5 keeps it, its time already in UTC. */
export interface FailureRow {
  /** Number in the notebook's `full_user` form (`"3-1"`). */
  readonly fullUser: string;
  readonly attempts: number;
  readonly time: number;
  /** Position among all failure lines of the test (its label in `failures[test]`). */
  readonly label: number;
}

/** CPU samples of the notebook's `cpu_filtered`: seconds since an origin, time-sorted. */
export interface CpuSeconds {
  readonly t: Float64Array;
  readonly cpu: Float64Array;
}

/** A QoE cut laid on the timeline (cell 13) with its values (cell 9 scale of the profile). */
export interface QoeFragment {
  readonly fullUserRecording: string;
  readonly fullUserRecorded: string;
  readonly cutIndex: number;
  /** NaN when the notebook never assigned one (C9). */
  readonly start: number;
  readonly end: number;
  readonly vmaf: number;
  readonly visqol: number;
}

/** One averaged QoE sub-interval of cell 14. */
export interface QoeSubInterval {
  readonly start: number;
  readonly end: number;
  readonly qoe: number;
}
