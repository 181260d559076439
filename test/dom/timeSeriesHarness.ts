/**
 * The host side of the time-series webview, without VS Code: what TimeSeriesSession answers,
 * built by the core from a result root, plus what the DOM test compares the drawing with — the
 * core's own downstream analysis (`analyzeTestDownstream`, default profile) and the raw QoS
 * columns (timestamps and values per table) to group by hand. Bundled by esbuild at test time.
 */
import { summarizeRoot } from '../../src/core/analysis/rootSummary';
import { analyzeTestDownstream, separateStats } from '../../src/core/analysis/downstream';
import { InlineRunner } from '../../src/core/pipeline/runner';
import { isNumberColumn, numberAt, type QosTables } from '../../src/core/ingest/stats';
import { testConnectionStats } from '../../src/core/viewmodel/swimlane';
import {
  chartVM,
  qosSource,
  seriesIndex,
  seriesUsersVM,
  timeSeriesSource,
  type QosSource,
  type TimeSeriesSource,
} from '../../src/core/viewmodel/timeSeries';
/** A host → webview message as it goes on the wire. */
import type { ParamsOf } from '../../src/shared/ipc';
import type { timeSeries } from '../../src/shared/views/timeSeries';

type HostMessage = { readonly type: string } & Record<string, unknown>;
/** A seriesRequest as the page sends it. */
type SeriesRequest = ParamsOf<typeof timeSeries.inbound.seriesRequest> & { readonly id: number };
type SeriesUsers = ParamsOf<typeof timeSeries.inbound.seriesUsers>;
/** A webview → host message as it comes on the wire. */
type WebviewMessage = { readonly type: string } & Record<string, unknown>;

interface TestHost {
  source: TimeSeriesSource;
  qos: QosSource;
  tables?: QosTables;
  downstream: ReturnType<typeof analyzeTestDownstream>;
}

export async function timeSeriesHost(root: string) {
  const summary = await summarizeRoot(root, { logTimezone: 'auto', keepData: true });
  const tests = new Map<string, TestHost>();
  for (const t of summary.tests) {
    const rows = testConnectionStats(summary, t.name, 'auto')?.rows ?? [];
    const source = timeSeriesSource(t, rows);
    const tables = t.location.statsDir
      ? await separateStats(t.location.statsDir, new InlineRunner(), 'default')
      : undefined;
    tests.set(t.name, {
      source,
      tables,
      qos: qosSource(tables, source.origin),
      downstream: analyzeTestDownstream(t.name, rows, 'default'),
    });
  }
  const get = (test: string) => tests.get(test) as TestHost;
  return {
    tests: [...tests.keys()],
    start: (test: string) => get(test).source.origin,
    index: (test: string): HostMessage => ({
      type: 'seriesIndex',
      index: seriesIndex(get(test).source),
    }),
    /** The reply to a seriesRequest, as the time-series view gives it once the stats are read. */
    answer(raw: WebviewMessage): HostMessage | undefined {
      if (raw.type !== 'seriesRequest') return undefined;
      const message = raw as unknown as SeriesRequest;
      const t = get(message.test);
      const range = message.range ? ([message.range.start, message.range.end] as const) : undefined;
      const chart = chartVM(
        t.source,
        { key: message.key, columns: message.columns, ...(range ? { range } : {}) },
        t.qos,
      );
      return { type: 'reply', inReplyTo: message.id, result: chart };
    },
    /** The answer to a seriesUsers request (the stats read). */
    users(raw: WebviewMessage): HostMessage | undefined {
      if (raw.type !== 'seriesUsers') return undefined;
      const message = raw as unknown as SeriesUsers;
      const t = get(message.test);
      return {
        type: 'seriesUsers',
        users: seriesUsersVM(t.qos, message.test, message.key, message.second),
      };
    },
    progression: (test: string) => get(test).downstream.progression,
    qoeProgression: (test: string) => get(test).downstream.qoeProgression,
    cpu: (test: string) => get(test).source.cpu,
    /** Timestamps (epoch ms) and values of a column of a QoS table, as read from stats.json. */
    qosColumn(test: string, table: string, column: string) {
      const tb = get(test).tables?.tables[table as keyof QosTables['tables']];
      const col = tb?.columns.find(c => c.name === column);
      const ts = tb?.columns.find(c => c.name === 'timestamp');
      if (!tb || !col || !ts || !isNumberColumn(col) || !isNumberColumn(ts)) return undefined;
      const rows = Array.from({ length: tb.rows }, (_, r) => r);
      return { times: rows.map(r => numberAt(ts, r)), values: rows.map(r => numberAt(col, r)) };
    },
  };
}
