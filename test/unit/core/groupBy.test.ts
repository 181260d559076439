import { describe, expect, it } from 'vitest';
import { groupBy } from '../../../src/shared/arrays';

describe('groupBy', () => {
  it('keeps keys in order of first appearance and items in their order', () => {
    const rows = [
      { test: 't2', n: 1 },
      { test: 't1', n: 2 },
      { test: 't2', n: 3 },
      { test: 't3', n: 4 },
      { test: 't1', n: 5 },
    ];
    const groups = groupBy(rows, r => r.test);
    expect([...groups.keys()]).toEqual(['t2', 't1', 't3']);
    expect([...groups.values()].map(g => g.map(r => r.n))).toEqual([[1, 3], [2, 5], [4]]);
  });

  it('gives an empty map for no items', () => {
    expect(groupBy([], () => 'x').size).toBe(0);
  });
});
