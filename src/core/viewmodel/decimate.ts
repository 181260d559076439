/**
 * Host-side decimation of time series for the webviews: whatever the number of samples, a chart
 * gets at most two rows per pixel column of the range it shows, so the payload stays bounded and
 * drawing stays fast. Each column keeps its extremes (the lowest and the highest value, in time
 * order), so peaks and dips survive; a range with no more rows than two per column comes back
 * exactly. Zooming asks again for the smaller range and gets finer rows.
 *
 * Series are columnar with x ascending (seconds). Pure functions, no allocation beyond the
 * output.
 */

import { lowerBound, upperBound } from '../model/sortedSearch';

export { lowerBound, upperBound };

/**
 * Indices of the rows to keep for [from, to] at `columns` pixel columns: every row in the range
 * when there are at most 2 × columns, else per column the rows of the lowest and highest `key`
 * (NaN keys never chosen), in time order. One row just outside each end is kept too, so a line
 * reaches the edges of a zoomed chart.
 */
export function pickRows(
  xs: ArrayLike<number>,
  key: ArrayLike<number>,
  from: number,
  to: number,
  columns: number,
): { rows: number[]; decimated: boolean } {
  const first = lowerBound(xs, from);
  const end = upperBound(xs, to);
  const rows: number[] = [];
  if (first > 0) rows.push(first - 1);
  const inside = end - first;
  const width = Math.max(1, Math.floor(columns));
  const decimated = inside > 2 * width;
  if (!decimated) {
    for (let i = first; i < end; i++) rows.push(i);
  } else {
    const span = to - from;
    let i = first;
    for (let c = 0; c < width && i < end; c++) {
      const limit = c === width - 1 ? Infinity : from + (span * (c + 1)) / width;
      let lo = -1;
      let hi = -1;
      for (; i < end && (xs[i] as number) < limit; i++) {
        const v = key[i] as number;
        if (Number.isNaN(v)) continue;
        if (lo < 0 || v < (key[lo] as number)) lo = i;
        if (hi < 0 || v > (key[hi] as number)) hi = i;
      }
      if (lo < 0) continue;
      if (lo === hi) rows.push(lo);
      else rows.push(Math.min(lo, hi), Math.max(lo, hi));
    }
  }
  if (end < xs.length) rows.push(end);
  return { rows, decimated };
}

export interface LineData {
  readonly xs: ArrayLike<number>;
  readonly ys: ArrayLike<number>;
}

export interface DecimatedLine {
  readonly xs: number[];
  readonly ys: number[];
  readonly decimated: boolean;
}

/** A line's rows for [from, to] at `columns` pixel columns (min and max per column). */
export function decimateLine(
  line: LineData,
  from: number,
  to: number,
  columns: number,
): DecimatedLine {
  const { rows, decimated } = pickRows(line.xs, line.ys, from, to, columns);
  return {
    xs: rows.map(i => line.xs[i] as number),
    ys: rows.map(i => line.ys[i] as number),
    decimated,
  };
}

/** Per time group: the mean across users, its minimum and maximum, and the samples counted. */
export interface BandData {
  readonly xs: ArrayLike<number>;
  readonly mean: ArrayLike<number>;
  readonly min: ArrayLike<number>;
  readonly max: ArrayLike<number>;
  readonly n: ArrayLike<number>;
}

export interface DecimatedBand {
  readonly xs: number[];
  readonly mean: number[];
  readonly min: number[];
  readonly max: number[];
  readonly n: number[];
  readonly decimated: boolean;
}

/**
 * A band's rows for [from, to]: the mean line decimated like a line (the groups of the lowest
 * and highest mean per column), each kept row's band widened to the lowest minimum and the
 * highest maximum of its column, so no extreme of the band is lost.
 */
export function decimateBand(
  band: BandData,
  from: number,
  to: number,
  columns: number,
): DecimatedBand {
  const { rows, decimated } = pickRows(band.xs, band.mean, from, to, columns);
  const out: DecimatedBand = {
    xs: rows.map(i => band.xs[i] as number),
    mean: rows.map(i => band.mean[i] as number),
    min: rows.map(i => band.min[i] as number),
    max: rows.map(i => band.max[i] as number),
    n: rows.map(i => band.n[i] as number),
    decimated,
  };
  if (decimated) widenToColumns(band, out, from, to, columns);
  return out;
}

/** Sets each kept row's min/max to the extremes of the pixel column it stands for. */
function widenToColumns(
  band: BandData,
  out: DecimatedBand,
  from: number,
  to: number,
  columns: number,
): void {
  const width = Math.max(1, Math.floor(columns));
  const span = to - from;
  const columnOf = (x: number) =>
    x < from || x > to ? -1 : Math.min(width - 1, Math.floor(((x - from) / span) * width));
  const lo = new Float64Array(width).fill(Infinity);
  const hi = new Float64Array(width).fill(-Infinity);
  for (let i = lowerBound(band.xs, from), end = upperBound(band.xs, to); i < end; i++) {
    const c = columnOf(band.xs[i] as number);
    if ((band.min[i] as number) < (lo[c] as number)) lo[c] = band.min[i] as number;
    if ((band.max[i] as number) > (hi[c] as number)) hi[c] = band.max[i] as number;
  }
  out.xs.forEach((x, k) => {
    const c = columnOf(x);
    if (c < 0) return;
    if (Number.isFinite(lo[c])) out.min[k] = lo[c] as number;
    if (Number.isFinite(hi[c])) out.max[k] = hi[c] as number;
  });
}
