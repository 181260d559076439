// The per-attempt failure probability as a knee metric: each attempt's outcome read from the
// rows that follow its connectionStart, and a change of failure probability found where a
// hand-built sequence of outcomes changes it.
import { describe, expect, it } from 'vitest';
import type { ConnectionStatsRow } from '../../../src/core/analysis/types';
import { attemptObservations } from '../../../src/core/compare/compare';
import { loadKnee } from '../../../src/core/compare/knee';
import { connectionRow } from '../connectionRow';

function row(
  type: ConnectionStatsRow['type'],
  user: string,
  start: number,
  end: number,
): ConnectionStatsRow {
  return connectionRow('1', user, type, start, end, { cpu_median: 0.5 });
}

describe('attempt outcomes', () => {
  it('reads each attempt as failed (1) or connected (0) from the row after its start', () => {
    const rows = [
      // user 1: fails once, then connects
      row('connectionStart', '1', 0, 2),
      row('connectionFail', '1', 2, 3),
      row('connectionStart', '1', 3, 5),
      row('connectionSuccess', '1', 5, 60),
      // user 2: connects at once; user 3: its attempt never ends before the test does
      row('connectionStart', '2', 1, 4),
      row('connectionSuccess', '2', 4, 60),
      row('connectionStart', '3', 50, 60),
    ];
    const obs = attemptObservations(rows);
    expect(obs.map(o => [o.time, o.value])).toEqual([
      [0, 1],
      [1, 0],
      [3, 0],
    ]);
    // users connected when each attempt started: none yet, none yet, none yet (user 2 at 4 s)
    expect(obs.map(o => o.users)).toEqual([0, 0, 0]);
  });
});

describe('failure-probability knee', () => {
  it('finds where the failure probability steps from 1 in 20 to 1 in 2', () => {
    // Two attempts at every load 1..80: below 40 one attempt in 20 fails, from 40 on one in 2.
    const points: { x: number; y: number }[] = [];
    for (let x = 1; x <= 80; x++)
      for (let k = 0; k < 2; k++) {
        const i = (x - 1) * 2 + k;
        points.push({ x, y: x < 40 ? (i % 20 === 0 ? 1 : 0) : i % 2 });
      }
    const r = loadKnee(points, { worse: 'up', resamples: 200, seed: 7, alpha: 0.05 });
    expect(r.knee).not.toBeNull();
    expect(Math.abs((r.knee as number) - 40)).toBeLessThanOrEqual(2);
    expect(r.low as number).toBeLessThanOrEqual(40);
    expect(r.high as number).toBeGreaterThanOrEqual(40);
  });

  it('reports no knee when one attempt in ten fails at every load', () => {
    const points = Array.from({ length: 160 }, (_, i) => ({
      x: Math.floor(i / 2) + 1,
      y: i % 10 === 3 ? 1 : 0,
    }));
    const r = loadKnee(points, { worse: 'up', resamples: 200, seed: 7, alpha: 0.05 });
    expect(r.knee).toBeNull();
  });
});
