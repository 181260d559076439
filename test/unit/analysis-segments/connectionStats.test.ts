// End to end on the hand-made OV2 scenario (scenario.ts); every expected number is worked out
// by hand in the comments from the inputs listed there.
import { describe, expect, it } from 'vitest';
import { connectionStatsRows } from '../../../src/core/analysis/segments';
import type { ConnectionStatsRow } from '../../../src/core/analysis/types';
import { qoe } from './fixtures';
import { BATCHES, ov2Scenario } from './scenario';

const pick = (r: ConnectionStatsRow) => [r.type, r.full_user, r.start_time, r.end_time, r.attempt];

describe('connectionStatsRows, notebook profile (draw_cons_plot)', () => {
  const { rows, diagnostics } = connectionStatsRows(ov2Scenario(), 'notebook', {
    batches: BATCHES,
  });

  it('writes per user: interval rows, QOE rows, transitions; vmaf pass then visqol pass (B8, B9)', () => {
    // User1: interval [3,100]; fragments (see fragments.test) → QOE [39,57.5] [57.5,76] [76,94.5];
    // transitions start [1,3], success [3,100] (streamPlaying-local@4 dropped after streamCreated).
    // User2: intervals [12,30] and [34,100]; transitions start [10,12], success [12,30],
    // fail [30,32] (attempts 1), start [32,34], success [34,100] (log end − log start = 100).
    const pass = [
      ['connectionSuccess', '1-1', 3, 100, 0],
      ['QOE', '1-1', 39, 57.5, 0],
      ['QOE', '1-1', 57.5, 76, 0],
      ['QOE', '1-1', 76, 94.5, 0],
      ['connectionStart', '1-1', 1, 3, 0],
      ['connectionSuccess', '1-1', 3, 100, 0],
      ['connectionSuccess', '2-1', 12, 30, 0],
      ['connectionSuccess', '2-1', 34, 100, 0],
      ['connectionStart', '2-1', 10, 12, 0],
      ['connectionSuccess', '2-1', 12, 30, 0],
      ['connectionFail', '2-1', 30, 32, 1],
      ['connectionStart', '2-1', 32, 34, 1],
      ['connectionSuccess', '2-1', 34, 100, 1],
    ];
    expect(rows.map(pick)).toEqual([...pass, ...pass]);
    expect(rows.slice(0, 13).every(r => r.type !== 'QOE' || r.qoe_metric === 'vmaf')).toBe(true);
    expect(rows.slice(13).every(r => r.type !== 'QOE' || r.qoe_metric === 'visqol')).toBe(true);
    expect(diagnostics).toEqual([]);
  });

  it('QOE values on the 0–5 scale (×5)', () => {
    expect(rows.filter(r => r.type === 'QOE').map(r => r.qoe)).toEqual([4, 4.5, 2.5, 3, 3.5, 2]);
  });

  it('CPU relative to the first event (B1) with the nearest-sample fallback', () => {
    // cpu_filtered keeps samples in [first event 1, last event 34]: 5→0.2, 20→0.4, as t = 4, 19.
    const [interval, q1, , , start1] = rows;
    expect(interval).toMatchObject({ cpu_mean: 0.30000000000000004, cpu_start: 0.2, cpu_end: 0.4 });
    expect(interval).toMatchObject({ cpu_median: 0.30000000000000004, cpu_max: 0.4, cpu_min: 0.2 });
    // [39,57.5]: nothing inside, nothing after → the last sample before (t 19 → 0.4).
    expect(q1).toMatchObject({ cpu_mean: 0.4, cpu_start: 0.4, cpu_min: 0.4 });
    // [1,3]: nothing inside, nothing before → first after (t 4 → 0.2).
    expect(start1).toMatchObject({ cpu_mean: 0.2, cpu_max: 0.2 });
    // User2 start [10,12]: before t 4 (6 s away) vs after t 19 (7 s) → the earlier, strictly closer.
    expect(rows[8]).toMatchObject({ type: 'connectionStart', cpu_mean: 0.2 });
  });

  it('batch from startingParticipants/batchSize, user and session as text', () => {
    expect(rows.map(r => r.batch)).toEqual(rows.map(() => 0));
    expect(rows[6]).toMatchObject({
      user: '2',
      session: '1',
      full_user: '2-1',
      index: 'loadtest-webrtc-2024-kurento-2p',
    });
  });
});

describe('connectionStatsRows, default profile', () => {
  const { rows } = connectionStatsRows(ov2Scenario(), 'default', { batches: BATCHES });

  it('no duplicated rows and no interval rows (B8, B9); QOE rows after each user’s transitions', () => {
    // User1 fragments by cut index (fragments.test): [17,30] .8, [39,44.5] .8, [44.5,63] .9, [81.5,100] .5
    expect(rows.map(pick)).toEqual([
      ['connectionStart', '1-1', 1, 3, 0],
      ['connectionSuccess', '1-1', 3, 100, 0],
      ['QOE', '1-1', 17, 30, 0],
      ['QOE', '1-1', 39, 44.5, 0],
      ['QOE', '1-1', 44.5, 63, 0],
      ['QOE', '1-1', 81.5, 100, 0],
      ['QOE', '1-1', 17, 30, 0],
      ['QOE', '1-1', 39, 44.5, 0],
      ['QOE', '1-1', 44.5, 63, 0],
      ['QOE', '1-1', 81.5, 100, 0],
      ['connectionStart', '2-1', 10, 12, 0],
      ['connectionSuccess', '2-1', 12, 30, 0],
      ['connectionFail', '2-1', 30, 32, 1],
      ['connectionStart', '2-1', 32, 34, 1],
      ['connectionSuccess', '2-1', 34, 100, 1],
    ]);
    expect(rows.filter(r => r.type === 'QOE').map(r => [r.qoe_metric, r.qoe])).toEqual([
      ['vmaf', 0.8],
      ['vmaf', 0.8],
      ['vmaf', 0.9],
      ['vmaf', 0.5],
      ['visqol', 0.6],
      ['visqol', 0.6],
      ['visqol', 0.7],
      ['visqol', 0.4],
    ]);
  });

  it('CPU and segments share the log start as origin (B1)', () => {
    // Samples in the test window [0,100]: 0→.1 5→.2 20→.4 40→.6 60→.8 95→.9.
    // start [1,3]: none inside; before 0 (1 s) vs after 5 (2 s) → 0.1 (the notebook gave 0.2).
    expect(rows[0]).toMatchObject({ cpu_mean: 0.1 });
    // success [3,100]: .2 .4 .6 .8 .9 → mean 2.9/5, median .6, first .2, last .9
    expect(rows[1]?.cpu_mean).toBeCloseTo(0.58, 12);
    expect(rows[1]).toMatchObject({ cpu_median: 0.6, cpu_start: 0.2, cpu_end: 0.9, cpu_max: 0.9 });
  });
});

describe('connectionStatsRows: a ViSQOL the analyser could not score (−0.25) or a null one', () => {
  // The scenario's QoE with cut 1's ViSQOL replaced: vmaf .8 .9 .5, visqol .6 <x> .4.
  const withVisqol = (x: number) =>
    ov2Scenario({
      qoe: [
        qoe(1, 1, 2, [
          [0, 0.8, 0.6],
          [1, 0.9, x],
          [3, 0.5, 0.4],
        ]),
      ],
    });
  const qoeOf = (rows: readonly ConnectionStatsRow[], metric: string) =>
    rows
      .filter(r => r.type === 'QOE' && r.qoe_metric === metric)
      .map(r => [r.start_time, r.end_time, r.qoe]);

  it('notebook profile: kept and ×5 as the notebook does (−1.25); a null makes its sub-interval NaN', () => {
    // Back to back (see above): [39,57.5] cut 0, [57.5,76] cut 1, [76,94.5] cut 3.
    const unscored = connectionStatsRows(withVisqol(-0.25), 'notebook', { batches: BATCHES }).rows;
    expect(qoeOf(unscored, 'visqol').slice(0, 3)).toEqual([
      [39, 57.5, 3],
      [57.5, 76, -1.25],
      [76, 94.5, 2],
    ]);
    const missing = connectionStatsRows(withVisqol(NaN), 'notebook', { batches: BATCHES }).rows;
    expect(qoeOf(missing, 'visqol').slice(0, 3)).toEqual([
      [39, 57.5, 3],
      [57.5, 76, NaN],
      [76, 94.5, 2],
    ]);
  });

  it('default profile: left out of the ViSQOL rows (its slot [44.5,63] has none), its VMAF kept', () => {
    // By cut index: cut 0 → [17,30] and [39,44.5], cut 1 → [44.5,63], cut 3 → [81.5,100].
    for (const x of [-0.25, NaN]) {
      const { rows } = connectionStatsRows(withVisqol(x), 'default', { batches: BATCHES });
      expect(qoeOf(rows, 'visqol')).toEqual([
        [17, 30, 0.6],
        [39, 44.5, 0.6],
        [81.5, 100, 0.4],
      ]);
      expect(qoeOf(rows, 'vmaf')).toEqual([
        [17, 30, 0.8],
        [39, 44.5, 0.8],
        [44.5, 63, 0.9],
        [81.5, 100, 0.5],
      ]);
    }
  });
});
