/**
 * Two-sample bootstrap confidence intervals with a seeded generator, so that an interval shown
 * today is the same tomorrow.
 *
 * - Generator: xoshiro128** (Blackman & Vigna 2018, "Scrambled linear pseudorandom number
 *   generators", ACM TOMS 47:36), seeded through splitmix32.
 * - Resampling: each sample resampled with replacement independently (stratified two-sample
 *   bootstrap; Efron & Tibshirani 1993, "An Introduction to the Bootstrap", §8.3).
 * - percentile: the α/2 and 1−α/2 quantiles of the bootstrap distribution (type 7, as
 *   scipy.stats.bootstrap uses numpy's percentile).
 * - BCa: Efron (1987, JASA 82:171); bias correction z0 = Φ⁻¹(#{θ* < θ̂}/B), acceleration from
 *   the jackknife of each sample in turn, as scipy.stats.bootstrap (`_bca_interval`) does for
 *   multi-sample statistics.
 */
import { quantileOfSorted } from './descriptive';
import { countsOf, Sample, type SampleInput } from './sample';
import { ndtri, normalCdf } from './special';
import { notComputable, type NotComputable, type SampleCounts } from './result';

/** Deterministic uniform generator on [0, 1). */
export class Xoshiro128 {
  private s: Uint32Array;

  constructor(seed: number) {
    this.s = new Uint32Array(4);
    let x = seed >>> 0;
    for (let i = 0; i < 4; i++) {
      // splitmix32
      x = (x + 0x9e3779b9) >>> 0;
      let z = x;
      z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0;
      z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0;
      this.s[i] = (z ^ (z >>> 16)) >>> 0;
    }
  }

  /** Next 32-bit output. */
  nextUint32(): number {
    const s = this.s;
    const s0 = s[0] as number;
    const s1 = s[1] as number;
    const s2 = s[2] as number;
    const s3 = s[3] as number;
    const r = Math.imul(rotl(Math.imul(s1, 5) >>> 0, 7), 9) >>> 0;
    const t = (s1 << 9) >>> 0;
    const n2 = (s2 ^ s0) >>> 0;
    const n3 = (s3 ^ s1) >>> 0;
    s[1] = (s1 ^ n2) >>> 0;
    s[0] = (s0 ^ n3) >>> 0;
    s[2] = (n2 ^ t) >>> 0;
    s[3] = rotl(n3, 11);
    return r;
  }

  /** Uniform on [0, 1) with 32 random bits. */
  next(): number {
    return this.nextUint32() / 4294967296;
  }

  /** Uniform integer in [0, n). */
  nextInt(n: number): number {
    return Math.floor(this.next() * n);
  }
}

function rotl(x: number, k: number): number {
  return ((x << k) | (x >>> (32 - k))) >>> 0;
}

/** A statistic of two samples; `bootstrapInterval` always passes both sorted ascending. */
export type TwoSampleStatistic = (x: Float64Array, y: Float64Array) => number;

export interface BootstrapOptions {
  /** Number of bootstrap resamples (default 2000). */
  readonly resamples?: number;
  /** Confidence level (default 0.95). */
  readonly level?: number;
  /** Seed of the generator (default 20240607). */
  readonly seed?: number;
  /** 'bca' (default) or 'percentile'. */
  readonly method?: 'bca' | 'percentile';
}

export type Interval =
  | (SampleCounts & {
      readonly ok: true;
      readonly estimate: number;
      readonly low: number;
      readonly high: number;
      readonly level: number;
      readonly method: string;
      readonly warnings: readonly string[];
    })
  | NotComputable;

/**
 * One resample of a sorted sample, itself sorted: the same draws as picking `src[i]` n times, but
 * counted per index and written out in index order, so no resample ever needs sorting (O(n)).
 */
function resampleSorted(
  src: Float64Array,
  dst: Float64Array,
  counts: Uint32Array,
  rng: Xoshiro128,
): void {
  counts.fill(0);
  for (let i = 0; i < dst.length; i++) {
    const j = rng.nextInt(src.length);
    counts[j] = (counts[j] as number) + 1;
  }
  let k = 0;
  for (let j = 0; j < src.length; j++) {
    const v = src[j] as number;
    for (let c = counts[j] as number; c > 0; c--) dst[k++] = v;
  }
}

/** Bootstrap distribution of `stat` on sorted `x`, `y`, sorted ascending (non-finite replicates dropped). */
/**
 * Bootstrap distributions of several statistics on sorted `x`, `y`, from the SAME resamples
 * (one set of draws for all: each distribution is exactly what a separate run with the same seed
 * gives), each sorted ascending, non-finite replicates dropped.
 */
function bootstrapDistributions(
  x: Float64Array,
  y: Float64Array,
  stats: readonly TwoSampleStatistic[],
  B: number,
  seed: number,
): Float64Array[] {
  const rng = new Xoshiro128(seed);
  const bx = new Float64Array(x.length);
  const by = new Float64Array(y.length);
  const cx = new Uint32Array(x.length);
  const cy = new Uint32Array(y.length);
  const out = stats.map(() => new Float64Array(B));
  const kept = stats.map(() => 0);
  for (let b = 0; b < B; b++) {
    resampleSorted(x, bx, cx, rng);
    resampleSorted(y, by, cy, rng);
    for (let i = 0; i < stats.length; i++) {
      const v = (stats[i] as TwoSampleStatistic)(bx, by);
      if (Number.isFinite(v)) {
        const k = kept[i] as number;
        (out[i] as Float64Array)[k] = v;
        kept[i] = k + 1;
      }
    }
  }
  return out.map((o, i) => o.subarray(0, kept[i]).sort());
}

function without(a: Float64Array, i: number): Float64Array {
  const r = new Float64Array(a.length - 1);
  r.set(a.subarray(0, i));
  r.set(a.subarray(i + 1), i);
  return r;
}

/** Jackknife acceleration â (Efron 1987, eq. 6.6) over the leave-one-out values of both samples. */
function acceleration(x: Float64Array, y: Float64Array, stat: TwoSampleStatistic): number {
  const values: number[] = [];
  for (let i = 0; i < x.length; i++) values.push(stat(without(x, i), y));
  for (let j = 0; j < y.length; j++) values.push(stat(x, without(y, j)));
  let mean = 0;
  for (const v of values) mean += v;
  mean /= values.length;
  let num = 0;
  let den = 0;
  for (const v of values) {
    const d = mean - v;
    num += d * d * d;
    den += d * d;
  }
  return den === 0 ? 0 : num / (6 * den ** 1.5);
}

/** BCa-adjusted tail probabilities for the two interval ends. */
function bcaLevels(dist: Float64Array, theta: number, a: number, alpha: number): [number, number] {
  let below = 0;
  for (const v of dist) if (v < theta) below++;
  const z0 = ndtri(below / dist.length);
  const adjust = (q: number): number => {
    const z = ndtri(q);
    return normalCdf(z0 + (z0 + z) / (1 - a * (z0 + z)));
  };
  return [adjust(alpha / 2), adjust(1 - alpha / 2)];
}

/** Percentile or BCa bootstrap interval of a two-sample statistic. */
export function bootstrapInterval(
  xInput: SampleInput,
  yInput: SampleInput,
  stat: TwoSampleStatistic,
  options: BootstrapOptions = {},
): Interval {
  return bootstrapIntervals(xInput, yInput, [stat], options)[0] as Interval;
}

/**
 * Intervals of several statistics of the same two samples from one set of resamples: the same
 * results as one `bootstrapInterval` call per statistic with the same seed, for one set of
 * draws.
 */
export function bootstrapIntervals(
  xInput: SampleInput,
  yInput: SampleInput,
  stats: readonly TwoSampleStatistic[],
  options: BootstrapOptions = {},
): Interval[] {
  const x = Sample.of(xInput);
  const y = Sample.of(yInput);
  const counts = countsOf([x, y]);
  if (x.n < 2 || y.n < 2) {
    const message = 'The bootstrap needs at least two observations per sample.';
    return stats.map(() => notComputable(counts, 'too_few_observations', message));
  }
  // Sorted once: resamples and leave-one-out samples then stay sorted (see TwoSampleStatistic).
  const xs = x.sorted;
  const ys = y.sorted;
  const dists = bootstrapDistributions(
    xs,
    ys,
    stats,
    options.resamples ?? 2000,
    options.seed ?? 20240607,
  );
  return stats.map((stat, i) =>
    intervalFrom(xs, ys, stat, dists[i] as Float64Array, counts, options),
  );
}

/** One statistic's interval from its bootstrap distribution. */
function intervalFrom(
  xs: Float64Array,
  ys: Float64Array,
  stat: TwoSampleStatistic,
  dist: Float64Array,
  counts: SampleCounts,
  options: BootstrapOptions,
): Interval {
  const level = options.level ?? 0.95;
  const method = options.method ?? 'bca';
  const theta = stat(xs, ys);
  if (!Number.isFinite(theta) || dist.length === 0 || dist[0] === dist[dist.length - 1]) {
    return notComputable(
      counts,
      (dist[0] ?? NaN) === theta ? 'all_values_identical' : 'constant_input',
      'The bootstrap distribution is degenerate (every resample gives the same value).',
    );
  }
  const alpha = 1 - level;
  const [qLow, qHigh] =
    method === 'percentile'
      ? [alpha / 2, 1 - alpha / 2]
      : bcaLevels(dist, theta, acceleration(xs, ys, stat), alpha);
  const warnings =
    Number.isNaN(qLow) || Number.isNaN(qHigh)
      ? ['The BCa interval is undefined (all resamples on one side of the estimate).']
      : [];
  return {
    ok: true,
    estimate: theta,
    low: quantileOfSorted(dist, qLow),
    high: quantileOfSorted(dist, qHigh),
    level,
    method: `bootstrap-${method}`,
    warnings,
    ...counts,
  };
}
