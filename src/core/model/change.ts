/**
 * A change between two tests (baseline and candidate, `loadtest-lens compare`): the metrics a
 * comparison judges, and per metric its change verdict (improved, regressed, no detectable change,
 * underpowered) with the test, effect size and power behind it. Not a run's validity (validity.ts).
 * The list of metrics is in core/compare/metrics.ts, the decision in core/compare/verdict.ts.
 */

/** The metrics a comparison judges. */
export type MetricId =
  | 'connectionTime'
  | 'failureRate'
  | 'vmaf'
  | 'visqol'
  | 'rtt'
  | 'jitter'
  | 'packetLoss'
  | 'bitrate'
  | 'usersReached';

/** A metric a comparison judges: its unit, which direction is better, and how it is tested. */
export interface MetricSpec {
  readonly id: MetricId;
  readonly label: string;
  readonly unit: string;
  /** Which direction is an improvement. */
  readonly better: 'lower' | 'higher';
  /**
   * `proportion`: a rate judged by a two-proportion test; `continuous`: two samples of values;
   * `count`: one number per test (users reached), compared as it is, without a test.
   */
  readonly kind: 'continuous' | 'proportion' | 'count';
  /** What one observation is (method note). */
  readonly observation: string;
}

/**
 * What changed from baseline to candidate for one metric (not a run's validity). `no data`: a
 * side has no observation of the metric at all (nothing to compare, unlike `underpowered`).
 */
export type ChangeVerdict =
  'improved' | 'regressed' | 'no detectable change' | 'underpowered' | 'no data';

/** A significant change of sign `sign` (+1: candidate larger) on a metric whose `better` side is given. */
export function directionVerdict(
  better: 'lower' | 'higher',
  sign: number,
): 'regressed' | 'improved' {
  const worse = better === 'lower' ? sign > 0 : sign < 0;
  return worse ? 'regressed' : 'improved';
}

/** An effect estimate with its 95 % interval. */
export interface EffectInterval {
  readonly estimate: number;
  readonly low: number;
  readonly high: number;
}

/** One metric's verdict between baseline and candidate, with the evidence behind it. */
export interface MetricVerdict {
  readonly metric: MetricSpec['id'];
  readonly label: string;
  readonly unit: string;
  readonly better: MetricSpec['better'];
  readonly n: readonly [number, number];
  /** `welch`, `mann-whitney`, `two-proportion`, or `none` when nothing could be computed. */
  readonly test: 'welch' | 'mann-whitney' | 'two-proportion' | 'none';
  /** Why that test (normality checks, or why none). */
  readonly testReason: string;
  readonly statistic: number | null;
  readonly pvalue: number | null;
  readonly pAdjusted: number | null;
  readonly baseline: number | null;
  readonly candidate: number | null;
  /** Continuous: Cliff's δ of candidate vs baseline (bootstrap interval). */
  readonly cliffsDelta: EffectInterval | null;
  /** Continuous: Hodges–Lehmann shift candidate − baseline (distribution-free interval). */
  readonly shift: EffectInterval | null;
  /** Failure rate: candidate − baseline rate (Newcombe interval). */
  readonly rateDifference: EffectInterval | null;
  /** Power to detect `minEffect` at the family's smallest Holm level (α/m). */
  readonly power: number | null;
  readonly verdict: ChangeVerdict;
  /** A regression at least as large as the configured thresholds. */
  readonly beyondThreshold: boolean;
}
