/**
 * Load Test Lens statistics: scipy 1.10 / pandas 1.5 numbers for the notebook's comparisons, and
 * the intervals, corrections and power estimates scipy does not give. Pure TypeScript; no I/O.
 * See docs/statistics.md for methods, defaults, edge cases and citations.
 */
export * from './result';
export { Sample, type SampleInput } from './sample';
export {
  mean,
  median,
  variance,
  std,
  quantile,
  describe,
  iqrOutliers,
  type Describe,
  type IqrOutliers,
} from './descriptive';
export { mannWhitneyU, mwuExactCdf, type MannWhitneyResult } from './mannwhitney';
export { tTest, welchTTest, type TTestResult } from './ttest';
export {
  brownForsythe,
  fligner,
  type BrownForsytheResult,
  type FlignerResult,
  type SpreadResult,
} from './spread';
export { kruskal, type KruskalResult } from './kruskal';
export { ks2samp, type KsResult } from './ks';
export { kolmogorovSf } from './kolmogorov';
export { andersonKSample, AD_SIGNIFICANCE_LEVELS, type AndersonKSampleResult } from './anderson';
export { shapiro, type ShapiroResult } from './shapiro';
export { pearsonr, type PearsonResult } from './pearson';
export { cohenD, rankBiserial, cliffsDelta, type EffectSize } from './effect';
export {
  calculateComparisons,
  comparePass,
  type CaseComparison,
  type PassResult,
  type Basics,
  type Comparisons,
  type PairResults,
  type ComparisonOptions,
} from './comparisons';
export {
  erfc,
  normalCdf,
  normalSf,
  ndtri,
  betainc,
  gammainc,
  gammaincc,
  logGamma,
  studentTTwoSided,
  fSf,
  chi2Sf,
} from './special';
export {
  bootstrapInterval,
  bootstrapIntervals,
  Xoshiro128,
  type BootstrapOptions,
  type Interval,
  type IntervalEstimate,
  type TwoSampleStatistic,
} from './bootstrap';
export { hodgesLehmann, kthPairwiseDifference } from './shift';
export {
  meanDifferenceInterval,
  medianDifferenceInterval,
  cohenDInterval,
  cliffsDeltaInterval,
  effectIntervals,
  welchMeanDifferenceInterval,
  studentTQuantileTwoSided,
  meanDifference,
  medianDifference,
  cohenDStatistic,
  cliffsDeltaStatistic,
} from './intervals';
export { holm, benjaminiHochberg } from './multiple';
export { hypergeomSf } from './hypergeom';
export { power, minimumDetectableEffect, type PowerOptions } from './power';
