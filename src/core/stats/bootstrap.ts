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
import { meanOf, quantileOfSorted } from './descriptive';
import { countsOf, Sample, type SampleInput } from './sample';
import { ndtri, normalCdf } from './special';
import { BLOCK_BITS, countedSample, type CountedSample } from './counted';
import { notComputable, type NotComputable, type SampleCounts } from './result';

/**
 * Deterministic uniform generator on [0, 1). The state is four int32 fields (no typed-array
 * loads, no heap numbers in the hot loop); the outputs are the reference uint32 words.
 */
export class Xoshiro128 {
  private s0: number;
  private s1: number;
  private s2: number;
  private s3: number;

  constructor(seed: number) {
    const s: number[] = [];
    let x = seed >>> 0;
    for (let i = 0; i < 4; i++) {
      // splitmix32
      x = (x + 0x9e3779b9) >>> 0;
      let z = x;
      z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0;
      z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0;
      s.push((z ^ (z >>> 16)) | 0);
    }
    [this.s0, this.s1, this.s2, this.s3] = s as [number, number, number, number];
  }

  /** Next 32-bit output. */
  nextUint32(): number {
    const s0 = this.s0;
    const s1 = this.s1;
    const m = Math.imul(s1, 5);
    const r = Math.imul((m << 7) | (m >>> 25), 9);
    const n2 = this.s2 ^ s0;
    const n3 = this.s3 ^ s1;
    this.s1 = s1 ^ n2;
    this.s0 = s0 ^ n3;
    this.s2 = n2 ^ (s1 << 9);
    this.s3 = (n3 << 11) | (n3 >>> 21);
    return r >>> 0;
  }

  /** Uniform on [0, 1) with 32 random bits. */
  next(): number {
    return this.nextUint32() / 4294967296;
  }

  /**
   * Uniform integer in [0, n): ⌊u·n / 2³²⌋ for the next word u, which is `Math.floor(next() * n)`
   * exactly (u/2³² is exact and u·n < 2⁵³ for n < 2²¹, so the product is not rounded).
   */
  nextInt(n: number): number {
    return Math.floor(this.next() * n);
  }

  /**
   * Adds `draws` uniform picks in [0, counts.length) to `counts` (as `nextInt` would draw them),
   * and each pick's block of 2^BLOCK_BITS indices to `blocks`.
   */
  addDraws(counts: Uint32Array, blocks: Uint32Array, draws: number): void {
    // The state lives in locals for the loop (three times faster than field updates per draw);
    // the steps are `nextUint32`'s, and u·(n/2³²) is exactly (u/2³²)·n: both products are exact.
    let s0 = this.s0;
    let s1 = this.s1;
    let s2 = this.s2;
    let s3 = this.s3;
    const scale = counts.length / 4294967296;
    for (let i = 0; i < draws; i++) {
      const m = Math.imul(s1, 5);
      const r = Math.imul((m << 7) | (m >>> 25), 9);
      const t = s1 << 9;
      const n2 = s2 ^ s0;
      const n3 = s3 ^ s1;
      s1 = s1 ^ n2;
      s0 = s0 ^ n3;
      s2 = n2 ^ t;
      s3 = (n3 << 11) | (n3 >>> 21);
      const j = Math.floor((r >>> 0) * scale);
      counts[j] = (counts[j] as number) + 1;
      const b = j >>> BLOCK_BITS;
      blocks[b] = (blocks[b] as number) + 1;
    }
    this.s0 = s0;
    this.s1 = s1;
    this.s2 = s2;
    this.s3 = s3;
  }
}

/**
 * A statistic of two samples; `bootstrapInterval` always passes both sorted ascending. With
 * `counted`, the same statistic computed from resamples kept as counts (./counted.ts), equal to
 * its value on the written-out resample up to rounding: the bootstrap then never writes the
 * resamples out.
 */
export type TwoSampleStatistic = ((x: Float64Array, y: Float64Array) => number) & {
  readonly counted?: (x: CountedSample, y: CountedSample) => number;
};

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

/** An estimate with its confidence interval [low, high] at `level`, and how it was found. */
export interface IntervalEstimate {
  readonly estimate: number;
  readonly low: number;
  readonly high: number;
  readonly level: number;
  readonly method: string;
}

export type Interval =
  | (SampleCounts &
      IntervalEstimate & {
        readonly ok: true;
        readonly warnings: readonly string[];
      })
  | NotComputable;

/** One resample of `sample` as counts per index: the same draws as picking an index n times. */
function drawCounts(sample: CountedSample, rng: Xoshiro128): void {
  sample.counts.fill(0);
  sample.blocks.fill(0);
  rng.addDraws(sample.counts, sample.blocks, sample.sorted.length);
}

/** The resample written out: each value as often as drawn, in index order (so sorted). */
function writeOut(sample: CountedSample, dst: Float64Array): void {
  const { sorted, counts } = sample;
  let k = 0;
  for (let j = 0; j < sorted.length; j++) {
    const v = sorted[j] as number;
    for (let c = counts[j] as number; c > 0; c--) dst[k++] = v;
  }
}

/**
 * Bootstrap distributions of several statistics on sorted `x`, `y`, from the SAME resamples
 * (one set of draws for all: each distribution is exactly what a separate run with the same seed
 * gives), each sorted ascending, non-finite replicates dropped. Resamples are drawn as counts
 * per index (no sorting) and only written out for statistics without a `counted` form.
 */
function bootstrapDistributions(
  x: Float64Array,
  y: Float64Array,
  stats: readonly TwoSampleStatistic[],
  B: number,
  seed: number,
): Float64Array[] {
  const rng = new Xoshiro128(seed);
  const cx = countedSample(x, meanOf(x));
  const cy = countedSample(y, meanOf(y));
  const written = stats.some(s => !s.counted);
  const bx = new Float64Array(written ? x.length : 0);
  const by = new Float64Array(written ? y.length : 0);
  const out = stats.map(() => new Float64Array(B));
  const kept = stats.map(() => 0);
  for (let b = 0; b < B; b++) {
    drawCounts(cx, rng);
    drawCounts(cy, rng);
    if (written) {
      writeOut(cx, bx);
      writeOut(cy, by);
    }
    for (let i = 0; i < stats.length; i++) {
      const stat = stats[i] as TwoSampleStatistic;
      const v = stat.counted ? stat.counted(cx, cy) : stat(bx, by);
      if (Number.isFinite(v)) {
        const k = kept[i] as number;
        (out[i] as Float64Array)[k] = v;
        kept[i] = k + 1;
      }
    }
  }
  return out.map((o, i) => o.subarray(0, kept[i]).sort());
}

/**
 * Calls `visit` with `a` without its i-th value, for i = 0, 1, …, in one reused buffer: going
 * from "without i" to "without i+1" only puts a[i] back at position i.
 */
function forEachLeaveOneOut(a: Float64Array, visit: (rest: Float64Array) => void): void {
  const rest = a.slice(1);
  for (let i = 0; i < a.length; i++) {
    visit(rest);
    if (i < rest.length) rest[i] = a[i] as number;
  }
}

/** Jackknife acceleration â (Efron 1987, eq. 6.6) over the leave-one-out values of both samples. */
function acceleration(x: Float64Array, y: Float64Array, stat: TwoSampleStatistic): number {
  const values: number[] = [];
  forEachLeaveOneOut(x, rest => values.push(stat(rest, y)));
  forEachLeaveOneOut(y, rest => values.push(stat(x, rest)));
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
  const key = { xs, ys, stats, options: JSON.stringify([options, counts]) };
  return recentIntervals.get(key, () => {
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
  });
}

interface IntervalsKey {
  readonly xs: Float64Array;
  readonly ys: Float64Array;
  readonly stats: readonly TwoSampleStatistic[];
  /** Options and sample counts, as JSON. */
  readonly options: string;
}

function sameValues(a: Float64Array, b: Float64Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (!Object.is(a[i], b[i])) return false;
  return true;
}

function sameKey(a: IntervalsKey, b: IntervalsKey): boolean {
  return (
    a.options === b.options &&
    a.stats.length === b.stats.length &&
    a.stats.every((s, i) => s === b.stats[i]) &&
    sameValues(a.xs, b.xs) &&
    sameValues(a.ys, b.ys)
  );
}

/**
 * The last few interval sets by their exact inputs. A seeded bootstrap of the same samples gives
 * the same intervals, and analyses often ask twice (a case whose IQR cleaning removes nothing,
 * a section that is another one's subset when a test has no subscribers): the second time is a
 * lookup. Copies are returned, so callers never share an object.
 */
class RecentIntervals {
  private readonly entries: { key: IntervalsKey; value: Interval[] }[] = [];
  constructor(private readonly size: number) {}

  get(key: IntervalsKey, compute: () => Interval[]): Interval[] {
    let entry = this.entries.find(e => sameKey(e.key, key));
    if (!entry) {
      entry = { key, value: compute() };
      this.entries.unshift(entry);
      this.entries.length = Math.min(this.entries.length, this.size);
    }
    return entry.value.map(i => ({ ...i }));
  }
}

const recentIntervals = new RecentIntervals(16);

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
