// Hand-made QoS tables for unit tests: numeric columns, a source per row, the other seven
// tables empty, two stats sources (LoadTestSession1 User1 and User2).
import { emptyCounts } from '../../src/core/ingest/stats/model';
import {
  QOS_TABLE_NAMES,
  type QosTable,
  type QosTableName,
  type QosTables,
} from '../../src/core/ingest/stats';

/** A table of the given number columns (same length), `source` per row; loss ratio `loss`. */
export function numberTable(
  source: readonly number[],
  columns: Record<string, readonly number[]>,
  loss = NaN,
): QosTable {
  const n = source.length;
  return {
    rows: n,
    columns: Object.entries(columns).map(([name, values]) => ({
      name,
      kind: 'number',
      values: Float64Array.from(values),
    })),
    source: Int32Array.from(source),
    element: new Int32Array(n),
    offset: new Float64Array(n),
    lossRatio: new Float64Array(n).fill(loss),
    packetsPerSecond: new Float64Array(n).fill(NaN),
  } as QosTable;
}

/** The eight tables, `named` ones given, the others empty. */
export function qosTables(named: Partial<Record<QosTableName, QosTable>>): QosTables {
  const all = Object.fromEntries(
    QOS_TABLE_NAMES.map(n => [n, named[n] ?? numberTable([], { timestamp: [] })]),
  );
  return {
    sources: [
      { file: 'a', session: 'LoadTestSession1', user: 'User1', bytes: 1 },
      { file: 'b', session: 'LoadTestSession1', user: 'User2', bytes: 1 },
    ],
    tables: all as Record<QosTableName, QosTable>,
    networkScores: {
      rows: 0,
      source: new Int32Array(),
      element: new Int32Array(),
      time: new Float64Array(),
      inbound: new Float64Array(),
      outbound: new Float64Array(),
    },
    counts: emptyCounts(),
    diagnostics: [],
  };
}
