// Placing a knee on the swimlane's time axis, on hand-made load timelines.
import { describe, expect, it } from 'vitest';
import { timeAtCpu, timeAtUsers } from '../../../src/core/viewmodel/swimlaneKnees';

describe('knee times', () => {
  it('a knee of N users is where N users are first connected at once', () => {
    // Connected: [0, 10), [2, 4), [3, 20), [5, 20): 1 at 0, 2 at 2, 3 at 3, 2 at 4, 3 at 5.
    const tl = {
      starts: Float64Array.from([0, 2, 3, 5]),
      ends: Float64Array.from([4, 10, 20, 20]),
    };
    expect(timeAtUsers(tl, 1)).toBe(0);
    expect(timeAtUsers(tl, 3)).toBe(3);
    expect(timeAtUsers(tl, 4)).toBeUndefined();
  });

  it('a knee at a CPU level is the first sample at or above it', () => {
    const cpu: [number, number][] = [
      [0, 0.1],
      [5, 0.25],
      [10, 0.2],
      [15, 0.3],
    ];
    expect(timeAtCpu(cpu, 0.2)).toBe(5);
    expect(timeAtCpu(cpu, 0.3)).toBe(15);
    expect(timeAtCpu(cpu, 0.31)).toBeUndefined();
  });
});
