/**
 * Extremes, appends and grouping over data-sized arrays. `Math.max(...values)` and `push(...items)` pass
 * every element as a call argument, which throws RangeError past about 10⁵ elements (200,000
 * points of one metric crashed the run view); these loop instead. Same results as the spread
 * forms: NaN anywhere gives NaN, no values give -Infinity (max) or Infinity (min).
 */

/** `Math.max(...values)` without the spread. */
export function maxOf(values: readonly number[]): number {
  let m = -Infinity;
  for (const v of values) m = Math.max(m, v);
  return m;
}

/** `Math.min(...values)` without the spread. */
export function minOf(values: readonly number[]): number {
  let m = Infinity;
  for (const v of values) m = Math.min(m, v);
  return m;
}

/** `target.push(...items)` without the spread; returns `target`. */
export function pushAll<T>(target: T[], items: readonly T[]): T[] {
  for (const x of items) target.push(x);
  return target;
}

/** The items by `key`, keys in order of first appearance, items in their order. */
export function groupBy<T, K>(items: Iterable<T>, key: (item: T) => K): Map<K, T[]> {
  const groups = new Map<K, T[]>();
  for (const item of items) {
    const k = key(item);
    const list = groups.get(k);
    if (list) list.push(item);
    else groups.set(k, [item]);
  }
  return groups;
}
