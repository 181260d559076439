// QoE progression (B13): Python's float floor division, values checked with CPython:
// 0.009 // 0.001 == 8.0, 1 // 0.1 == 9.0, 2.675 // 0.001 * 0.001 == 2.674.
import { describe, expect, it } from 'vitest';
import { pythonFloorDiv, qoeProgression } from '../../../src/core/analysis/downstream';
import { row } from './rows';

describe('pythonFloorDiv', () => {
  it('matches CPython where Math.floor(a / b) does not', () => {
    expect(pythonFloorDiv(1, 0.1)).toBe(9);
    expect(Math.floor(1 / 0.1)).toBe(10);
    expect(pythonFloorDiv(0.009, 0.001)).toBe(8);
    expect(pythonFloorDiv(2.675, 0.001) * 0.001).toBe(2.674);
    expect(pythonFloorDiv(-1.5, 1)).toBe(-2);
    expect(pythonFloorDiv(7, 2)).toBe(3);
  });
});

describe('qoeProgression', () => {
  const kurento = 'loadtest-webrtc-2024-kurento-2p';
  // midpoints 0.009 (twice, qoe 2 and 4) and 3.4 (qoe 1); a visqol row is ignored
  const rows = [
    row('QOE', { start: 0.009, end: 0.009, qoe: 2, test: kurento }),
    row('QOE', { start: 0.009, end: 0.009, qoe: 4, test: kurento }),
    row('QOE', { start: 3, end: 3.8, qoe: 1, test: kurento }),
    row('QOE', { start: 3, end: 3.8, qoe: 5, metric: 'visqol', test: kurento }),
    row('connectionSuccess', { start: 0, end: 10, test: kurento }),
  ];
  it('notebook: 1 ms groups for kurento with float floor division (B13)', () => {
    const p = qoeProgression(kurento, rows, 'vmaf', 'notebook');
    expect(p.map(q => q.qoe)).toEqual([3, 1]);
    expect(p[0]?.time_group).toBe(8 * 0.001);
    expect(p[1]?.time_group).toBe(3399 * 0.001); // 3.4 // 0.001 == 3399.0 in CPython
  });
  it('default: 1 s groups for every test', () => {
    expect(qoeProgression(kurento, rows, 'vmaf', 'default')).toEqual([
      { time_group: 0, qoe: 3 },
      { time_group: 3, qoe: 1 },
    ]);
  });
});
