/**
 * QoE at scale (issue 19: 200,000 cuts never finished). `avgQoeIntervals` sweeps the sorted
 * times once; its work, counted in fragment visits, grows with the fragments (not their square),
 * and its means are the notebook's to the bit (checked against the notebook's own double loop,
 * written out below). The QoE cuts of one file go through parse, layout and averaging whole.
 */
import { describe, expect, it } from 'vitest';
import { parseQoeFile } from '../../../src/core/ingest/qoe';
import {
  avgQoeIntervals,
  layQoeFragments,
  round5,
  type QoeIntervalSteps,
} from '../../../src/core/analysis/segments/fragments';
import type { QoeFragment } from '../../../src/core/analysis/segments/model';

function fragment(start: number, end: number, vmaf: number, recorded = '2-1'): QoeFragment {
  return {
    fullUserRecording: '1-1',
    fullUserRecorded: recorded,
    cutIndex: 0,
    start,
    end,
    vmaf,
    visqol: 0,
  };
}

/** Cell 14 as the notebook writes it: every sub-interval scans every fragment. */
function notebookLoop(
  fragments: readonly QoeFragment[],
): { start: number; end: number; qoe: number }[] {
  const rows = fragments
    .map(f => ({ start: round5(f.start), end: round5(f.end), value: f.vmaf }))
    .sort((a, b) => a.start - b.start);
  const times = [...new Set(rows.flatMap(r => [r.start, r.end]))].sort((a, b) => a - b);
  const out = [];
  for (let i = 0; i + 1 < times.length; i++) {
    const a = times[i] as number;
    const b = times[i + 1] as number;
    const overlapping = rows.filter(r => r.start < b && r.end > a).map(r => r.value);
    if (overlapping.length > 0) {
      let sum = 0;
      for (const v of overlapping) sum += v;
      out.push({ start: a, end: b, qoe: sum / overlapping.length });
    }
  }
  return out;
}

/** Fragments of `pairs` recorded users laid back to back over 0–100 s, as cell 13 lays them. */
function laidOut(pairs: number, cutsPerPair: number): QoeFragment[] {
  const out: QoeFragment[] = [];
  for (let p = 0; p < pairs; p++) {
    const d = 100 / cutsPerPair;
    for (let c = 0; c < cutsPerPair; c++)
      out.push(
        fragment(c * d + p * 0.37, (c + 1) * d + p * 0.37, ((c * 7 + p * 3) % 10) / 10, `${p}-1`),
      );
  }
  return out;
}

describe('avgQoeIntervals', () => {
  it("gives the notebook loop's means bit for bit, overlaps and odd fragments included", () => {
    const fragments = [
      ...laidOut(3, 40),
      fragment(10, 10, 0.9), // empty: overlaps nothing
      fragment(50, 20, 0.8), // end before start: overlaps nothing
      fragment(0, 100, 0.1234567), // spans everything
      fragment(33.333333, 66.666667, 0.3),
    ];
    expect(avgQoeIntervals(fragments, 'vmaf')).toEqual(notebookLoop(fragments));
  });

  it('counts by hand on back-to-back fragments', () => {
    // [0,1] 0.5, [1,2] 0.25, and [0,2] 1 over both: sub-intervals [0,1] (0.5+1)/2, [1,2] (0.25+1)/2
    expect(
      avgQoeIntervals([fragment(0, 1, 0.5), fragment(1, 2, 0.25), fragment(0, 2, 1)], 'vmaf'),
    ).toEqual([
      { start: 0, end: 1, qoe: 0.75 },
      { start: 1, end: 2, qoe: 0.625 },
    ]);
  });

  it('visits each fragment a bounded number of times: the work doubles when the cuts double', () => {
    const visits = (cuts: number) => {
      const steps: QoeIntervalSteps = { visits: 0 };
      avgQoeIntervals(laidOut(4, cuts), 'vmaf', steps);
      return steps.visits;
    };
    const n = 5_000;
    const a = visits(n);
    const b = visits(2 * n);
    // 4 pairs offset from each other: a time is covered by at most 4 fragments, so each one is
    // visited over at most 2·4 sub-intervals and once when it ends. The notebook's loop makes
    // (4n)² visits: 4·10⁸ here.
    expect(a).toBeLessThanOrEqual(4 * n * 9);
    expect(b).toBeLessThanOrEqual(4 * 2 * n * 9);
    expect(b / a).toBeLessThan(2.2);
  });
});

describe('one QoE file of 200,000 cuts', () => {
  it('is parsed, laid out and averaged', () => {
    const n = 200_000;
    const text = `[${Array.from({ length: n }, (_, i) => `{"cut_index":${i},"vmaf":${(i % 100) / 100},"visqol":0.5}`).join(',')}]`;
    const file = parseQoeFile(text, '/r/q_cuts.json', {
      prefix: 'v',
      session: 'LoadTestSession1',
      userFrom: 'User1',
      userTo: 'User2',
    });
    expect(file.cutIndex.length).toBe(n);
    // The two users overlap for 0–2,000 s: with 200,000 cuts each fragment lasts 0.01 s.
    const intersections = new Map([['1-1', new Map([['2-1', [[0, 2000] as [number, number]]]])]]);
    const laid = layQoeFragments('default', [file], intersections);
    expect(laid.fragments).toHaveLength(n);
    const steps: QoeIntervalSteps = { visits: 0 };
    const sub = avgQoeIntervals(laid.fragments, 'vmaf', steps);
    expect(sub).toHaveLength(n);
    // Cut 12,345 covers [123.45, 123.46] with vmaf 0.45.
    expect(sub[12_345]).toEqual({ start: 123.45, end: 123.46, qoe: 0.45 });
    expect(steps.visits).toBeLessThanOrEqual(2 * n);
  });
});
