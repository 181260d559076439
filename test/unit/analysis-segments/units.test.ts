// The single notebook functions on hand-made inputs (intervals, fragments, QoE averages, CPU)
// and the crash conditions C1, C2, C8, C9, C10 becoming diagnostics.
import { describe, expect, it } from 'vitest';
import {
  avgQoeIntervals,
  calcStats,
  connectionStatsRows,
  getConnectionTimeIntervals,
  intersectIntervals,
  sessionIntersections,
  placeByCutIndex,
  round5,
  setFragStartEnd,
  type CombinedRow,
  type QoeFragment,
} from '../../../src/core/analysis/segments';
import { at, qoe } from './fixtures';
import type { BatchesFile } from '../../../src/core/ingest/batches';
import type { TestData } from '../../../src/core/ingest/ingestRoot';
import { BATCH, BATCHES, OV2_NAME, ov2Scenario } from './scenario';

const r = (event: string, s: number): CombinedRow => ({
  event,
  time: at(s),
  attempts: NaN,
  label: 0,
  source: 'event',
});

describe('get_connection_time_intervals / intersect_intervals (cell 12)', () => {
  const combined = [
    r('connectionStart', 10),
    r('streamCreated-local', 12),
    r('connectionFail', 30),
    r('connectionStart', 32),
    r('streamCreated-local', 34),
  ];
  it('each success runs to the next failure or the duration', () => {
    expect(getConnectionTimeIntervals('notebook', combined, at(0), 100)).toEqual([
      [12, 30],
      [34, 100],
    ]);
  });
  it('a success after the capped duration: kept (negative) by the notebook, dropped by default', () => {
    expect(getConnectionTimeIntervals('notebook', combined, at(0), 20)).toEqual([
      [12, 20],
      [34, 20],
    ]);
    expect(getConnectionTimeIntervals('default', combined, at(0), 20)).toEqual([[12, 20]]);
  });
  it('overlaps start 5 s later and must stay non-empty', () => {
    expect(
      intersectIntervals(
        [[3, 100]],
        [
          [12, 30],
          [34, 100],
        ],
      ),
    ).toEqual([
      [17, 30],
      [39, 100],
    ]);
    expect(intersectIntervals([[0, 10]], [[4, 9]])).toEqual([]); // 4 + 5 = 9 is not < 9
  });
});

describe('set_frag_start_end (cell 13, B11)', () => {
  it('back to back; a fragment that does not fit jumps to the next intersection', () => {
    // cuts 0, 1, 3: Σ = 13 + 61 = 74, ÷ (3 + 1) = 18.5. 17 + 18.5 = 35.5 > 30 → jump to 39.
    const t = setFragStartEnd(
      [
        [17, 30],
        [39, 100],
      ],
      18.5,
      3,
    );
    expect([...t.start]).toEqual([39, 57.5, 76]);
    expect([...t.end]).toEqual([57.5, 76, 94.5]);
  });
  it('once the intersections run out every remaining fragment gets the same interval', () => {
    const t = setFragStartEnd([[0, 10]], 4, 4);
    expect([...t.start]).toEqual([0, 4, 8, 8]);
    expect([...t.end]).toEqual([4, 8, 10, 10]);
  });
  it('math.isclose lets a fragment end a hair past the intersection', () => {
    const t = setFragStartEnd([[0, 0.3]], 0.1, 3); // 0.1 + 0.1 + 0.1 = 0.30000000000000004
    expect(t.end[2]).toBe(0.30000000000000004);
  });
  it('no intersection: nothing placed (NaN)', () => {
    expect([...setFragStartEnd([], 5, 2).start]).toEqual([NaN, NaN]);
  });
  it('default: cut c owns slot [c·d, (c+1)·d] of the recorded time, split across intersections', () => {
    expect(
      placeByCutIndex(
        [
          [17, 30],
          [39, 100],
        ],
        18.5,
        0,
      ),
    ).toEqual([
      [17, 30],
      [39, 44.5],
    ]);
    expect(
      placeByCutIndex(
        [
          [17, 30],
          [39, 100],
        ],
        18.5,
        3,
      ),
    ).toEqual([[81.5, 100]]);
  });
});

describe('avg_qoe_intervals (cell 14)', () => {
  const f = (start: number, end: number, vmaf: number): QoeFragment => ({
    fullUserRecording: '1-1',
    fullUserRecorded: '2-1',
    cutIndex: 0,
    start,
    end,
    vmaf,
    visqol: 0,
  });
  it('means of the overlapping fragments over each pair of consecutive times', () => {
    // times 0, 5, 10, 15: [0,5] only a (4); [5,10] a and b (3); [10,15] only b (2)
    expect(avgQoeIntervals([f(0, 10, 4), f(5, 15, 2)], 'vmaf')).toEqual([
      { start: 0, end: 5, qoe: 4 },
      { start: 5, end: 10, qoe: 3 },
      { start: 10, end: 15, qoe: 2 },
    ]);
  });
  it('rounds times to 5 decimals with numpy ties-to-even', () => {
    // x·1e5 is exactly ….5 in all three (checked with numpy.round): ties go to the even integer.
    expect(round5(1.000005)).toBe(1); // 100000.5 → 100000
    expect(round5(0.000015)).toBe(0.00002); // 1.5 → 2
    expect(round5(0.000025)).toBe(0.00002); // 2.5 → 2
    expect(round5(7.5e-6)).toBe(0.00001); // 0.75 → 1
  });
});

describe('calc_stats CPU (cell 15)', () => {
  const cpu = { t: Float64Array.of(4, 19), cpu: Float64Array.of(0.2, 0.4) };
  it('samples inside, else the nearest before/after (earlier only when strictly closer)', () => {
    expect(calcStats(cpu, 3, 100).cpu_mean).toBe((0.2 + 0.4) / 2);
    expect(calcStats(cpu, 10, 12).cpu_mean).toBe(0.2); // 6 s vs 7 s
    expect(calcStats(cpu, 11.5, 12).cpu_mean).toBe(0.4); // 7.5 s vs 7 s
    expect(calcStats(cpu, 10.5, 12.5).cpu_mean).toBe(0.4); // 6.5 vs 6.5: a tie goes after
  });
  it('every sample at the chosen time counts', () => {
    const dup = { t: Float64Array.of(4, 4, 19), cpu: Float64Array.of(0.2, 0.6, 0.4) };
    expect(calcStats(dup, 1, 2)).toMatchObject({
      cpu_start: 0.2,
      cpu_end: 0.6,
      cpu_max: 0.6,
      cpu_min: 0.2,
    });
  });
});

describe('crash conditions become diagnostics', () => {
  const codes = (p: 'notebook' | 'default', t = ov2Scenario()) =>
    connectionStatsRows(t, p, { batches: BATCHES }).diagnostics.map(d => d.code);

  it('C1 no failure line: notebook notes it, default is silent', () => {
    const t = ov2Scenario({ log: { start: 0, end: 100 } });
    expect(codes('notebook', t)).toEqual(['analysis.C1.noFailureLines']);
    expect(codes('default', t)).toEqual([]);
  });
  it('C2 no end line: window from the events; last transition ends at the last event (34 s)', () => {
    const t = ov2Scenario({ log: { start: 0, failures: [[30, 2, 1, 1]] } });
    const { rows, diagnostics } = connectionStatsRows(t, 'notebook', { batches: BATCHES });
    expect(diagnostics.map(d => d.code)).toEqual(['analysis.C2.noStartEnd']);
    expect(rows.at(-1)).toMatchObject({ start_time: 34, end_time: 34 });
  });
  it('C8 no CPU sample between the first and last event: NaN CPU', () => {
    const t = ov2Scenario({
      cpu: [
        [0, 0.1],
        [50, 0.5],
      ],
    });
    const { rows, diagnostics } = connectionStatsRows(t, 'notebook', { batches: BATCHES });
    expect(diagnostics.map(d => d.code)).toEqual(['analysis.C8.noCpu']);
    expect(rows[0]?.cpu_mean).toBeNaN();
  });
  it('C9 QoE of a pair that never overlapped: left out with a diagnostic', () => {
    const t = ov2Scenario({ qoe: [qoe(1, 1, 7, [[0, 0.5, 0.5]])] }); // User7 has no events
    const { rows, diagnostics } = connectionStatsRows(t, 'notebook', { batches: BATCHES });
    expect(diagnostics.map(d => d.code)).toEqual(['analysis.C9.unplacedQoe']);
    expect(rows.some(x => x.type === 'QOE')).toBe(false);
  });
  it('no batch: says whether batches.json was missing, lacked the test, or the test was alone', () => {
    const noBatch = (t: TestData, batches?: BatchesFile) =>
      connectionStatsRows(t, 'default', batches ? { batches } : {}).diagnostics.filter(
        d => d.code === 'analysis.noBatch',
      );
    const other: BatchesFile = { tests: new Map([['another-test', BATCH]]), diagnostics: [] };
    const inRoot = ov2Scenario();
    expect(noBatch(inRoot, BATCHES)).toEqual([]);
    expect(noBatch(inRoot, other).map(d => d.message)).toEqual([
      `dfs_final/batches.json has no usable entry for "${OV2_NAME}" (the notebook raises KeyError): batch is NaN.`,
    ]);
    expect(noBatch(inRoot).map(d => d.message)).toEqual([
      'No dfs_final/batches.json was read (the notebook opens it before any table: FileNotFoundError): batch is NaN.',
    ]);
    // A test folder opened alone: its root (and batches.json) was not read.
    const alone = { ...inRoot, location: { root: '/t', name: OV2_NAME, statsDir: '/t' } };
    expect(noBatch(alone)[0]?.message).toContain('(the test folder was opened alone)');
    // Without a batch every row's batch is NaN; with it, the notebook's batches (2 starting, 1 each).
    const rows = (b?: BatchesFile) =>
      connectionStatsRows(inRoot, 'default', b ? { batches: b } : {}).rows;
    expect(rows(other).every(r => Number.isNaN(r.batch))).toBe(true);
    expect(rows(BATCHES).every(r => r.batch === 0)).toBe(true);
  });
  it('C10 more fragments than Python frames: computed iteratively, with a diagnostic', () => {
    const cuts = Array.from({ length: 1200 }, (_, i) => [i, 0.5, 0.5] as const);
    const t = ov2Scenario({ qoe: [qoe(1, 1, 2, cuts)] });
    expect(setFragStartEnd([[0, 10]], 0.001, 1200).calls).toBe(1201);
    expect(codes('notebook', t)).toEqual(['analysis.C10.deepRecursion']);
    expect(codes('default', t)).toEqual([]);
  });
});

describe('recording delay (setting loadtestLens.recordingDelaySeconds)', () => {
  it('pushes the start of each overlap by the chosen delay and drops overlaps it empties', () => {
    // Overlap of [0, 20] and [5, 30] is [5, 20]; by hand: +5 → [10, 20], +12 → [17, 20], +15 → none.
    const a: [number, number][] = [[0, 20]];
    const b: [number, number][] = [[5, 30]];
    expect(intersectIntervals(a, b)).toEqual([[10, 20]]);
    expect(intersectIntervals(a, b, 12)).toEqual([[17, 20]]);
    expect(intersectIntervals(a, b, 15)).toEqual([]);
    // full_user is `<user>-<session>`: both in session s1.
    const users = new Map([
      ['u1-s1', a],
      ['u2-s1', b],
    ]);
    expect(sessionIntersections(users, 12).get('u1-s1')?.get('u2-s1')).toEqual([[17, 20]]);
  });
});
