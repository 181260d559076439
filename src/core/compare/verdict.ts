// Verdict of one metric between a baseline and a candidate: the test the data warrant, the
// effect size with its 95 % interval, power against the minimum effect, and the verdict after
// Holm's correction across the metrics of one family.
import {
  cliffsDelta,
  cliffsDeltaInterval,
  holm,
  hodgesLehmann,
  mannWhitneyU,
  median,
  power,
  shapiro,
  welchTTest,
  type Interval,
} from '../stats';
import { bootstrapOptions } from '../analysis/downstream/comparisons';
import { proportionPower, twoProportionTest } from './proportion';
import {
  directionVerdict,
  type ChangeVerdict,
  type EffectInterval,
  type MetricSpec,
  type MetricVerdict,
} from '../model/change';

export interface CompareConfig {
  /** Family-wise significance level (Holm). */
  readonly alpha: number;
  /** Smallest effect worth detecting: Cohen's d (continuous) or Cohen's h (failure rate). */
  readonly minEffect: number;
  /** Power required to call a non-significant result "no detectable change". */
  readonly targetPower: number;
  /** A regression fails the run (exit code) when |Cliff's δ| reaches this. */
  readonly failDelta: number;
  /** … or, for the failure rate, when the candidate's rate is higher by this many points (0..1). */
  readonly failRateIncrease: number;
  /** Seed of the bootstrap generator. */
  readonly seed: number;
}

export const DEFAULT_CONFIG: CompareConfig = {
  alpha: 0.05,
  minEffect: 0.5,
  targetPower: 0.8,
  failDelta: 0.147,
  failRateIncrease: 0.05,
  seed: 20240607,
};

/** The pre-Holm part: everything but pAdjusted, verdict and threshold. */
type Tested = Omit<MetricVerdict, 'pAdjusted' | 'verdict' | 'beyondThreshold' | 'power'> & {
  /** Power as a function of the per-test level. */
  readonly powerAt: (alpha: number) => number;
  /** +1 candidate larger, −1 smaller, 0 no difference. */
  readonly sign: number;
};

const finite = (v: number[]): number[] => v.filter(Number.isFinite);

function interval(i: Interval): EffectInterval | null {
  return i.ok ? { estimate: i.estimate, low: i.low, high: i.high } : null;
}

/**
 * Cliff's delta with its bootstrap interval. When every resample gives the same δ — complete
 * separation (δ = ±1, every candidate value above or below every baseline value) or samples that
 * do not differ at all (δ = 0) — the bootstrap has no spread: the interval is δ at both ends, and
 * δ itself is exact. (Left null, a complete separation — the clearest regression there is — read
 * as no effect.)
 */
function cliffsWithInterval(
  c: number[],
  b: number[],
  boot: Parameters<typeof cliffsDeltaInterval>[2],
): EffectInterval | null {
  const bootstrapped = interval(cliffsDeltaInterval(c, b, boot));
  if (bootstrapped) return bootstrapped;
  const d = cliffsDelta(c, b);
  if (!d.ok || !(Math.abs(d.estimate) === 1 || d.estimate === 0)) return null;
  return { estimate: d.estimate, low: d.estimate, high: d.estimate };
}

/** Welch when both samples pass Shapiro–Wilk at 5 % (3 ≤ n ≤ 5000), else Mann–Whitney. */
export function chooseTest(
  x: readonly number[],
  y: readonly number[],
): { test: 'welch' | 'mann-whitney'; reason: string } {
  const normal = (v: readonly number[]): number | null => {
    if (v.length < 3 || v.length > 5000) return null;
    const r = shapiro(v as number[]);
    return r.ok ? r.pvalue : null;
  };
  const px = normal(x);
  const py = normal(y);
  if (px !== null && py !== null && px >= 0.05 && py >= 0.05)
    return {
      test: 'welch',
      reason: `both samples look normal (Shapiro–Wilk p = ${px.toPrecision(2)}, ${py.toPrecision(2)})`,
    };
  const why =
    px === null || py === null
      ? 'normality not checkable (n < 3 or > 5000)'
      : `Shapiro–Wilk rejects normality (p = ${px.toPrecision(2)}, ${py.toPrecision(2)})`;
  return { test: 'mann-whitney', reason: why };
}

function base(
  spec: MetricSpec,
  n: [number, number],
): Pick<MetricVerdict, 'metric' | 'label' | 'unit' | 'better' | 'n'> {
  return { metric: spec.id, label: spec.label, unit: spec.unit, better: spec.better, n };
}

function notTested(spec: MetricSpec, n: [number, number], reason: string): Tested {
  return {
    ...base(spec, n),
    test: 'none',
    testReason: reason,
    statistic: null,
    pvalue: null,
    baseline: null,
    candidate: null,
    cliffsDelta: null,
    shift: null,
    rateDifference: null,
    powerAt: () => 0,
    sign: 0,
  };
}

/** Two samples of a continuous metric (candidate vs baseline). */
export function testContinuous(
  spec: MetricSpec,
  baselineValues: number[],
  candidateValues: number[],
  config: CompareConfig,
): Tested {
  const b = finite(baselineValues);
  const c = finite(candidateValues);
  const n: [number, number] = [b.length, c.length];
  if (b.length < 2 || c.length < 2)
    return notTested(spec, n, `too few observations (${b.length} baseline, ${c.length} candidate)`);
  const { test, reason } = chooseTest(b, c);
  const result = test === 'welch' ? welchTTest(c, b) : mannWhitneyU(c, b);
  const boot = { ...bootstrapOptions(b.length + c.length), seed: config.seed };
  const cliffs = cliffsWithInterval(c, b, boot);
  const shift = interval(hodgesLehmann(c, b));
  const meanSign = Math.sign(
    c.reduce((s, v) => s + v, 0) / c.length - b.reduce((s, v) => s + v, 0) / b.length,
  );
  const sign = test === 'welch' ? meanSign : Math.sign(cliffs?.estimate ?? shift?.estimate ?? 0);
  return {
    ...base(spec, n),
    test,
    testReason: result.ok ? reason : `${reason}; not computable: ${result.message}`,
    statistic: result.ok ? result.statistic : null,
    pvalue: result.ok ? result.pvalue : result.reason === 'all_values_identical' ? 1 : null,
    baseline: median(b),
    candidate: median(c),
    cliffsDelta: cliffs,
    shift,
    rateDifference: null,
    powerAt: alpha =>
      power(config.minEffect, b.length, c.length, {
        alpha,
        test: test === 'welch' ? 't' : 'mannwhitney',
      }),
    sign,
  };
}

/** A failure rate: k failed of n (candidate vs baseline). */
export function testProportion(
  spec: MetricSpec,
  baseline: { failed: number; total: number },
  candidate: { failed: number; total: number },
  config: CompareConfig,
): Tested {
  const n: [number, number] = [baseline.total, candidate.total];
  if (baseline.total === 0 || candidate.total === 0) return notTested(spec, n, 'no users');
  const t = twoProportionTest(candidate.failed, candidate.total, baseline.failed, baseline.total);
  return {
    ...base(spec, n),
    test: 'two-proportion',
    testReason: 'pooled two-proportion z test (χ² without continuity correction)',
    statistic: t.z,
    pvalue: t.pvalue,
    baseline: baseline.failed / baseline.total,
    candidate: candidate.failed / candidate.total,
    cliffsDelta: null,
    shift: null,
    rateDifference: { estimate: t.difference, low: t.low, high: t.high },
    powerAt: alpha => proportionPower(config.minEffect, baseline.total, candidate.total, alpha),
    sign: Math.sign(t.difference),
  };
}

/**
 * A count with one value per test (users reached): compared as it is — fewer is regressed when
 * `better` is higher — with no test, p-value or power. `failing`: a regression that fails the
 * run (for users reached: the candidate stopped early).
 */
export function countVerdict(
  spec: MetricSpec,
  baseline: number,
  candidate: number,
  failing: boolean,
): MetricVerdict {
  const sign = Math.sign(candidate - baseline);
  const worse = spec.better === 'higher' ? sign < 0 : sign > 0;
  const verdict: ChangeVerdict =
    sign === 0 ? 'no detectable change' : worse ? 'regressed' : 'improved';
  const {
    powerAt: _p,
    sign: _s,
    ...rest
  } = notTested(spec, [1, 1], 'one count per test, compared as it is');
  return {
    ...rest,
    baseline,
    candidate,
    pAdjusted: null,
    power: null,
    verdict,
    beyondThreshold: verdict === 'regressed' && failing,
  };
}

/** Holm across the family, then each verdict with its power at α/m. */
export function decide(tested: readonly Tested[], config: CompareConfig): MetricVerdict[] {
  const adjusted = holm(tested.map(t => t.pvalue ?? NaN));
  const m = Math.max(1, tested.filter(t => t.pvalue !== null).length);
  return tested.map((t, i) => {
    const { powerAt: _p, sign, ...rest } = t;
    const pAdjusted = Number.isFinite(adjusted[i]) ? (adjusted[i] as number) : null;
    const pw = t.test === 'none' ? null : t.powerAt(config.alpha / m);
    const verdict = changeVerdictOf(t, pAdjusted, pw, sign, config);
    return {
      ...rest,
      pAdjusted,
      power: pw,
      verdict,
      beyondThreshold: verdict === 'regressed' && beyond(t, config),
    };
  });
}

function changeVerdictOf(
  t: Tested,
  pAdjusted: number | null,
  pw: number | null,
  sign: number,
  config: CompareConfig,
): ChangeVerdict {
  if (t.n[0] === 0 || t.n[1] === 0) return 'no data';
  if (pAdjusted !== null && pAdjusted < config.alpha && sign !== 0)
    return directionVerdict(t.better, sign);
  if (pAdjusted === null || pw === null || pw < config.targetPower) return 'underpowered';
  return 'no detectable change';
}

function beyond(t: Tested, config: CompareConfig): boolean {
  if (t.rateDifference) return t.rateDifference.estimate >= config.failRateIncrease;
  return Math.abs(t.cliffsDelta?.estimate ?? 0) >= config.failDelta;
}

export type { Tested };
