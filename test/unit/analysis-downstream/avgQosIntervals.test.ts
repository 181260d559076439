import { describe, expect, it } from 'vitest';
import { avgQosIntervals } from '../../../src/core/analysis/downstream';

// Expected values of the notebook profile come from running the notebook's avg_qos_intervals
// (Decimal at 9 digits, pandas 1.5.3 resample('1s') on a TimedeltaIndex) on the same inputs:
//   jitter  t=[3.1,0.2,0.7,1.5] v=[40,10,20,30] → [([0.0, 1.0], 15.0), ([1.0, 2.0], 30.0)]
//   bitrate t=[0.1,0.5,1.6,2.4] v=[0,100,50,70] → [([0.0, 1.0], 100.0)]
// (bins start at the first sample; labels truncated to whole seconds; the last bin is dropped;
// bitrate keeps values > 0 only.) Default-profile values are worked out by hand.
describe('avgQosIntervals', () => {
  it('notebook profile: as pandas bins them', () => {
    expect(avgQosIntervals([3.1, 0.2, 0.7, 1.5], [40, 10, 20, 30], 'jitter', 'notebook')).toEqual([
      { start: 0, end: 1, value: 15 },
      { start: 1, end: 2, value: 30 },
    ]);
    expect(avgQosIntervals([0.1, 0.5, 1.6, 2.4], [0, 100, 50, 70], 'bitrate', 'notebook')).toEqual([
      { start: 0, end: 1, value: 100 },
    ]);
  });

  it('default profile: whole-second bins [s, s + 1], last bin kept, NaN skipped', () => {
    // Bins: 0 → {10, 20} = 15; 1 → {30}; 3 → {40}.
    expect(
      avgQosIntervals([3.1, 0.2, 0.7, 1.5, 2.5], [40, 10, 20, 30, NaN], 'jitter', 'default'),
    ).toEqual([
      { start: 0, end: 1, value: 15 },
      { start: 1, end: 2, value: 30 },
      { start: 3, end: 4, value: 40 },
    ]);
    // bitrate: the 0 goes; bins 0 → 100, 1 → 50, 2 → 70.
    expect(avgQosIntervals([0.1, 0.5, 1.6, 2.4], [0, 100, 50, 70], 'bitrate', 'default')).toEqual([
      { start: 0, end: 1, value: 100 },
      { start: 1, end: 2, value: 50 },
      { start: 2, end: 3, value: 70 },
    ]);
    expect(avgQosIntervals([], [], 'jitter', 'default')).toEqual([]);
  });
});
