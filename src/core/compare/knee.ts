// Load knee: where a metric starts degrading as the load grows. Continuous segmented regression
// (one breakpoint) y = a + b·x + c·max(0, x − k), k chosen by least squares over a grid of the
// observed loads, with a bootstrap (pairs resampled) percentile interval of k; and the capacity
// read from the same fit: the largest load whose fitted level stays on the good side of a limit.
import { Xoshiro128, fSf } from '../stats';
import { countAtMost } from './timeline';
import type { KneeStats } from '../../shared/loadResults';

export interface Point {
  readonly x: number;
  readonly y: number;
}

export interface HingeFit {
  readonly knee: number;
  readonly a: number;
  /** Slope before the knee. */
  readonly b: number;
  /** Change of slope at the knee (slope after = b + c). */
  readonly c: number;
  readonly sse: number;
  /** Residual sum of squares of the plain line y = a + b·x. */
  readonly sseLine: number;
}

/** Least squares of y on the columns [1, x, h] (h = max(0, x − k)); SSE and coefficients. */
function solve3(xs: Float64Array, ys: Float64Array, k: number): [number, number, number, number] {
  let n = 0,
    sx = 0,
    sh = 0,
    sy = 0,
    sxx = 0,
    sxh = 0,
    shh = 0,
    sxy = 0,
    shy = 0,
    syy = 0;
  for (let i = 0; i < xs.length; i++) {
    const x = xs[i] as number;
    const y = ys[i] as number;
    const h = x > k ? x - k : 0;
    n++;
    sx += x;
    sh += h;
    sy += y;
    sxx += x * x;
    sxh += x * h;
    shh += h * h;
    sxy += x * y;
    shy += h * y;
    syy += y * y;
  }
  // normal equations M·β = v, solved by Cramer's rule (3×3)
  const m = [n, sx, sh, sx, sxx, sxh, sh, sxh, shh];
  const v = [sy, sxy, shy];
  const det3 = (q: number[]): number =>
    (q[0] as number) * ((q[4] as number) * (q[8] as number) - (q[5] as number) * (q[7] as number)) -
    (q[1] as number) * ((q[3] as number) * (q[8] as number) - (q[5] as number) * (q[6] as number)) +
    (q[2] as number) * ((q[3] as number) * (q[7] as number) - (q[4] as number) * (q[6] as number));
  const d = det3(m);
  if (!Number.isFinite(d) || d === 0) return [NaN, NaN, NaN, Infinity];
  const col = (j: number): number[] =>
    m.map((e, idx) => (idx % 3 === j ? (v[Math.floor(idx / 3)] as number) : e));
  const a = det3(col(0)) / d;
  const b = det3(col(1)) / d;
  const c = det3(col(2)) / d;
  // SSE = Σy² − β·v (normal equations hold)
  const sse = Math.max(0, syy - (a * sy + b * sxy + c * shy));
  return [a, b, c, sse];
}

/** SSE of the straight line y = a + b·x. */
function lineSse(xs: Float64Array, ys: Float64Array): number {
  const n = xs.length;
  let mx = 0,
    my = 0;
  for (let i = 0; i < n; i++) {
    mx += xs[i] as number;
    my += ys[i] as number;
  }
  mx /= n;
  my /= n;
  let sxx = 0,
    sxy = 0,
    syy = 0;
  for (let i = 0; i < n; i++) {
    const dx = (xs[i] as number) - mx;
    const dy = (ys[i] as number) - my;
    sxx += dx * dx;
    sxy += dx * dy;
    syy += dy * dy;
  }
  return sxx > 0 ? syy - (sxy * sxy) / sxx : syy;
}

/**
 * Candidate breakpoints: distinct x values leaving at least `minSide` points (5 % of n, ≥ 4) on
 * each side, at most `max` of them (evenly picked).
 */
export function kneeGrid(xs: Float64Array, max = 80): number[] {
  const sorted = Float64Array.from(xs).sort();
  const minSide = Math.max(4, Math.ceil(0.05 * sorted.length));
  const distinct = [...new Set(sorted)];
  const inner = distinct.filter(k => {
    const below = countAtMost(sorted, k);
    return below >= minSide && sorted.length - below >= minSide;
  });
  if (inner.length <= max) return inner;
  return Array.from(
    { length: max },
    (_, i) => inner[Math.round((i * (inner.length - 1)) / (max - 1))] as number,
  );
}

export function fitHinge(xs: Float64Array, ys: Float64Array, grid = kneeGrid(xs)): HingeFit | null {
  let best: HingeFit | null = null;
  const sseLine = lineSse(xs, ys);
  for (const k of grid) {
    const [a, b, c, sse] = solve3(xs, ys, k);
    if (Number.isFinite(sse) && (best === null || sse < best.sse))
      best = { knee: k, a, b, c, sse, sseLine };
  }
  return best;
}

export interface KneeResult extends KneeStats {
  readonly fit: HingeFit | null;
  /** Bootstrap fits (for the capacity interval). */
  readonly resampled: readonly HingeFit[];
}

export interface KneeOptions {
  /** Which way the metric degrades as the load grows. */
  readonly worse: 'up' | 'down';
  readonly resamples: number;
  readonly seed: number;
  readonly alpha: number;
}

/** A fit degrades at its knee when the slope changes towards worse. */
function degrades(fit: HingeFit, worse: 'up' | 'down'): boolean {
  return worse === 'down' ? fit.c < 0 : fit.c > 0;
}

export function loadKnee(points: readonly Point[], o: KneeOptions): KneeResult {
  const ok = points.filter(p => Number.isFinite(p.x) && Number.isFinite(p.y));
  const xs = Float64Array.from(ok, p => p.x);
  const ys = Float64Array.from(ok, p => p.y);
  const empty: KneeResult = {
    knee: null,
    low: null,
    high: null,
    slopeBefore: null,
    slopeAfter: null,
    pvalue: null,
    n: ok.length,
    fit: null,
    resampled: [],
  };
  const grid = kneeGrid(xs);
  if (ok.length < 8 || grid.length === 0) return empty;
  const fit = fitHinge(xs, ys, grid);
  if (!fit) return empty;
  const df2 = ok.length - 4;
  const f = (fit.sseLine - fit.sse) / 2 / (fit.sse / df2);
  const pvalue = fit.sse > 0 ? fSf(Math.max(0, f), 2, df2) : 0;
  const significant = degrades(fit, o.worse) && pvalue < o.alpha;
  const resampled = bootstrapFits(xs, ys, grid, o);
  const knees = resampled.map(r => r.knee).sort((p, q) => p - q);
  const q = (p: number): number | null =>
    knees.length
      ? (knees[Math.min(knees.length - 1, Math.floor(p * knees.length))] as number)
      : null;
  return {
    knee: significant ? fit.knee : null,
    low: significant ? q(0.025) : null,
    high: significant ? q(0.975) : null,
    slopeBefore: fit.b,
    slopeAfter: fit.b + fit.c,
    pvalue,
    n: ok.length,
    fit,
    resampled,
  };
}

function bootstrapFits(
  xs: Float64Array,
  ys: Float64Array,
  grid: number[],
  o: KneeOptions,
): HingeFit[] {
  const rng = new Xoshiro128(o.seed);
  const n = xs.length;
  const bx = new Float64Array(n);
  const by = new Float64Array(n);
  const out: HingeFit[] = [];
  for (let r = 0; r < o.resamples; r++) {
    for (let i = 0; i < n; i++) {
      const j = Math.floor(rng.next() * n);
      bx[i] = xs[j] as number;
      by[i] = ys[j] as number;
    }
    const f = fitHinge(bx, by, grid);
    if (f) out.push(f);
  }
  return out;
}

/** Fitted level of a hinge at load x. */
export function hingeAt(f: HingeFit, x: number): number {
  return f.a + f.b * x + f.c * Math.max(0, x - f.knee);
}

/**
 * Largest load in [lo, hi] (step 1: loads are user counts) whose fitted level is ≥ `limit` at
 * every load up to it; `censored` when the level never falls below the limit up to `hi`.
 */
export function capacityOf(
  f: HingeFit,
  limit: number,
  lo: number,
  hi: number,
): { value: number | null; censored: boolean } {
  let last: number | null = null;
  for (let x = Math.ceil(lo); x <= Math.floor(hi); x++) {
    if (hingeAt(f, x) < limit) return { value: last, censored: false };
    last = x;
  }
  return { value: last, censored: true };
}
