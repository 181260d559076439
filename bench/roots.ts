/**
 * What several benchmarks share: the generated multi-test root (cached under
 * bench-results/roots/), a file walk, a peak-RSS sampler, the read+parse floor of roots and a
 * timed CLI run with its peak RSS, both in a child process.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import * as esbuild from 'esbuild';
import { medianOfSorted } from '../src/core/stats/descriptive';
import { defaultOptions, planRoot, writeRoot } from '../src/generate';

// Users per test: ≥ 500 each, whatever the size.
const SESSIONS = { kurento2p: 250, mediasoup: 39, pion8p: 63 };
export const BENCH_TESTS = [
  `loadtest-webrtc-2024-kurento-2p:${SESSIONS.kurento2p}`,
  `loadtest-webrtc-2024-mediasoup-3p-10s:${SESSIONS.mediasoup}`,
  `loadtest-webrtc-2024-pion-8p:${SESSIONS.pion8p}`,
];

/**
 * Writes (once) a root of the three BENCH_TESTS with ≥ 500 users each, stats.json included, of
 * about `gb` GB (2.3 GB at 2) into `root`.
 */
export async function ensureGeneratedRoot(root: string, gb: number): Promise<void> {
  if (existsSync(join(root, 'dfs_final', 'batches.json'))) return;
  mkdirSync(join(root, '..'), { recursive: true });
  const tests = BENCH_TESTS.map(t => t.split(':')[0] as string);
  const sessionsByTest = Object.fromEntries(
    BENCH_TESTS.map(t => t.split(':') as [string, string]).map(([n, s]) => [n, Number(s)]),
  );
  const options = {
    ...defaultOptions('2024'),
    seed: 'bench-ingest',
    tests,
    sessionsByTest,
    // Users join 25 at a time, so ≥ 500 users per test ramp up in about two minutes; the hold
    // after the last join sets the size (≈ 1 GB at gb = 1, ≈ 2 GB at 2).
    batchSize: 25,
    holdSeconds: Math.round(40 * gb),
    statsInterval: 4,
    statsPoll: 2,
    livekitStatsPeers: 2,
    failureRate: 0.1,
  };
  const started = Date.now();
  await writeRoot(planRoot(options), root);
  console.log(`generated ${root} in ${((Date.now() - started) / 1000).toFixed(0)} s`);
}

export function allFiles(dir: string, out: string[] = []): string[] {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) allFiles(path, out);
    else out.push(path);
  }
  return out;
}

/** Samples the process's RSS (every thread, workers included) every 25 ms. */
export class PeakRss {
  peak = 0;
  private timer = setInterval(
    () => (this.peak = Math.max(this.peak, process.memoryUsage().rss)),
    25,
  );
  /** Stops sampling; the peak in MB. */
  stop(): number {
    clearInterval(this.timer);
    return Math.max(this.peak, process.memoryUsage().rss) / 1048576;
  }
}

/** Runs `fn` after a GC, with its wall time in seconds and the peak RSS in MB while it ran. */
export async function timed<T>(
  fn: () => Promise<T>,
): Promise<{ seconds: number; value: T; peakMb: number }> {
  (globalThis as { gc?: () => void }).gc?.();
  const rss = new PeakRss();
  const started = process.hrtime.bigint();
  const value = await fn();
  return { seconds: Number(process.hrtime.bigint() - started) / 1e9, value, peakMb: rss.stop() };
}

/** Bundles the ingest worker (as dist/worker.js is built) for a WorkerPool; returns its path. */
export async function buildWorker(): Promise<string> {
  const worker = resolve('bench-results', 'bundles', 'worker.js');
  await esbuild.build({
    entryPoints: ['src/core/pipeline/worker.ts'],
    outfile: worker,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    logLevel: 'warning',
  });
  return worker;
}

/** The machine's load, printed beside figures measured on a shared machine. */
export function loadAverage(): string {
  return `load average ${loadavg()
    .map(v => v.toFixed(2))
    .join(' ')}`;
}

/**
 * Reads every file of the roots and `JSON.parse`s the .json ones, in a fresh node process (as a
 * CLI run starts): the floor any analysis of those roots costs. Wall seconds, from outside.
 */
export function floorSeconds(roots: readonly string[]): number {
  return floorRun(roots).seconds;
}

/** What a child process used: wall seconds from outside, CPU seconds (all threads) from inside. */
export interface ChildTimes {
  readonly seconds: number;
  /** User + system CPU of the whole process (every thread), seconds. */
  readonly cpuSeconds: number;
}

/** CPU seconds a child printed as `cpu-us N` on stderr (`RSS_PRELOAD` and the floor script). */
function cpuSecondsOf(stderr: string): number {
  return Number(/cpu-us (\d+)/.exec(stderr)?.[1] ?? NaN) / 1e6;
}

/**
 * The floor with its CPU time: on a shared machine the CPU a run uses moves much less with the
 * load than its wall time does.
 */
export function floorRun(roots: readonly string[]): ChildTimes {
  const script = `
    const { readdirSync, statSync, readFileSync } = require('node:fs');
    const { join } = require('node:path');
    const walk = (d, out) => { for (const n of readdirSync(d)) { const p = join(d, n);
      if (statSync(p).isDirectory()) walk(p, out); else out.push(p); } return out; };
    for (const root of ${JSON.stringify(roots)}) for (const f of walk(root, [])) {
      const text = readFileSync(f, 'utf8');
      if (f.endsWith('.json')) try { JSON.parse(text); } catch {} }
    const u = process.resourceUsage();
    process.stderr.write('cpu-us ' + (u.userCPUTime + u.systemCPUTime) + '\\n');`;
  const t0 = process.hrtime.bigint();
  const r = spawnSync(process.execPath, ['-e', script], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`floor failed: ${r.stderr}`);
  return {
    seconds: Number(process.hrtime.bigint() - t0) / 1e9,
    cpuSeconds: cpuSecondsOf(r.stderr),
  };
}

/** Prints the child's peak RSS and CPU time (every thread) on stderr as it exits. */
const RSS_PRELOAD = join(tmpdir(), 'ltl-bench-peak-rss.cjs');

export interface CliRun extends ChildTimes {
  /** Peak resident set of the whole process (workers included), MB. */
  readonly peakMb: number;
  readonly status: number | null;
  readonly stderr: string;
}

/** `node dist/cli.js ...args` timed from outside (wall seconds), with its peak RSS. */
export function runCli(args: readonly string[], env: NodeJS.ProcessEnv = {}): CliRun {
  writeFileSync(
    RSS_PRELOAD,
    "process.on('exit', () => { const u = process.resourceUsage(); process.stderr.write(`\\npeak-rss-kb ${u.maxRSS} cpu-us ${u.userCPUTime + u.systemCPUTime}\\n`); });\n",
  );
  const t0 = process.hrtime.bigint();
  const r = spawnSync(process.execPath, ['--require', RSS_PRELOAD, 'dist/cli.js', ...args], {
    encoding: 'utf8',
    maxBuffer: 256 << 20,
    env: { ...process.env, ...env },
  });
  const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
  const kb = Number(/peak-rss-kb (\d+)/.exec(r.stderr)?.[1] ?? NaN);
  return {
    seconds,
    cpuSeconds: cpuSecondsOf(r.stderr),
    peakMb: kb / 1024,
    status: r.status,
    stderr: r.stderr,
  };
}

/** Median of wall times (several runs on a shared machine). */
export function median(values: readonly number[]): number {
  return medianOfSorted([...values].sort((a, b) => a - b));
}
