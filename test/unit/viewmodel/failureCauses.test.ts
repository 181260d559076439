import { describe, expect, it } from 'vitest';
import { failureCausesVM } from '../../../src/core/viewmodel/failureCauses';
import type { FailureCause, FailurePoint, Taxonomy } from '../../../src/shared/loadResults';

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

  it('keeps each failure line under its cause: test time and users connected', () => {
    const at = (cause: FailureCause, time: number, users: number): FailurePoint => ({
      cause,
      time,
      users,
      user: 'u',
      session: 's',
      line: 1,
      cpu: null,
    });
    const taxonomy: Taxonomy = {
      counts: { ...none, ice: 2, 'no browser event': 1 },
      medians: {},
      recoveredReconnections: 0,
      points: [at('ice', 10, 4), at('no browser event', 15, 6), at('ice', 30, 9)],
    };
    const t = failureCausesVM([{ label: 'c', taxonomy }]).tests[0]!;
    expect(t.points).toEqual([
      { time: [10, 30], users: [4, 9] },
      { time: [], users: [] },
      { time: [], users: [] },
      { time: [], users: [] },
      { time: [15], users: [6] },
    ]);
  });

  it('strides a test with more than 1500 failure lines down to about 1500', () => {
    const points = Array.from({ length: 4000 }, (_, i): FailurePoint => ({
      cause: i % 2 ? 'ice' : 'disconnected',
      time: i,
      users: 1,
      user: 'u',
      session: 's',
      line: i,
      cpu: null,
    }));
    const taxonomy: Taxonomy = { counts: none, medians: {}, recoveredReconnections: 0, points };
    const t = failureCausesVM([{ label: 'd', taxonomy }]).tests[0]!;
    const kept = t.points.reduce((n, p) => n + p.time.length, 0);
    expect(kept).toBeGreaterThanOrEqual(1500);
    expect(kept).toBeLessThanOrEqual(1501);
    // the last line is kept, so the scatter spans the whole test
    expect(Math.max(...t.points[0]!.time)).toBe(3999);
  });
});
