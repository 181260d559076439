/**
 * Ranking of pooled samples with average ranks for ties (scipy `rankdata(method='average')`),
 * done by merging the already-sorted samples instead of sorting the pooled data again. The merge
 * is done once into a `TieTable`, which every rank-based test of the same samples reads.
 */

/**
 * The pooled sorted groups as runs of equal values, in ascending order. For the j-th distinct
 * value, `totals[j]` is its number of copies t_j and `counts[j·groups + g]` the copies in group
 * g; the average rank of the run is below_j + (t_j + 1)/2 with below_j = Σ_{i<j} t_i.
 */
export interface TieTable {
  readonly groups: number;
  readonly distinct: number;
  readonly totals: Int32Array;
  readonly counts: Int32Array;
}

/** The group whose head value is the smallest (−1 when every group is exhausted). */
function smallestHead(sortedGroups: readonly Float64Array[], heads: Int32Array): number {
  let best = -1;
  let value = Infinity;
  for (let g = 0; g < sortedGroups.length; g++) {
    const grp = sortedGroups[g] as Float64Array;
    const h = heads[g] as number;
    if (h < grp.length && (best < 0 || (grp[h] as number) < value)) {
      value = grp[h] as number;
      best = g;
    }
  }
  return best;
}

/** k-way merge: the runs of equal values, in ascending order, into `totals` and `counts`. */
function mergeMany(
  sortedGroups: readonly Float64Array[],
  totals: Int32Array,
  counts: Int32Array,
): number {
  const k = sortedGroups.length;
  const heads = new Int32Array(k);
  let distinct = 0;
  for (;;) {
    const first = smallestHead(sortedGroups, heads);
    if (first < 0) return distinct;
    const value = (sortedGroups[first] as Float64Array)[heads[first] as number] as number;
    let t = 0;
    for (let g = 0; g < k; g++) {
      const grp = sortedGroups[g] as Float64Array;
      let h = heads[g] as number;
      const start = h;
      while (h < grp.length && grp[h] === value) h++;
      heads[g] = h;
      counts[distinct * k + g] = h - start;
      t += h - start;
    }
    totals[distinct++] = t;
  }
}

/** `mergeMany` for two groups as a plain two-pointer merge (the usual case; about twice as fast). */
function mergeTwo(
  a: Float64Array,
  b: Float64Array,
  totals: Int32Array,
  counts: Int32Array,
): number {
  let i = 0;
  let j = 0;
  let distinct = 0;
  while (i < a.length || j < b.length) {
    const value =
      j >= b.length || (i < a.length && (a[i] as number) <= (b[j] as number))
        ? (a[i] as number)
        : (b[j] as number);
    const i0 = i;
    const j0 = j;
    while (i < a.length && a[i] === value) i++;
    while (j < b.length && b[j] === value) j++;
    counts[2 * distinct] = i - i0;
    counts[2 * distinct + 1] = j - j0;
    totals[distinct++] = i - i0 + (j - j0);
  }
  return distinct;
}

/** Merges the sorted groups into their table of tie runs. */
export function tieTable(sortedGroups: readonly Float64Array[]): TieTable {
  const k = sortedGroups.length;
  let total = 0;
  for (let g = 0; g < k; g++) total += (sortedGroups[g] as Float64Array).length;
  const totals = new Int32Array(total);
  const counts = new Int32Array(total * k);
  const distinct =
    k === 2
      ? mergeTwo(sortedGroups[0] as Float64Array, sortedGroups[1] as Float64Array, totals, counts)
      : mergeMany(sortedGroups, totals, counts);
  return { groups: k, distinct, totals, counts };
}

export interface GroupRanks {
  /** Sum of the (average) ranks of each group. */
  readonly rankSums: Float64Array;
  /** Σ (t³ − t) over tie groups. */
  readonly tieTerm: number;
  /** Number of distinct pooled values. */
  readonly distinct: number;
}

export function groupRanks(table: TieTable): GroupRanks {
  const k = table.groups;
  const rankSums = new Float64Array(k);
  let tieTerm = 0;
  let below = 0;
  for (let j = 0; j < table.distinct; j++) {
    const t = table.totals[j] as number;
    const rank = below + (t + 1) / 2;
    for (let g = 0; g < k; g++)
      rankSums[g] = (rankSums[g] as number) + (table.counts[j * k + g] as number) * rank;
    tieTerm += t * t * t - t;
    below += t;
  }
  return { rankSums, tieTerm, distinct: table.distinct };
}
