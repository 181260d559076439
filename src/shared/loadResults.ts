/**
 * Results of the load analysis of one test that the report page draws as they are: the load
 * knees and the capacity statement, and the failure taxonomy. Computed by src/core/compare
 * (knee.ts, compare.ts, taxonomy.ts); defined here, below both, so that the webview reads them
 * without importing core.
 */

/** Change-point models of a metric against a load (src/core/compare/changepoint.ts). */
export type KneeModel = 'line' | 'hinge' | 'step' | 'step+hinge' | 'two';

/** A knee's statistics: where a metric starts degrading as the load grows. */
export interface KneeStats {
  /** Load where the metric starts degrading (null: no degrading change beats a line by BIC). */
  readonly knee: number | null;
  readonly low: number | null;
  readonly high: number | null;
  /** A second degrading change further up (`two` model), with its interval. */
  readonly knee2: number | null;
  readonly low2: number | null;
  readonly high2: number | null;
  /** The model of the knee (`line` when none is reported). */
  readonly model: KneeModel;
  /** Slopes before and after the knee (metric units per load unit). */
  readonly slopeBefore: number | null;
  readonly slopeAfter: number | null;
  /** Change of level at the knee (metric units; 0 for a hinge). */
  readonly jump: number | null;
  /** Approximate F test of the selected model against a straight line (its extra parameters). */
  readonly pvalue: number | null;
  readonly n: number;
}

/** One change of a fitted curve: slope changes by `c`, level by `d` from load `knee` on. */
export interface KneeChange {
  readonly knee: number;
  readonly c: number;
  readonly d: number;
}

/**
 * The metrics a knee is looked for on: VMAF and ViSQOL of the QoE segments, connection time of
 * each attempt, and `failure` (each attempt's outcome, 1 failed or 0 connected: the knee of the
 * per-attempt failure probability).
 */
export type KneeMetric = 'vmaf' | 'visqol' | 'connectionTime' | 'failure';

/** A knee of one metric against one load: the result with its fitted curve, without the resamples. */
export interface Knee extends KneeStats {
  readonly metric: KneeMetric;
  readonly load: 'users' | 'cpu';
  /**
   * Which load the change follows better (the better BIC of the two selected models on the same
   * observations); null when neither load shows a knee. When it is the other load, this knee is
   * that load at the same instants: the median of this load over the observations at the other
   * knee (and at its interval's ends).
   */
  readonly follows: 'users' | 'cpu' | null;
  /**
   * The BIC difference between the two loads' selected models when both show a knee (null
   * otherwise); below 2 the choice of `follows` is weak evidence (Kass & Raftery 1995).
   */
  readonly followsMargin: number | null;
  /**
   * y = a + b·x + Σ c·max(0, x − knee) + d·[x ≥ knee] over `changes` (the selected model, also
   * when no knee is reported).
   */
  readonly fit: {
    readonly kind: KneeModel;
    readonly a: number;
    readonly b: number;
    readonly changes: readonly KneeChange[];
  } | null;
}

export interface Capacity {
  /** "up to `users` users per media node with median VMAF ≥ `vmaf`". */
  readonly vmaf: number;
  readonly users: number | null;
  readonly low: number | null;
  readonly high: number | null;
  /** The fitted VMAF never fell below the limit within the observed load: a lower bound. */
  readonly censored: boolean;
  readonly statement: string;
}

/**
 * Capacity against the run's own light-load quality: the most users before the median VMAF falls
 * `drop` points below `lightLevel` (docs/compare.md, "Capacity on any scale").
 */
export interface RelativeCapacity {
  /** Points below the light-load level that count as degraded. */
  readonly drop: number;
  /** Median VMAF of the QoE segments in the lightest fifth of the observed users connected. */
  readonly lightLevel: number;
  /** The users connected of those segments: at most this many. */
  readonly lightUsers: number;
  /** lightLevel − drop. */
  readonly threshold: number;
  readonly users: number | null;
  readonly low: number | null;
  readonly high: number | null;
  /** The median never fell below the threshold within the observed load: a lower bound. */
  readonly censored: boolean;
  readonly statement: string;
}

export interface TestLoad {
  readonly maxUsers: number;
  readonly knees: Knee[];
  readonly capacity: Capacity | null;
  /** Null without enough QoE segments (≥ 10). */
  readonly relativeCapacity?: RelativeCapacity | null;
}

/** How far a test got against its plan (notebook layout; src/core/compare/progress.ts). */
export interface RunProgress {
  /** Users planned: sessions × users per session from the log's topology lines; null if unknown. */
  readonly planned: number | null;
  /** Where `planned` comes from, or why it is unknown. */
  readonly plannedFrom: string;
  /** Users that started (an event in events.json or a creation line in the log). */
  readonly started: number;
  /** Most users connected at once (connection_stats' success intervals). */
  readonly maxConnected: number;
  /** The failure line that used up the retries, or a log without its end line; null: none. */
  readonly stopReason: string | null;
  /** Fewer users started than planned, or a stop reason. */
  readonly stoppedEarly: boolean;
}

export type FailureCause =
  'ice' | 'exception' | 'reconnection failed' | 'disconnected' | 'no browser event';

export interface FailurePoint {
  readonly cause: FailureCause;
  readonly user: string;
  readonly session: string;
  readonly line: number;
  /** Seconds since the test start. */
  readonly time: number;
  readonly users: number;
  readonly cpu: number | null;
}

/** Where the failures of one cause happened: medians of their test time, users connected and CPU. */
export interface CauseLoad {
  readonly time: number;
  readonly users: number;
  readonly cpu: number | null;
}

export interface Taxonomy {
  readonly counts: Record<FailureCause, number>;
  readonly medians: Partial<Record<FailureCause, CauseLoad>>;
  /** Recovered reconnections (reconnecting → reconnected): not failures, but the same stress. */
  readonly recoveredReconnections: number;
  readonly points: readonly FailurePoint[];
}

/**
 * Items of two runs split three ways (the second seed notebook's "unique to one device"
 * fractions, applied to baseline and candidate): in both, only in the baseline, only in the
 * candidate; `uniquePercent` = 100 · (onlyBaseline + onlyCandidate) / union (null: empty union).
 */
export interface CrossRunSet<T extends string> {
  readonly both: readonly T[];
  readonly onlyBaseline: readonly T[];
  readonly onlyCandidate: readonly T[];
  readonly union: number;
  readonly uniquePercent: number | null;
}

/** Who fails across runs (src/core/compare/crossRun.ts). */
export interface CrossRun {
  /** Users that failed at least once, as `<session>/<user>` (same session and position). */
  readonly users: CrossRunSet<string>;
  /** Failure causes seen at least once. */
  readonly causes: CrossRunSet<FailureCause>;
  /** (user, cause) pairs as `<session>/<user>: <cause>`. */
  readonly userCauses: CrossRunSet<string>;
}

/** A parameter of the controller's start-up block (or its topology lines) that differs. */
export interface ConfigDifference {
  readonly section: string;
  readonly key: string;
  /** Null: absent on that side. */
  readonly baseline: string | null;
  readonly candidate: string | null;
}

/** A BIC difference below this is weak evidence (Kass & Raftery 1995). */
const WEAK_BIC = 2;

/** "users", or "users, weakly: ΔBIC 0.8" when the other load fits almost as well. */
export function followsText(k: Pick<Knee, 'follows' | 'followsMargin'>): string {
  if (k.follows === null) return '—';
  return k.followsMargin !== null && k.followsMargin < WEAK_BIC
    ? `${k.follows}, weakly: ΔBIC ${k.followsMargin.toFixed(1)}`
    : k.follows;
}
