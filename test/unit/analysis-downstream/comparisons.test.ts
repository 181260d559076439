// make_comparisons: cases, notebook crash diagnostics (C3, C4, C5) and the default intervals.
// Expected numbers are hand formulas (U counted pair by pair, Welch's interval from its formula
// with t(0.975, 4) from tables), never the code under test.
import { describe, expect, it } from 'vitest';
import {
  analyzeSection,
  getCases,
  makeComparisons,
  calculateConnectionData,
  type ComparisonCase,
} from '../../../src/core/analysis/downstream';
import { row } from './rows';

function kase(x: number[], y: number[], cpuX?: number[], cpuY?: number[]): ComparisonCase {
  return {
    X: 'CPU < 0.9',
    Y: 'CPU >= 0.9',
    metric: 'VMAF',
    'len(X)': x.length,
    'len(Y)': y.length,
    XSeries: x,
    YSeries: y,
    XSeriesCPU: cpuX ?? x.map((_, i) => 0.1 + i / 100),
    YSeriesCPU: cpuY ?? y.map((_, i) => 0.9 + i / 100),
    XUsers: x.map((_, i) => `x${i}`),
    YUsers: y.map((_, i) => `y${i}`),
  };
}

describe('getCases', () => {
  it('CPU < 0.9 vs >= 0.9, then CPU < 0.95 vs >= 0.95, with the cpu_median series', () => {
    const rows = [0.5, 0.92, 0.96].map((cpu, i) =>
      row('connectionStart', { start: 0, end: i + 1, cpu }),
    );
    const data = calculateConnectionData(
      rows,
      { type: 'connectionStart', metric: 'total_duration', label: 'x' },
      'notebook',
    );
    const [a, b] = getCases(data, 'total_duration', false);
    expect([a?.X, a?.Y, a?.XSeries, a?.YSeries, a?.metric]).toEqual([
      'CPU < 0.9',
      'CPU >= 0.9',
      [1],
      [2, 3],
      'Total duration (s)',
    ]);
    expect([b?.XSeries, b?.YSeries, b?.XSeriesCPU, b?.YSeriesCPU]).toEqual([
      [1, 2],
      [3],
      [0.5, 0.92],
      [0.96],
    ]);
  });
});

describe('makeComparisons', () => {
  it('U and the rank-biserial r by hand; outliers by the 1.5·IQR rule', () => {
    // X = 1,2,3,4,100: q1 = 2, q3 = 4, upper fence 7 → 100 is the outlier.
    // U of X: pairs with x > y: only 100 beats 5, 6, 7 → U = 3; r = 2·3/15 − 1 = −0.6.
    const m = makeComparisons([kase([1, 2, 3, 4, 100], [5, 6, 7])], 'default');
    const c = m.comparisons[0] as Record<string, unknown>;
    expect(c['U (MWU)']).toBe(3);
    expect(c['effect size (MWU, rank-biserial correlation)']).toBeCloseTo(-0.6, 15);
    expect(m.basics[0]?.['len(outliers(X))']).toBe(1);
    expect(m.basicsClean[0]?.['len(X)']).toBe(4);
    expect(m.basicsClean[0]?.['mean(X)']).toBe(2.5);
  });

  it('C3/B12 notebook: the clean Pearson length mismatch is a diagnostic; default pairs the survivors', () => {
    const x = [1, 2, 3, 4, 100];
    const cpu = [0.1, 0.2, 0.3, 0.4, 0.5];
    const nb = makeComparisons([kase(x, [5, 6, 7], cpu)], 'notebook');
    expect(nb.diagnostics.map(d => d.code)).toEqual(['notebook.C3']);
    expect(nb.comparisonsClean[0]?.['Pearson X']).toEqual({
      error: 'ValueError: x and y must have the same length.',
    });
    const df = makeComparisons([kase(x, [5, 6, 7], cpu)], 'default');
    expect(df.diagnostics.filter(d => d.severity !== 'info')).toEqual([]);
    // the survivors 1..4 against cpu 0.1..0.4 lie on a line: r = 1
    const p = df.comparisonsClean[0]?.['Pearson X'] as { statistic: number };
    expect(p.statistic).toBeCloseTo(1, 12);
  });

  it('C4 notebook: Shapiro on 2 values is a diagnostic and an {error} cell; default says why', () => {
    const nb = makeComparisons([kase([1, 2], [3, 4, 5])], 'notebook');
    expect(nb.diagnostics[0]?.code).toBe('notebook.C4');
    expect(nb.comparisons[0]?.['Shapiro X']).toEqual({
      error: 'ValueError: Data must be at least length 3.',
    });
    const df = makeComparisons([kase([1, 2], [3, 4, 5])], 'default');
    expect(df.comparisons[0]?.['Shapiro X']).toMatchObject({ reason: 'too_few_observations' });
    expect(df.diagnostics.every(d => d.severity === 'info')).toBe(true);
  });

  it('C5: an empty QoE group stops the notebook before its emptiness check; the case is skipped', () => {
    const nb = makeComparisons([kase([1, 2, 3], [])], 'notebook', { qoe: true });
    expect(nb.diagnostics.map(d => d.code)).toEqual(['notebook.C5']);
    expect(nb.basics).toEqual([]);
    const df = makeComparisons([kase([1, 2, 3], [])], 'default', { qoe: true });
    expect(df.diagnostics.map(d => [d.code, d.severity])).toEqual([
      ['comparison.emptyGroup', 'info'],
    ]);
  });

  it("default: Welch's interval for the mean difference (hand formula)", () => {
    // X = 1,2,3; Y = 4,5,6: diff −3, se = √(1/3 + 1/3), df = 4, t(0.975, 4) = 2.7764451051977987
    const m = makeComparisons([kase([1, 2, 3], [4, 5, 6])], 'default');
    const half = 2.7764451051977987 * Math.sqrt(2 / 3);
    expect(m.basics[0]?.['mean diff CI low']).toBeCloseTo(-3 - half, 9);
    expect(m.basics[0]?.['mean diff CI high']).toBeCloseTo(-3 + half, 9);
    const ci = m.comparisons[0]?.["effect size (t-test, Cohen's d) CI"] as {
      low: number;
      high: number;
    };
    // Cohen's d = −3 / 1 = −3 lies inside its bootstrap interval
    expect(ci.low).toBeLessThanOrEqual(-3);
    expect(ci.high).toBeGreaterThanOrEqual(-3);
    const notebook = makeComparisons([kase([1, 2, 3], [4, 5, 6])], 'notebook');
    expect(notebook.basics[0]).not.toHaveProperty('mean diff CI low');
  });
});

describe('analyzeSection', () => {
  it('B8: the notebook sees every connection start twice; the default analysis drops the repeat', async () => {
    const { analyzeTestDownstream } = await import('../../../src/core/analysis/downstream');
    const one = [
      row('connectionStart', { start: 0, end: 2, cpu: 0.5 }),
      row('connectionSuccess', { start: 2, end: 9, cpu: 0.5 }),
      row('connectionStart', { start: 0, end: 4, cpu: 0.95, user: 2 }),
      row('connectionSuccess', { start: 4, end: 9, cpu: 0.95, user: 2 }),
    ];
    const rows = [...one, ...one];
    const nb = analyzeSection('t-2p', 'connection_start', rows, 'notebook');
    expect(nb.cpuThresholds[0]?.n).toBe(4);
    const df = analyzeTestDownstream('t-2p', rows, 'default').sections.find(
      s => s.section === 'connection_start',
    );
    expect(df?.cpuThresholds[0]?.n).toBe(2);
    expect(df?.cpuThresholds[0]?.mean).toBe(3);
  });
});
