/**
 * `calculateComparisons` against the notebook's `make_comparisons` run by gen.py (scipy 1.10.1):
 * every key of `basics` and `comparisons`, raw and IQR-cleaned, and the Pearson cells.
 * Shapiro cells come from scipy 1.10's float32 swilk, so they are compared at the float32
 * distance documented in the golden README (§4); everything else at 1e-9 / 1e-6.
 */
import { describe, expect, it } from 'vitest';
import { calculateComparisons, type PassResult } from '../../../src/core/stats';
import { expectP, expectStat, loadGolden, type GoldenCase } from './golden';

const P_KEYS = new Set(['p-value (MWU)', 'p-value (t-test)']);

function expectPair(mine: unknown, theirs: [number, number], shapiroCell: boolean): void {
  expect(mine).not.toBeNull();
  const [s, p] = mine as [number, number];
  if (shapiroCell) {
    expect(Math.abs(s - theirs[0])).toBeLessThanOrEqual(5e-6);
    expect(Math.abs(p - theirs[1])).toBeLessThanOrEqual(2e-2);
    return;
  }
  expectStat(s, theirs[0]);
  expectP(p, theirs[1]);
}

function expectPass(mine: PassResult, block: GoldenCase): void {
  for (const [key, value] of Object.entries(block.basics as Record<string, unknown>)) {
    if (key === 'X' || key === 'Y') continue;
    expectStat((mine.basics as unknown as Record<string, number>)[key] as number, value as number);
  }
  const cells = mine.comparisons as unknown as Record<string, unknown>;
  for (const [key, value] of Object.entries(block.comparisons as Record<string, unknown>)) {
    if (key === 'X' || key === 'Y') continue;
    const cell = cells[key];
    if (key === 'Anderson-Darling') {
      const [a2, crit, sig] = value as [number, number[], number];
      const [ma2, mcrit, msig] = cell as [number, number[], number];
      expectStat(ma2, a2);
      crit.forEach((v, i) => expectStat(mcrit[i] as number, v));
      expectP(msig, sig);
    } else if (Array.isArray(value)) {
      expectPair(cell, value as [number, number], key.startsWith('Shapiro'));
    } else if (P_KEYS.has(key)) {
      expectP(cell as number, value as number);
    } else {
      expectStat(cell as number, value as number);
    }
  }
}

function expectPearson(mine: PassResult, block: GoldenCase): void {
  for (const [key, value] of Object.entries(block.pearson as Record<string, unknown>)) {
    const result = key === 'Pearson X' ? mine.results.pearsonX : mine.results.pearsonY;
    if (Array.isArray(value)) {
      expect(result.ok).toBe(true);
      if (result.ok) {
        expectStat(result.statistic, value[0] as number);
        expectP(result.pvalue, value[1] as number);
      }
    } else {
      expect(result.ok).toBe(false);
      if (!result.ok)
        expect(result.scipy).toEqual({ kind: 'error', ...(value as { error: string }) });
    }
  }
}

describe('calculate_comparisons.json', () => {
  const cases = loadGolden('calculate_comparisons.json');
  it('has the 6 pipeline cases', () => expect(cases).toHaveLength(6));
  for (const c of cases) {
    it(`${c.id}: raw and clean passes, notebook Pearson pairing`, () => {
      const r = calculateComparisons(c.x, c.y, c.x_cpu, c.y_cpu, { cleanPearson: 'notebook' });
      expect(r.clean.basics['len(X)']).toBe(c.clean.lenX);
      expect(r.outliersX.cleaned).toEqual(c.clean.x);
      expect(r.outliersY.cleaned).toEqual(c.clean.y);
      expectPass(r.raw, c.raw);
      expectPass(r.clean, c.clean);
      expectPearson(r.raw, c.raw);
      expectPearson(r.clean, c.clean);
    });
    it(`${c.id}: default pairing keeps CPU and metric rows together in the clean pass`, () => {
      const r = calculateComparisons(c.x, c.y, c.x_cpu, c.y_cpu);
      const x = c.x as number[];
      const bounds = r.outliersX;
      const keptCpu = (c.x_cpu as number[]).filter((_, i) => !bounds.outlier_positions.includes(i));
      const kept = x.filter((_, i) => !bounds.outlier_positions.includes(i));
      const p = r.clean.results.pearsonX;
      expect(p.ok).toBe(true);
      expect(p.n).toEqual([kept.length]);
      expect(kept).toEqual(c.clean.x);
      expect(keptCpu).toHaveLength(kept.length);
    });
  }
});
