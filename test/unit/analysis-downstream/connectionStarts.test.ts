// remove_no_connections and remove_no_connections_subs (B10), rows kept worked out by hand.
import { describe, expect, it } from 'vitest';
import {
  removeNoConnections,
  removeNoConnectionsSubs,
} from '../../../src/core/analysis/downstream';
import { row } from './rows';

const TEST = 'loadtest-webrtc-2024-pion-3p-10s';
// A publisher whose first attempt failed: interval success (attempt 0, B9), start → fail → start → success.
const failedFirst = [
  row('connectionSuccess', { start: 5, end: 50, attempt: 0 }),
  row('connectionStart', { start: 0, end: 3, attempt: 0 }),
  row('connectionFail', { start: 3, end: 4, attempt: 1 }),
  row('connectionStart', { start: 4, end: 5, attempt: 1 }),
  row('connectionSuccess', { start: 5, end: 50, attempt: 1 }),
];
const starts = (rows: { type: string; start_time: number }[]) =>
  rows.filter(r => r.type === 'connectionStart').map(r => r.start_time);

describe('removeNoConnections', () => {
  it('B10 notebook: the failed first attempt is kept (the interval row has attempt 0)', () => {
    expect(starts(removeNoConnections(failedFirst, 'notebook'))).toEqual([0, 4]);
  });
  it('default: only starts whose next segment is a success', () => {
    expect(starts(removeNoConnections(failedFirst, 'default'))).toEqual([4]);
  });
  it('notebook: NaN attempt never matches', () => {
    const r = [
      row('connectionStart', { start: 0, end: 1, attempt: NaN }),
      row('connectionSuccess', { start: 1, end: 9, attempt: NaN }),
    ];
    expect(starts(removeNoConnections(r, 'notebook'))).toEqual([]);
    expect(starts(removeNoConnections(r, 'default'))).toEqual([0]);
  });
  it('other rows are untouched', () => {
    expect(removeNoConnections(failedFirst, 'default').length).toBe(4);
  });
});

describe('removeNoConnectionsSubs', () => {
  // subscriber 5: the first later row in frame order is a success, the next one in time a failure
  const sub = [
    row('connectionStart', { start: 0, end: 2, user: 5 }),
    row('connectionSuccess', { start: 10, end: 20, user: 5 }),
    row('connectionFail', { start: 2, end: 10, user: 5 }),
  ];
  const pub = [
    row('connectionStart', { start: 0, end: 1, user: 2 }),
    row('connectionSuccess', { start: 1, end: 9, user: 2 }),
  ];
  it('B10 notebook: first later row in frame order decides', () => {
    expect(starts(removeNoConnectionsSubs(TEST, sub, 'subscribers', 'notebook'))).toEqual([0]);
  });
  it('default: the next segment in time decides', () => {
    expect(starts(removeNoConnectionsSubs(TEST, sub, 'subscribers', 'default'))).toEqual([]);
  });
  it('roles: user ≤ 3 in the publishers cell, > 3 in the subscribers cell', () => {
    const all = [...pub, ...sub];
    for (const profile of ['notebook', 'default'] as const) {
      expect(starts(removeNoConnectionsSubs(TEST, all, 'publishers', profile))).toEqual([0]);
      expect(
        removeNoConnectionsSubs(TEST, all, 'publishers', profile).filter(
          r => r.type === 'connectionStart',
        )[0]?.user,
      ).toBe('2');
    }
    expect(
      removeNoConnectionsSubs(TEST, all, 'subscribers', 'notebook')
        .filter(r => r.type === 'connectionStart')
        .map(r => r.user),
    ).toEqual(['5']);
  });
  it('B10 notebook: a start dropped earlier is no longer seen by the starts after it', () => {
    // frame order: A start t=5, S success t=3, X fail t=6, B start t=1.
    // A: first later row (t > 5) in frame order is X, a failure → dropped.
    // B: first later row (t > 1) is A while present (a start → B dropped); A is gone, so it is S → kept.
    const r = [
      row('connectionStart', { start: 5, end: 6, user: 5 }),
      row('connectionSuccess', { start: 3, end: 5, user: 5 }),
      row('connectionFail', { start: 6, end: 7, user: 5 }),
      row('connectionStart', { start: 1, end: 3, user: 5 }),
    ];
    expect(starts(removeNoConnectionsSubs(TEST, r, 'subscribers', 'notebook'))).toEqual([1]);
    // default: A is followed in time by the failure, B by the success
    expect(starts(removeNoConnectionsSubs(TEST, r, 'subscribers', 'default'))).toEqual([1]);
  });
});
