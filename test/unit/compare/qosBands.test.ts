// QoS per user and CPU band (for the verdicts within one band), from a hand-made inbound video
// table and media-node series; every expectation worked out by hand below.
import { describe, expect, it } from 'vitest';
import { qosBandObservations, qosMedians } from '../../../src/core/compare/source';
import { emptyCounts } from '../../../src/core/ingest/stats/model';
import {
  QOS_TABLE_NAMES,
  type QosTable,
  type QosTableName,
  type QosTables,
} from '../../../src/core/ingest/stats';

/** Rows of [source, epoch ms, jitter s]; loss 0 on every row. */
function inbound(rows: [number, number, number][]): QosTable {
  const n = rows.length;
  return {
    rows: n,
    columns: [
      { name: 'timestamp', kind: 'number', values: Float64Array.from(rows.map(r => r[1])) },
      { name: 'jitter', kind: 'number', values: Float64Array.from(rows.map(r => r[2])) },
    ],
    source: Int32Array.from(rows.map(r => r[0])),
    element: new Int32Array(n),
    offset: new Float64Array(n),
    lossRatio: new Float64Array(n),
    packetsPerSecond: new Float64Array(n).fill(NaN),
  };
}

function tables(t: QosTable): QosTables {
  const empty = inbound([]);
  const all = Object.fromEntries(QOS_TABLE_NAMES.map(n => [n, n === 'inbound_video' ? t : empty]));
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

// CPU 0.5 from 0 s, 0.92 from 10 s, 0.97 from 20 s.
const NODE = {
  time: Float64Array.from([0, 10_000, 20_000]),
  cpu: Float64Array.from([0.5, 0.92, 0.97]),
  memory: new Float64Array(3),
};
// User1: 10 and 20 ms at CPU 0.5, 50 ms at 0.92, 80 ms at 0.97. User2: 30 ms at 0.97.
const Q = tables(
  inbound([
    [0, 1000, 0.01],
    [0, 2000, 0.02],
    [0, 11_000, 0.05],
    [0, 21_000, 0.08],
    [1, 25_000, 0.03],
  ]),
);

describe('QoS per user and CPU band', () => {
  it('groups each user’s reports by the CPU band at their time: median value, median CPU', () => {
    const jitter = qosBandObservations(Q, NODE).jitter.map(o => [o.value, o.cpu]);
    expect(jitter).toHaveLength(4);
    expect(jitter).toEqual(
      expect.arrayContaining([
        [15, 0.5], // (10 + 20) / 2 ms below 0.8
        [50, 0.92],
        [80, 0.97],
        [30, 0.97],
      ]),
    );
    // Overall (unchanged): per-user medians of all reports: User1 (10, 20, 50, 80) → 35; User2 30.
    expect(qosMedians(Q).jitter).toEqual([35, 30]);
  });

  it('gives nothing per band without CPU samples', () => {
    expect(qosBandObservations(Q, undefined).jitter).toEqual([]);
  });
});
