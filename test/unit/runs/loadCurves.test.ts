// The run view's load curves (node means per role, a metric against the participants), on small
// hand-built series whose results are worked out by hand in the comments.
import { describe, expect, it } from 'vitest';
import {
  meanPerRole,
  meanPerSecond,
  secondFrom,
  versusParticipants,
} from '../../../src/core/runs/loadCurves';
import type { MetricPoint, MetricSeries } from '../../../src/core/model/run';
import { scenario } from './runs';

/** Points at `[milliseconds, value]`. */
const at = (...pairs: [number, number][]): MetricPoint[] => pairs.map(([t, v]) => ({ t, v }));

function platform(name: string, points: MetricPoint[]): MetricSeries {
  return { name, unit: 'x', origin: 'elasticsearch', approximate: false, points };
}

function node(
  name: string,
  host: string,
  role: string | undefined,
  points: MetricPoint[],
): MetricSeries {
  return { name, unit: '%', node: host, role, origin: 'metricbeat', approximate: false, points };
}

describe('secondFrom', () => {
  it('counts whole seconds from the origin, halves rounded up', () => {
    expect(secondFrom(1_000, 1_400)).toBe(0); // 0.4 s
    expect(secondFrom(1_000, 2_500)).toBe(2); // 1.5 s
    expect(secondFrom(1_000, 30_600)).toBe(30); // 29.6 s
  });
});

describe('meanPerSecond', () => {
  it('averages the samples that fall in the same second from the origin', () => {
    const a = at([1_000, 10], [31_000, 20]); // seconds 0 and 30
    const b = at([1_400, 30], [30_600, 40], [61_500, 50]); // 0.4 → 0, 29.6 → 30, 60.5 → 61
    // second 0: (10 + 30) / 2 = 20; second 30: (20 + 40) / 2 = 30; second 61: b alone, 50.
    expect(meanPerSecond([a, b], 1_000)).toEqual([
      [0, 20],
      [30, 30],
      [61, 50],
    ]);
  });
  it('returns the seconds in ascending order whatever the order of the series', () => {
    expect(meanPerSecond([at([61_000, 5]), at([1_000, 7])], 1_000)).toEqual([
      [0, 7],
      [60, 5],
    ]);
  });
  it('has no points without samples', () => {
    expect(meanPerSecond([], 0)).toEqual([]);
    expect(meanPerSecond([[], []], 0)).toEqual([]);
  });
});

describe('meanPerRole', () => {
  const m1 = node('cpu', 'm1', 'medianode', at([0, 40], [30_000, 60]));
  const w1 = node('cpu', 'w1', 'browseremulator', at([0, 90]));
  const m2 = node('cpu', 'm2', 'medianode', at([0, 20], [30_000, 80]));
  const bare = node('cpu', 'x', undefined, at([0, 5]));
  const series = [
    platform('cpu', at([0, 99])), // not a node: left out
    m1,
    w1,
    node('memory', 'm1', 'medianode', at([0, 70])), // another metric: left out
    m2,
    bare,
  ];

  it('groups the nodes by role, roles in the order their first node comes, and averages them', () => {
    // medianode: second 0 (40 + 20) / 2 = 30, second 30 (60 + 80) / 2 = 70; worker 90 alone.
    expect(meanPerRole(series, 'cpu', 0)).toEqual([
      {
        role: 'medianode',
        nodes: [m1, m2],
        points: [
          [0, 30],
          [30, 70],
        ],
      },
      { role: 'browseremulator', nodes: [w1], points: [[0, 90]] },
      { role: undefined, nodes: [bare], points: [[0, 5]] },
    ]);
  });
  it('has no groups when no node has the metric', () => {
    expect(meanPerRole(series, 'disk', 0)).toEqual([]);
  });
});

describe('versusParticipants', () => {
  const participants = platform('participants', at([0, 0], [29_600, 4], [60_000, 8], [60_200, 10]));
  const quality = platform(
    'quality_score',
    at([0, 4.5], [30_400, 4.2], [60_000, 3.9], [90_000, 3]),
  );

  it('pairs each sample with the participants of its second, leaving out seconds without load', () => {
    const s = scenario({ series: [participants, quality] });
    // 0 s: 0 participants → out; 30.4 s and 29.6 s both second 30 → (4, 4.2); second 60: two
    // participants samples, the last (10) counts → (10, 3.9); 90 s: no participants → out.
    expect(versusParticipants(s, 'quality_score', 0)).toEqual([
      [4, 4.2],
      [10, 3.9],
    ]);
  });
  it('matches seconds counted from the origin', () => {
    const s = scenario({ series: [participants, quality] });
    // From 500 ms: 29.6 s → 29.1 → 29 but 30.4 s → 29.9 → 30, no match; 60 s and 60.2 s → 59.5
    // and 59.7 → 60 both (last: 10), 60 s → 60 → (10, 3.9).
    expect(versusParticipants(s, 'quality_score', 500)).toEqual([[10, 3.9]]);
  });
  it('is empty without the participants or without the metric', () => {
    expect(versusParticipants(scenario({ series: [quality] }), 'quality_score', 0)).toEqual([]);
    expect(versusParticipants(scenario({ series: [participants] }), 'quality_score', 0)).toEqual(
      [],
    );
  });
  it('reads the platform series, not a per-node one of the same name', () => {
    const perNode = node('quality_score', 'm1', 'medianode', at([30_000, 1]));
    expect(
      versusParticipants(scenario({ series: [participants, perNode] }), 'quality_score', 0),
    ).toEqual([]);
  });
});
