/** Binary searches over ascending numeric arrays (typed or plain), shared by every layer of core. */

/** Index of the first `xs[i] >= value` (xs ascending); `xs.length` when there is none. */
export function lowerBound(xs: ArrayLike<number>, value: number): number {
  let lo = 0;
  let hi = xs.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((xs[mid] as number) < value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Index of the first `xs[i] > value` (xs ascending), i.e. how many values are ≤ `value`. */
export function upperBound(xs: ArrayLike<number>, value: number): number {
  let lo = 0;
  let hi = xs.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((xs[mid] as number) <= value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
