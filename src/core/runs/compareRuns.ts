/**
 * Two of today's controller runs (or two test cases) compared with statistics: per matching test
 * case (same topology and participants), each platform metric's steady-window mean, candidate −
 * baseline, with a circular block-bootstrap interval (the samples of a series are autocorrelated:
 * src/core/stats/blockBootstrap.ts), Holm across the metrics of a test case, and the verdict
 * vocabulary of the notebook comparison (improved / regressed / no detectable change /
 * underpowered, and "no data" when a side has no samples). Test cases that do not match are
 * listed with the reason; an invalid or suspect side is flagged beside its verdicts; the YAML
 * keys that differ are listed with the comparison (configDiff.ts).
 */
import { basename } from 'node:path';
import { holm } from '../stats';
import { blockBootstrapMeanDifference, type MeanDifference } from '../stats/blockBootstrap';
import { studentTQuantileTwoSided } from '../stats/intervals';
import { studentTSf } from '../stats/special';
import { directionVerdict, type ChangeVerdict, type EffectInterval } from '../model/change';
import type { MetricPoint } from '../model/run';
import { seriesNamed } from './analysis';
import { configDiff, type ConfigDifference } from './configDiff';
import { topologyKey } from './configYaml';
import { meanPerRole, secondFrom } from './loadCurves';
import type { RunData, ScenarioData } from './run';
import type { RunSummary, ScenarioSummary } from './summary';

export const RUN_COMPARE_SCHEMA = 'loadtest-lens/run-compare';
export const RUN_COMPARE_VERSION = 1;

export interface RunCompareConfig {
  /** Family-wise level (Holm across the metrics of one test case). */
  readonly alpha: number;
  /** Smallest change worth detecting, as a fraction of the baseline's mean (power; failing). */
  readonly minChange: number;
  /** Power needed to call a non-significant result "no detectable change". */
  readonly targetPower: number;
  readonly resamples: number;
  readonly seed: number;
}

export const DEFAULT_RUN_COMPARE: RunCompareConfig = {
  alpha: 0.05,
  minChange: 0.05,
  targetPower: 0.8,
  resamples: 2000,
  seed: 20240607,
};

/** A metric of the platform, `cpu <role>` for node CPU averaged over the role's nodes. */
export interface RunMetricSpec {
  readonly id: string;
  readonly label: string;
  readonly better: 'higher' | 'lower';
}

/** The platform metrics judged, in the table's order. */
export const RUN_METRICS: readonly RunMetricSpec[] = [
  { id: 'participants', label: 'participants', better: 'higher' },
  { id: 'quality_score', label: 'quality score', better: 'higher' },
  { id: 'packet_loss', label: 'packet loss', better: 'lower' },
  { id: 'rtt_p95', label: 'RTT p95', better: 'lower' },
  { id: 'jitter_p95', label: 'jitter p95', better: 'lower' },
  { id: 'nack_rate', label: 'NACK rate', better: 'lower' },
  { id: 'pli_rate', label: 'PLI rate', better: 'lower' },
  { id: 'bandwidth_in', label: 'bandwidth in', better: 'higher' },
  { id: 'bandwidth_out', label: 'bandwidth out', better: 'higher' },
  { id: 'cpu medianode', label: 'CPU media nodes', better: 'lower' },
  { id: 'cpu masternode', label: 'CPU master node', better: 'lower' },
  { id: 'memory medianode', label: 'memory media nodes', better: 'lower' },
];

export type RunChangeVerdict = ChangeVerdict | 'no data';

export interface RunMetricVerdict {
  readonly metric: string;
  readonly label: string;
  readonly unit: string;
  readonly better: 'higher' | 'lower';
  /** Samples in each steady window (baseline, candidate). */
  readonly n: readonly [number, number];
  /** Steady-window means. */
  readonly baseline: number | null;
  readonly candidate: number | null;
  /** Candidate − baseline mean, 95 % block-bootstrap interval. */
  readonly difference: EffectInterval | null;
  /** The difference as a fraction of the baseline's mean. */
  readonly relative: number | null;
  readonly se: number | null;
  readonly df: number | null;
  readonly blockLength: readonly [number, number] | null;
  readonly pvalue: number | null;
  readonly pAdjusted: number | null;
  /** Power to detect a change of `minChange` × the baseline mean at α/m. */
  readonly power: number | null;
  readonly verdict: RunChangeVerdict;
  /** A regression of at least `minChange` of the baseline's mean: fails the comparison. */
  readonly beyondThreshold: boolean;
  /** Why "no data" or "underpowered" without a test. */
  readonly reason?: string;
}

export interface CaseSide {
  /** `<folder name>/<run id>`. */
  readonly run: string;
  readonly index: number;
  readonly label: string;
  readonly validity: ScenarioSummary['validity']['verdict'];
  /** Titles of the checks that made it invalid or suspect. */
  readonly problems: readonly string[];
  readonly steady?: {
    readonly start: number;
    readonly end: number;
    readonly basis: string;
  };
}

export interface CasePair {
  /** `N:N 16`: the topology and participants both sides share. */
  readonly key: string;
  readonly baseline: CaseSide;
  readonly candidate: CaseSide;
  /** What to keep in mind reading the verdicts: an invalid side, other sessions… */
  readonly flags: readonly string[];
  readonly verdicts: readonly RunMetricVerdict[];
}

export interface Unmatched {
  readonly side: 'baseline' | 'candidate';
  readonly run: string;
  readonly index: number;
  readonly label: string;
  readonly reason: string;
}

export interface RunComparison {
  readonly schema: typeof RUN_COMPARE_SCHEMA;
  readonly version: typeof RUN_COMPARE_VERSION;
  readonly config: RunCompareConfig;
  readonly method: Readonly<Record<string, string>>;
  readonly baseline: { readonly folder: string; readonly run: string; readonly case?: number };
  readonly candidate: { readonly folder: string; readonly run: string; readonly case?: number };
  /** YAML keys that differ (secrets redacted). */
  readonly configDiff: readonly ConfigDifference[];
  readonly pairs: readonly CasePair[];
  readonly unmatched: readonly Unmatched[];
  /** Regressions beyond the threshold: the exit code's reason. */
  readonly failing: readonly { readonly case: string; readonly metric: string }[];
}

export const RUN_METHOD: Readonly<Record<string, string>> = {
  window:
    "each test case's steady window (participants ≥ 95 % of their peak; docs/today.md), its samples in time order; node CPU and memory: the mean over the role's nodes per second",
  effect: 'candidate − baseline steady-window mean',
  interval:
    'circular block bootstrap of each series (Politis & Romano 1992; Künsch 1989), blocks of ⌈2·n^(1/3)⌉ samples (at most n/2); estimate ± t·se, t on the number of whole blocks − 1',
  test: 'two-sided Student t of the difference over its bootstrap se, on the same degrees of freedom; Holm across the metrics of a test case',
  power:
    'to detect a change of minChange × the baseline mean at α/m (shifted central t); "no detectable change" needs ≥ targetPower',
  threshold: 'a regression fails the comparison when |difference| ≥ minChange × |baseline mean|',
};

/** A side of the comparison: a run read and summarised, optionally one test case of it. */
export interface RunSide {
  readonly run: RunData;
  readonly summary: RunSummary;
  /** The report's test case index (`Test Case N`): only that one. */
  readonly only?: number;
}

function runName(run: RunData): string {
  return `${basename(run.folder)}/${run.id}`;
}

/** `N:N 16`: what a test case must share with another to be compared. */
export function caseKey(s: ScenarioData): string {
  const topology = topologyKey(s.report.topology ?? s.config?.topology ?? '?');
  const participants = (s.report.participantsPerSession ?? s.config?.participants ?? '?').replace(
    /\s+/g,
    '',
  );
  return `${topology} ${participants}`;
}

/** The values of a metric inside the steady window, in time order; undefined: no such series. */
export function steadySamples(
  s: ScenarioData,
  metric: string,
  window: { start: number; end: number } | undefined,
): { values: number[]; unit: string } | undefined {
  const [name, role] = metric.split(' ');
  if (role !== undefined) {
    const origin = s.windowStart ?? 0;
    const group = meanPerRole(s.series, name!, origin).find(g => g.role === role);
    if (!group) return undefined;
    if (!window) return { values: [], unit: group.nodes[0]!.unit };
    const from = secondFrom(origin, window.start);
    const to = secondFrom(origin, window.end);
    const values = group.points.filter(([t]) => t >= from && t <= to).map(([, v]) => v);
    return { values, unit: group.nodes[0]!.unit };
  }
  const series = seriesNamed(s, metric);
  if (!series) return undefined;
  const inWindow = (p: MetricPoint): boolean =>
    window !== undefined && p.t >= window.start && p.t <= window.end;
  const values = [...series.points]
    .filter(inWindow)
    .sort((a, b) => a.t - b.t)
    .map(p => p.v);
  return { values, unit: series.unit };
}

function side(run: RunData, s: ScenarioData, summary: ScenarioSummary): CaseSide {
  return {
    run: runName(run),
    index: s.report.index,
    label: summary.label,
    validity: summary.validity.verdict,
    problems: summary.validity.checks
      .filter(c => c.status === 'invalid' || c.status === 'suspect')
      .map(c => c.title),
    ...(summary.steady
      ? {
          steady: {
            start: summary.steady.start,
            end: summary.steady.end,
            basis: summary.steady.basis,
          },
        }
      : {}),
  };
}

/**
 * Power of the two-sided t test (df) at level `alpha` to detect `effect` given `se`; without
 * noise (se = 0: both series constant) any change would stand out, so 1.
 */
export function shiftedTPower(effect: number, se: number, df: number, alpha: number): number {
  if (!(se > 0)) return 1;
  const crit = studentTQuantileTwoSided(alpha, df);
  const ncp = Math.abs(effect) / se;
  return studentTSf(crit - ncp, df) + studentTSf(crit + ncp, df);
}

interface Measured {
  readonly spec: RunMetricSpec;
  readonly unit: string;
  readonly n: [number, number];
  readonly means: [number | null, number | null];
  readonly result?: MeanDifference;
  readonly reason?: string;
}

const meanOrNull = (v: readonly number[]): number | null =>
  v.length ? v.reduce((a, x) => a + x, 0) / v.length : null;

function measure(
  spec: RunMetricSpec,
  b: ScenarioData,
  bs: ScenarioSummary,
  c: ScenarioData,
  cs: ScenarioSummary,
  config: RunCompareConfig,
): Measured | undefined {
  const x = steadySamples(b, spec.id, bs.steady);
  const y = steadySamples(c, spec.id, cs.steady);
  if (!x && !y) return undefined;
  const bv = x?.values ?? [];
  const cv = y?.values ?? [];
  const base = {
    spec,
    unit: x?.unit ?? y?.unit ?? '',
    n: [bv.length, cv.length] as [number, number],
    means: [meanOrNull(bv), meanOrNull(cv)] as [number | null, number | null],
  };
  const missing = (
    [
      ['baseline', x, bs],
      ['candidate', y, cs],
    ] as const
  )
    .map(([name, got, summary]) =>
      !got
        ? `the ${name} has no ${spec.id} series`
        : !summary.steady
          ? `the ${name} has no steady window`
          : got.values.length === 0
            ? `the ${name} has no ${spec.id} sample in its steady window`
            : undefined,
    )
    .filter((m): m is string => m !== undefined);
  if (missing.length) return { ...base, reason: missing.join('; ') };
  const result = blockBootstrapMeanDifference(bv, cv, {
    resamples: config.resamples,
    seed: config.seed,
  });
  if (!result)
    return {
      ...base,
      reason: `too few samples for two blocks (${bv.length} baseline, ${cv.length} candidate)`,
    };
  return { ...base, result };
}

function verdictOf(
  m: Measured,
  pAdjusted: number | null,
  power: number | null,
  config: RunCompareConfig,
): RunChangeVerdict {
  if (!m.result) return m.n[0] === 0 || m.n[1] === 0 ? 'no data' : 'underpowered';
  const sign = Math.sign(m.result.estimate);
  if (pAdjusted !== null && pAdjusted < config.alpha && sign !== 0)
    return directionVerdict(m.spec.better, sign);
  return power !== null && power >= config.targetPower ? 'no detectable change' : 'underpowered';
}

/** Holm across the tested metrics, then each verdict (power at α/m, m = metrics tested). */
function decideCase(measured: readonly Measured[], config: RunCompareConfig): RunMetricVerdict[] {
  const adjusted = holm(measured.map(m => m.result?.pvalue ?? NaN));
  const m = Math.max(1, measured.filter(x => x.result).length);
  return measured.map((x, i) => {
    const r = x.result;
    const pAdjusted = r && Number.isFinite(adjusted[i]) ? adjusted[i]! : null;
    const scale = Math.abs(r?.means[0] ?? 0) || Math.abs(r?.means[1] ?? 0);
    const power = r ? shiftedTPower(config.minChange * scale, r.se, r.df, config.alpha / m) : null;
    const verdict = verdictOf(x, pAdjusted, power, config);
    const relative = r && r.means[0] !== 0 ? r.estimate / Math.abs(r.means[0]) : null;
    return {
      metric: x.spec.id,
      label: x.spec.label,
      unit: x.unit,
      better: x.spec.better,
      n: x.n,
      baseline: x.means[0],
      candidate: x.means[1],
      difference: r ? { estimate: r.estimate, low: r.low, high: r.high } : null,
      relative,
      se: r?.se ?? null,
      df: r?.df ?? null,
      blockLength: r?.blockLength ?? null,
      pvalue: r?.pvalue ?? null,
      pAdjusted,
      power,
      verdict,
      beyondThreshold:
        verdict === 'regressed' && !!r && Math.abs(r.estimate) >= config.minChange * scale,
      ...(x.reason ? { reason: x.reason } : {}),
    };
  });
}

function flagsOf(b: ScenarioData, bs: CaseSide, c: ScenarioData, cs: CaseSide): string[] {
  const flags: string[] = [];
  for (const [name, s, data] of [
    ['baseline', bs, b],
    ['candidate', cs, c],
  ] as const) {
    if (s.validity !== 'valid')
      flags.push(`${name} is ${s.validity.toUpperCase()}: ${s.problems.join('; ')}`);
    if (!s.steady) flags.push(`${name} has no steady window: every metric is "no data"`);
    else if (s.steady.basis === 'estimated')
      flags.push(`${name}'s steady window is estimated (no platform participants curve)`);
    if (data.series.some(x => x.origin === 'sparkline'))
      flags.push(
        `${name}'s platform metrics are rebuilt from the report's sparklines (no Elasticsearch export): 0.3 % of their range, estimated times`,
      );
  }
  const sb = b.report.sessionsCreated;
  const sc = c.report.sessionsCreated;
  if (sb !== undefined && sc !== undefined && sb !== sc)
    flags.push(`sessions created differ: ${sb} baseline, ${sc} candidate`);
  return flags;
}

interface Case {
  readonly data: ScenarioData;
  readonly summary: ScenarioSummary;
}

function casesOf(s: RunSide): Case[] {
  return s.run.scenarios
    .map((data, i) => ({ data, summary: s.summary.scenarios[i]! }))
    .filter(x => s.only === undefined || x.data.report.index === s.only);
}

/** `N:N 4 × 6 sessions`: the key, with the configured sessions when the configuration has them. */
function describeCase(c: Case): string {
  const sessions = c.data.config?.sessions;
  return sessions === undefined ? caseKey(c.data) : `${caseKey(c.data)} × ${sessions} sessions`;
}

/**
 * Same experiment: same topology and participants, and the same configured sessions when both
 * configurations say (ONE_SESSION topologies ignore them). The sessions *created* may differ (a
 * candidate that stopped early): that is a result, flagged, not a mismatch.
 */
function sameCase(x: Case, y: Case): boolean {
  if (caseKey(x.data) !== caseKey(y.data)) return false;
  const a = x.data.config?.sessions;
  const b = y.data.config?.sessions;
  return a === undefined || b === undefined || a === b || caseKey(x.data).startsWith('ONE_SESSION');
}

/**
 * Pairs the test cases: each baseline case (only the one asked for with #N) with the candidate's
 * next unpaired case of the same topology, participants and configured sessions, in order.
 */
function pairCases(b: RunSide, c: RunSide): { pairs: [Case, Case][]; unmatched: Unmatched[] } {
  const bc = casesOf(b);
  const cc = casesOf(c);
  const pairs: [Case, Case][] = [];
  const free = [...cc];
  const unmatched: Unmatched[] = [];
  const other = (list: readonly Case[]): string =>
    list.length ? list.map(describeCase).join(', ') : 'none';
  for (const x of bc) {
    const at = free.findIndex(y => sameCase(x, y));
    if (at >= 0) pairs.push([x, free.splice(at, 1)[0]!]);
    else
      unmatched.push({
        side: 'baseline',
        run: runName(b.run),
        index: x.data.report.index,
        label: x.summary.label,
        reason: `no candidate test case with ${describeCase(x)} (candidate has ${other(cc)})`,
      });
  }
  for (const y of free)
    unmatched.push({
      side: 'candidate',
      run: runName(c.run),
      index: y.data.report.index,
      label: y.summary.label,
      reason: `no baseline test case with ${describeCase(y)} (baseline has ${other(bc)})`,
    });
  return { pairs, unmatched };
}

export function compareRuns(
  baseline: RunSide,
  candidate: RunSide,
  config: RunCompareConfig = DEFAULT_RUN_COMPARE,
): RunComparison {
  const { pairs, unmatched } = pairCases(baseline, candidate);
  const compared: CasePair[] = pairs.map(([b, c]) => {
    const measured = RUN_METRICS.map(spec =>
      measure(spec, b.data, b.summary, c.data, c.summary, config),
    ).filter((m): m is Measured => m !== undefined);
    const bs = side(baseline.run, b.data, b.summary);
    const cs = side(candidate.run, c.data, c.summary);
    return {
      key: caseKey(b.data),
      baseline: bs,
      candidate: cs,
      flags: flagsOf(b.data, bs, c.data, cs),
      verdicts: decideCase(measured, config),
    };
  });
  const ends = (s: RunSide): RunComparison['baseline'] => ({
    folder: s.run.folder,
    run: s.run.id,
    ...(s.only !== undefined ? { case: s.only } : {}),
  });
  return {
    schema: RUN_COMPARE_SCHEMA,
    version: RUN_COMPARE_VERSION,
    config,
    method: RUN_METHOD,
    baseline: ends(baseline),
    candidate: ends(candidate),
    configDiff: configDiff(baseline.summary.config, candidate.summary.config),
    pairs: compared,
    unmatched,
    failing: compared.flatMap(p =>
      p.verdicts
        .filter(v => v.beyondThreshold)
        .map(v => ({ case: `${p.candidate.label}`, metric: v.metric })),
    ),
  };
}
