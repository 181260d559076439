import { describe, expect, it } from 'vitest';
import { failureCausesVM } from '../../../src/core/viewmodel/failureCauses';
import type { Taxonomy } from '../../../src/shared/loadResults';

const none = {
  ice: 0,
  exception: 0,
  'reconnection failed': 0,
  disconnected: 0,
  'no browser event': 0,
};

describe('failureCausesVM', () => {
  it('lists every cause in one order with counts, shares of the test and medians', () => {
    const taxonomy: Taxonomy = {
      counts: { ...none, ice: 3, disconnected: 1 },
      medians: {
        ice: { time: 40, users: 12, cpu: 0.5 },
        disconnected: { time: 90, users: 20, cpu: null },
      },
      recoveredReconnections: 2,
      points: [],
    };
    const vm = failureCausesVM([{ label: 'a (root)', taxonomy }]);
    expect(vm.causes).toEqual([
      'ice',
      'exception',
      'reconnection failed',
      'disconnected',
      'no browser event',
    ]);
    expect(vm.notes).toHaveLength(5);
    const t = vm.tests[0]!;
    expect(t.total).toBe(4);
    expect(t.counts).toEqual([3, 0, 0, 1, 0]);
    // 3 of 4 = 75 %, 1 of 4 = 25 %.
    expect(t.shares).toEqual([75, 0, 0, 25, 0]);
    expect(t.medians).toEqual([
      { time: 40, users: 12, cpu: 0.5 },
      null,
      null,
      { time: 90, users: 20, cpu: null },
      null,
    ]);
    expect(t.recovered).toBe(2);
  });

  it('has no shares for a test without failures', () => {
    const vm = failureCausesVM([
      {
        label: 'b',
        taxonomy: { counts: none, medians: {}, recoveredReconnections: 0, points: [] },
      },
    ]);
    expect(vm.tests[0]!.total).toBe(0);
    expect(vm.tests[0]!.shares).toEqual([null, null, null, null, null]);
  });
});
