/**
 * The notebook's QoS cells: `separate_stats` (the eight per-test QoS tables, read by the stats
 * ingest, rows in the notebook's `os.scandir` order of users) and `avg_qos_intervals` (per-user
 * averages over 1 s bins, which the notebook only plots, B19).
 */
import { join } from 'node:path';
import { FolderBoundary } from '../../source/insideRoot';
import { mergeQosTables, type QosTables } from '../../ingest/stats';
import { stampOf } from '../../ingest/readFailure';
import { diagnostic, type Diagnostic } from '../../model/diagnostic';
import type { ParseRunner, ParseTask, RunOptions } from '../../ingest/tasks';
import { readScanOrder } from '../segments';
import type { Profile } from '../types';

type StatsTask = Extract<ParseTask, { kind: 'stats' }>;

/** A test's stats.json files found and sized, ready to be parsed (`runStatsPlan`). */
export interface StatsPlan {
  readonly tasks: ReadonlyArray<{ readonly task: StatsTask; readonly bytes: number }>;
  readonly boundary: FolderBoundary;
  /** stats.json paths that exist but are no file to read (a folder, a FIFO) or cannot be stat'ed. */
  readonly problems: readonly Diagnostic[];
}

/**
 * The files `separate_stats(index_list_name)` reads: every user's stats.json, in `os.scandir`
 * order. The `user` and `session` columns are the folder names, as the notebook's
 * `get_index_data` takes them; the notebook profile keeps LiveKit's duplicated peer-connection
 * rows, default drops them. A user folder without stats.json is skipped (a run may record the
 * stats of some users only); one whose stats.json cannot be read is reported.
 */
export async function planStats(statsDir: string, profile: Profile): Promise<StatsPlan> {
  const boundary = new FolderBoundary(statsDir);
  const order = await readScanOrder(statsDir, boundary);
  const tasks: Array<{ task: StatsTask; bytes: number }> = [];
  const problems: Diagnostic[] = [];
  for (const dirs of order) {
    const file = join(statsDir, dirs, 'stats.json');
    const [session, user] = dirs.split('/') as [string, string];
    const stamp = await stampOf(file, boundary, problems);
    if (stamp)
      tasks.push({
        task: { kind: 'stats', file, user, session, dedupe: profile === 'default' },
        bytes: stamp.size,
      });
  }
  return { tasks, boundary, problems };
}

/**
 * The QoS tables of a plan: its files parsed on the runner's workers (one or two files per
 * worker at a time, so memory stays bounded by the tables), merged in plan order. Every file is
 * handed to the runner at once. `background`: the files are parsed when the runner has nothing
 * else to do (`analyze` starts every test's QoS tables first, to parse them while it reads the
 * rest of the root).
 */
export async function runStatsPlan(
  plan: StatsPlan,
  runner: ParseRunner,
  options: Pick<RunOptions, 'background'> = {},
): Promise<QosTables | undefined> {
  // No file to read: no tables, unless something there could not be read, which is said.
  if (!plan.tasks.length && !plan.problems.length && !plan.boundary.diagnostics.length)
    return undefined;
  const parts = await Promise.all(
    plan.tasks.map(t => runner.run(t.task, undefined, { ...options, bytes: t.bytes })),
  );
  const tables = mergeQosTables(parts);
  tables.diagnostics.push(...plan.problems, ...plan.boundary.diagnostics);
  return tables;
}

/** `separate_stats(index_list_name)`: the eight QoS tables of a test's stats folder. */
export async function separateStats(
  statsDir: string,
  runner: ParseRunner,
  profile: Profile,
): Promise<QosTables | undefined> {
  return runStatsPlan(await planStats(statsDir, profile), runner);
}

/**
 * Notebook profile: where the notebook's `separate_stats` raises (C6). Its `add_user_data`
 * computes `packetLoss = packetsLost / (packetsSent + packetsReceived)` on every report that has
 * `packetsLost` and either counter: a report with only one of them (a browser's inbound-rtp has
 * no packetsSent) raises KeyError, one whose counters sum to 0 ZeroDivisionError, and the
 * notebook writes no QoS table of the test. Said once per test; the tables are written as the
 * stats ingest builds them.
 */
export function separateStatsRaises(tables: QosTables, statsDir: string): Diagnostic[] {
  const n = tables.counts.packetLossUncomputable;
  if (n === 0) return [];
  const message = `The notebook stops in separate_stats here (C6): its add_user_data computes packetLoss = packetsLost / (packetsSent + packetsReceived) on every report with packetsLost and either counter, and ${n} report(s) have only one of them (a browser's inbound-rtp has no packetsSent: KeyError) or none to divide by, so it writes no QoS table. The QoS tables are written as the stats ingest builds them, without packetLoss on those rows.`;
  return [diagnostic('warning', 'notebook.C6', statsDir, message)];
}

export interface QosInterval {
  readonly start: number;
  readonly end: number;
  readonly value: number;
}

/** Python's Decimal addition at `getcontext().prec = 9` (9 significant digits). */
const decimal9 = (x: number): number => (Number.isFinite(x) ? Number(x.toPrecision(9)) : x);

/**
 * `avg_qos_intervals(stats, full_user, metric)` on one user's samples (`times` in seconds since
 * the test start, `values` of `metric`).
 *
 * Notebook: samples sorted by time; for bitrate/packetRate only values > 0; 1 s bins starting
 * at the first sample (pandas resample of a TimedeltaIndex); each bin's mean is the Decimal sum
 * (every addition rounded to 9 digits) divided by the count as a float; empty bins dropped; a bin
 * is labelled with its start truncated to whole seconds and runs to the next kept bin's label;
 * the last kept bin is dropped.
 * Default: bins on whole seconds (`floor(t)`), plain float means, each bin [s, s + 1], the last
 * bin kept, NaN samples skipped.
 */
export function avgQosIntervals(
  times: readonly number[],
  values: readonly number[],
  metric: string,
  profile: Profile,
): QosInterval[] {
  const positiveOnly = metric.includes('bitrate') || metric.includes('packetRate');
  const samples = times
    .map((t, i) => ({ t, v: values[i] as number }))
    .filter(s => !Number.isNaN(s.t) && !Number.isNaN(s.v) && (!positiveOnly || s.v > 0))
    .sort((a, b) => a.t - b.t);
  if (!samples.length) return [];
  const notebook = profile === 'notebook';
  const t0 = notebook ? Math.round((samples[0] as { t: number }).t * 1e9) : 0;
  const bins = new Map<number, { sum: number; n: number }>();
  for (const s of samples) {
    const k = notebook ? Math.floor((Math.round(s.t * 1e9) - t0) / 1e9) : Math.floor(s.t);
    const b = bins.get(k);
    if (!b) bins.set(k, { sum: s.v, n: 1 });
    else {
      b.sum = notebook ? decimal9(b.sum + s.v) : b.sum + s.v;
      b.n++;
    }
  }
  const kept = [...bins.entries()].sort((a, b) => a[0] - b[0]);
  const label = (k: number): number => (notebook ? Math.trunc((t0 + k * 1e9) / 1e9) : k);
  const out: QosInterval[] = [];
  kept.forEach(([k, b], i) => {
    const next = kept[i + 1];
    if (notebook && !next) return;
    out.push({
      start: label(k),
      end: notebook && next ? label(next[0]) : k + 1,
      value: b.sum / b.n,
    });
  });
  return out;
}
