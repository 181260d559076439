// process_events_df (B14): counts worked out by hand from the notebook's update rules.
import { describe, expect, it } from 'vitest';
import { processEventsDf } from '../../../src/core/analysis/downstream';
import { row } from './rows';

const TEST = 'loadtest-webrtc-2024-pion-3p-10s';
// frame order: user 1 connects at 10, subscriber 4 at 5, user 1 fails at 20, reconnects at 30
const rows = [
  row('connectionSuccess', { start: 10, end: 20, user: 1 }),
  row('connectionSuccess', { start: 5, end: 40, user: 4 }),
  row('connectionFail', { start: 20, end: 30, user: 1, attempt: 1 }),
  row('connectionSuccess', { start: 30, end: 40, user: 1, attempt: 1 }),
];

const numbers = (points: { number: number; timestamp: number }[]) =>
  points.map(p => [p.timestamp, p.number]);

describe('processEventsDf', () => {
  it('notebook profile: frame order, failures never decrement, every success row counts (B14)', () => {
    const p = processEventsDf(TEST, rows, 'notebook');
    expect(numbers(p.publishers)).toEqual([
      [10, 1],
      [5, 1],
      [30, 2],
    ]);
    expect(numbers(p.subscribers)).toEqual([
      [10, 0],
      [5, 1],
      [30, 1],
    ]);
    expect(numbers(p.streams_in)).toEqual([
      [10, 2],
      [5, 2],
      [30, 4],
    ]);
    // streams_out = 2p(p-1) + 2sp per session: (1,0) → 0, (1,1) → 2, (2,1) → 4 + 4
    expect(numbers(p.streams_out)).toEqual([
      [10, 0],
      [5, 2],
      [30, 8],
    ]);
    expect(p.publishers[0]).toEqual({ number: 1, user: '1', session: '1', timestamp: 10 });
  });

  it('default profile: time order, one change per connect/disconnect', () => {
    const p = processEventsDf(TEST, rows, 'default');
    expect(numbers(p.publishers)).toEqual([
      [5, 0],
      [10, 1],
      [20, 0],
      [30, 1],
    ]);
    expect(numbers(p.subscribers)).toEqual([
      [5, 1],
      [10, 1],
      [20, 1],
      [30, 1],
    ]);
    expect(numbers(p.streams_in)).toEqual([
      [5, 0],
      [10, 2],
      [20, 0],
      [30, 2],
    ]);
    expect(numbers(p.streams_out)).toEqual([
      [5, 0],
      [10, 2],
      [20, 0],
      [30, 2],
    ]);
  });

  it('the duplicated success rows of both passes (B8/B9) count in the notebook, once by default', () => {
    const doubled = [...rows.slice(0, 1), ...rows.slice(0, 1)];
    expect(numbers(processEventsDf(TEST, doubled, 'notebook').publishers)).toEqual([
      [10, 1],
      [10, 2],
    ]);
    expect(numbers(processEventsDf(TEST, doubled, 'default').publishers)).toEqual([[10, 1]]);
  });

  it('subscribers: "0s" in the name and user > 3 (notebook) vs <P>p-<S>s (default)', () => {
    const name = 'loadtest-webrtc-2024-pion-3p-5s'; // no "0s"
    const r = [row('connectionSuccess', { start: 1, end: 2, user: 4, test: name })];
    expect(processEventsDf(name, r, 'notebook').publishers[0]?.number).toBe(1);
    expect(processEventsDf(name, r, 'notebook').subscribers[0]?.number).toBe(0);
    expect(processEventsDf(name, r, 'default').publishers[0]?.number).toBe(0);
    expect(processEventsDf(name, r, 'default').subscribers[0]?.number).toBe(1);
  });
});
