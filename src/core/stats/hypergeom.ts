/**
 * The hypergeometric upper tail, for Fisher's exact test on a 2 × 2 table: of N items, K marked,
 * n drawn, P(at least a of the drawn are marked). Terms from the first by the pmf's ratio
 * p(k + 1) / p(k) = (K − k)(n − k) / ((k + 1)(N − K − n + k + 1)), the first from log-gamma, so
 * that tiny tails keep their relative accuracy (as scipy.stats.hypergeom.sf does).
 */
import { logGamma } from './special';

/** ln C(n, k). */
function logChoose(n: number, k: number): number {
  return logGamma(n + 1) - logGamma(k + 1) - logGamma(n - k + 1);
}

/**
 * P(X ≥ a), X ~ Hypergeometric(N, K, n): the one-sided p-value of Fisher's exact test that the
 * n drawn hold more marked items than chance (`scipy.stats.fisher_exact([[a, n − a],
 * [K − a, N − n − K + a]], alternative='greater')`).
 */
export function hypergeomSf(a: number, N: number, K: number, n: number): number {
  const lo = Math.max(0, n - (N - K));
  const hi = Math.min(n, K);
  if (a <= lo) return 1;
  if (a > hi) return 0;
  let term = Math.exp(logChoose(K, a) + logChoose(N - K, n - a) - logChoose(N, n));
  let sum = 0;
  for (let k = a; k <= hi && term > 0; k++) {
    sum += term;
    term *= ((K - k) * (n - k)) / ((k + 1) * (N - K - n + k + 1));
  }
  return Math.min(1, sum);
}
