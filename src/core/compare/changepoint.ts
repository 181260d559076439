// Change-point models of a metric against a load, chosen by BIC. Where does the metric start to
// degrade, and how: a change of slope (hinge), a change of level (step), both at one load, or two
// changes? Candidates:
//   line        y = a + b·x
//   hinge       y = a + b·x + c·max(0, x − k)
//   step        y = a + b·x + d·[x ≥ k]
//   step+hinge  y = a + b·x + c·max(0, x − k) + d·[x ≥ k]
//   two         two changes k1 < k2, each a hinge, a step or both
// each fitted by least squares with k (k1, k2) searched over the observed loads, and the model of
// least BIC = n·ln(SSE/n) + p·ln(n) kept (Schwarz 1978), p counting every coefficient and every
// change point (a change point is an estimated parameter, as in the segmented regression of
// Muggeo 2003 and the multiple-break least squares of Bai & Perron 1998). Every change keeps at
// least `minSide` points (5 % of n, ≥ 4) on each side, and between the two of a `two` model.
// Sums over the points past a change point are suffix sums of the points sorted by load, so one
// candidate costs a small Cholesky solve, not a pass over the data: the bootstrap re-runs the whole
// selection on every resample.

import type { KneeModel } from '../../shared/loadResults';

export type ModelKind = KneeModel;

/** One change at load `knee`: slope changes by `c`, level by `d` (the fitted jump at the knee). */
export interface Change {
  readonly knee: number;
  readonly c: number;
  readonly d: number;
}

/** y = a + b·x + Σ c·max(0, x − knee) + d·[x ≥ knee] over `changes`. */
export interface Curve {
  readonly a: number;
  readonly b: number;
  readonly changes: readonly Change[];
}

export interface ChangeFit extends Curve {
  readonly kind: ModelKind;
  readonly sse: number;
  /** Coefficients + change points. */
  readonly params: number;
  readonly bic: number;
  /** The straight line's SSE and BIC on the same points. */
  readonly sseLine: number;
  readonly bicLine: number;
}

/** Fitted level of a curve at load x. */
export function curveAt(f: Curve, x: number): number {
  let y = f.a + f.b * x;
  for (const ch of f.changes) if (x >= ch.knee) y += ch.c * (x - ch.knee) + ch.d;
  return y;
}

type Shape = 'h' | 's' | 'hs';
const SHAPES: readonly Shape[] = ['h', 's', 'hs'];
const KIND: Record<Shape, ModelKind> = { h: 'hinge', s: 'step', hs: 'step+hinge' };
const MAX_GRID = 120;
/** Coarse grid of the two-change search (then each change refined on the full grid, twice). */
const MAX_GRID_TWO = 16;
const MAX_COLS = 6;

/** Points sorted by load with the suffix sums every candidate needs. */
export class Design {
  readonly n: number;
  /** Loads, sorted. */
  readonly xs: Float64Array;
  readonly mx: number;
  /** Candidate change points (indices into `xs` of their first point). */
  readonly grid: readonly number[];
  readonly minSide: number;
  private readonly sN: Float64Array;
  private readonly sX: Float64Array;
  private readonly sXX: Float64Array;
  private readonly sY: Float64Array;
  private readonly sXY: Float64Array;
  private my = 0;
  private syy = 0;
  private current: Float64Array = new Float64Array(0);
  // solver scratch
  private readonly al = new Float64Array(MAX_COLS);
  private readonly be = new Float64Array(MAX_COLS);
  private readonly st = new Int32Array(MAX_COLS);
  private readonly g = new Float64Array(MAX_COLS * MAX_COLS);
  private readonly v = new Float64Array(MAX_COLS);
  readonly beta = new Float64Array(MAX_COLS);

  /** `xs` must be sorted ascending; `ys` in the same order. */
  constructor(xs: Float64Array, ys: Float64Array) {
    const n = xs.length;
    this.n = n;
    this.xs = xs;
    let mx = 0;
    for (const x of xs) mx += x;
    this.mx = n ? mx / n : 0;
    this.sN = new Float64Array(n + 1);
    this.sX = new Float64Array(n + 1);
    this.sXX = new Float64Array(n + 1);
    this.sY = new Float64Array(n + 1);
    this.sXY = new Float64Array(n + 1);
    for (let i = n - 1; i >= 0; i--) {
      const x = (xs[i] as number) - this.mx;
      this.sN[i] = (this.sN[i + 1] as number) + 1;
      this.sX[i] = (this.sX[i + 1] as number) + x;
      this.sXX[i] = (this.sXX[i + 1] as number) + x * x;
    }
    this.minSide = Math.max(4, Math.ceil(0.05 * n));
    this.grid = changeGrid(xs, this.minSide, MAX_GRID);
    this.setY(ys);
  }

  /** New responses for the same loads (a bootstrap resample), in the sorted order. */
  setY(ys: Float64Array): void {
    const n = this.n;
    let my = 0;
    for (const y of ys) my += y;
    my = n ? my / n : 0;
    this.my = my;
    let syy = 0;
    for (let i = n - 1; i >= 0; i--) {
      const x = (this.xs[i] as number) - this.mx;
      const y = (ys[i] as number) - my;
      syy += y * y;
      this.sY[i] = (this.sY[i + 1] as number) + y;
      this.sXY[i] = (this.sXY[i + 1] as number) + x * y;
    }
    this.syy = syy;
    this.current = ys;
  }

  /** The responses of the last `setY` (sorted by load). */
  ys(): Float64Array {
    return this.current;
  }

  /** Load of a grid index (the first point of the change). */
  loadAt(index: number): number {
    return this.xs[index] as number;
  }

  private column(j: number, alpha: number, beta: number, start: number): void {
    this.al[j] = alpha;
    this.be[j] = beta;
    this.st[j] = start;
  }

  private change(p: number, i: number, shape: Shape): number {
    const k = (this.xs[i] as number) - this.mx;
    if (shape !== 's') this.column(p++, -k, 1, i);
    if (shape !== 'h') this.column(p++, 1, 0, i);
    return p;
  }

  /**
   * Least squares on the columns of `changes`; SSE (Infinity when singular), coefficients in
   * `beta` (centred loads and responses).
   */
  sse(changes: ReadonlyArray<readonly [number, Shape]>): number {
    const [c1, c2] = changes;
    return this.sse2(c1?.[0] ?? -1, c1?.[1] ?? 'h', c2?.[0] ?? -1, c2?.[1] ?? 'h');
  }

  /** `sse` of up to two changes (index −1: none), without allocating. */
  sse2(i1: number, s1: Shape, i2: number, s2: Shape): number {
    this.column(0, 1, 0, 0);
    this.column(1, 0, 1, 0);
    let p = 2;
    if (i1 >= 0) p = this.change(p, i1, s1);
    if (i2 >= 0) p = this.change(p, i2, s2);
    const { al, be, st, g, v } = this;
    for (let r = 0; r < p; r++) {
      for (let c = 0; c <= r; c++) {
        const s = Math.max(st[r] as number, st[c] as number);
        const ar = al[r] as number;
        const br = be[r] as number;
        const ac = al[c] as number;
        const bc = be[c] as number;
        g[r * p + c] =
          ar * ac * (this.sN[s] as number) +
          (ar * bc + br * ac) * (this.sX[s] as number) +
          br * bc * (this.sXX[s] as number);
      }
      const s = st[r] as number;
      v[r] =
        (al[r] as number) * (this.sY[s] as number) + (be[r] as number) * (this.sXY[s] as number);
    }
    if (!cholesky(g, p)) return Infinity;
    solveCholesky(g, p, v, this.beta);
    let fit = 0;
    for (let j = 0; j < p; j++) fit += (this.beta[j] as number) * (v[j] as number);
    return Math.max(0, this.syy - fit);
  }

  /** The fitted curve (original scale) of the last `sse` call. */
  curve(changes: ReadonlyArray<readonly [number, Shape]>): Curve {
    const b = this.beta[1] as number;
    const out: Change[] = [];
    let j = 2;
    for (const [i, shape] of changes) {
      const c = shape !== 's' ? (this.beta[j++] as number) : 0;
      const d = shape !== 'h' ? (this.beta[j++] as number) : 0;
      out.push({ knee: this.xs[i] as number, c, d });
    }
    return { a: this.my + (this.beta[0] as number) - b * this.mx, b, changes: out };
  }

  /** BIC of an SSE with p parameters; the SSE is floored at 1e-12 of the total so exact fits tie. */
  bic(sse: number, p: number): number {
    const floor = Math.max(sse, 1e-12 * this.syy, Number.MIN_VALUE);
    return this.n * Math.log(floor / this.n) + p * Math.log(this.n);
  }
}

/** In-place Cholesky of the lower triangle of a p×p matrix; false when not positive definite. */
function cholesky(g: Float64Array, p: number): boolean {
  for (let j = 0; j < p; j++) {
    const diag0 = g[j * p + j] as number;
    let d = diag0;
    for (let k = 0; k < j; k++) d -= (g[j * p + k] as number) ** 2;
    if (!(d > 1e-10 * Math.max(diag0, 1e-300))) return false;
    const l = Math.sqrt(d);
    g[j * p + j] = l;
    for (let i = j + 1; i < p; i++) {
      let s = g[i * p + j] as number;
      for (let k = 0; k < j; k++) s -= (g[i * p + k] as number) * (g[j * p + k] as number);
      g[i * p + j] = s / l;
    }
  }
  return true;
}

function solveCholesky(l: Float64Array, p: number, v: Float64Array, out: Float64Array): void {
  for (let i = 0; i < p; i++) {
    let s = v[i] as number;
    for (let k = 0; k < i; k++) s -= (l[i * p + k] as number) * (out[k] as number);
    out[i] = s / (l[i * p + i] as number);
  }
  for (let i = p - 1; i >= 0; i--) {
    let s = out[i] as number;
    for (let k = i + 1; k < p; k++) s -= (l[k * p + i] as number) * (out[k] as number);
    out[i] = s / (l[i * p + i] as number);
  }
}

/**
 * Candidate change points: the first index of each distinct load leaving at least `minSide`
 * points on each side, at most `max` of them (evenly picked).
 */
function changeGrid(sorted: Float64Array, minSide: number, max: number): number[] {
  const out: number[] = [];
  for (let i = minSide; i <= sorted.length - minSide; i++)
    if (i === 0 || sorted[i] !== sorted[i - 1]) out.push(i);
  return thin(out, max);
}

function thin(v: number[], max: number): number[] {
  if (v.length <= max) return v;
  return Array.from(
    { length: max },
    (_, i) => v[Math.round((i * (v.length - 1)) / (max - 1))] as number,
  );
}

/**
 * Candidate change points of a metric against these loads: each distinct load with at least 5 %
 * of the points (≥ 4) below it and as many at or above it, at most 120 of them.
 */
export function kneeGrid(xs: Float64Array): number[] {
  const sorted = Float64Array.from(xs).sort();
  const d = new Design(sorted, new Float64Array(sorted.length));
  return d.grid.map(i => d.loadAt(i));
}

interface Candidate {
  readonly sse: number;
  readonly changes: ReadonlyArray<readonly [number, Shape]>;
}

/** Best fit with one change of a shape over the grid. */
function bestOne(d: Design, shape: Shape): Candidate | null {
  let sse = Infinity;
  let at = -1;
  for (const i of d.grid) {
    const e = d.sse2(i, shape, -1, 'h');
    if (e < sse) [sse, at] = [e, i];
  }
  return at < 0 ? null : { sse, changes: [[at, shape]] };
}

/** Best pair (i < j, ≥ minSide points apart) of the two grids. */
function bestPair(
  d: Design,
  grid1: readonly number[],
  grid2: readonly number[],
  s1: Shape,
  s2: Shape,
): Candidate | null {
  let sse = Infinity;
  let at: [number, number] = [-1, -1];
  for (const i of grid1)
    for (const j of grid2) {
      if (j - i < d.minSide) continue;
      const e = d.sse2(i, s1, j, s2);
      if (e < sse) [sse, at] = [e, [i, j]];
    }
  return at[0] < 0
    ? null
    : {
        sse,
        changes: [
          [at[0], s1],
          [at[1], s2],
        ],
      };
}

/** Best two-change fit of given shapes: coarse grid, then each change refined on the full grid. */
function bestTwo(d: Design, s1: Shape, s2: Shape): Candidate | null {
  const coarse = thin([...d.grid], MAX_GRID_TWO);
  let c = bestPair(d, coarse, coarse, s1, s2);
  for (let pass = 0; c !== null && pass < 2; pass++) {
    const j = (c.changes[1] as [number, Shape])[0];
    c = bestPair(d, d.grid, [j], s1, s2) ?? c;
    const i = (c.changes[0] as [number, Shape])[0];
    c = bestPair(d, [i], d.grid, s1, s2) ?? c;
  }
  return c;
}

function fitOf(d: Design, kind: ModelKind, c: Candidate, line: number): ChangeFit {
  d.sse(c.changes); // leaves its coefficients in d.beta
  const params = 2 + c.changes.reduce((s, [, sh]) => s + (sh === 'hs' ? 3 : 2), 0);
  return {
    kind,
    ...d.curve(c.changes),
    sse: c.sse,
    params,
    bic: d.bic(c.sse, params),
    sseLine: line,
    bicLine: d.bic(line, 2),
  };
}

/** Every model's best fit, then the one of least BIC (ties: the simpler one, listed first). */
export function selectModel(d: Design): ChangeFit | null {
  const line = d.sse([]);
  if (!Number.isFinite(line)) return null;
  const fits: ChangeFit[] = [fitOf(d, 'line', { sse: line, changes: [] }, line)];
  for (const shape of SHAPES) {
    const c = bestOne(d, shape);
    if (c) fits.push(fitOf(d, KIND[shape], c, line));
  }
  for (const s1 of SHAPES)
    for (const s2 of SHAPES) {
      const c = bestTwo(d, s1, s2);
      if (c) fits.push(fitOf(d, 'two', c, line));
    }
  fits.sort((p, q) => p.bic - q.bic || p.params - q.params);
  return fits[0] as ChangeFit;
}

/**
 * Effect of each change on the points it governs (from its knee to the next change): the jump
 * plus the slope change times their mean distance past the knee. Signed like the metric.
 */
export function changeEffects(d: Design, f: Curve): number[] {
  return f.changes.map((ch, j) => {
    const next = f.changes[j + 1]?.knee ?? Infinity;
    let sum = 0;
    let n = 0;
    for (const x of d.xs)
      if (x >= ch.knee && x < next) {
        sum += x - ch.knee;
        n++;
      }
    return ch.d + ch.c * (n ? sum / n : 0);
  });
}
