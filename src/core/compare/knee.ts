// Load knee: where a metric starts degrading as the load grows. The change-point model (line,
// hinge, step, step+hinge or two changes) is chosen by BIC (./changepoint.ts); a knee is reported
// when a change model beats the line and its change goes the degrading way. Its interval is a
// wild bootstrap of the residuals around the selected model (Wu 1986; Liu 1988: each residual
// kept at its load with a random sign, so a variance that grows with the load is kept), the
// whole selection re-run on every resample; percentiles of the resampled knees, widened to the
// neighbouring candidate loads (a change found at a load could lie anywhere since the previous
// one). The capacity is read from the same fit: the largest load whose fitted level stays on the
// good side of a limit.
import { Xoshiro128, fSf } from '../stats';
import {
  Design,
  changeEffects,
  curveAt,
  selectModel,
  type ChangeFit,
  type Curve,
} from './changepoint';
import type { KneeStats } from '../../shared/loadResults';

export { curveAt, kneeGrid, type ChangeFit, type Curve } from './changepoint';

export interface Point {
  readonly x: number;
  readonly y: number;
}

/** The best single hinge (no model selection): knee, line a + b·x, slope change c. */
export interface HingeFit extends Curve {
  readonly knee: number;
  readonly a: number;
  readonly b: number;
  readonly c: number;
  readonly sse: number;
  /** Residual sum of squares of the plain line y = a + b·x. */
  readonly sseLine: number;
}

/** Median of a numeric array (sorted in place). */
function medianOf(v: number[]): number {
  v.sort((p, q) => p - q);
  const h = v.length >> 1;
  return v.length % 2 ? (v[h] as number) : ((v[h - 1] as number) + (v[h] as number)) / 2;
}

/**
 * Outliers by the Hampel identifier (Hampel 1974; Pearson 2002's moving-window form): a point
 * further than 5 scaled MADs (1.4826·MAD of every point's distance to its window median) from the
 * median of the `half` points either side of it in load order. Least squares would otherwise
 * bend a change point round one connection that took 8 s among 1 s ones; a real change of level
 * moves the window median with it, so it is kept.
 */
export function hampelOutliers(ys: Float64Array, half: number): boolean[] {
  const n = ys.length;
  const dev = new Array<number>(n);
  for (let i = 0; i < n; i++) {
    const w = Array.from(ys.subarray(Math.max(0, i - half), Math.min(n, i + half + 1)));
    dev[i] = (ys[i] as number) - medianOf(w);
  }
  const scale = 1.4826 * medianOf(dev.map(Math.abs));
  return dev.map(e => scale > 0 && Math.abs(e) > 5 * scale);
}

/** Points with finite coordinates, sorted by load, Hampel outliers left out, as a design. */
function designOf(points: readonly Point[]): Design {
  const ok = points
    .filter(p => Number.isFinite(p.x) && Number.isFinite(p.y))
    .sort((p, q) => p.x - q.x);
  const ys = Float64Array.from(ok, p => p.y);
  const out = hampelOutliers(ys, Math.max(4, Math.ceil(0.05 * ok.length)));
  const kept = ok.filter((_, i) => !out[i]);
  return new Design(
    Float64Array.from(kept, p => p.x),
    Float64Array.from(kept, p => p.y),
  );
}

/** The least-squares continuous hinge y = a + b·x + c·max(0, x − k) over the candidate loads. */
export function fitHinge(xs: Float64Array, ys: Float64Array): HingeFit | null {
  const d = designOf(Array.from(xs, (x, i) => ({ x, y: ys[i] as number })));
  const line = d.sse([]);
  let out: HingeFit | null = null;
  for (const i of d.grid) {
    const sse = d.sse([[i, 'h']]);
    if (!Number.isFinite(sse) || (out !== null && sse >= out.sse)) continue;
    const curve = d.curve([[i, 'h']]);
    const ch = curve.changes[0] as { knee: number; c: number };
    out = { ...curve, knee: ch.knee, c: ch.c, sse, sseLine: line };
  }
  return out;
}

export interface KneeResult extends KneeStats {
  /** The selected model (also when no knee is reported). */
  readonly fit: ChangeFit | null;
  /** Bootstrap fits (for the capacity interval). */
  readonly resampled: readonly ChangeFit[];
}

export interface KneeOptions {
  /** Which way the metric degrades as the load grows. */
  readonly worse: 'up' | 'down';
  readonly resamples: number;
  readonly seed: number;
  readonly alpha: number;
}

/** The changes of a fit that go the degrading way, in load order. */
function degradingChanges(d: Design, f: ChangeFit, worse: 'up' | 'down'): number[] {
  const effects = changeEffects(d, f);
  return f.changes
    .map((ch, j) => ({ knee: ch.knee, e: effects[j] as number }))
    .filter(x => (worse === 'down' ? x.e < 0 : x.e > 0))
    .map(x => x.knee);
}

/** Approximate F test of the selected model against the line (its extra parameters). */
function fTest(f: ChangeFit, n: number): number | null {
  if (f.kind === 'line') return null;
  const df1 = f.params - 2;
  const coefs = f.params - f.changes.length;
  const df2 = n - coefs;
  if (df2 <= 0) return null;
  if (f.sse <= 0) return 0;
  return fSf(Math.max(0, (f.sseLine - f.sse) / df1 / (f.sse / df2)), df1, df2);
}

const EMPTY_STATS = {
  knee: null,
  low: null,
  high: null,
  knee2: null,
  low2: null,
  high2: null,
  slopeBefore: null,
  slopeAfter: null,
  jump: null,
  pvalue: null,
} as const;

export function loadKnee(points: readonly Point[], o: KneeOptions): KneeResult {
  const d = designOf(points);
  const empty: KneeResult = {
    ...EMPTY_STATS,
    model: 'line',
    n: d.n,
    fit: null,
    resampled: [],
  };
  if (d.n < 8 || d.grid.length === 0) return empty;
  const fit = selectModel(d);
  if (!fit) return empty;
  const found = fit.kind === 'line' ? [] : degradingChanges(d, fit, o.worse);
  const { fits, firsts, seconds } = bootstrap(d, fit, o);
  const [knee, knee2] = [found[0] ?? null, found[1] ?? null];
  const interval = (k: number | null, ks: number[]): [number | null, number | null] => {
    if (k === null) return [null, null];
    const [lo, hi] = widen(d, ks.length ? ks : [k]);
    return [Math.min(lo, k), Math.max(hi, k)];
  };
  const [low, high] = interval(knee, firsts);
  const [low2, high2] = interval(knee2, seconds);
  const j = knee === null ? -1 : fit.changes.findIndex(ch => ch.knee === knee);
  const before = fit.b + fit.changes.slice(0, Math.max(0, j)).reduce((s, ch) => s + ch.c, 0);
  return {
    knee,
    low,
    high,
    knee2,
    low2,
    high2,
    model: knee === null ? 'line' : fit.kind,
    slopeBefore: before,
    slopeAfter: j < 0 ? before : before + (fit.changes[j]?.c ?? 0),
    jump: j < 0 ? null : (fit.changes[j]?.d ?? 0),
    pvalue: fTest(fit, d.n),
    n: d.n,
    fit,
    resampled: fits,
  };
}

/**
 * Wild bootstrap of the residuals around the selected fit (y* = ŷ + ±e, the sign a fair coin),
 * the model re-selected on each resample; the first and second degrading change of each.
 */
function bootstrap(
  d: Design,
  fit: ChangeFit,
  o: KneeOptions,
): { fits: ChangeFit[]; firsts: number[]; seconds: number[] } {
  const rng = new Xoshiro128(o.seed);
  const n = d.n;
  const fitted = Float64Array.from(d.xs, x => curveAt(fit, x));
  const resid = new Float64Array(n);
  const ys = d.ys();
  for (let i = 0; i < n; i++) resid[i] = (ys[i] as number) - (fitted[i] as number);
  const by = new Float64Array(n);
  const fits: ChangeFit[] = [];
  const firsts: number[] = [];
  const seconds: number[] = [];
  for (let r = 0; r < o.resamples; r++) {
    for (let i = 0; i < n; i++)
      by[i] = (fitted[i] as number) + (rng.next() < 0.5 ? -1 : 1) * (resid[i] as number);
    d.setY(by);
    const f = selectModel(d);
    if (!f) continue;
    fits.push(f);
    const ks = f.kind === 'line' ? [] : degradingChanges(d, f, o.worse);
    if (ks[0] !== undefined) firsts.push(ks[0]);
    if (ks[1] !== undefined) seconds.push(ks[1]);
  }
  d.setY(ys);
  return { fits, firsts, seconds };
}

/**
 * 2.5 and 97.5 % percentiles of the resampled knees, widened to the neighbouring candidate loads:
 * a change first seen at load k may lie anywhere after the previous candidate, so the interval
 * runs from just past the candidate below the low percentile to just before the one above the
 * high percentile (one load unit when every load is an integer, the candidate itself otherwise).
 * It is one value only when every resample puts the change at one load and the loads one unit
 * either side were candidates too: the data pin the change to that user count.
 */
function widen(d: Design, knees: number[]): [number, number] {
  const sorted = [...knees].sort((p, q) => p - q);
  const q = (p: number): number =>
    sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] as number;
  const lo = q(0.025);
  const hi = q(0.975);
  const loads = d.grid.map(i => d.loadAt(i));
  const unit = d.xs.every(Number.isInteger) ? 1 : 0;
  const below = loads.filter(x => x < lo).pop();
  const above = loads.find(x => x > hi);
  return [
    below === undefined ? lo : Math.min(lo, below + unit),
    above === undefined ? hi : Math.max(hi, above - unit),
  ];
}

/**
 * Largest load in [lo, hi] (step 1: loads are user counts) whose fitted level is ≥ `limit` at
 * every load up to it; `censored` when the level never falls below the limit up to `hi`.
 */
export function capacityOf(
  f: Curve,
  limit: number,
  lo: number,
  hi: number,
): { value: number | null; censored: boolean } {
  let last: number | null = null;
  for (let x = Math.ceil(lo); x <= Math.floor(hi); x++) {
    if (curveAt(f, x) < limit) return { value: last, censored: false };
    last = x;
  }
  return { value: last, censored: true };
}
