/**
 * Power and minimum detectable effect of the two-sided two-sample t-test, for "underpowered"
 * verdicts. Power uses the normal approximation to the noncentral t with the exact Student
 * critical value: power ≈ Φ(δ − t_{1−α/2,df}) + Φ(−δ − t_{1−α/2,df}), δ = d·√(n1·n2/(n1+n2))
 * (Cohen 1988, "Statistical Power Analysis for the Behavioral Sciences", §2.5; within about 0.01
 * of the exact noncentral-t power for df ≥ 10). For the Mann–Whitney test the sizes are scaled by
 * its asymptotic relative efficiency 3/π under normality (Lehmann 1975, "Nonparametrics", §2.4).
 * The MDE solves power(d) = target by bisection.
 */
import { studentTQuantileTwoSided } from './intervals';
import { normalCdf } from './special';

export interface PowerOptions {
  /** Significance level (default 0.05). */
  readonly alpha?: number;
  /** 't' (default) or 'mannwhitney' (ARE-adjusted). */
  readonly test?: 't' | 'mannwhitney';
}

function effectiveSizes(n1: number, n2: number, test: 't' | 'mannwhitney'): [number, number] {
  const are = test === 'mannwhitney' ? 3 / Math.PI : 1;
  return [n1 * are, n2 * are];
}

/** Power to detect a standardised difference `d` (Cohen's d) with samples of n1 and n2. */
export function power(d: number, n1: number, n2: number, options: PowerOptions = {}): number {
  const alpha = options.alpha ?? 0.05;
  const [e1, e2] = effectiveSizes(n1, n2, options.test ?? 't');
  const df = e1 + e2 - 2;
  if (!(df > 0)) return NaN;
  const crit = studentTQuantileTwoSided(alpha, df);
  const delta = Math.abs(d) * Math.sqrt((e1 * e2) / (e1 + e2));
  return normalCdf(delta - crit) + normalCdf(-delta - crit);
}

/** Smallest |d| detected with probability `target` (default 0.8). */
export function minimumDetectableEffect(
  n1: number,
  n2: number,
  target = 0.8,
  options: PowerOptions = {},
): number {
  if (!(power(0, n1, n2, options) < target)) return NaN;
  let lo = 0;
  let hi = 1;
  while (power(hi, n1, n2, options) < target) hi *= 2;
  for (let i = 0; i < 100; i++) {
    const mid = (lo + hi) / 2;
    if (power(mid, n1, n2, options) < target) lo = mid;
    else hi = mid;
  }
  return hi;
}
