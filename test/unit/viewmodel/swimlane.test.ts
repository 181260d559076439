// The swimlane view model from tiny hand-written connection_stats rows; every expectation below
// is worked out by hand from those rows, not by running the builder.
import { describe, expect, it } from 'vitest';
import type { ConnectionStatsRow } from '../../../src/core/analysis/types';
import {
  mergeSegments,
  minMaxDecimate,
  swimlaneSegmentsVM,
  swimlaneVM,
  type SwimlaneInput,
} from '../../../src/core/viewmodel/swimlane';
import type { Point } from '../../../src/shared/views/common';
import type { SwimSegmentVM } from '../../../src/shared/views/swimlane';
import { connectionRow } from '../connectionRow';

const row = connectionRow;

// Session 10 is listed before session 2 on purpose: rows must come out in natural order.
const ROWS: ConnectionStatsRow[] = [
  row('10', '1', 'connectionStart', 20, 22, { batch: 1 }),
  row('10', '1', 'connectionSuccess', 22, 100, { batch: 1 }),
  row('2', '2', 'connectionStart', 5, 6),
  row('2', '2', 'connectionFail', 6, 9, { attempt: 1 }),
  row('2', '2', 'connectionStart', 9, 10, { attempt: 1 }),
  row('2', '2', 'connectionSuccess', 10, 100, { attempt: 1 }),
  row('2', '2', 'QOE', 15, 32, { attempt: 1, qoe: 0.9, qoe_metric: 'vmaf' }),
  row('2', '2', 'QOE', 15, 32, { attempt: 1, qoe: 0.5, qoe_metric: 'visqol' }),
  row('2', '1', 'connectionStart', 0, 2),
  row('2', '1', 'connectionSuccess', 2, 100),
];

const INPUT: SwimlaneInput = {
  test: 'kurento-2p',
  origin: 1_700_000_000_000,
  duration: 100,
  users: [
    { session: '2', user: '1', role: 'publisher' },
    { session: '2', user: '2', role: 'publisher' },
    { session: '10', user: '1', role: 'publisher' },
    // A user with a folder but no events: a row with no segments.
    { session: '10', user: '4', role: 'subscriber' },
  ],
  rows: ROWS,
  cpu: [
    [0, 0.1],
    [50, 0.6],
    [100, 0.3],
  ],
  memory: [[0, 0.2]],
};

describe('swimlaneVM', () => {
  const vm = swimlaneVM(INPUT);

  it('has one row per user, sessions and users in natural order, labelled S<session>-U<user>', () => {
    expect(vm.rows.map(r => r.label)).toEqual(['S2-U1', 'S2-U2', 'S10-U1', 'S10-U4']);
    expect(vm.rows.map(r => r.role)).toEqual(['publisher', 'publisher', 'publisher', 'subscriber']);
    expect(vm.totalRows).toBe(4);
  });

  it('flags the users with a failure segment and keeps the batch', () => {
    expect(vm.rows.map(r => r.failed)).toEqual([false, true, false, false]);
    expect(vm.rows.map(r => r.batch)).toEqual([0, 0, 1, NaN]);
  });

  it('maps each row to a segment of its kind, in time order', () => {
    expect(vm.rows[1]!.segments).toEqual([
      { start: 5, end: 6, kind: 'start', attempt: 0 },
      { start: 6, end: 9, kind: 'failure', attempt: 1 },
      { start: 9, end: 10, kind: 'start', attempt: 1 },
      { start: 10, end: 100, kind: 'connected', attempt: 1 },
      { start: 15, end: 32, kind: 'qoe', attempt: 1, qoe: 0.9, metric: 'vmaf' },
      { start: 15, end: 32, kind: 'qoe', attempt: 1, qoe: 0.5, metric: 'visqol' },
    ]);
    expect(vm.rows[3]!.segments).toEqual([]);
  });

  it('marks each batch at its first connection start, and the window and metrics', () => {
    expect(vm.batches).toEqual([
      { batch: 0, start: 0 },
      { batch: 1, start: 20 },
    ]);
    expect(vm.window).toEqual([0, 100]);
    expect(vm.metrics).toEqual(['vmaf', 'visqol']);
    expect(vm.mergeBelow).toBe(0);
    expect(vm.cpu).toEqual(INPUT.cpu);
  });

  it('widens the window to segments outside the test (events before the log start)', () => {
    const early = swimlaneVM({ ...INPUT, rows: [row('2', '1', 'connectionStart', -3, 120)] });
    expect(early.window).toEqual([-3, 120]);
  });

  it('caps the rows sent and says how many there are', () => {
    const capped = swimlaneVM(INPUT, { maxRows: 2, maxSegments: 100, maxPoints: 10, pixels: 10 });
    expect(capped.rows.map(r => r.label)).toEqual(['S2-U1', 'S2-U2']);
    expect(capped.totalRows).toBe(4);
  });

  // Two users, 9 segments: S1-U1 start, connected and three VMAF cuts; S1-U2 a start, a failure
  // of 0.5 s and a second start around it, then connected.
  const MERGE_ROWS = [
    row('1', '1', 'connectionStart', 0, 1),
    row('1', '1', 'connectionSuccess', 1, 100),
    row('1', '1', 'QOE', 10, 10.5, { qoe: 0.2, qoe_metric: 'vmaf' }),
    row('1', '1', 'QOE', 11, 12, { qoe: 0.8, qoe_metric: 'vmaf' }),
    row('1', '1', 'QOE', 30, 47, { qoe: 0.5, qoe_metric: 'vmaf' }),
    row('1', '2', 'connectionStart', 0, 1),
    row('1', '2', 'connectionFail', 1, 1.5, { attempt: 1 }),
    row('1', '2', 'connectionStart', 1.5, 2, { attempt: 1 }),
    row('1', '2', 'connectionSuccess', 2, 100, { attempt: 1 }),
  ];
  const mergeInput = { ...INPUT, users: [], rows: MERGE_ROWS };

  it('merges short same-kind neighbours when over the segment budget, never other kinds', () => {
    // Budget 8 → merge below 100 s / 100 px = 1 s. The 0.5 s cut at 10 s and the cut at 11 s are
    // 0.5 s apart: one segment 10–12 s, VMAF (0.2·0.5 + 0.8·1) / 1.5 = 0.6. The 0.5 s failure is
    // short too, but its neighbours are starts: it stays. 8 segments: within budget.
    const merged = swimlaneVM(mergeInput, {
      maxRows: 10,
      maxSegments: 8,
      maxPoints: 10,
      pixels: 100,
    });
    expect(merged.mergeBelow).toBe(1);
    const qoe = merged.rows[0]!.segments.filter(s => s.kind === 'qoe');
    expect(qoe.map(s => [s.start, s.end, s.merged])).toEqual([
      [10, 12, 2],
      [30, 47, undefined],
    ]);
    expect(qoe[0]!.qoe).toBeCloseTo(0.6, 12);
    expect(merged.rows[1]!.segments.map(s => s.kind)).toEqual([
      'start',
      'failure',
      'start',
      'connected',
    ]);
  });

  it('drops rows from the end when merging cannot meet the budget', () => {
    // Budget 5: merging at any duration leaves S1-U1 with start, connected and one QoE segment
    // (3) and S1-U2 with its 4 segments of alternating kinds: 7 > 5, so S1-U2 is not sent.
    const merged = swimlaneVM(mergeInput, {
      maxRows: 10,
      maxSegments: 5,
      maxPoints: 10,
      pixels: 100,
    });
    expect(merged.rows.map(r => r.label)).toEqual(['S1-U1']);
    expect(merged.rows[0]!.segments).toHaveLength(3);
    expect(merged.totalRows).toBe(2);
  });

  it('sends the unmerged segments of a zoomed range (finer data on zoom)', () => {
    const vm = swimlaneVM(mergeInput);
    const big = { maxRows: 10, maxSegments: 100, maxPoints: 10, pixels: 100 };
    // 9 s – 13 s: S1-U1's connected time (1–100) and its two cuts at 10 and 11 s; S1-U2's
    // connected time (2–100). The 0–1 starts and the cut at 30 s lie outside.
    const fine = swimlaneSegmentsVM(mergeInput, vm, { start: 9, end: 13 }, big);
    expect(fine.mergeBelow).toBe(0);
    expect(fine.range).toEqual({ start: 9, end: 13 });
    expect(fine.rows).toEqual([
      [
        { start: 1, end: 100, kind: 'connected', attempt: 0 },
        { start: 10, end: 10.5, kind: 'qoe', attempt: 0, qoe: 0.2, metric: 'vmaf' },
        { start: 11, end: 12, kind: 'qoe', attempt: 0, qoe: 0.8, metric: 'vmaf' },
      ],
      [{ start: 2, end: 100, kind: 'connected', attempt: 1 }],
    ]);
    // Budget 3 over 4 s / 4 px: below 1 s joins the two cuts (gap 0.5 s, one shorter than 1 s),
    // VMAF (0.2 · 0.5 + 0.8 · 1) / 1.5 = 0.6.
    const tight = swimlaneSegmentsVM(
      mergeInput,
      vm,
      { start: 9, end: 13 },
      {
        ...big,
        maxSegments: 3,
        pixels: 4,
      },
    );
    expect(tight.mergeBelow).toBe(1);
    expect(tight.rows[0]).toHaveLength(2);
    expect(tight.rows[0]![1]).toMatchObject({ start: 10, end: 12, kind: 'qoe', merged: 2 });
    expect(tight.rows[0]![1]!.qoe).toBeCloseTo(0.6, 12);
  });
});

describe('mergeSegments', () => {
  const q = (start: number, end: number, qoe: number): SwimSegmentVM => ({
    start,
    end,
    kind: 'qoe',
    attempt: 0,
    qoe,
    metric: 'vmaf',
  });

  it('averages merged QoE values by duration', () => {
    // 0–1 at 0.2 and 1–4 at 0.6: (0.2·1 + 0.6·3) / 4 = 0.5.
    const [m] = mergeSegments([q(1, 4, 0.6), q(0, 1, 0.2)], 2);
    expect(m).toMatchObject({ start: 0, end: 4, merged: 2 });
    expect(m!.qoe).toBeCloseTo(0.5, 12);
  });

  it('keeps long neighbours apart, and other metrics in their own lane', () => {
    expect(mergeSegments([q(0, 5, 0.2), q(5, 10, 0.6)], 2)).toHaveLength(2);
    const visqol = { ...q(0.5, 1, 0.4), metric: 'visqol' as const };
    expect(mergeSegments([q(0, 1, 0.2), visqol, q(1, 1.5, 0.4)], 2)).toHaveLength(2);
  });

  it('returns the segments sorted and untouched with no merge duration', () => {
    expect(mergeSegments([q(3, 4, 1), q(0, 1, 0)], 0)).toEqual([q(0, 1, 0), q(3, 4, 1)]);
  });
});

describe('minMaxDecimate', () => {
  it('returns short series as they are', () => {
    const pts: Point[] = [
      [0, 1],
      [1, 2],
    ];
    expect(minMaxDecimate(pts, 4)).toEqual(pts);
  });

  it('keeps the lowest and highest sample of each bucket, in time order', () => {
    // 8 samples at t = 0..7, 4 points → 2 buckets: [0, 3.5) and [3.5, 7].
    // Bucket 1: values 5 1 9 4 → min 1 at t=1, max 9 at t=2. Bucket 2: 3 8 0 6 → max 8 at t=5,
    // min 0 at t=6.
    const values = [5, 1, 9, 4, 3, 8, 0, 6];
    const pts = values.map((v, t) => [t, v] as Point);
    expect(minMaxDecimate(pts, 4)).toEqual([
      [1, 1],
      [2, 9],
      [5, 8],
      [6, 0],
    ]);
  });

  it('never returns more than maxPoints and keeps the extremes of a long series', () => {
    const pts = Array.from({ length: 100_000 }, (_, i) => [i, Math.sin(i / 50)] as Point);
    pts[77_777] = [77_777, 5];
    const out = minMaxDecimate(pts, 1000);
    expect(out.length).toBeLessThanOrEqual(1000);
    expect(Math.max(...out.map(p => p[1]))).toBe(5);
    expect(out.every((p, i) => i === 0 || p[0] > out[i - 1]![0])).toBe(true);
  });
});
