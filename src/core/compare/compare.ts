// One comparison: baseline test vs candidate test → comparability warnings, per-metric verdicts
// (overall and per CPU band), load knees and capacity of each test, failure taxonomy.
import { BANDS, type BandKey } from '../analysis/downstream/cpuBands';
import type { ConnectionStatsRow } from '../analysis/types';
import { comparability, type ComparabilityWarning } from './comparability';
import { capacityOf, loadKnee, type KneeResult, type Point } from './knee';
import { METRICS, metricSpec } from './metrics';
import type { MetricId, MetricSpec, MetricVerdict } from '../model/change';
import { COMPARE_BANDS, type CompareTest, type QosMetric } from './source';
import { failureTaxonomy, type Taxonomy } from './taxonomy';
import { connectedTimeline, maxConnected, usersConnectedAt, type LoadTimeline } from './timeline';
import { relativeCapacity } from './relativeCapacity';
import { configDiff, type ConfigDifference } from './configDiff';
import { crossRun, type CrossRun } from './crossRun';
import { runProgress, startedCount, type RunProgress } from './progress';
import {
  countVerdict,
  decide,
  testContinuous,
  testProportion,
  type CompareConfig,
  type Tested,
} from './verdict';
import { groupBy, maxOf, minOf } from '../../shared/arrays';
import type { Capacity, Knee, TestLoad } from '../../shared/loadResults';

export type { Capacity, Knee, TestLoad } from '../../shared/loadResults';

export interface LoadConfig {
  /** VMAF (0–100) the capacity statement guarantees as the median. */
  readonly capacityVmaf: number;
  /** Bootstrap resamples of the knee fits (and of the relative capacity). */
  readonly kneeResamples: number;
  /** VMAF points below the light-load level of the relative capacity (relativeCapacity.ts). */
  readonly capacityDrop: number;
}

export const DEFAULT_LOAD_CONFIG: LoadConfig = {
  capacityVmaf: 80,
  kneeResamples: 200,
  capacityDrop: 5,
};

/** One observation with the load it was made under. */
export interface Observation {
  readonly value: number;
  /** cpu_median of the segment. */
  readonly cpu: number;
  /** Users connected at the segment's start (connection time) or middle (QoE). */
  readonly users: number;
  /** That instant, s since the test start. */
  readonly time: number;
}

export type RowMetric = 'connectionTime' | 'vmaf' | 'visqol';

/** The notebook stores VMAF and ViSQOL as 0..1; reported as VMAF 0–100 and MOS 1–5. */
export function qoeScale(metric: 'vmaf' | 'visqol', v: number): number {
  return metric === 'vmaf' ? v * 100 : 1 + 4 * v;
}

export function rowObservations(
  rows: readonly ConnectionStatsRow[],
  tl: LoadTimeline = connectedTimeline(rows),
): Record<RowMetric, Observation[]> {
  const out: Record<RowMetric, Observation[]> = { connectionTime: [], vmaf: [], visqol: [] };
  for (const r of rows) {
    if (r.type === 'connectionStart')
      out.connectionTime.push({
        value: r.total_duration,
        cpu: r.cpu_median,
        users: usersConnectedAt(tl, r.start_time),
        time: r.start_time,
      });
    else if (r.type === 'QOE' && r.qoe !== undefined && r.qoe_metric) {
      const time = (r.start_time + r.end_time) / 2;
      out[r.qoe_metric].push({
        value: qoeScale(r.qoe_metric, r.qoe),
        cpu: r.cpu_median,
        users: usersConnectedAt(tl, time),
        time,
      });
    }
  }
  return out;
}

/**
 * One observation per connection attempt (a `connectionStart` row): 1 when the user's next
 * connection row is `connectionFail`, 0 when it is `connectionSuccess`; an attempt with neither
 * after it (the test ended) is left out. Its load is the users connected and the CPU when the
 * attempt started. The change-point model on these 0/1 values is a linear probability model:
 * its levels are failure probabilities.
 */
export function attemptObservations(
  rows: readonly ConnectionStatsRow[],
  tl: LoadTimeline = connectedTimeline(rows),
): Observation[] {
  const byUser = groupBy(
    rows.filter(r => r.type !== 'QOE'),
    r => r.full_user,
  );
  const out: Observation[] = [];
  for (const own of byUser.values()) {
    const sorted = [...own].sort((a, b) => a.start_time - b.start_time);
    sorted.forEach((r, i) => {
      if (r.type !== 'connectionStart') return;
      const next = sorted.slice(i + 1).find(n => n.type !== 'connectionStart');
      if (next?.type !== 'connectionFail' && next?.type !== 'connectionSuccess') return;
      out.push({
        value: next.type === 'connectionFail' ? 1 : 0,
        cpu: r.cpu_median,
        users: usersConnectedAt(tl, r.start_time),
        time: r.start_time,
      });
    });
  }
  return out.sort((a, b) => a.time - b.time);
}

/** Failed users of the users that started: user folders that never started do not dilute it. */
function failures(t: CompareTest): { failed: number; total: number } {
  return { failed: t.summary.failedUsers, total: startedCount(t) };
}

const QOS: readonly QosMetric[] = ['rtt', 'jitter', 'packetLoss', 'bitrate'];
const isQos = (id: MetricId): id is QosMetric => (QOS as readonly string[]).includes(id);

/** Every metric tested over the observations kept by `keep` (all of them, or one CPU band). */
function testFamily(
  b: CompareTest,
  c: CompareTest,
  ob: Record<RowMetric, Observation[]>,
  oc: Record<RowMetric, Observation[]>,
  keep: ((o: Observation) => boolean) | null,
  config: CompareConfig,
): MetricVerdict[] {
  const values = (o: Observation[]): number[] => (keep ? o.filter(keep) : o).map(x => x.value);
  const tested: Tested[] = [];
  for (const spec of METRICS as readonly MetricSpec[]) {
    if (spec.kind === 'count') continue;
    if (spec.kind === 'proportion') {
      if (keep === null) tested.push(testProportion(spec, failures(b), failures(c), config));
    } else if (isQos(spec.id)) {
      const id = spec.id;
      const [x, y] =
        keep === null
          ? [[...(b.qos?.[id] ?? [])], [...(c.qos?.[id] ?? [])]]
          : [values([...(b.qosBands?.[id] ?? [])]), values([...(c.qosBands?.[id] ?? [])])];
      tested.push(testContinuous(spec, x, y, config));
    } else {
      const id = spec.id as RowMetric;
      tested.push(testContinuous(spec, values(ob[id]), values(oc[id]), config));
    }
  }
  return decide(tested, config);
}

export interface BandVerdicts {
  readonly band: BandKey;
  readonly label: string;
  readonly verdicts: MetricVerdict[];
}

function kneeOf(
  metric: Knee['metric'],
  load: Knee['load'],
  r: KneeResult,
  follows: Knee['follows'],
  followsMargin: number | null,
): Knee {
  const { fit, resampled: _r, ...rest } = r;
  return {
    metric,
    load,
    ...rest,
    follows,
    followsMargin,
    fit: fit ? { kind: fit.kind, a: fit.a, b: fit.b, changes: fit.changes } : null,
  };
}

type LoadKey = 'users' | 'cpu';

/**
 * The knees of one metric against users and against CPU, made consistent: the change follows the
 * load whose selected model fits better (lower BIC: same observations, so comparable); the knee
 * against the other load is that load at the same instants (`loadAtKnee`), not its own fit,
 * which a lagging load (the node's CPU trails the users by ~15 s) would place elsewhere.
 */
function metricKnees(
  metric: Knee['metric'],
  obs: Observation[],
  byLoad: Record<LoadKey, KneeResult>,
): Knee[] {
  const { users, cpu } = byLoad;
  const found = users.knee !== null || cpu.knee !== null;
  const follows: LoadKey | null = !found
    ? null
    : cpu.knee === null ||
        (users.knee !== null && (users.fit?.bic ?? Infinity) <= (cpu.fit?.bic ?? Infinity))
      ? 'users'
      : 'cpu';
  const other: LoadKey = follows === 'users' ? 'cpu' : 'users';
  const margin = followsMargin(users, cpu);
  return (['users', 'cpu'] as const).map(load => {
    const r = byLoad[load];
    if (follows === null || load !== other) return kneeOf(metric, load, r, follows, margin);
    const lead = byLoad[follows];
    const at = (v: number | null): number | null => loadAtKnee(obs, follows, load, v);
    const range = (k: number | null, lo: number | null, hi: number | null) =>
      loadRange(obs, follows, load, k === null ? null : [lo ?? k, hi ?? k], at(k));
    const [low, high] = range(lead.knee, lead.low, lead.high);
    const [low2, high2] = range(lead.knee2, lead.low2, lead.high2);
    return kneeOf(
      metric,
      load,
      {
        ...r,
        knee: at(lead.knee),
        low,
        high,
        knee2: at(lead.knee2),
        low2,
        high2,
        model: lead.model,
      },
      follows,
      margin,
    );
  });
}

/**
 * How much better the load the change follows fits: the BIC difference of the two loads'
 * selected models when both show a knee (null otherwise: then only one load shows the change).
 * Below 2 the evidence is "not worth more than a bare mention" (Kass & Raftery 1995).
 */
function followsMargin(users: KneeResult, cpu: KneeResult): number | null {
  if (users.knee === null || cpu.knee === null || !users.fit || !cpu.fit) return null;
  return Math.abs(users.fit.bic - cpu.fit.bic);
}

/**
 * Interval of load `to` at the instants of an interval of load `from`: the least and greatest
 * `to` over the observations whose `from` lies in it (and the translated knee itself).
 */
function loadRange(
  obs: readonly Observation[],
  from: LoadKey,
  to: LoadKey,
  interval: [number, number] | null,
  knee: number | null,
): [number | null, number | null] {
  if (interval === null || knee === null) return [null, null];
  const [lo, hi] = interval;
  const inside = obs.filter(o => o[from] >= lo && o[from] <= hi).map(o => o[to]);
  return [Math.min(knee, ...inside), Math.max(knee, ...inside)];
}

/**
 * Load `to` at the instants where load `from` first reaches `v`: the median of `to` over the
 * observations at or past `v` nearest to it (all those at `v` itself, at least 2 % of them, ≥ 3).
 */
export function loadAtKnee(
  obs: readonly Observation[],
  from: LoadKey,
  to: LoadKey,
  v: number | null,
): number | null {
  if (v === null) return null;
  const past = obs.filter(o => o[from] >= v).sort((p, q) => p[from] - q[from]);
  if (past.length === 0) return null;
  const m = Math.max(3, Math.ceil(0.02 * obs.length));
  const first = past[0]?.[from] as number;
  const atFirst = past.filter(o => o[from] === first).length;
  const take = past
    .slice(0, Math.max(m, atFirst))
    .map(o => o[to])
    .sort((p, q) => p - q);
  const h = take.length >> 1;
  return take.length % 2
    ? (take[h] as number)
    : ((take[h - 1] as number) + (take[h] as number)) / 2;
}

function quantile(sorted: number[], p: number): number | null {
  return sorted.length
    ? (sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] as number)
    : null;
}

/** Knees and capacities of a test: `loadOfRows` plus the capacity against its light-load VMAF. */
export function testLoad(t: CompareTest, config: CompareConfig, load: LoadConfig): TestLoad {
  return testLoadOfRows(t.rows, config, load);
}

/**
 * `testLoad` from the test's `connection_stats` rows alone (all it reads): plain data in and out,
 * so a worker can fit a test's knees (their bootstrap is most of a comparison's time).
 */
export function testLoadOfRows(
  rows: readonly ConnectionStatsRow[],
  config: CompareConfig,
  load: LoadConfig,
): TestLoad {
  const vmaf = rowObservations(rows).vmaf;
  return {
    ...loadOfRows(rows, config, load),
    relativeCapacity: relativeCapacity(vmaf, load.capacityDrop, {
      resamples: load.kneeResamples,
      seed: config.seed,
    }),
  };
}

/** Knees and capacity from a test's `connection_stats` rows (all `testLoad` needs). */
export function loadOfRows(
  rows: readonly ConnectionStatsRow[],
  config: CompareConfig,
  load: LoadConfig,
): TestLoad {
  const tl = connectedTimeline(rows);
  const obs = rowObservations(rows, tl);
  const points = (o: Observation[], x: 'users' | 'cpu'): Point[] =>
    o.map(v => ({ x: v[x], y: v.value }));
  const opts = (worse: 'up' | 'down') => ({
    worse,
    resamples: load.kneeResamples,
    seed: config.seed,
    alpha: config.alpha,
  });
  const fit = (o: Observation[], worse: 'up' | 'down'): Record<LoadKey, KneeResult> => ({
    users: loadKnee(points(o, 'users'), opts(worse)),
    cpu: loadKnee(points(o, 'cpu'), opts(worse)),
  });
  const vmaf = fit(obs.vmaf, 'down');
  vmaf.users = widenBySpan(vmaf.users, obs.vmaf, qoeUserSpans(rows, tl));
  const vmafUsers = vmaf.users;
  const attempts = attemptObservations(rows, tl);
  const knees = [
    ...metricKnees('vmaf', obs.vmaf, vmaf),
    ...metricKnees('visqol', obs.visqol, fit(obs.visqol, 'down')),
    ...metricKnees('connectionTime', obs.connectionTime, fit(obs.connectionTime, 'up')),
    ...metricKnees('failure', attempts, fit(attempts, 'up')),
  ];
  return {
    maxUsers: Math.max(0, maxOf(obs.vmaf.map(o => o.users))),
    knees,
    capacity: capacity(vmafUsers, obs.vmaf, load.capacityVmaf),
  };
}

/**
 * Users connected over each VMAF QoE segment (its start to its end), in `rowObservations`' order:
 * a segment's load is read at its middle, but its quality was measured across its whole span.
 */
function qoeUserSpans(rows: readonly ConnectionStatsRow[], tl: LoadTimeline): [number, number][] {
  return rows
    .filter(r => r.type === 'QOE' && r.qoe !== undefined && r.qoe_metric === 'vmaf')
    .map(r => {
      const at = [r.start_time, (r.start_time + r.end_time) / 2, r.end_time - 1e-6];
      const users = at.map(t => usersConnectedAt(tl, t));
      return [Math.min(...users), Math.max(...users)];
    });
}

/**
 * A users knee's intervals reach the users connected over the segments inside them: a change
 * seen at segments read at N users may have started anywhere in the load those segments spanned.
 */
function widenBySpan(
  r: KneeResult,
  obs: readonly Observation[],
  spans: readonly [number, number][],
): KneeResult {
  const widen = (lo: number | null, hi: number | null): [number | null, number | null] => {
    if (lo === null || hi === null) return [lo, hi];
    let [a, b] = [lo, hi];
    obs.forEach((o, i) => {
      const s = spans[i];
      if (s && o.users >= lo && o.users <= hi) [a, b] = [Math.min(a, s[0]), Math.max(b, s[1])];
    });
    return [a, b];
  };
  const [low, high] = widen(r.low, r.high);
  const [low2, high2] = widen(r.low2, r.high2);
  return { ...r, low, high, low2, high2 };
}

function capacity(r: KneeResult, vmaf: Observation[], limit: number): Capacity | null {
  if (!r.fit || vmaf.length === 0) return null;
  const users = vmaf.map(o => o.users);
  const lo = minOf(users);
  const hi = maxOf(users);
  const point = capacityOf(r.fit, limit, lo, hi);
  const boot = r.resampled
    .map(f => capacityOf(f, limit, lo, hi).value)
    .filter((v): v is number => v !== null)
    .sort((p, q) => p - q);
  const low = quantile(boot, 0.025);
  const high = quantile(boot, 0.975);
  const n = point.value;
  const statement =
    n === null
      ? `median VMAF is below ${limit} from the lightest observed load (${lo} users)`
      : `up to ${point.censored ? '≥ ' : ''}${n} users per media node with median VMAF ≥ ${limit}` +
        (low !== null && high !== null ? ` (95 % bootstrap interval ${low}–${high})` : '');
  return { vmaf: limit, users: n, low, high, censored: point.censored, statement };
}

export interface TestRef {
  readonly root: string;
  readonly test: string;
}

export interface Comparison {
  readonly baseline: TestRef;
  readonly candidate: TestRef;
  readonly comparability: ComparabilityWarning[];
  readonly overall: MetricVerdict[];
  readonly bands: BandVerdicts[];
  readonly load: { readonly baseline: TestLoad; readonly candidate: TestLoad };
  readonly failures: { readonly baseline: Taxonomy; readonly candidate: Taxonomy };
  /** Users started against planned, stop reason, stopped early (progress.ts). */
  readonly progress: { readonly baseline: RunProgress; readonly candidate: RunProgress };
  /** Parameters of the log's start-up block and topology lines that differ (configDiff.ts). */
  readonly configDiff: ConfigDifference[];
  /** Users and causes failing in both runs, only the baseline, only the candidate (crossRun.ts). */
  readonly crossRun: CrossRun;
}

function logConfig(t: CompareTest): Parameters<typeof configDiff>[0] {
  return t.data.log ?? { config: t.summary.config };
}

/** Users reached (started) of the candidate against the baseline's; failing when it stopped early. */
function usersReached(b: RunProgress, c: RunProgress): MetricVerdict {
  return countVerdict(metricSpec('usersReached'), b.started, c.started, c.stoppedEarly);
}

/** The overall family with users reached after the failure rate (the metrics' order). */
function withUsersReached(overall: MetricVerdict[], reached: MetricVerdict): MetricVerdict[] {
  const at = overall.findIndex(v => v.metric === 'failureRate') + 1;
  return [...overall.slice(0, at), reached, ...overall.slice(at)];
}

/** Both sides' knees and capacities (`testLoad`). */
export type PairLoads = Comparison['load'];

/** A comparison of two tests: the verdicts, failures and progress, then both tests' knees. */
export function compareTests(
  b: CompareTest,
  c: CompareTest,
  config: CompareConfig,
  load: LoadConfig,
): Comparison {
  return withLoads(comparisonParts(b, c, config), {
    baseline: testLoad(b, config, load),
    candidate: testLoad(c, config, load),
  });
}

/** A comparison without its knees, which take most of its time and can be fitted elsewhere. */
export type ComparisonParts = Omit<Comparison, 'load'>;

/** The comparison with both tests' knees, its fields in the order of `Comparison` (verdict.json). */
export function withLoads(parts: ComparisonParts, loads: PairLoads): Comparison {
  const { baseline, candidate, comparability, overall, bands, ...rest } = parts;
  return { baseline, candidate, comparability, overall, bands, load: loads, ...rest };
}

/** Everything `compareTests` says but the knees (`testLoad`, fitted apart, e.g. on workers). */
export function comparisonParts(
  b: CompareTest,
  c: CompareTest,
  config: CompareConfig,
): ComparisonParts {
  const ob = rowObservations(b.rows);
  const oc = rowObservations(c.rows);
  const bands = COMPARE_BANDS.map(key => {
    const band = BANDS.find(x => x.key === key);
    const keep = (o: Observation): boolean => band?.test(o.cpu) ?? false;
    return {
      band: key,
      label: band?.label ?? key,
      verdicts: testFamily(b, c, ob, oc, keep, config),
    };
  }).filter(x => x.verdicts.some(v => v.n[0] > 0 && v.n[1] > 0));
  const progress = {
    baseline: runProgress(b, maxConnected(connectedTimeline(b.rows))),
    candidate: runProgress(c, maxConnected(connectedTimeline(c.rows))),
  };
  const overall = testFamily(b, c, ob, oc, null, config);
  const failures = { baseline: failureTaxonomy(b), candidate: failureTaxonomy(c) };
  return {
    baseline: { root: b.root, test: b.name },
    candidate: { root: c.root, test: c.name },
    comparability: comparability(b, c, progress),
    overall: withUsersReached(overall, usersReached(progress.baseline, progress.candidate)),
    bands,
    failures,
    progress,
    configDiff: configDiff(logConfig(b), logConfig(c)),
    crossRun: crossRun(failures.baseline.points, failures.candidate.points),
  };
}
