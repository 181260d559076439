// Fisher's exact test, one-sided: the references are scipy 1.10's
// fisher_exact([[a, n − a], [K − a, N − n − K + a]], alternative='greater') (Debian's
// python3-scipy, printed with repr), which equals hypergeom.sf(a − 1, N, K, n).
import { describe, expect, it } from 'vitest';
import { hypergeomSf } from '../../../src/core/stats';

/** a, N, K, n, scipy's p. */
const SCIPY: ReadonlyArray<readonly [number, number, number, number, number]> = [
  [3, 100, 5, 10, 0.0066379128971176095],
  [21, 600, 25, 60, 2.567748253571835e-19],
  [1, 4, 1, 2, 0.5],
  [0, 50, 3, 10, 1.0],
  [5, 20, 5, 5, 6.449948400412796e-5],
  [12, 1200, 15, 40, 1.3509096802316599e-16],
  [2, 300, 10, 30, 0.2632099311764506],
];

describe('hypergeomSf (Fisher exact, greater)', () => {
  for (const [a, N, K, n, p] of SCIPY)
    it(`a=${a} N=${N} K=${K} n=${n}: scipy ${p}`, () => {
      // Relative 1e-10: log-gamma's ~1e-15 relative error on ln Γ(1201) ≈ 7,300 is ~1e-11.
      expect(Math.abs(hypergeomSf(a, N, K, n) - p)).toBeLessThanOrEqual(1e-10 * p);
    });

  it('is 1 at or below the least possible count and 0 above the most', () => {
    // 10 drawn of 12, 5 marked: at least 3 of the drawn are marked whatever happens.
    expect(hypergeomSf(3, 12, 5, 10)).toBe(1);
    expect(hypergeomSf(6, 12, 5, 10)).toBe(0);
  });
});
