// QoS per user and CPU band (for the verdicts within one band), from a hand-made inbound video
// table and media-node series; every expectation worked out by hand below.
import { describe, expect, it } from 'vitest';
import { qosBandObservations, qosMedians } from '../../../src/core/compare/source';
import { numberTable, qosTables } from '../qosTables';

/** Rows of [source, epoch ms, jitter s]; loss 0 on every row. */
function inbound(rows: [number, number, number][]) {
  return numberTable(
    rows.map(r => r[0]),
    { timestamp: rows.map(r => r[1]), jitter: rows.map(r => r[2]) },
    0,
  );
}

// CPU 0.5 from 0 s, 0.92 from 10 s, 0.97 from 20 s.
const NODE = {
  time: Float64Array.from([0, 10_000, 20_000]),
  cpu: Float64Array.from([0.5, 0.92, 0.97]),
  memory: new Float64Array(3),
};
// User1: 10 and 20 ms at CPU 0.5, 50 ms at 0.92, 80 ms at 0.97. User2: 30 ms at 0.97.
const Q = qosTables({
  inbound_video: inbound([
    [0, 1000, 0.01],
    [0, 2000, 0.02],
    [0, 11_000, 0.05],
    [0, 21_000, 0.08],
    [1, 25_000, 0.03],
  ]),
});

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
