// Two-proportion comparison (a failure rate): z test, Newcombe's interval of the difference and the
// power against a minimum effect in Cohen's h. Pure functions; the normal tails come from ../stats.
import { ndtri, normalCdf, normalSf } from '../stats';

export interface ProportionTest {
  readonly ok: boolean;
  /** p1 − p2 (candidate − baseline when called that way). */
  readonly difference: number;
  readonly low: number;
  readonly high: number;
  readonly z: number;
  readonly pvalue: number;
  /** Cohen's h = 2·asin√p1 − 2·asin√p2. */
  readonly h: number;
}

/** Wilson score interval of k successes in n (Wilson 1927). */
export function wilson(k: number, n: number, level = 0.95): [number, number] {
  if (n === 0) return [0, 1];
  const z = ndtri(1 - (1 - level) / 2);
  const p = k / n;
  const denom = 1 + (z * z) / n;
  const centre = (p + (z * z) / (2 * n)) / denom;
  const half = (z * Math.sqrt((p * (1 - p)) / n + (z * z) / (4 * n * n))) / denom;
  return [Math.max(0, centre - half), Math.min(1, centre + half)];
}

export function cohenH(p1: number, p2: number): number {
  return 2 * Math.asin(Math.sqrt(p1)) - 2 * Math.asin(Math.sqrt(p2));
}

/**
 * Pooled two-proportion z test (= Pearson's χ² without continuity correction) of k1/n1 vs k2/n2,
 * with Newcombe's hybrid score interval of p1 − p2 (Newcombe 1998, method 10).
 */
export function twoProportionTest(
  k1: number,
  n1: number,
  k2: number,
  n2: number,
  level = 0.95,
): ProportionTest {
  const p1 = n1 > 0 ? k1 / n1 : NaN;
  const p2 = n2 > 0 ? k2 / n2 : NaN;
  const difference = p1 - p2;
  const h = cohenH(p1, p2);
  if (!(n1 > 0 && n2 > 0))
    return { ok: false, difference, low: NaN, high: NaN, z: NaN, pvalue: NaN, h };
  const [l1, u1] = wilson(k1, n1, level);
  const [l2, u2] = wilson(k2, n2, level);
  const low = difference - Math.sqrt((p1 - l1) ** 2 + (u2 - p2) ** 2);
  const high = difference + Math.sqrt((u1 - p1) ** 2 + (p2 - l2) ** 2);
  const pooled = (k1 + k2) / (n1 + n2);
  const se = Math.sqrt(pooled * (1 - pooled) * (1 / n1 + 1 / n2));
  if (se === 0) return { ok: true, difference, low, high, z: 0, pvalue: 1, h };
  const z = difference / se;
  return { ok: true, difference, low, high, z, pvalue: 2 * normalSf(Math.abs(z)), h };
}

/**
 * Power of the two-sided two-proportion test at level alpha to detect an effect of size h
 * (Cohen 1988 §6.3, arcsine approximation): Φ(|h|·√(n1·n2/(n1+n2)) − z₁₋α/₂).
 */
export function proportionPower(h: number, n1: number, n2: number, alpha = 0.05): number {
  if (!(n1 > 0 && n2 > 0)) return 0;
  const zc = ndtri(1 - alpha / 2);
  return normalCdf(Math.abs(h) * Math.sqrt((n1 * n2) / (n1 + n2)) - zc);
}
