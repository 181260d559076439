// calculate_connection_data (B16): medians, means and sample stds worked out by hand.
import { describe, expect, it } from 'vitest';
import { calculateConnectionData } from '../../../src/core/analysis/downstream';
import { row } from './rows';

const cpus = [0.5, 0.85, 0.9, 0.93, 0.95, 0.97];
const rows = [
  ...cpus.map((cpu, i) => row('QOE', { start: i, end: i + 1, cpu, qoe: i + 1, metric: 'vmaf' })),
  row('QOE', { start: 0, end: 1, cpu: 0.1, qoe: 100, metric: 'visqol' }),
  row('connectionStart', { start: 0, end: 1, cpu: 0.1 }),
];
const input = { type: 'QOE', metric: 'qoe', label: 'VMAF', qoeMetric: 'vmaf' } as const;

describe('calculateConnectionData', () => {
  it('eight bands of the vmaf QOE rows: [threshold, median, mean, min, max, std, n]', () => {
    const t = calculateConnectionData(rows, input, 'notebook').table;
    const s2 = Math.SQRT1_2; // std of two consecutive integers
    const s4 = Math.sqrt(5 / 3); // std of four consecutive integers
    const expected: Array<[string, number, number, number, number, number, number]> = [
      ['Full test', 3.5, 3.5, 1, 6, Math.sqrt(3.5), 6],
      ['Median CPU < 0.8', 1, 1, 1, 1, NaN, 1],
      ['Median CPU < 0.9', 1.5, 1.5, 1, 2, s2, 2],
      ['Median CPU < 0.95', 2.5, 2.5, 1, 4, s4, 4],
      ['0.8 <= Median CPU < 0.9', 2, 2, 2, 2, NaN, 1],
      ['0.9 <= Median CPU <= 1', 4.5, 4.5, 3, 6, s4, 4],
      ['0.9 < Median CPU <= 0.95', 3.5, 3.5, 3, 4, s2, 2],
      ['0.95 < Median CPU', 5.5, 5.5, 5, 6, s2, 2],
    ];
    expect(t).toHaveLength(8);
    t.forEach((b, i) => {
      const [label, median, mean, min, max, std, n] = expected[i] as (typeof expected)[number];
      expect(b.threshold).toBe(label);
      expect([b.median, b.mean, b.min, b.max, b.n]).toEqual([median, mean, min, max, n]);
      if (Number.isNaN(std)) expect(b.std).toBeNaN();
      else expect(b.std).toBeCloseTo(std, 14);
    });
  });

  it('B16: the default profile labels the same filters as implemented (0.9 and 0.95 included)', () => {
    const nb = calculateConnectionData(rows, input, 'notebook');
    const df = calculateConnectionData(rows, input, 'default');
    expect(df.table.map(b => b.threshold).slice(5)).toEqual([
      '0.9 <= Median CPU',
      '0.9 <= Median CPU < 0.95',
      '0.95 <= Median CPU',
    ]);
    expect(df.table.map(b => b.mean)).toEqual(nb.table.map(b => b.mean));
    // cpu 0.9 is in "0.9 < Median CPU <= 0.95" in the notebook, against its label
    expect(nb.bands.from90to95.map(r => r.cpu_median)).toEqual([0.9, 0.93]);
  });

  it('Full test: the notebook drops rows whose total_duration is NaN, the default keeps them', () => {
    const withNaN = [
      row('connectionStart', { start: 0, end: 1, duration: NaN }),
      row('connectionStart', { start: 0, end: 4 }),
    ];
    const spec = { type: 'connectionStart', metric: 'total_duration', label: 'x' } as const;
    expect(calculateConnectionData(withNaN, spec, 'notebook').table[0]?.n).toBe(1);
    expect(calculateConnectionData(withNaN, spec, 'default').table[0]?.n).toBe(2);
    expect(calculateConnectionData(withNaN, spec, 'default').table[0]?.mean).toBe(4);
  });
});
