// What `loadtest-lens report` draws for each test of a root (src/shared/reportModel.ts): decimated
// connection progression, CPU and QoE points, the load knees and capacity, the failure taxonomy.
// Pure: from loaded tests.
import { testLoad, rowObservations, type LoadConfig, type TestLoad } from '../compare/compare';
import { curveAt } from '../compare/knee';
import type { CompareTest } from '../compare/source';
import { failureTaxonomy } from '../compare/taxonomy';
import { connectedTimeline, maxConnected, usersConnectedAt } from '../compare/timeline';
import { progressText, runProgress } from '../compare/progress';
import { logParameters } from '../compare/configDiff';
import type { CompareConfig } from '../compare/verdict';
import { maxOf } from '../../shared/arrays';
import type { FailurePoint, Taxonomy } from '../../shared/loadResults';
import { connectedOrNull } from '../analysis/testSummary';
import type { ReportTest } from '../../shared/reportModel';

/** Points per time series and per scatter in the page (the file stays small for long tests). */
export const MAX_SERIES_POINTS = 600;
export const MAX_SCATTER_POINTS = 1500;

/** Every k-th index so that at most `max` remain (the last one always kept). */
export function strideIndices(n: number, max: number): number[] {
  if (n <= max) return Array.from({ length: n }, (_, i) => i);
  const step = n / max;
  const out: number[] = [];
  for (let i = 0; i < max; i++) out.push(Math.floor(i * step));
  if (out[out.length - 1] !== n - 1) out.push(n - 1);
  return out;
}

/** Min and max of each of `buckets` equal-count buckets, in time order. */
export function minMaxDecimate(
  t: ArrayLike<number>,
  v: ArrayLike<number>,
  buckets: number,
): { t: number[]; v: number[] } {
  const n = t.length;
  if (n <= 2 * buckets) return { t: Array.from(t), v: Array.from(v) };
  const outT: number[] = [];
  const outV: number[] = [];
  for (let b = 0; b < buckets; b++) {
    const from = Math.floor((b * n) / buckets);
    const to = Math.floor(((b + 1) * n) / buckets);
    let lo = from;
    let hi = from;
    for (let i = from; i < to; i++) {
      if ((v[i] as number) < (v[lo] as number)) lo = i;
      if ((v[i] as number) > (v[hi] as number)) hi = i;
    }
    for (const i of lo <= hi ? [lo, hi] : [hi, lo]) {
      outT.push(t[i] as number);
      outV.push(v[i] as number);
    }
  }
  return { t: outT, v: outV };
}

/** Users connected and failure lines so far at every change, decimated. */
export function progression(test: CompareTest): ReportTest['progression'] {
  const tl = connectedTimeline(test.rows);
  const start = test.testStart ?? test.summary.start ?? 0;
  const fails = test.summary.sessions
    .flatMap(s => s.users.flatMap(u => u.failures.map(f => (f.time - start) / 1000)))
    .sort((a, b) => a - b);
  const times = [...new Set([...tl.starts, ...tl.ends, ...fails])].sort((a, b) => a - b);
  const keep = strideIndices(times.length, MAX_SERIES_POINTS);
  const t = keep.map(i => times[i] as number);
  let k = 0;
  const failures = t.map(x => {
    while (k < fails.length && (fails[k] as number) <= x) k++;
    return k;
  });
  return { t, users: t.map(x => usersConnectedAt(tl, x)), failures };
}

/** The node's CPU (%) against s since the test start, min/max-decimated. */
export function cpuSeries(test: CompareTest): ReportTest['cpu'] {
  const node = test.summary.node;
  if (!node) return { t: [], cpu: [] };
  const start = test.testStart ?? test.summary.start ?? 0;
  const t: number[] = [];
  const v: number[] = [];
  node.time.forEach((time, i) => {
    const c = node.cpu[i] as number;
    if (Number.isFinite(c)) {
      t.push((time - start) / 1000);
      v.push(c * 100);
    }
  });
  const d = minMaxDecimate(t, v, MAX_SERIES_POINTS / 2);
  return { t: d.t, cpu: d.v };
}

/** `tl`: the test's knees and capacities when fitted elsewhere (the CLI fits them on its workers). */
export function reportTest(
  test: CompareTest,
  config: CompareConfig,
  load: LoadConfig,
  tl: TestLoad = testLoad(test, config, load),
): ReportTest {
  const obs = rowObservations(test.rows).vmaf;
  const keep = strideIndices(obs.length, MAX_SCATTER_POINTS);
  const progress = runProgress(test, maxConnected(connectedTimeline(test.rows)));
  const fit = tl.knees.find(k => k.metric === 'vmaf' && k.load === 'users')?.fit ?? null;
  const maxUsers = Math.max(0, maxOf(obs.map(o => o.users)));
  const curveUsers = Array.from({ length: maxUsers + 1 }, (_, i) => i);
  const tax: { -readonly [K in keyof Taxonomy]: Taxonomy[K] } = failureTaxonomy(test);
  if (tax.points.length > MAX_SCATTER_POINTS)
    tax.points = strideIndices(tax.points.length, MAX_SCATTER_POINTS).map(
      i => tax.points[i] as FailurePoint,
    );
  return {
    name: test.name,
    platform: test.summary.platform,
    users: test.summary.userCount,
    connected: connectedOrNull(test.summary),
    failedUsers: test.summary.failedUsers,
    failureLines: test.summary.failureLines,
    durationSeconds: test.summary.durationSeconds ?? null,
    progression: progression(test),
    cpu: cpuSeries(test),
    qoe: { users: keep.map(i => obs[i]?.users ?? 0), vmaf: keep.map(i => obs[i]?.value ?? 0) },
    vmafCurve: fit ? { users: curveUsers, vmaf: curveUsers.map(u => curveAt(fit, u)) } : null,
    load: tl,
    progress,
    progressText: progressText(progress),
    failures: tax,
    parameters: logParameters(test.data.log ?? { config: test.summary.config }).map(e => ({
      section: e.section,
      key: e.key,
      value: e.value,
    })),
  };
}
