/** How many items a view model may send, shared by the swimlane's segments and QoS colouring. */

export interface BudgetLimits {
  /** Items (segments, intervals) over all rows. */
  readonly maxSegments: number;
  /** Width in pixels the first merge duration is derived from (span ÷ pixels). */
  readonly pixels: number;
}

/**
 * Rows within the budget of `limits.maxSegments` items: as they are when they fit; else merged by
 * `merge(below)` with `below` starting at one pixel's duration (`span / limits.pixels`) and
 * doubling until they fit (or `below` covers the span); rows are dropped from the end only as a
 * last resort. `count` gives a row's items; `countAt(below)`, when given, the items `merge(below)`
 * would give without building them, so only the merge that fits is built.
 */
export function fitBudget<T>(
  rows: readonly T[],
  count: (row: T) => number,
  span: number,
  limits: BudgetLimits,
  merge: (below: number) => T[],
  countAt?: (below: number) => number,
): { rows: T[]; mergeBelow: number } {
  const total = (list: readonly T[]) => list.reduce((n, r) => n + count(r), 0);
  if (total(rows) <= limits.maxSegments) return { rows: [...rows], mergeBelow: 0 };
  let mergeBelow = Math.max(span / limits.pixels, Number.EPSILON);
  let out: T[];
  if (countAt)
    while (countAt(mergeBelow) > limits.maxSegments && mergeBelow < span) mergeBelow *= 2;
  for (;;) {
    out = merge(mergeBelow);
    if (total(out) <= limits.maxSegments || mergeBelow >= span) break;
    mergeBelow *= 2;
  }
  let n = total(out);
  while (n > limits.maxSegments && out.length > 0) {
    n -= count(out[out.length - 1]!);
    out = out.slice(0, -1);
  }
  return { rows: out, mergeBelow };
}
