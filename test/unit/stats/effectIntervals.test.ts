import { describe, expect, it } from 'vitest';
import {
  cliffsDeltaInterval,
  cohenDInterval,
  effectIntervals,
  medianDifferenceInterval,
} from '../../../src/core/stats';

describe('effectIntervals', () => {
  it('gives exactly the three separate intervals (same seed, shared resamples)', () => {
    const x = [3.1, 2.4, 5.0, 4.4, 3.3, 2.9, 6.1, 4.0, 3.8, 2.2, 5.5];
    const y = [2.0, 1.5, 3.9, 2.8, 2.2, 1.9, 3.1, 2.6];
    for (const method of ['bca', 'percentile'] as const) {
      const o = { method, resamples: 500, seed: 7 };
      const shared = effectIntervals(x, y, o);
      expect(shared.medianDifference).toEqual(medianDifferenceInterval(x, y, o));
      expect(shared.cohenD).toEqual(cohenDInterval(x, y, o));
      expect(shared.cliffsDelta).toEqual(cliffsDeltaInterval(x, y, o));
    }
  });

  it('is not computable for all three when a sample is too small', () => {
    const r = effectIntervals([1], [1, 2, 3]);
    expect([r.medianDifference.ok, r.cohenD.ok, r.cliffsDelta.ok]).toEqual([false, false, false]);
  });
});
