/**
 * Confidence intervals scipy does not give for the notebook's comparisons: difference of means
 * (Welch t interval, Welch 1947, and bootstrap), difference of medians, Cohen's d and Cliff's
 * delta (bootstrap, see ./bootstrap.ts), and the Hodges–Lehmann shift (./shift.ts).
 */
import {
  bootstrapInterval,
  bootstrapIntervals,
  type BootstrapOptions,
  type Interval,
  type TwoSampleStatistic,
} from './bootstrap';
import { countedDominance, countedMedian, countedMoments, type CountedSample } from './counted';
import { meanOf, medianOfSorted, varianceOf } from './descriptive';
import { dominance, pooledStd } from './effect';
import { preparePair } from './groups';
import { welchDf } from './ttest';
import type { SampleInput } from './sample';
import { studentTTwoSided } from './special';
import { notComputable } from './result';

export const meanDifference = (x: Float64Array, y: Float64Array): number => meanOf(x) - meanOf(y);

export const medianDifference = (x: Float64Array, y: Float64Array): number =>
  medianOfSorted(x.slice().sort()) - medianOfSorted(y.slice().sort());

/** A statistic with its counted form (the same number from resamples kept as counts). */
function withCounted(
  stat: (x: Float64Array, y: Float64Array) => number,
  counted: (x: CountedSample, y: CountedSample) => number,
): TwoSampleStatistic {
  return Object.assign(stat, { counted });
}

/** The same statistics on samples already sorted ascending, as `bootstrapInterval` passes them. */
const medianDifferenceOfSorted = withCounted(
  (x, y) => medianOfSorted(x) - medianOfSorted(y),
  (x, y) => countedMedian(x) - countedMedian(y),
);
const cliffsDeltaOfSorted = withCounted(
  (x, y) => dominance(x, y) / (x.length * y.length),
  (x, y) => countedDominance(x, y) / (x.sorted.length * y.sorted.length),
);

/** (mean x − mean y) / pooled sd (each mean computed once, also for the variance). */
export const cohenDStatistic = withCounted(
  (x, y) => {
    const mx = meanOf(x);
    const my = meanOf(y);
    return (mx - my) / pooledStd(x.length, varianceOf(x, 1, mx), y.length, varianceOf(y, 1, my));
  },
  (x, y) => {
    const a = countedMoments(x);
    const b = countedMoments(y);
    return (a.mean - b.mean) / pooledStd(x.sorted.length, a.variance, y.sorted.length, b.variance);
  },
);

export const cliffsDeltaStatistic = (x: Float64Array, y: Float64Array): number =>
  dominance(x.slice().sort(), y.slice().sort()) / (x.length * y.length);

export const meanDifferenceInterval = (
  x: SampleInput,
  y: SampleInput,
  o?: BootstrapOptions,
): Interval => bootstrapInterval(x, y, meanDifference, o);
export const medianDifferenceInterval = (
  x: SampleInput,
  y: SampleInput,
  o?: BootstrapOptions,
): Interval => bootstrapInterval(x, y, medianDifferenceOfSorted, o);
export const cohenDInterval = (x: SampleInput, y: SampleInput, o?: BootstrapOptions): Interval =>
  bootstrapInterval(x, y, cohenDStatistic, o);
/**
 * The median difference, Cohen's d and Cliff's delta intervals of one pair from one set of
 * resamples: the same intervals as the three functions above with the same seed, a third of
 * the work.
 */
export function effectIntervals(
  x: SampleInput,
  y: SampleInput,
  o?: BootstrapOptions,
): { medianDifference: Interval; cohenD: Interval; cliffsDelta: Interval } {
  const [medianDifference, cohenD, cliffsDelta] = bootstrapIntervals(
    x,
    y,
    [medianDifferenceOfSorted, cohenDStatistic, cliffsDeltaOfSorted],
    o,
  ) as [Interval, Interval, Interval];
  return { medianDifference, cohenD, cliffsDelta };
}

export const cliffsDeltaInterval = (
  x: SampleInput,
  y: SampleInput,
  o?: BootstrapOptions,
): Interval => bootstrapInterval(x, y, cliffsDeltaOfSorted, o);

/** Quantile of Student's t: the t > 0 with 2·P(T > t) = p, by bisection on the exact tail. */
export function studentTQuantileTwoSided(p: number, df: number): number {
  let lo = 0;
  let hi = 1;
  while (studentTTwoSided(hi, df) > p) hi *= 2;
  for (let i = 0; i < 200 && hi - lo > 1e-15 * hi; i++) {
    const mid = (lo + hi) / 2;
    if (studentTTwoSided(mid, df) > p) lo = mid;
    else hi = mid;
  }
  return (lo + hi) / 2;
}

/** Welch's t interval for mean(x) − mean(y) (no equal-variance assumption). */
export function welchMeanDifferenceInterval(
  xInput: SampleInput,
  yInput: SampleInput,
  level = 0.95,
): Interval {
  const pair = preparePair(xInput, yInput, 2, 'The t interval');
  if (!pair.ok) return pair.result;
  const { x, y, counts } = pair;
  const a = varianceOf(x.values, 1) / x.n;
  const b = varianceOf(y.values, 1) / y.n;
  const estimate = meanOf(x.values) - meanOf(y.values);
  if (a + b === 0) {
    return notComputable(
      counts,
      'constant_input',
      'Both samples are constant; the standard error is 0.',
    );
  }
  const df = welchDf(a, b, x.n, y.n);
  const half = studentTQuantileTwoSided(1 - level, df) * Math.sqrt(a + b);
  return {
    ok: true,
    estimate,
    low: estimate - half,
    high: estimate + half,
    level,
    method: 'welch-t',
    warnings: [],
    ...counts,
  };
}
