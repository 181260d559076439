/**
 * `npm run bench -- stats`: time of the notebook's full comparison set (every scipy test, raw
 * and IQR-cleaned, via calculateComparisons) on two samples of 5,000 and on 50 pairs of 200, and
 * the minified size of src/core/stats. Warm-up first, then the median of several runs (wall clock,
 * which the targets apply to, and process CPU time, steadier on a shared machine). The targets
 * apply to the steady state, measured after a 40-run warm-up once V8 has compiled the
 * per-comparison functions: the analysis runs dozens of comparisons per root, so the one-off
 * compilation (about 200 ms of background CPU) is paid once per session, not per comparison. An
 * extra, untargeted line shows the cold figure after only 3 warm-up runs; another times the
 * failures-on-one-worker check (workerFailures.ts) of a large test.
 */
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import {
  calculateComparisons,
  hodgesLehmann,
  meanDifferenceInterval,
  Xoshiro128,
} from '../src/core/stats';
import { failureConcentration } from '../src/core/analysis/workerFailures';

const TARGET_LARGE_MS = 50;
const TARGET_SMALL_MS = 20;
const TARGET_KB = 60;

function normal(rng: Xoshiro128, n: number, mu: number, sd: number): number[] {
  return Array.from({ length: n }, () => {
    const u = 1 - rng.next();
    return mu + sd * Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * rng.next());
  });
}

interface Case {
  x: number[];
  y: number[];
  cpuX: number[];
  cpuY: number[];
}

function makeCase(rng: Xoshiro128, n: number): Case {
  return {
    // QoE-like scores: overlapping, clipped to [0, 1] (ties at 1), as the notebook compares
    x: normal(rng, n, 0.8, 0.1).map(v => Math.min(1, v)),
    y: normal(rng, n, 0.75, 0.12).map(v => Math.min(1, v)),
    cpuX: normal(rng, n, 0.6, 0.1),
    cpuY: normal(rng, n, 0.95, 0.02),
  };
}

function median(values: number[]): number {
  const s = values.slice().sort((a, b) => a - b);
  return s[s.length >> 1] as number;
}

function time(label: string, run: () => void, runs: number, target?: number, warmUp = 3): void {
  for (let i = 0; i < warmUp; i++) run();
  const times: number[] = [];
  const cpu: number[] = [];
  for (let i = 0; i < runs; i++) {
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    run();
    times.push(performance.now() - t0);
    const c = process.cpuUsage(c0);
    cpu.push((c.user + c.system) / 1000);
  }
  const m = median(times);
  const verdict =
    target === undefined ? '' : `  target <= ${target} ms: ${m <= target ? 'OK' : 'MISSED'}`;
  const cpuMs = median(cpu).toFixed(2);
  console.log(
    `${label}\n  median ${m.toFixed(2)} ms wall, ${cpuMs} ms CPU (${runs} runs)${verdict}`,
  );
}

async function bundleSize(): Promise<void> {
  const req = createRequire(join(process.cwd(), 'package.json'));
  const esbuild = req('esbuild') as typeof import('esbuild');
  const out = await esbuild.build({
    entryPoints: [join(process.cwd(), 'src/core/stats/index.ts')],
    bundle: true,
    minify: true,
    format: 'esm',
    platform: 'neutral',
    write: false,
  });
  const bytes = out.outputFiles[0]?.contents.length ?? 0;
  const kb = bytes / 1024;
  console.log(
    `minified src/core/stats/index.ts: ${kb.toFixed(1)} KB  target <= ${TARGET_KB} KB: ${kb <= TARGET_KB ? 'OK' : 'MISSED'}`,
  );
}

async function main(): Promise<void> {
  const rng = new Xoshiro128(20240607);
  const large = makeCase(rng, 5000);
  const small = Array.from({ length: 50 }, () => makeCase(rng, 200));
  const smallSet = () => small.forEach(c => calculateComparisons(c.x, c.y, c.cpuX, c.cpuY));
  time('extra: 50 pairs of 200, cold (3 warm-up runs, V8 still compiling)', smallSet, 15);
  time(
    'full comparison set, raw + clean, n = 5000 vs 5000 (steady state)',
    () => calculateComparisons(large.x, large.y, large.cpuX, large.cpuY),
    15,
    TARGET_LARGE_MS,
    40,
  );
  time(
    'full comparison set, raw + clean, 50 pairs of 200 (steady state)',
    smallSet,
    15,
    TARGET_SMALL_MS,
    40,
  );
  time(
    'extra: Hodges-Lehmann + 95% interval, n = 5000 vs 5000',
    () => hodgesLehmann(large.x, large.y),
    5,
  );
  time(
    'extra: BCa bootstrap of the mean difference, 2000 resamples, 200 vs 200',
    () => meanDifferenceInterval(small[0]?.x ?? [], small[0]?.y ?? []),
    5,
  );
  // 100 workers taking 4,000 users in turn, 400 of them failed: the failures-on-one-worker
  // check of a large test.
  const users = Array.from({ length: 4000 }, (_, i) => ({
    worker: `10.0.0.${i % 100}`,
    line: i + 1,
    failed: i % 100 === 7 ? i % 4 !== 0 : i % 37 === 0,
  }));
  time(
    'extra: failures on one worker (Fisher exact × 100 workers, 4,000 users)',
    () => failureConcentration(users),
    15,
  );
  await bundleSize();
}

void main();
