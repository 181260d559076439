/**
 * The failure causes of two or more tests side by side: per test, how many `failed N times`
 * lines of each cause (ICE, another exception, reconnection failed, disconnected, no browser
 * event), their share, and where they happened (median test time, users connected, CPU; each
 * line's test time and users connected). The compare view shows the same model. The
 * host sends the whole view model once; the page only draws it.
 */
import { event } from '../ipc';
import type { CauseLoad, FailureCause } from '../loadResults';

export interface FailureCausesTestVM {
  /** `<test> (<root folder>)`. */
  readonly label: string;
  readonly total: number;
  /** Per cause, in the order of `causes`. */
  readonly counts: readonly number[];
  /** Per cause: percent of the test's failures (null without failures). */
  readonly shares: readonly (number | null)[];
  /** Per cause: where its failures happened (null without any). */
  readonly medians: readonly (CauseLoad | null)[];
  /** Reconnections that recovered: not failures, but the same stress. */
  readonly recovered: number;
  /**
   * Per cause, in the order of `causes`: when each failure line happened (s since the test start)
   * and the users connected then; at most 1500 lines per test, evenly strided.
   */
  readonly points: readonly CausePointsVM[];
}

export interface CausePointsVM {
  readonly time: readonly number[];
  readonly users: readonly number[];
}

export interface FailureCausesVM {
  readonly causes: readonly FailureCause[];
  /** What each cause means, in the order of `causes`. */
  readonly notes: readonly string[];
  readonly tests: readonly FailureCausesTestVM[];
}

export const failureCauses = {
  name: 'failureCauses',
  inbound: {},
  events: {
    failureCauses: event('failureCauses').carries<{ readonly causes: FailureCausesVM }>(),
  },
} as const;
