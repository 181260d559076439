/**
 * Sums and moments shared by the descriptive statistics and the cached `Sample` moments:
 * plain left-to-right sums, the corrected two-pass mean and the two-pass variance.
 */

/** Sum of the values (plain left-to-right). */
function sum(values: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < values.length; i++) s += values[i] as number;
  return s;
}

/**
 * Mean with one refinement pass, mean += Σ(x − mean)/n (the corrected two-pass algorithm of
 * Chan, Golub & LeVeque 1983), so a constant sample has exactly its value as mean.
 */
export function meanOf(values: ArrayLike<number>): number {
  const n = values.length;
  if (n === 0) return NaN;
  const m = sum(values) / n;
  let r = 0;
  for (let i = 0; i < n; i++) r += (values[i] as number) - m;
  return m + r / n;
}

/**
 * Variance with `ddof` delta degrees of freedom (two-pass) around `m`, the mean of the values
 * (computed when not given). NaN when n ≤ ddof.
 */
export function varianceOf(values: ArrayLike<number>, ddof = 1, m = meanOf(values)): number {
  const n = values.length;
  if (n <= ddof) return NaN;
  let ss = 0;
  for (let i = 0; i < n; i++) {
    const d = (values[i] as number) - m;
    ss += d * d;
  }
  return ss / (n - ddof);
}

/** ((n1−1)·v1 + (n2−1)·v2)/(n1+n2−2): the pooled variance of two samples. */
export function pooledVariance(n1: number, v1: number, n2: number, v2: number): number {
  return ((n1 - 1) * v1 + (n2 - 1) * v2) / (n1 + n2 - 2);
}
