/**
 * Ranking of pooled samples with average ranks for ties (scipy `rankdata(method='average')`),
 * done by merging the already-sorted samples instead of sorting the pooled data again.
 */

/**
 * Calls `visit` once per distinct value of the pooled sorted groups, in ascending order, with the
 * number of copies in each group (`counts`, reused between calls), the total number of copies
 * `t`, and `below`, the number of pooled observations smaller than the value. The average rank of
 * the tie group is `below + (t + 1) / 2`.
 */
export function forEachTieGroup(
  sortedGroups: readonly Float64Array[],
  visit: (value: number, counts: Int32Array, t: number, below: number) => void,
): void {
  const k = sortedGroups.length;
  const heads = new Int32Array(k);
  const counts = new Int32Array(k);
  let below = 0;
  for (;;) {
    let value = Infinity;
    let any = false;
    for (let g = 0; g < k; g++) {
      const grp = sortedGroups[g] as Float64Array;
      const h = heads[g] as number;
      if (h < grp.length && (!any || (grp[h] as number) < value)) {
        value = grp[h] as number;
        any = true;
      }
    }
    if (!any) return;
    let t = 0;
    for (let g = 0; g < k; g++) {
      const grp = sortedGroups[g] as Float64Array;
      let h = heads[g] as number;
      const start = h;
      while (h < grp.length && grp[h] === value) h++;
      heads[g] = h;
      counts[g] = h - start;
      t += h - start;
    }
    visit(value, counts, t, below);
    below += t;
  }
}

export interface GroupRanks {
  /** Sum of the (average) ranks of each group. */
  readonly rankSums: Float64Array;
  /** Σ (t³ − t) over tie groups. */
  readonly tieTerm: number;
  /** Number of distinct pooled values. */
  readonly distinct: number;
}

export function groupRanks(sortedGroups: readonly Float64Array[]): GroupRanks {
  const rankSums = new Float64Array(sortedGroups.length);
  let tieTerm = 0;
  let distinct = 0;
  forEachTieGroup(sortedGroups, (_v, counts, t, below) => {
    const rank = below + (t + 1) / 2;
    for (let g = 0; g < counts.length; g++)
      rankSums[g] = (rankSums[g] as number) + (counts[g] as number) * rank;
    tieTerm += t * t * t - t;
    distinct++;
  });
  return { rankSums, tieTerm, distinct };
}
