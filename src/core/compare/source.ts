// Loads the tests to compare from result roots: summary, connection_stats rows (default profile),
// per-user QoS medians and the batch settings, from one ingest per root.
import { summarizeRoot } from '../analysis/rootSummary';
import { connectionStatsRows, readScanOrder, stampTime } from '../analysis/segments';
import type { TestSummary } from '../analysis/testSummary';
import type { ConnectionStatsRow } from '../analysis/types';
import type { BatchConfig } from '../ingest/batches';
import type { TestData } from '../ingest/ingestRoot';
import type { TaskRunner } from '../ingest/runner';
import { isNumberColumn, numberAt, type Column, type NumberColumn } from '../ingest/stats/columns';
import type { QosTable, QosTables } from '../ingest/stats/model';
import type { Diagnostic } from '../model/diagnostic';
import { median } from '../stats';

export type QosMetric = 'rtt' | 'jitter' | 'packetLoss' | 'bitrate';

export interface CompareTest {
  readonly root: string;
  readonly name: string;
  readonly summary: TestSummary;
  readonly rows: readonly ConnectionStatsRow[];
  /** Per-user medians of each QoS metric (one value per stats.json that has the metric). */
  readonly qos: Readonly<Record<QosMetric, readonly number[]>> | null;
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

/** RTT and jitter in ms, loss in %, bitrate in kbit/s (> 0 only, as the notebook). */
export function qosMedians(q: QosTables): Record<QosMetric, number[]> {
  const n = q.sources.length;
  const inbound = q.tables.inbound_video;
  const remote = q.tables.remote_inbound_video;
  const col = (t: QosTable, name: string) => numberColumn(t, name);
  const rtt = col(remote, 'roundTripTime');
  const jitter = col(inbound, 'jitter');
  const bitrate = col(inbound, 'bitrate');
  return {
    rtt: rtt ? perSourceMedians(remote, n, r => numberAt(rtt, r) * 1000) : [],
    jitter: jitter ? perSourceMedians(inbound, n, r => numberAt(jitter, r) * 1000) : [],
    packetLoss: perSourceMedians(inbound, n, r => (inbound.lossRatio[r] as number) * 100),
    bitrate: bitrate
      ? perSourceMedians(inbound, n, r => {
          const v = numberAt(bitrate, r);
          return v > 0 ? v / 1000 : NaN;
        })
      : [],
  };
}

export async function loadRoot(
  root: string,
  options: { readonly tests?: readonly string[]; readonly runner?: TaskRunner },
): Promise<LoadedRoot> {
  const summary = await summarizeRoot(root, {
    logTimezone: 'auto',
    keepData: true,
    stats: { dedupe: true },
    ...(options.tests ? { tests: options.tests } : {}),
    ...(options.runner ? { runner: options.runner } : {}),
  });
  const data = summary.data;
  const tests: CompareTest[] = [];
  for (const t of summary.tests) {
    const d = data?.tests.find(x => x.location.name === t.name);
    if (!d) continue;
    const batch = data?.batches?.tests.get(t.name);
    const scanOrder = d.location.statsDir ? await readScanOrder(d.location.statsDir) : undefined;
    const r = connectionStatsRows(d, 'default', {
      logTimezone: 'auto',
      ...(batch ? { batch } : {}),
      ...(scanOrder ? { scanOrder } : {}),
    });
    tests.push({
      root,
      name: t.name,
      summary: t,
      rows: r.rows,
      qos: d.qos ? qosMedians(d.qos) : null,
      ...(batch ? { batch } : {}),
      ...(d.log?.start ? { testStart: stampTime('default', d.log.start, t.timezone) } : {}),
      data: d,
      diagnostics: [...t.diagnostics, ...r.diagnostics],
    });
  }
  return { root, tests, diagnostics: summary.diagnostics };
}
