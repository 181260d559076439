/**
 * The notebook's `make_comparisons` / `calculate_comparisons` (cells In [19]–In [21]) for one
 * case: every test on the raw series and again on the IQR-cleaned series, with the notebook's
 * dictionary keys, plus the typed results behind each cell.
 *
 * Deviations from the notebook, on purpose:
 * - NaN is dropped before every test (scipy 1.10 returns NaN, raises, or silently returns wrong
 *   numbers); `len(X)` still counts rows, as the notebook does, and `nan_dropped` says how many.
 * - Cohen's d uses the NaN-free sizes (the notebook passes row counts; identical without NaN).
 * - The clean pass pairs each CPU value with its surviving metric value (`cleanPearson:
 *   'paired'`, the default). `'notebook'` reproduces the notebook's `pearsonr(XSeriesCPU,
 *   clean_XSeries)`, which is a length mismatch whenever an outlier was removed (B12).
 */
import { andersonOf, type AndersonKSampleResult } from './anderson';
import { iqrOutliers, isOutside, medianOfSorted, type IqrOutliers } from './descriptive';
import { cohenDOf, rankBiserialOf, type EffectSize } from './effect';
import { Groups } from './groups';
import { kruskalOf, type KruskalResult } from './kruskal';
import { ks2sampOf, type KsResult } from './ks';
import { mannWhitneyOf, type MannWhitneyResult } from './mannwhitney';
import { pearsonr, type PearsonResult } from './pearson';
import { scipyTuple, type TestResult } from './result';
import { Sample } from './sample';
import { shapiro, type ShapiroResult } from './shapiro';
import { brownForsytheOf, flignerOf, type BrownForsytheResult, type FlignerResult } from './spread';
import { tTestOf, type TTestResult } from './ttest';

export interface PairResults {
  readonly mannWhitney: MannWhitneyResult;
  readonly tTest: TTestResult;
  readonly cohenD: EffectSize;
  readonly rankBiserial: EffectSize;
  readonly shapiroX: ShapiroResult;
  readonly shapiroY: ShapiroResult;
  readonly brownForsythe: BrownForsytheResult;
  readonly fligner: FlignerResult;
  readonly ks: KsResult;
  readonly anderson: AndersonKSampleResult;
  readonly kruskal: KruskalResult;
  readonly pearsonX: PearsonResult;
  readonly pearsonY: PearsonResult;
}

/** A `[statistic, pvalue]` cell as scipy returns it; null where scipy raises. */
export type Pair = [number, number] | null;

/** The notebook's `basics` dictionary. */
export interface Basics {
  'len(X)': number;
  'len(Y)': number;
  'mean(X)': number;
  'mean(Y)': number;
  'median(X)': number;
  'median(Y)': number;
  'std(X)': number;
  'std(Y)': number;
  'mean diff': number;
  'median diff': number;
  'std diff': number;
  'mean diff %': number;
  'median diff %': number;
  'std diff %': number;
  'len(outliers(X))': number;
  'len(outliers(Y))': number;
}

/** The notebook's `comparisons` dictionary (scipy result objects as `[statistic, pvalue]`). */
export interface Comparisons {
  'len(X)': number;
  'len(Y)': number;
  'U (MWU)': number;
  'p-value (MWU)': number;
  'effect size (MWU, rank-biserial correlation)': number;
  't (t-test)': number;
  'p-value (t-test)': number;
  "effect size (t-test, Cohen's d)": number;
  'Shapiro X': Pair;
  'Shapiro Y': Pair;
  'Brown-Forsythe': Pair;
  Fligner: Pair;
  'K-S': Pair;
  /** `[statistic, critical_values, significance_level]`, or null where scipy raises. */
  'Anderson-Darling': [number, number[], number] | null;
  'Kruskal-Wallis': Pair;
  'Pearson X': Pair;
  'Pearson Y': Pair;
}

export interface PassResult {
  readonly basics: Basics;
  readonly comparisons: Comparisons;
  readonly results: PairResults;
}

export interface CaseComparison {
  readonly raw: PassResult;
  readonly clean: PassResult;
  readonly outliersX: IqrOutliers;
  readonly outliersY: IqrOutliers;
}

export interface ComparisonOptions {
  readonly cleanPearson?: 'paired' | 'notebook';
}

const first = (r: TestResult): number => scipyTuple(r)?.[0] ?? NaN;
const second = (r: TestResult): number => scipyTuple(r)?.[1] ?? NaN;
const estimate = (e: EffectSize): number =>
  e.ok ? e.estimate : e.scipy?.kind === 'value' ? e.scipy.statistic : NaN;

function andersonCell(r: AndersonKSampleResult): Comparisons['Anderson-Darling'] {
  return r.ok ? [r.statistic, [...r.critical_values], r.significance_level] : null;
}

function basicsOf(
  x: Sample,
  y: Sample,
  lenX: number,
  lenY: number,
  outliers: [number, number],
): Basics {
  const meanX = x.mean;
  const meanY = y.mean;
  const medianX = medianOfSorted(x.sorted);
  const medianY = medianOfSorted(y.sorted);
  const stdX = Math.sqrt(x.variance);
  const stdY = Math.sqrt(y.variance);
  return {
    'len(X)': lenX,
    'len(Y)': lenY,
    'mean(X)': meanX,
    'mean(Y)': meanY,
    'median(X)': medianX,
    'median(Y)': medianY,
    'std(X)': stdX,
    'std(Y)': stdY,
    'mean diff': meanX - meanY,
    'median diff': medianX - medianY,
    'std diff': stdX - stdY,
    'mean diff %': ((meanX - meanY) / meanY) * 100,
    'median diff %': ((medianX - medianY) / medianY) * 100,
    'std diff %': ((stdX - stdY) / stdY) * 100,
    'len(outliers(X))': outliers[0],
    'len(outliers(Y))': outliers[1],
  };
}

interface PassInput {
  readonly x: ArrayLike<number>;
  readonly y: ArrayLike<number>;
  readonly cpuX: ArrayLike<number>;
  readonly cpuY: ArrayLike<number>;
  readonly lenX: number;
  readonly lenY: number;
  readonly outliers: [number, number];
  /** Results of one sample alone, known from the raw pass when the IQR rule left it unchanged. */
  readonly known?: Partial<OneSampleResults>;
}

type OneSampleResults = Pick<PairResults, 'shapiroX' | 'shapiroY' | 'pearsonX' | 'pearsonY'>;

/**
 * One `calculate_comparisons` call (plus the two Pearson calls of `make_comparisons`). The tests
 * share one preparation of the samples: each is sorted once, its mean and variance are computed
 * once, and the pooled ranks and ties are merged once for Mann–Whitney, Kruskal–Wallis and
 * Anderson–Darling.
 */
export function comparePass(
  input: PassInput,
  x: Sample = Sample.of(input.x),
  y: Sample = Sample.of(input.y),
): PassResult {
  const pair = new Groups([x, y]);
  const mannWhitney = mannWhitneyOf(pair);
  const results: PairResults = {
    mannWhitney,
    tTest: tTestOf(pair),
    cohenD: cohenDOf(pair),
    rankBiserial: rankBiserialOf(mannWhitney, pair),
    shapiroX: input.known?.shapiroX ?? shapiro(x),
    shapiroY: input.known?.shapiroY ?? shapiro(y),
    brownForsythe: brownForsytheOf(pair),
    fligner: flignerOf(pair),
    ks: ks2sampOf(pair),
    anderson: andersonOf(pair),
    kruskal: kruskalOf(pair),
    pearsonX: input.known?.pearsonX ?? pearsonr(input.cpuX, input.x),
    pearsonY: input.known?.pearsonY ?? pearsonr(input.cpuY, input.y),
  };
  const comparisons: Comparisons = {
    'len(X)': input.lenX,
    'len(Y)': input.lenY,
    'U (MWU)': first(results.mannWhitney),
    'p-value (MWU)': second(results.mannWhitney),
    'effect size (MWU, rank-biserial correlation)': estimate(results.rankBiserial),
    't (t-test)': first(results.tTest),
    'p-value (t-test)': second(results.tTest),
    "effect size (t-test, Cohen's d)": estimate(results.cohenD),
    'Shapiro X': scipyTuple(results.shapiroX),
    'Shapiro Y': scipyTuple(results.shapiroY),
    'Brown-Forsythe': scipyTuple(results.brownForsythe),
    Fligner: scipyTuple(results.fligner),
    'K-S': scipyTuple(results.ks),
    'Anderson-Darling': andersonCell(results.anderson),
    'Kruskal-Wallis': scipyTuple(results.kruskal),
    'Pearson X': scipyTuple(results.pearsonX),
    'Pearson Y': scipyTuple(results.pearsonY),
  };
  return {
    basics: basicsOf(x, y, input.lenX, input.lenY, input.outliers),
    comparisons,
    results,
  };
}

/** Keeps the entries of `values` whose row in `series` survives the IQR rule of `o`. */
function keepSurvivors(
  values: ArrayLike<number>,
  series: ArrayLike<number>,
  o: IqrOutliers,
): number[] {
  const out: number[] = [];
  for (let i = 0; i < series.length; i++)
    if (!isOutside(series[i] as number, o)) out.push(values[i] as number);
  return out;
}

/**
 * The one-sample results of the raw pass that the clean pass can keep: Shapiro–Wilk and Pearson
 * of a series the IQR rule left unchanged (its clean Pearson pairs the same rows in both modes).
 */
function unchangedSides(raw: PairResults, counts: [number, number]): Partial<OneSampleResults> {
  const x = counts[0] === 0 ? { shapiroX: raw.shapiroX, pearsonX: raw.pearsonX } : {};
  const y = counts[1] === 0 ? { shapiroY: raw.shapiroY, pearsonY: raw.pearsonY } : {};
  return { ...x, ...y };
}

/**
 * `make_comparisons` for one case: `x`/`y` are the metric series (NaN allowed), `cpuX`/`cpuY`
 * the matching `cpu_median` series (same rows). When the IQR rule removes nothing from either
 * series, the clean pass would repeat the raw one on the same data, so `clean` is `raw` itself;
 * when it leaves one series unchanged, that series' Shapiro–Wilk and Pearson results are reused.
 * The cleaned samples are cut from the sorted raw ones instead of being sorted again.
 */
export function calculateComparisons(
  x: ArrayLike<number>,
  y: ArrayLike<number>,
  cpuX: ArrayLike<number>,
  cpuY: ArrayLike<number>,
  options: ComparisonOptions = {},
): CaseComparison {
  const sx = Sample.of(x);
  const sy = Sample.of(y);
  const outliersX = iqrOutliers(x, 1.5, sx.sorted);
  const outliersY = iqrOutliers(y, 1.5, sy.sorted);
  const counts: [number, number] = [outliersX.outliers.length, outliersY.outliers.length];
  const raw = comparePass(
    { x, y, cpuX, cpuY, lenX: x.length, lenY: y.length, outliers: counts },
    sx,
    sy,
  );
  if (counts[0] === 0 && counts[1] === 0) return { raw, clean: raw, outliersX, outliersY };
  const paired = (options.cleanPearson ?? 'paired') === 'paired';
  const clean = comparePass(
    {
      x: outliersX.cleaned,
      y: outliersY.cleaned,
      cpuX: paired && counts[0] > 0 ? keepSurvivors(cpuX, x, outliersX) : cpuX,
      cpuY: paired && counts[1] > 0 ? keepSurvivors(cpuY, y, outliersY) : cpuY,
      lenX: x.length - counts[0],
      lenY: y.length - counts[1],
      outliers: counts,
      known: unchangedSides(raw.results, counts),
    },
    sx.within(outliersX.lower_bound, outliersX.upper_bound),
    sy.within(outliersY.lower_bound, outliersY.upper_bound),
  );
  return { raw, clean, outliersX, outliersY };
}
