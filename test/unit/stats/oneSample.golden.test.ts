/**
 * Shapiro–Wilk, Pearson, effect sizes, pandas summaries and the IQR rule against the golden
 * values (scipy 1.10.1, pandas 1.5.3).
 */
import { describe as suite, expect, it } from 'vitest';
import {
  cohenD,
  describe,
  iqrOutliers,
  pearsonr,
  rankBiserial,
  shapiro,
} from '../../../src/core/stats';
import { expectP, expectStat, loadGolden } from './golden';

suite('shapiro.json', () => {
  const cases = loadGolden('shapiro.json');
  it('has 16 special cases and the 34 samples of the pairs', () => expect(cases).toHaveLength(50));
  for (const c of cases) {
    it(`${c.id}: double-precision AS R94 (scipy >= 1.12 port) to 1e-9 / 1e-6`, () => {
      const r = shapiro(c.x);
      if (c.x.every((v: number) => v === c.x[0])) {
        expect(r.ok).toBe(false);
        if (!r.ok) {
          expect(r.reason).toBe('all_values_identical');
          expect(r.scipy).toEqual({ kind: 'value', statistic: c.statistic, pvalue: c.pvalue });
          expect(r.warnings).toEqual(c.warnings);
        }
        return;
      }
      expect(r.ok).toBe(true);
      if (!r.ok) return;
      expectStat(r.statistic, c.double_port.statistic);
      expectP(r.pvalue, c.double_port.pvalue);
      expect(r.warnings).toEqual(c.warnings);
    });
    it(`${c.id}: within float32 distance of scipy 1.10 itself`, () => {
      const r = shapiro(c.x);
      const stat = r.ok ? r.statistic : r.scipy?.kind === 'value' ? r.scipy.statistic : NaN;
      const p = r.ok ? r.pvalue : r.scipy?.kind === 'value' ? r.scipy.pvalue : NaN;
      expect(Math.abs(stat - c.statistic)).toBeLessThanOrEqual(5e-6);
      // README §4: 2e-5 relative for n <= 100, 2e-2 absolute for n >= 1000
      if (c.n <= 100)
        expect(Math.abs(p - c.pvalue)).toBeLessThanOrEqual(2e-5 * Math.abs(c.pvalue) + 1e-6);
      else expect(Math.abs(p - c.pvalue)).toBeLessThanOrEqual(2e-2);
    });
    if (c.x_raw !== undefined) {
      it(`${c.id}: NaN dropped and counted`, () => {
        const r = shapiro(c.x_raw);
        expect(r.nan_dropped).toEqual([c.x_raw.length - c.x.length]);
        expect(r.ok && r.statistic).toBe(
          shapiro(c.x).ok && (shapiro(c.x) as { statistic: number }).statistic,
        );
      });
    }
  }
  it("n < 3 reproduces scipy's ValueError as a typed result", () => {
    const r = shapiro([1, 2]);
    expect(r.ok).toBe(false);
    if (!r.ok)
      expect(r.scipy).toEqual({
        kind: 'error',
        error: 'ValueError: Data must be at least length 3.',
      });
  });
});

suite('pearsonr.json', () => {
  for (const c of loadGolden('pearsonr.json')) {
    it(c.id as string, () => {
      const r = pearsonr(c.x, c.y);
      if (c.error !== undefined && c.id === 'nan_raw') {
        // scipy 1.10 raises on NaN; here the NaN pairs are dropped and counted instead.
        expect(r.nan_dropped).toEqual([2]);
        const keep = (c.x as number[]).map((v, i) => !Number.isNaN(v) && !Number.isNaN(c.y[i]));
        const ref = pearsonr(
          (c.x as number[]).filter((_, i) => keep[i]),
          (c.y as number[]).filter((_, i) => keep[i]),
        );
        expect(r).toEqual({ ...ref, nan_dropped: [2] });
        return;
      }
      if (c.error !== undefined) {
        expect(r.ok).toBe(false);
        if (!r.ok) expect(r.scipy).toEqual({ kind: 'error', error: c.error });
        return;
      }
      if (Number.isNaN(c.statistic)) {
        expect(r.ok).toBe(false);
        if (!r.ok) expect(r.reason).toBe('constant_input');
        expect(r.warnings).toEqual(c.warnings);
        return;
      }
      expect(r.ok).toBe(true);
      if (!r.ok) return;
      expectStat(r.statistic, c.statistic);
      expectP(r.pvalue, c.pvalue);
    });
  }
});

suite('effect_sizes.json', () => {
  for (const c of loadGolden('effect_sizes.json')) {
    it(c.id as string, () => {
      const d = cohenD(c.x, c.y);
      const rb = rankBiserial(c.x, c.y);
      if (Number.isNaN(c.cohen_d)) {
        expect(d.ok).toBe(false);
        if (!d.ok) expect(d.reason).toBe('all_values_identical');
      } else {
        expect(d.ok).toBe(true);
        if (d.ok) expectStat(d.estimate, c.cohen_d);
      }
      if (rb.ok) expectStat(rb.estimate, c.rank_biserial);
      else expect(rb.scipy).toEqual({ kind: 'value', statistic: c.rank_biserial, pvalue: NaN });
    });
  }
});

suite('describe.json (pandas)', () => {
  for (const c of loadGolden('describe.json')) {
    it(c.id as string, () => {
      const d = describe(c.x);
      expect(d.count).toBe(c.count);
      expect(d.len).toBe(c.len);
      for (const [mine, theirs] of [
        [d.mean, c.mean],
        [d.std, c.std_ddof1],
        [d.var, c.var_ddof1],
        [d.min, c.min],
        [d.q25, c.q25],
        [d.median, c.median],
        [d.q75, c.q75],
        [d.max, c.max],
      ] as const) {
        expectStat(mine, theirs);
      }
    });
  }
});

suite('iqr_outliers.json (notebook find_outliers_iqr + clean_outliers)', () => {
  for (const c of loadGolden('iqr_outliers.json')) {
    it(`${c.id}: bit-identical quantiles, bounds and sets`, () => {
      const o = iqrOutliers(c.x);
      expect(o.q1).toBe(c.q1);
      expect(o.q3).toBe(c.q3);
      expect(o.lower_bound).toBe(c.lower_bound);
      expect(o.upper_bound).toBe(c.upper_bound);
      expect(o.outliers).toEqual(c.outliers);
      expect(o.outlier_positions).toEqual(c.outlier_positions);
      expect(o.cleaned).toEqual(c.cleaned);
    });
  }
});
