import { describe, expect, it } from 'vitest';
import { qosValues, secondGroups } from '../../../src/core/analysis/downstream/qosSeries';
import type { QosTable } from '../../../src/core/ingest/stats';

const plain = (g: ReturnType<typeof secondGroups>) => ({
  xs: [...g.xs],
  mean: [...g.mean],
  min: [...g.min],
  max: [...g.max],
  n: [...g.n],
});

describe('secondGroups: mean, min and max across users per whole second since the origin', () => {
  // Origin 1000 ms. Second 0 = [1000, 2000): 1 and 3 (1999 has no value); second 1: 10;
  // second 2: 0; 500 ms lies before the origin, in second −1.
  const times = [1000, 1500, 1999, 2000, 3500, NaN, 500];
  const values = [1, 3, NaN, 10, 0, 5, 4];

  it('groups on floor((t − origin) / 1000), skipping missing times and values', () => {
    expect(plain(secondGroups(times, values, 1000, false))).toEqual({
      xs: [-1, 0, 1, 2],
      mean: [4, 2, 10, 0],
      min: [4, 1, 10, 0],
      max: [4, 3, 10, 0],
      n: [1, 2, 1, 1],
    });
  });

  it('drops values ≤ 0 for rates (a report’s first sample has no predecessor)', () => {
    expect([...secondGroups(times, values, 1000, true).xs]).toEqual([-1, 0, 1]);
  });

  it('gives no groups for no samples', () => {
    expect(secondGroups([], [], 0, false).xs.length).toBe(0);
  });
});

describe('qosValues reads narrow column storage', () => {
  it('gives NaN for a missing row whatever the array type (255 in a Uint8Array is missing)', () => {
    const table = {
      rows: 3,
      columns: [
        { name: 'packetsLost', kind: 'number' as const, values: Uint8Array.from([3, 255, 0]) },
      ],
      lossRatio: new Float64Array(3),
      packetsPerSecond: new Float64Array(3),
    } as unknown as QosTable;
    expect([...qosValues(table, { column: 'packetsLost' })!]).toEqual([3, NaN, 0]);
    expect(qosValues(table, { column: 'jitter' })).toBeUndefined();
  });
});

describe('secondGroups with a stray timestamp far from the others', () => {
  it('still groups every second (a map instead of one accumulator per second of the span)', () => {
    const year = 365 * 86400 * 1000;
    const g = secondGroups([1000, 1200, 1000 + 100 * year], [2, 4, 7], 1000, false);
    expect([...g.xs]).toEqual([0, 100 * 365 * 86400]);
    expect([...g.mean]).toEqual([3, 7]);
    expect([...g.n]).toEqual([2, 1]);
  });
});
