/**
 * Statistics of a bootstrap resample kept as counts: value `sorted[j]` drawn `counts[j]` times.
 * A resample of a sorted sample written out in index order is itself sorted; the median and the
 * dominance count here are exactly what their array versions give on that written-out resample
 * (a rank lookup, integer counts). The moments are one pass of Σc·d and Σc·d² with d the distance
 * to the ORIGINAL sample's mean (shifted sums: no cancellation, a constant sample gives exactly
 * its value and variance 0); they agree with the two-pass array versions to rounding (tested
 * to 1e-12 relative), at a fraction of the cost (no branchy write-out, one pass instead of five).
 */

export interface CountedSample {
  /** The original sample, sorted ascending. */
  readonly sorted: Float64Array;
  /** The original sample's mean: the shift of the moment sums. */
  readonly center: number;
  /** Draws of each index; they sum to `sorted.length`. */
  readonly counts: Uint32Array;
  /** Draws per block of 2^BLOCK_BITS consecutive indices: a rank is found without a full scan. */
  readonly blocks: Uint32Array;
}

export const BLOCK_BITS = 6;

/** A sample ready to hold resamples (counts all 0). */
export function countedSample(sorted: Float64Array, center: number): CountedSample {
  const counts = new Uint32Array(sorted.length);
  const blocks = new Uint32Array((sorted.length >>> BLOCK_BITS) + 1);
  return { sorted, center, counts, blocks };
}

/** Index of the value at `rank` (0-based) of the written-out resample: blocks first, then indices. */
function indexAtRank(s: CountedSample, rank: number): number {
  const { counts, blocks } = s;
  let seen = 0;
  let b = 0;
  while (b < blocks.length - 1 && seen + (blocks[b] as number) <= rank)
    seen += blocks[b++] as number;
  let j = b << BLOCK_BITS;
  for (; j < counts.length; j++) {
    seen += counts[j] as number;
    if (seen > rank) return j;
  }
  return counts.length - 1;
}

/** `medianOfSorted` of the written-out resample: the value(s) at the middle rank(s). */
export function countedMedian(s: CountedSample): number {
  const n = s.sorted.length;
  if (n === 0) return NaN;
  const h = n >> 1;
  if (n % 2 === 1) return s.sorted[indexAtRank(s, h)] as number;
  return (
    ((s.sorted[indexAtRank(s, h - 1)] as number) + (s.sorted[indexAtRank(s, h)] as number)) / 2
  );
}

/** Mean and variance (ddof 1) of the resample, from shifted sums in one pass. */
export function countedMoments(s: CountedSample): { mean: number; variance: number } {
  const { sorted, counts, center } = s;
  const n = sorted.length;
  let s1 = 0;
  let s2 = 0;
  for (let j = 0; j < n; j++) {
    const c = counts[j] as number;
    const d = (sorted[j] as number) - center;
    s1 += c * d;
    s2 += c * d * d;
  }
  const variance = n > 1 ? Math.max(0, s2 - (s1 * s1) / n) / (n - 1) : NaN;
  return { mean: center + s1 / n, variance };
}

/** Per sorted x, where each value falls in sorted y: #{y < x_i} and #{y ≤ x_i}. */
interface Positions {
  readonly ys: Float64Array;
  readonly lt: Uint32Array;
  readonly le: Uint32Array;
}

/** The positions of the last pair asked, per x array (bootstrap resamples reuse one pair). */
const positionsByX = new WeakMap<Float64Array, Positions>();

function positionsOf(xs: Float64Array, ys: Float64Array): Positions {
  const known = positionsByX.get(xs);
  if (known?.ys === ys) return known;
  const lt = new Uint32Array(xs.length);
  const le = new Uint32Array(xs.length);
  let b = 0;
  let a = 0;
  for (let i = 0; i < xs.length; i++) {
    const v = xs[i] as number;
    while (b < ys.length && (ys[b] as number) < v) b++;
    while (a < ys.length && (ys[a] as number) <= v) a++;
    lt[i] = b;
    le[i] = a;
  }
  const positions = { ys, lt, le };
  positionsByX.set(xs, positions);
  return positions;
}

/** A walk along the resample's indices: `seen` draws before index `at`. */
interface Cursor {
  at: number;
  seen: number;
}

/** Moves the cursor to index `to` (≥ at), a whole block at a time where it can. */
function advance(s: CountedSample, c: Cursor, to: number): number {
  const block = 1 << BLOCK_BITS;
  let { at, seen } = c;
  while (at < to) {
    if ((at & (block - 1)) === 0 && at + block <= to) {
      seen += s.blocks[at >>> BLOCK_BITS] as number;
      at += block;
    } else seen += s.counts[at++] as number;
  }
  c.at = at;
  c.seen = seen;
  return seen;
}

/**
 * `dominance` of the two resamples: #{x > y} − #{x < y} over all pairs, from integer counts:
 * for each drawn x value, the drawn y values below it and not above it, read at its fixed
 * positions in y (no value comparisons per resample).
 */
export function countedDominance(x: CountedSample, y: CountedSample): number {
  const { lt, le } = positionsOf(x.sorted, y.sorted);
  const ny = y.sorted.length;
  const cursor: Cursor = { at: 0, seen: 0 };
  let total = 0;
  // Equal x values share their positions (the walk never goes back): their counts are reused.
  let lastLt = -1;
  let lastLe = -1;
  let below = 0;
  let notAbove = 0;
  for (let i = 0; i < x.counts.length; i++) {
    const cx = x.counts[i] as number;
    if (cx === 0) continue;
    if (lt[i] !== lastLt || le[i] !== lastLe) {
      lastLt = lt[i] as number;
      lastLe = le[i] as number;
      below = advance(y, cursor, lastLt);
      notAbove = advance(y, cursor, lastLe);
    }
    total += cx * (below - (ny - notAbove));
  }
  return total;
}
