/**
 * `npm run bench -- knee-coverage`: how often the 95 % interval of the load knee (`loadKnee`, the
 * BIC-selected change-point model with its wild-bootstrap interval, 200 resamples as `compare`
 * runs it) contains the true change point, per shape, on simulated runs whose truth is known; and
 * how often a knee is reported on a straight line. Not a timed test: a coverage figure needs
 * hundreds of runs. Targets: ≥ 90 % coverage on every shape, ≤ 5 % false knees.
 *
 * Each run: 400 observations of a VMAF-like metric (noise sd 2.5, as the generator's kurento
 * cuts) against users connected 1..96 (integers, evenly spread) or against a CPU-like load
 * (uniform on 0.1–0.95). Shapes (the change point τ drawn per run):
 *   bend  93 − 0.02·x − 0.4·max(0, x − τ), τ in 30..70 users
 *   step  93 − 0.02·x − 5·[x ≥ τ], τ in 30..70 users (and a CPU variant, τ in 0.35–0.7)
 *   two   93 − 0.02·x − 0.3·max(0, x − τ1) − 6·[x ≥ τ2], τ1 in 25..45, τ2 = τ1 + 30
 *   none  93 − 0.05·x
 */
import { cpus, loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import { loadKnee, type Point } from '../src/core/compare/knee';
import { Xoshiro128 } from '../src/core/stats';

const RUNS = Number(process.env.KNEE_RUNS ?? 200);
const N = 400;
const SD = 2.5;
const RESAMPLES = 200;

interface Truth {
  readonly points: Point[];
  /** True change points, in load order (none for a line). */
  readonly taus: number[];
}

function normal(rng: Xoshiro128): number {
  const u = 1 - rng.next();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * rng.next());
}

const usersLoad = (i: number): number => 1 + Math.floor((i * 96) / N);
const between = (rng: Xoshiro128, lo: number, hi: number): number => lo + rng.nextInt(hi - lo + 1);

const SHAPES: Record<string, (rng: Xoshiro128) => Truth> = {
  bend: rng => {
    const tau = between(rng, 30, 70);
    return sample(rng, usersLoad, x => 93 - 0.02 * x - 0.4 * Math.max(0, x - tau), [tau]);
  },
  step: rng => {
    const tau = between(rng, 30, 70);
    return sample(rng, usersLoad, x => 93 - 0.02 * x - (x >= tau ? 5 : 0), [tau]);
  },
  'step (CPU)': rng => {
    const tau = 0.35 + 0.35 * rng.next();
    const cpu = (): number => 0.1 + 0.85 * rng.next();
    return sample(rng, cpu, x => 93 - 2 * x - (x >= tau ? 5 : 0), [tau]);
  },
  two: rng => {
    const t1 = between(rng, 25, 45);
    const t2 = t1 + 30;
    const f = (x: number): number => 93 - 0.02 * x - 0.3 * Math.max(0, x - t1) - (x >= t2 ? 6 : 0);
    return sample(rng, usersLoad, f, [t1, t2]);
  },
  none: rng => sample(rng, usersLoad, x => 93 - 0.05 * x, []),
};

function sample(
  rng: Xoshiro128,
  load: (i: number) => number,
  level: (x: number) => number,
  taus: number[],
): Truth {
  const points = Array.from({ length: N }, (_, i) => {
    const x = load(i);
    return { x, y: level(x) + SD * normal(rng) };
  });
  return { points, taus };
}

const covers = (low: number | null, high: number | null, tau: number | undefined): boolean =>
  low !== null && high !== null && tau !== undefined && low <= tau && tau <= high;

function pct(k: number, n: number): string {
  return `${((100 * k) / n).toFixed(1)} %`;
}

function main(): void {
  console.log(
    `machine: ${cpus().length} cores, load average ${loadavg()[0]!.toFixed(1)}; ` +
      `${RUNS} runs per shape, n = ${N}, noise sd ${SD}, ${RESAMPLES} bootstrap resamples`,
  );
  const t0 = performance.now();
  for (const [shape, make] of Object.entries(SHAPES)) {
    const rng = new Xoshiro128(0x5eed + shape.length * 7919 + shape.charCodeAt(0));
    let found = 0;
    let covered = 0;
    let covered2 = 0;
    let pinned = 0;
    const models: Record<string, number> = {};
    for (let r = 0; r < RUNS; r++) {
      const t = make(rng);
      const k = loadKnee(t.points, {
        worse: 'down',
        resamples: RESAMPLES,
        seed: 20240607,
        alpha: 0.05,
      });
      models[k.model] = (models[k.model] ?? 0) + 1;
      if (k.knee === null) continue;
      found++;
      if (k.low === k.high) pinned++;
      if (covers(k.low, k.high, t.taus[0])) covered++;
      if (covers(k.low2, k.high2, t.taus[1])) covered2++;
    }
    const mix = Object.entries(models)
      .map(([m, n]) => `${m} ${n}`)
      .join(', ');
    const head = `${shape.padEnd(11)} knee reported ${pct(found, RUNS)}`;
    if (shape === 'none') console.log(`${head} (false knees; target ≤ 5 %); models: ${mix}`);
    else
      console.log(
        `${head}; 95 % interval contains the truth ${pct(covered, RUNS)}` +
          (shape === 'two' ? ` (second change: ${pct(covered2, RUNS)})` : '') +
          ` (target ≥ 90 %); one-value intervals ${pinned}; models: ${mix}`,
      );
  }
  console.log(`total ${((performance.now() - t0) / 1000).toFixed(0)} s`);
}

main();
