// verdict.json: the versioned document `loadtest-lens compare` writes (schema in docs/compare.md).
import type { Comparison, LoadConfig } from './compare';
import type { CompareTest } from './source';
import type { CompareConfig } from './verdict';

export const VERDICT_SCHEMA = 'loadtest-lens/verdict';
/** 2: knees are change-point models (`model`, `jump`, `knee2`, `follows`; `fit` as changes). */
export const VERDICT_VERSION = 2;

export interface Regression {
  readonly baseline: string;
  readonly candidate: string;
  readonly metric: string;
  readonly scope: string;
}

export interface VerdictDocument {
  readonly schema: typeof VERDICT_SCHEMA;
  readonly version: typeof VERDICT_VERSION;
  readonly config: CompareConfig & LoadConfig;
  readonly method: Readonly<Record<string, string>>;
  readonly comparisons: readonly Comparison[];
  /** Regressions beyond the configured thresholds (overall scope): non-empty → exit code 1. */
  readonly failing: readonly Regression[];
}

export const METHOD_NOTES: Readonly<Record<string, string>> = {
  test: 'Welch t test when both samples pass Shapiro–Wilk at 5 % (3 ≤ n ≤ 5000), otherwise Mann–Whitney U (two-sided, scipy semantics); failure rate: pooled two-proportion z test.',
  effect:
    "Cliff's δ of candidate vs baseline with a seeded bootstrap interval (BCa up to 1000 values, else percentile); Hodges–Lehmann shift candidate − baseline with its distribution-free interval; failure rate: difference with Newcombe's hybrid score interval.",
  correction: 'Holm across the metrics of one family (overall; each CPU band is its own family).',
  power:
    "Underpowered when not significant and the power to detect minEffect (Cohen's d; Cohen's h for the failure rate) at α/m is below targetPower: normal approximation to the noncentral t (Mann–Whitney: n scaled by the ARE 3/π); rates: Φ(|h|·√(n1·n2/(n1+n2)) − z₁₋α/₂).",
  knee: 'Change-point model of the metric against users and against CPU, chosen by BIC (Schwarz 1978; every coefficient and change point counted) among line, hinge (change of slope), step (change of level), step+hinge and two changes, each by least squares over the observed loads (≥ 5 % of the points, ≥ 4, each side of a change); Hampel outliers (5 scaled MADs from the moving median) left out. A knee is reported when a change model beats the line and its change goes the degrading way; knee2 is a second degrading change. 95 % interval: wild bootstrap of the residuals around the selected model, the selection re-run on every resample, percentiles widened to the neighbouring candidate loads (users: and to the users connected over the QoE segments inside). follows: the load whose model has the lower BIC; the knee against the other load is that load at the same instants.',
  capacity:
    'Largest user count whose fitted VMAF (the VMAF-vs-users segmented regression) stays ≥ the limit at every load up to it; interval from the bootstrap fits; "≥" when the limit is never crossed within the observed load.',
  relativeCapacity:
    'Light-load level = median VMAF of the QoE segments with users connected ≤ lo + 0.2·(hi − lo) of the observed range (at least the 5 lightest); segments binned by users connected (≥ 10 per bin, consecutive counts); capacity = the highest count of the last bin before the first whose median VMAF < level − capacityDrop ("≥" when none); 95 % percentile bootstrap over resampled segments (kneeResamples).',
  progress:
    "Users planned = sessions × users per session from the log's topology lines; users started = an event in events.json or a creation line in the log; stop reason = without retry mode the first failure line; in retry mode (whose retry times the log does not print) the first line with the highest count when fewer users started than planned, as the probable stop; or a log without its end line. Users reached (started) is compared as a count: fewer is regressed, beyond threshold when the candidate stopped early. The failure rate's denominator is the users that started.",
  noData: 'A metric with no observation on one side is "no data" (not "underpowered").',
  configDiff:
    "The controller log's parameter block (secrets redacted) and topology lines: every parameter that differs or that one side lacks.",
  crossRun:
    'Users (session/user) and failure causes failing in both runs, only in the baseline, only in the candidate; uniquePercent = 100 · (only baseline + only candidate) / union (the second seed notebook\'s "unique to one device" fraction).',
  load: "Users connected = connectionSuccess intervals of connection_stats containing the instant (segment start for connection time, middle for QoE); CPU = the segment's cpu_median.",
  failures:
    "Each 'failed N times' log line, classified by the user's last exception / disconnection event in the 30 s before it.",
};

export function failingRegressions(comparisons: readonly Comparison[]): Regression[] {
  return comparisons.flatMap(c =>
    c.overall
      .filter(v => v.beyondThreshold)
      .map(v => ({
        baseline: c.baseline.test,
        candidate: c.candidate.test,
        metric: v.metric,
        scope: 'overall',
      })),
  );
}

export function verdictDocument(
  comparisons: readonly Comparison[],
  config: CompareConfig,
  load: LoadConfig,
): VerdictDocument {
  return {
    schema: VERDICT_SCHEMA,
    version: VERDICT_VERSION,
    config: { ...config, ...load },
    method: METHOD_NOTES,
    comparisons,
    failing: failingRegressions(comparisons),
  };
}

/**
 * Which tests to compare: an explicit pair, else the names both sides have (or `names`), else the
 * only test of each side. A string is the reason no pair could be formed.
 */
export function pairTests(
  baseline: readonly CompareTest[],
  candidate: readonly CompareTest[],
  select: {
    readonly names?: readonly string[];
    readonly baselineTest?: string;
    readonly candidateTest?: string;
  },
): Array<[CompareTest, CompareTest]> | string {
  const find = (list: readonly CompareTest[], name: string): CompareTest | undefined =>
    list.find(t => t.name === name);
  if (select.baselineTest || select.candidateTest) {
    const b = select.baselineTest
      ? find(baseline, select.baselineTest)
      : baseline.length === 1
        ? baseline[0]
        : undefined;
    const c = select.candidateTest
      ? find(candidate, select.candidateTest)
      : candidate.length === 1
        ? candidate[0]
        : undefined;
    if (!b) return `baseline test ${select.baselineTest ?? '(one test expected)'} not found`;
    if (!c) return `candidate test ${select.candidateTest ?? '(one test expected)'} not found`;
    return [[b, c]];
  }
  const names = select.names ?? baseline.map(t => t.name).filter(n => find(candidate, n));
  const pairs: Array<[CompareTest, CompareTest]> = [];
  for (const n of names) {
    const b = find(baseline, n);
    const c = find(candidate, n);
    if (b && c) pairs.push([b, c]);
  }
  if (pairs.length) return pairs;
  if (!select.names && baseline.length === 1 && candidate.length === 1)
    return [[baseline[0] as CompareTest, candidate[0] as CompareTest]];
  return 'no test to compare: no test name is on both sides (use --baseline-test / --candidate-test)';
}
