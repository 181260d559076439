// Loads the tests to compare from result roots: summary, connection_stats rows (default profile),
// per-user QoS medians and the batch settings, from one ingest per root.
import { summarizeRoot } from '../analysis/rootSummary';
import { connectionStatsRows, readScanOrder, stampTime } from '../analysis/segments';
import type { TestSummary } from '../analysis/testSummary';
import type { ConnectionStatsRow } from '../analysis/types';
import { testBatch, type BatchConfig } from '../ingest/batches';
import type { TestData } from '../ingest/ingestRoot';
import type { ParseRunner } from '../ingest/tasks';
import type { FileCache } from '../ingest/fileCache';
import { isNumberColumn, numberAt, type Column, type NumberColumn } from '../ingest/stats/columns';
import type { QosTable, QosTables } from '../ingest/stats/model';
import type { Diagnostic } from '../model/diagnostic';
import { median } from '../stats';
import { BANDS, type BandKey } from '../analysis/downstream/cpuBands';
import { upperBound } from '../model/sortedSearch';
import type { NodeSeries } from '../model/test';
import type { Observation } from './compare';

export type QosMetric = 'rtt' | 'jitter' | 'packetLoss' | 'bitrate';

/** Disjoint CPU bands (cpu_median): < 0.8, 0.8–0.9, 0.9–0.95, ≥ 0.95. */
export const COMPARE_BANDS: readonly BandKey[] = ['lt80', 'from80to90', 'from90to95', 'from95'];

export interface CompareTest {
  readonly root: string;
  readonly name: string;
  readonly summary: TestSummary;
  readonly rows: readonly ConnectionStatsRow[];
  /** Per-user medians of each QoS metric (one value per stats.json that has the metric). */
  readonly qos: Readonly<Record<QosMetric, readonly number[]>> | null;
  /**
   * The same per user and CPU band: the median of the user's reports made while the media
   * node's CPU was in the band, at their median CPU (for the verdicts within a band).
   */
  readonly qosBands?: Readonly<Record<QosMetric, readonly Observation[]>> | null;
  readonly batch?: BatchConfig;
  /** Epoch ms of the log's `Starting test with` line (connection_stats' time 0), if any. */
  readonly testStart?: number;
  readonly data: TestData;
  readonly diagnostics: readonly Diagnostic[];
}

export interface LoadedRoot {
  readonly root: string;
  readonly tests: CompareTest[];
  readonly diagnostics: readonly Diagnostic[];
}

function numberColumn(t: QosTable, name: string): NumberColumn | undefined {
  const c: Column | undefined = t.columns.find(col => col.name === name);
  return c && isNumberColumn(c) ? c : undefined;
}

/** Median per stats source of `value(row)` over the rows where it is finite (and kept). */
function perSourceMedians(t: QosTable, sources: number, value: (r: number) => number): number[] {
  const bySource: number[][] = Array.from({ length: sources }, () => []);
  for (let r = 0; r < t.rows; r++) {
    const v = value(r);
    if (Number.isFinite(v)) bySource[t.source[r] as number]?.push(v);
  }
  return bySource.filter(v => v.length > 0).map(v => median(v));
}

/** Reads one QoS metric of a table: the value of row r in its unit (NaN when absent). */
type QosReader = { readonly table: QosTable; readonly value: (r: number) => number } | undefined;

/** The reader of each metric: RTT and jitter in ms, loss in %, bitrate in kbit/s (> 0 only). */
function qosReaders(q: QosTables): Record<QosMetric, QosReader> {
  const inbound = q.tables.inbound_video;
  const remote = q.tables.remote_inbound_video;
  const rtt = numberColumn(remote, 'roundTripTime');
  const jitter = numberColumn(inbound, 'jitter');
  const bitrate = numberColumn(inbound, 'bitrate');
  return {
    rtt: rtt && { table: remote, value: r => numberAt(rtt, r) * 1000 },
    jitter: jitter && { table: inbound, value: r => numberAt(jitter, r) * 1000 },
    packetLoss: { table: inbound, value: r => (inbound.lossRatio[r] as number) * 100 },
    bitrate: bitrate && {
      table: inbound,
      value: r => {
        const v = numberAt(bitrate, r);
        return v > 0 ? v / 1000 : NaN;
      },
    },
  };
}

/** The media node's CPU (0–1) at epoch ms `t`: the last sample at or before it, else the first. */
function cpuAt(node: NodeSeries, t: number): number {
  const i = upperBound(node.time, t) - 1;
  return node.cpu[Math.max(0, i)] ?? NaN;
}

/**
 * Per stats source and compare band, the median of the source's values reported while the CPU
 * was in the band, observed at the median of those CPU samples.
 */
function perSourceBandObservations(reader: QosReader, node: NodeSeries): Observation[] {
  if (!reader) return [];
  const { table, value } = reader;
  const stamp = numberColumn(table, 'timestamp');
  if (!stamp) return [];
  const bands = COMPARE_BANDS.map(key => BANDS.find(b => b.key === key)?.test ?? (() => false));
  const groups = new Map<string, { values: number[]; cpus: number[] }>();
  for (let r = 0; r < table.rows; r++) {
    const v = value(r);
    const cpu = cpuAt(node, numberAt(stamp, r));
    const band = bands.findIndex(test => test(cpu));
    if (!Number.isFinite(v) || band < 0) continue;
    const key = `${table.source[r]}\u0000${band}`;
    const g = groups.get(key) ?? { values: [], cpus: [] };
    g.values.push(v);
    g.cpus.push(cpu);
    groups.set(key, g);
  }
  return [...groups.values()].map(g => ({
    value: median(g.values),
    cpu: median(g.cpus),
    users: NaN,
    time: NaN,
  }));
}

/** Each metric's per-source medians within each CPU band (empty without CPU samples). */
export function qosBandObservations(
  q: QosTables,
  node: NodeSeries | undefined,
): Record<QosMetric, Observation[]> {
  const readers = qosReaders(q);
  const of = (m: QosMetric) =>
    node && node.time.length > 0 ? perSourceBandObservations(readers[m], node) : [];
  return {
    rtt: of('rtt'),
    jitter: of('jitter'),
    packetLoss: of('packetLoss'),
    bitrate: of('bitrate'),
  };
}

/** RTT and jitter in ms, loss in %, bitrate in kbit/s (> 0 only, as the notebook). */
export function qosMedians(q: QosTables): Record<QosMetric, number[]> {
  const readers = qosReaders(q);
  const of = (m: QosMetric): number[] => {
    const reader = readers[m];
    return reader ? perSourceMedians(reader.table, q.sources.length, reader.value) : [];
  };
  return {
    rtt: of('rtt'),
    jitter: of('jitter'),
    packetLoss: of('packetLoss'),
    bitrate: of('bitrate'),
  };
}

export async function loadRoot(
  root: string,
  options: {
    readonly tests?: readonly string[];
    readonly runner?: ParseRunner;
    /** Parsed files shared with other readers (the extension's): unchanged files are not read again. */
    readonly cache?: FileCache;
  },
): Promise<LoadedRoot> {
  const summary = await summarizeRoot(root, {
    logTimezone: 'auto',
    keepData: true,
    stats: { dedupe: true },
    ...(options.tests ? { tests: options.tests } : {}),
    ...(options.runner ? { runner: options.runner } : {}),
    ...(options.cache ? { cache: options.cache } : {}),
  });
  const data = summary.data;
  const tests: CompareTest[] = [];
  for (const t of summary.tests) {
    const d = data?.tests.find(x => x.location.name === t.name);
    if (!d) continue;
    const batch = testBatch(data?.batches, d.location);
    const scanOrder = d.location.statsDir ? await readScanOrder(d.location.statsDir) : undefined;
    const r = connectionStatsRows(d, 'default', {
      logTimezone: 'auto',
      ...(data?.batches ? { batches: data.batches } : {}),
      ...(scanOrder ? { scanOrder } : {}),
    });
    tests.push({
      root,
      name: t.name,
      summary: t,
      rows: r.rows,
      qos: d.qos ? qosMedians(d.qos) : null,
      qosBands: d.qos ? qosBandObservations(d.qos, d.node?.series) : null,
      ...(batch ? { batch } : {}),
      ...(d.log?.start ? { testStart: stampTime('default', d.log.start, t.timezone) } : {}),
      data: d,
      diagnostics: [...t.diagnostics, ...r.diagnostics],
    });
  }
  return { root, tests, diagnostics: summary.diagnostics };
}
