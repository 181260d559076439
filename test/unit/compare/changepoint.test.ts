// Model selection of the load knee on hand-built data whose answer follows from its construction:
// a pure step, a pure hinge, two changes, a line with noise, a change the better way; the Hampel
// identifier; the other load at the instants of a knee.
import { describe, expect, it } from 'vitest';
import { curveAt, hampelOutliers, loadKnee, type Point } from '../../../src/core/compare/knee';
import { loadAtKnee, type Observation } from '../../../src/core/compare/compare';

const xs = (n: number): number[] => Array.from({ length: n }, (_, x) => x);
const knee = (pts: Point[], worse: 'up' | 'down' = 'down') =>
  loadKnee(pts, { worse, resamples: 50, seed: 7, alpha: 0.05 });

describe('change-point model selection (BIC)', () => {
  it('a pure step: 10 below x = 20, 4 from it on → step at 20, jump −6, slopes 0, pinned', () => {
    const r = knee(xs(40).map(x => ({ x, y: x < 20 ? 10 : 4 })));
    // a step fits exactly with 4 parameters; step+hinge and two changes also fit exactly but pay
    // more parameters, a hinge cannot follow a jump
    expect(r.model).toBe('step');
    expect(r.knee).toBe(20);
    expect(r.jump).toBeCloseTo(-6, 9);
    expect(r.slopeBefore).toBeCloseTo(0, 9);
    expect(r.slopeAfter).toBeCloseTo(0, 9);
    // no residual: every resample is the data, every resampled step at 20; 19 and 21 are
    // candidates one user away, so the data pin the change to 20
    expect([r.low, r.high]).toEqual([20, 20]);
    expect(curveAt(r.fit!, 19)).toBeCloseTo(10, 9);
    expect(curveAt(r.fit!, 20)).toBeCloseTo(4, 9);
  });

  it('a pure hinge: 10 up to x = 20, then −0.5 per unit → hinge at 20, slope 0 then −0.5', () => {
    const r = knee(xs(40).map(x => ({ x, y: x <= 20 ? 10 : 10 - 0.5 * (x - 20) })));
    expect(r.model).toBe('hinge');
    expect(r.knee).toBe(20);
    expect(r.slopeBefore).toBeCloseTo(0, 9);
    expect(r.slopeAfter).toBeCloseTo(-0.5, 9);
    expect(r.jump).toBeCloseTo(0, 9);
    expect([r.low, r.high]).toEqual([20, 20]);
  });

  it('a bend at 15 and a step of −5 at 30 → two changes, knee 15 and knee2 30', () => {
    const y = (x: number): number => 10 - 0.5 * Math.max(0, x - 15) - (x >= 30 ? 5 : 0);
    const r = knee(xs(60).map(x => ({ x, y: y(x) })));
    expect(r.model).toBe('two');
    expect(r.knee).toBe(15);
    expect(r.knee2).toBe(30);
    expect(r.fit?.changes.map(c => [c.knee, +c.c.toFixed(9), +c.d.toFixed(9)])).toEqual([
      [15, -0.5, 0],
      [30, 0, -5],
    ]);
  });

  it('a line with alternating noise ±0.3 → no knee', () => {
    const r = knee(xs(40).map(x => ({ x, y: 3 - 0.5 * x + (x % 2 ? 0.3 : -0.3) })));
    expect(r.knee).toBeNull();
    expect(r.model).toBe('line');
    expect(r.slopeBefore).toBeCloseTo(-0.5, 2);
  });

  it('a change the better way is no knee: VMAF stepping up; the same step is one where up is worse', () => {
    const up = xs(40).map(x => ({ x, y: x < 20 ? 4 : 10 }));
    expect(knee(up, 'down').knee).toBeNull();
    expect(knee(up, 'down').fit?.kind).toBe('step');
    expect(knee(up, 'up').knee).toBe(20);
  });
});

describe('Hampel identifier', () => {
  it('flags one 9 among values near 1, not a change of level', () => {
    const spike = Float64Array.from([1, 1.1, 0.9, 1, 1.1, 9, 0.9, 1, 1.1, 0.9, 1]);
    expect(
      hampelOutliers(spike, 4)
        .map((o, i) => (o ? i : -1))
        .filter(i => i >= 0),
    ).toEqual([5]);
    const level = Float64Array.from([1, 1.1, 0.9, 1, 1.1, 5, 5.1, 4.9, 5, 5.1]);
    expect(hampelOutliers(level, 2).some(Boolean)).toBe(false);
  });
});

describe('the other load at the instants of a knee', () => {
  const obs = (users: number, cpu: number): Observation => ({ value: 0, users, cpu, time: 0 });
  const list = [
    obs(62, 0.5),
    obs(63, 0.52),
    obs(64, 0.55),
    obs(64, 0.56),
    obs(64, 0.57),
    obs(65, 0.58),
    obs(66, 0.6),
  ];
  it('the CPU at 64 users is the median CPU of the observations at 64 users', () => {
    // the three at 64 users: 0.55, 0.56, 0.57
    expect(loadAtKnee(list, 'users', 'cpu', 64)).toBeCloseTo(0.56, 12);
  });
  it('the users at CPU 0.56 are those of the 3 first observations from 0.56 up', () => {
    // 0.56, 0.57, 0.58 → users 64, 64, 65
    expect(loadAtKnee(list, 'cpu', 'users', 0.56)).toBe(64);
  });
});
