import { describe, expect, it } from 'vitest';
import {
  effectMagnitude,
  plainReading,
  readingNumber,
  readingP,
} from '../../../src/core/viewmodel/statsReading';

const base = {
  metric: 'QoE',
  x: 'CPU < 0.9',
  y: 'CPU >= 0.9',
  nX: 10,
  nY: 12,
};

describe('plain-language reading of a comparison', () => {
  it('says which group is lower, by how much, how large and how sure (the issue’s example)', () => {
    expect(
      plainReading({ ...base, medianX: 0.93, medianY: 0.51, rankBiserial: 0.71, pvalue: 0.0004 }),
    ).toBe(
      'QoE is lower when CPU >= 0.9: median −0.42 (0.93 → 0.51), large effect (r = 0.71), Mann–Whitney p < 0.001, n = 10 vs 12.',
    );
  });

  it('says higher when the second group’s median is above, with the effect band of |r|', () => {
    expect(
      plainReading({
        ...base,
        metric: 'Connection start duration',
        medianX: 1.5,
        medianY: 4.25,
        rankBiserial: -0.4,
        pvalue: 0.012,
      }),
    ).toBe(
      'Connection start duration is higher when CPU >= 0.9: median +2.75 (1.50 → 4.25), medium effect (r = −0.40), Mann–Whitney p = 0.012, n = 10 vs 12.',
    );
  });

  it('reports no clear difference when p is at or above 0.05', () => {
    expect(
      plainReading({ ...base, medianX: 0.5, medianY: 0.75, rankBiserial: -0.2, pvalue: 0.05 }),
    ).toBe(
      'No clear difference in QoE between CPU < 0.9 and CPU >= 0.9: median +0.25 (0.50 → 0.75), small effect (r = −0.20), Mann–Whitney p = 0.05, n = 10 vs 12.',
    );
  });

  it('takes the direction from r when the medians are equal', () => {
    expect(
      plainReading({ ...base, medianX: 2, medianY: 2, rankBiserial: 0.6, pvalue: 0.001 }),
    ).toBe(
      'QoE is lower when CPU >= 0.9: median 0 (2.00 → 2.00), large effect (r = 0.60), Mann–Whitney p = 0.001, n = 10 vs 12.',
    );
  });

  it('says when the groups cannot be compared, and when a statistic is missing', () => {
    expect(
      plainReading({ ...base, nY: 0, medianX: 1, medianY: NaN, rankBiserial: NaN, pvalue: NaN }),
    ).toBe('QoE: CPU < 0.9 and CPU >= 0.9 cannot be compared (n = 10 and 0).');
    expect(plainReading({ ...base, medianX: 1, medianY: 3, rankBiserial: NaN, pvalue: NaN })).toBe(
      'No clear difference in QoE between CPU < 0.9 and CPU >= 0.9: median +2.00 (1.00 → 3.00), effect size not computable, Mann–Whitney not computable, n = 10 vs 12.',
    );
  });

  it('bands |Cliff’s delta| at Romano et al.’s 0.147, 0.33 and 0.474', () => {
    expect([0, 0.146, 0.147, 0.329, 0.33, 0.473, 0.474, -1].map(effectMagnitude)).toEqual([
      'negligible',
      'negligible',
      'small',
      'small',
      'medium',
      'medium',
      'large',
      'large',
    ]);
  });

  it('formats numbers and p-values for reading', () => {
    expect([0, 0.0042, -0.42, 3.14159, 12.345, -250.4].map(readingNumber)).toEqual([
      '0',
      '0.0042',
      '−0.42',
      '3.14',
      '12.3',
      '−250',
    ]);
    expect([0.00099, 0.001, 0.0123, 0.5].map(readingP)).toEqual([
      'p < 0.001',
      'p = 0.001',
      'p = 0.012',
      'p = 0.5',
    ]);
  });
});
