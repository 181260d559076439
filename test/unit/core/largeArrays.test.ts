/**
 * Data-sized arrays never go through a spread into call arguments (issue 19: 200,000 points of
 * one metric crashed with RangeError in `Math.max(...values)`). The helpers loop, and the run
 * analysis that crashed reads such a series.
 */
import { describe, expect, it } from 'vitest';
import { headlines, steadyWindow } from '../../../src/core/runs/analysis';
import type { ScenarioData } from '../../../src/core/runs/run';
import type { MetricSeries } from '../../../src/core/model/run';
import { maxOf, minOf, pushAll } from '../../../src/shared/arrays';

const N = 300_000;

describe('maxOf, minOf, pushAll', () => {
  const values = Array.from({ length: N }, (_, i) => (i * 7919) % N); // a permutation of 0 … N − 1

  it('handle more values than a call can take as arguments', () => {
    expect(() => Math.max(...values)).toThrow(RangeError); // what they replace
    expect(maxOf(values)).toBe(N - 1);
    expect(minOf(values)).toBe(0);
    const target = [-1];
    expect(pushAll(target, values)).toBe(target);
    expect(target).toHaveLength(N + 1);
    expect(target[N]).toBe(values[N - 1]);
  });

  it("keep the spread forms' results for NaN and for no values", () => {
    expect(maxOf([1, NaN, 3])).toBeNaN();
    expect(minOf([1, NaN, 3])).toBeNaN();
    expect(maxOf([])).toBe(-Infinity);
    expect(minOf([])).toBe(Infinity);
  });
});

describe('a run scenario with 200,000 points of one metric', () => {
  // participants 0, 1, 2 … 100,000 then 100,000 held: one point a second from t = 0.
  const points = Array.from({ length: 200_000 }, (_, i) => ({
    t: i * 1000,
    v: Math.min(i, 100_000),
  }));
  const participants: MetricSeries = {
    name: 'participants',
    unit: '',
    origin: 'elasticsearch',
    approximate: false,
    points,
  };
  const scenario = { series: [participants] } as unknown as ScenarioData;

  it('gives its headline and steady window', () => {
    const [h] = headlines(scenario, undefined);
    // mean: (Σ_{i<100,000} i + 100,000 · 100,000) / 200,000 = (4,999,950,000 + 10¹⁰) / 200,000
    expect(h?.whole).toEqual({ mean: (4_999_950_000 + 1e10) / 200_000, max: 100_000, n: 200_000 });
    const w = steadyWindow(scenario, undefined);
    // 95 % of the peak (95,000) is first reached at t = 95,000 s and held to the last point.
    expect(w).toMatchObject({
      start: 95_000_000,
      end: 199_999_000,
      basis: 'detected',
      level: 95_000,
    });
  });
});
