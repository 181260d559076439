/**
 * The notebook's `make_comparisons` (cell In [19]) over the cases of `get_cases`, wiring
 * `src/core/stats` (`calculateComparisons` = `calculate_comparisons` on the raw and the
 * IQR-cleaned series, `find_outliers_iqr`, `clean_outliers`).
 *
 * Cases with an empty group are skipped, as in the notebook. In the notebook profile, every
 * call scipy would raise on (C4 Shapiro with n < 3, C3/B12 the clean Pearson length mismatch,
 * …) becomes a diagnostic naming the first call that would stop the notebook; the section goes
 * on with the typed result (`{error}` cells). The default profile pairs the clean Pearson with
 * the surviving rows, reports not-computable statistics as `{reason, message}` cells, and adds
 * confidence intervals for the differences (Welch t for the mean, bootstrap for the median,
 * Hodges–Lehmann shift) and for the effect sizes (bootstrap Cohen's d and Cliff's delta =
 * the rank-biserial r).
 */
import {
  calculateComparisons,
  effectIntervals,
  hodgesLehmann,
  welchMeanDifferenceInterval,
  type Basics,
  type BootstrapOptions,
  type CaseComparison,
  type Interval,
  type IntervalEstimate,
  type PairResults,
  type PassResult,
  type TestResult,
} from '../../stats';
import type { Profile } from '../types';
import type { ComparisonCase } from './cases';

/** A scipy result object: its fields, or why it is missing. */
export type StatCell =
  | { readonly statistic: number; readonly pvalue: number; readonly [field: string]: unknown }
  | { readonly error: string }
  | { readonly reason: string; readonly message: string };

/** A confidence interval, or why it is not computable. */
export type IntervalCell = IntervalEstimate | { readonly reason: string; readonly message: string };

export type BasicsRow = { readonly X: string; readonly Y: string } & Basics &
  Readonly<Record<string, number | string>>;

export type ComparisonRow = Readonly<Record<string, string | number | StatCell | IntervalCell>>;

export interface SectionDiagnostic {
  readonly severity: 'error' | 'warning' | 'info';
  /** `notebook.C3`, `notebook.C4`, `notebook.C5`, `notebook.raises`, `stats.notComputable`. */
  readonly code: string;
  readonly message: string;
}

export interface MadeComparisons {
  readonly basics: BasicsRow[];
  readonly basicsClean: BasicsRow[];
  readonly comparisons: ComparisonRow[];
  readonly comparisonsClean: ComparisonRow[];
  readonly diagnostics: SectionDiagnostic[];
}

/** The statistical keys of the notebook's `comparisons` dict, in its order, with their results. */
const STAT_KEYS: ReadonlyArray<readonly [string, keyof PairResults, readonly string[]]> = [
  ['Shapiro X', 'shapiroX', []],
  ['Shapiro Y', 'shapiroY', []],
  ['Brown-Forsythe', 'brownForsythe', []],
  ['Fligner', 'fligner', []],
  ['K-S', 'ks', ['statistic_location', 'statistic_sign']],
  ['Anderson-Darling', 'anderson', ['critical_values', 'significance_level']],
  ['Kruskal-Wallis', 'kruskal', []],
  ['Pearson X', 'pearsonX', []],
  ['Pearson Y', 'pearsonY', []],
];

/** The scipy calls of one `calculate_comparisons` + Pearson, in the order the notebook makes them. */
const CALL_ORDER: ReadonlyArray<readonly [keyof PairResults, string]> = [
  ['mannWhitney', 'scipy.stats.mannwhitneyu'],
  ['tTest', 'scipy.stats.ttest_ind'],
  ['shapiroX', 'scipy.stats.shapiro(X)'],
  ['shapiroY', 'scipy.stats.shapiro(Y)'],
  ['brownForsythe', 'scipy.stats.levene'],
  ['fligner', 'scipy.stats.fligner'],
  ['ks', 'scipy.stats.ks_2samp'],
  ['anderson', 'scipy.stats.anderson_ksamp'],
  ['kruskal', 'scipy.stats.kruskal'],
  ['pearsonX', 'scipy.stats.pearsonr(X)'],
  ['pearsonY', 'scipy.stats.pearsonr(Y)'],
];

function pick(result: object, fields: readonly string[]): Record<string, unknown> {
  const r = result as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const f of fields) if (f in r) out[f] = r[f];
  return out;
}

/** A result as the notebook stores it: scipy's fields, or scipy's own value, or the error. */
function notebookCell(result: TestResult, extra: readonly string[]): StatCell {
  if (result.ok)
    return { statistic: result.statistic, pvalue: result.pvalue, ...pick(result, extra) };
  const s = result.scipy;
  if (s?.kind === 'value') return { statistic: s.statistic, pvalue: s.pvalue };
  return { error: s?.kind === 'error' ? s.error : result.message };
}

function defaultCell(result: TestResult, extra: readonly string[]): StatCell {
  if (result.ok)
    return { statistic: result.statistic, pvalue: result.pvalue, ...pick(result, extra) };
  return { reason: result.reason, message: result.message };
}

function comparisonRow(c: ComparisonCase, pass: PassResult, profile: Profile): ComparisonRow {
  const cell = profile === 'notebook' ? notebookCell : defaultCell;
  const cmp = pass.comparisons;
  const row: Record<string, string | number | StatCell | IntervalCell> = {
    X: c.X,
    Y: c.Y,
    'len(X)': cmp['len(X)'],
    'len(Y)': cmp['len(Y)'],
    'U (MWU)': cmp['U (MWU)'],
    'p-value (MWU)': cmp['p-value (MWU)'],
    'effect size (MWU, rank-biserial correlation)':
      cmp['effect size (MWU, rank-biserial correlation)'],
    't (t-test)': cmp['t (t-test)'],
    'p-value (t-test)': cmp['p-value (t-test)'],
    "effect size (t-test, Cohen's d)": cmp["effect size (t-test, Cohen's d)"],
  };
  for (const [key, name, extra] of STAT_KEYS)
    row[key] = cell(pass.results[name] as TestResult, extra);
  return row;
}

function basicsRow(c: ComparisonCase, pass: PassResult): BasicsRow {
  return { X: c.X, Y: c.Y, ...pass.basics };
}

function intervalCell(i: Interval): IntervalCell {
  if (!i.ok) return { reason: i.reason, message: i.message };
  return { estimate: i.estimate, low: i.low, high: i.high, level: i.level, method: i.method };
}

/** Default-profile additions: intervals for the differences and the effect sizes. */
function withIntervals(
  basics: BasicsRow,
  row: ComparisonRow,
  x: readonly number[],
  y: readonly number[],
): { basics: BasicsRow; row: ComparisonRow } {
  const boot = bootstrapOptions(x.length + y.length);
  const mean = intervalCell(welchMeanDifferenceInterval(x, y));
  const effects = effectIntervals(x, y, boot);
  const median = intervalCell(effects.medianDifference);
  const lowHigh = (name: string, cell: IntervalCell): Record<string, number> =>
    'low' in cell
      ? { [`${name} CI low`]: cell.low, [`${name} CI high`]: cell.high }
      : {
          [`${name} CI low`]: NaN,
          [`${name} CI high`]: NaN,
        };
  return {
    basics: { ...basics, ...lowHigh('mean diff', mean), ...lowHigh('median diff', median) },
    row: {
      ...row,
      'mean diff CI': mean,
      'median diff CI': median,
      'shift (Hodges-Lehmann)': intervalCell(hodgesLehmann(x, y)),
      "effect size (t-test, Cohen's d) CI": intervalCell(effects.cohenD),
      'effect size (MWU, rank-biserial correlation) CI': intervalCell(effects.cliffsDelta),
    },
  };
}

/** Above this many values in a case, bootstrap intervals use the percentile method. */
export const BCA_MAX_VALUES = 1000;

/**
 * BCa needs a jackknife over every value (n statistics of O(n log n) each): right for the small
 * groups CPU bands usually hold, too slow for tests with thousands of segments, where the
 * percentile interval on 1000 resamples is accurate enough (Efron & Tibshirani 1993, §13–14).
 */
export function bootstrapOptions(values: number): BootstrapOptions {
  return values <= BCA_MAX_VALUES
    ? { method: 'bca', resamples: 2000 }
    : { method: 'percentile', resamples: 1000 };
}

/** Every call of one pass that scipy would raise on, in the notebook's order. */
function raisingCalls(pass: PassResult): Array<{ call: string; result: TestResult }> {
  const out: Array<{ call: string; result: TestResult }> = [];
  for (const [name, call] of CALL_ORDER) {
    const result = pass.results[name] as TestResult;
    if (!result.ok && result.scipy?.kind === 'error') out.push({ call, result });
  }
  return out;
}

function crashCode(call: string, result: TestResult): string {
  if (
    call.startsWith('scipy.stats.shapiro') &&
    !result.ok &&
    result.reason === 'too_few_observations'
  )
    return 'notebook.C4';
  if (call.startsWith('scipy.stats.pearsonr') && !result.ok && result.reason === 'length_mismatch')
    return 'notebook.C3';
  return 'notebook.raises';
}

/**
 * `std_diff / stdY` is a division of Python floats in `calculate_comparisons`: a constant Y
 * raises ZeroDivisionError (seen with pandas 1.5; a group of one value repeated by B8 is enough).
 * It comes after the scipy calls of the pass and before its Pearson calls.
 */
function zeroDivision(pass: PassResult): Array<{ call: string; error: string }> {
  return pass.basics['std(Y)'] === 0
    ? [{ call: 'std_diff / stdY', error: 'ZeroDivisionError: float division by zero' }]
    : [];
}

function passFailures(pass: PassResult): Array<{ call: string; error: string; code: string }> {
  const calls = raisingCalls(pass).map(({ call, result }) => ({
    call,
    error: !result.ok && result.scipy?.kind === 'error' ? result.scipy.error : '',
    code: crashCode(call, result),
  }));
  const beforePearson = calls.filter(c => !c.call.startsWith('scipy.stats.pearsonr'));
  const pearson = calls.filter(c => c.call.startsWith('scipy.stats.pearsonr'));
  const division = zeroDivision(pass).map(d => ({ ...d, code: 'notebook.raises' }));
  return [...beforePearson, ...division, ...pearson];
}

function notebookCrash(c: ComparisonCase, cmp: CaseComparison): SectionDiagnostic | undefined {
  const raw = passFailures(cmp.raw).map(r => ({ ...r, pass: 'raw' }));
  const clean = passFailures(cmp.clean).map(r => ({ ...r, pass: 'clean' }));
  const first = [...raw, ...clean][0];
  if (!first) return undefined;
  const error = first.error;
  return {
    severity: 'warning',
    code: first.code,
    message:
      `${c.X} vs ${c.Y} (${first.pass} pass): the notebook stops here with ${first.call} → ${error}; ` +
      'the tables are completed with the failing cells marked.',
  };
}

function notComputableNotes(c: ComparisonCase, cmp: CaseComparison): SectionDiagnostic[] {
  const notes: SectionDiagnostic[] = [];
  for (const [pass, result] of [
    ['raw', cmp.raw],
    ['clean', cmp.clean],
  ] as const)
    for (const [name, call] of CALL_ORDER) {
      const r = result.results[name] as TestResult;
      if (!r.ok)
        notes.push({
          severity: 'info',
          code: 'stats.notComputable',
          message: `${c.X} vs ${c.Y} (${pass} pass): ${call.replace('scipy.stats.', '')}: ${r.message}`,
        });
    }
  return notes;
}

/** `make_comparisons(cases, index)`: basics and comparisons tables, raw and clean. */
export function makeComparisons(
  cases: readonly ComparisonCase[],
  profile: Profile,
  options: { readonly qoe?: boolean } = {},
): MadeComparisons {
  const out: MadeComparisons = {
    basics: [],
    basicsClean: [],
    comparisons: [],
    comparisonsClean: [],
    diagnostics: [],
  };
  for (const c of cases) {
    const emptyGroup = c['len(X)'] === 0 || c['len(Y)'] === 0;
    if (emptyGroup) {
      out.diagnostics.push(emptyGroupDiagnostic(c, profile, options.qoe === true));
      continue;
    }
    const cmp = calculateComparisons(c.XSeries, c.YSeries, c.XSeriesCPU, c.YSeriesCPU, {
      cleanPearson: profile === 'notebook' ? 'notebook' : 'paired',
    });
    let basics = basicsRow(c, cmp.raw);
    let basicsClean = basicsRow(c, cmp.clean);
    let row = comparisonRow(c, cmp.raw, profile);
    let rowClean = comparisonRow(c, cmp.clean, profile);
    if (profile === 'default') {
      ({ basics, row } = withIntervals(basics, row, c.XSeries, c.YSeries));
      ({ basics: basicsClean, row: rowClean } = withIntervals(
        basicsClean,
        rowClean,
        cmp.outliersX.cleaned,
        cmp.outliersY.cleaned,
      ));
      out.diagnostics.push(...notComputableNotes(c, cmp));
    } else {
      const crash = notebookCrash(c, cmp);
      if (crash) out.diagnostics.push(crash);
    }
    out.basics.push(basics);
    out.basicsClean.push(basicsClean);
    out.comparisons.push(row);
    out.comparisonsClean.push(rowClean);
  }
  return out;
}

/** C5: the QoE cells draw a violin plot of both groups before checking that they are non-empty. */
function emptyGroupDiagnostic(
  c: ComparisonCase,
  profile: Profile,
  qoe: boolean,
): SectionDiagnostic {
  const which = c['len(X)'] === 0 ? c.X : c.Y;
  if (profile === 'notebook' && qoe)
    return {
      severity: 'warning',
      code: 'notebook.C5',
      message: `${c.X} vs ${c.Y}: group "${which}" is empty; the notebook's violin plot raises before its emptiness check. Case skipped.`,
    };
  return {
    severity: 'info',
    code: 'comparison.emptyGroup',
    message: `${c.X} vs ${c.Y}: group "${which}" is empty; case skipped (as the notebook does).`,
  };
}
