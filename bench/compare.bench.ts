// `npm run bench -- compare`: `loadtest-lens compare` (dist/cli.js, built by `npm run build`) on two
// generated 4-test roots (a baseline and a candidate degrading past a known load), then the same in
// process split into loading (ingest + connection_stats + QoS medians) and the statistics (verdicts,
// knees with their bootstrap, taxonomy); and `loadtest-lens report` on the candidate. Wall times
// and the statistics' share of the whole, all measured in this run. Each compare run (cold parse
// cache) is measured against the floor of reading both roots (every file read, every .json
// `JSON.parse`d, in a fresh node process) in the same round; target (issue 24): ≤ 2× the floor.
// Peak RSS and the load average are printed beside the figures.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  DEFAULT_CONFIG,
  DEFAULT_LOAD_CONFIG,
  compareTests,
  loadRoot,
  pairTests,
} from '../src/core/compare';
import { InlineRunner } from '../src/core/pipeline/runner';
import { floorSeconds, loadAverage, median, runCli } from './roots';

/** Sessions per test (302 users in all); the second pair of roots has 3.5 times as many (1,057). */
const SESSIONS: readonly [string, number][] = [
  ['loadtest-webrtc-2024-kurento-2p', 40],
  ['loadtest-webrtc-2024-mediasoup-3p-10s', 6],
  ['loadtest-webrtc-2024-pion-8p', 8],
  ['loadtest-webrtc-2024-pion-2p', 40],
];
const SHAPES = [
  { scale: 1, label: '302 users per root', details: true },
  { scale: 3.5, label: '1,057 users per root', details: false },
] as const;
const testsOf = (scale: number): string =>
  SESSIONS.map(([name, n]) => `${name}:${Math.round(n * scale)}`).join(',');

function timed(label: string, args: string[], okCodes = [0]): number {
  const t0 = process.hrtime.bigint();
  const r = spawnSync(process.execPath, ['dist/cli.js', ...args], { encoding: 'utf8' });
  const s = Number(process.hrtime.bigint() - t0) / 1e9;
  if (!okCodes.includes(r.status ?? -1))
    throw new Error(`${label} failed (${r.status}):\n${r.stderr.slice(-2000)}`);
  console.log(`${label.padEnd(48)} ${s.toFixed(2)} s`);
  return s;
}

async function inProcess(base: string, cand: string): Promise<void> {
  const runner = new InlineRunner();
  const t0 = performance.now();
  const [b, c] = [await loadRoot(base, { runner }), await loadRoot(cand, { runner })];
  const t1 = performance.now();
  const pairs = pairTests(b.tests, c.tests, {});
  if (typeof pairs === 'string') throw new Error(pairs);
  for (const [x, y] of pairs) compareTests(x, y, DEFAULT_CONFIG, DEFAULT_LOAD_CONFIG);
  const t2 = performance.now();
  console.log(`in process: load both roots ${((t1 - t0) / 1000).toFixed(2)} s (inline parsing)`);
  console.log(`in process: statistics of ${pairs.length} pairs ${((t2 - t1) / 1000).toFixed(2)} s`);
  console.log(`ratio statistics / whole: ${((t2 - t1) / (t2 - t0)).toFixed(2)}`);
}

async function main(): Promise<void> {
  if (!existsSync('dist/cli.js')) throw new Error('dist/cli.js missing: run `npm run build` first');
  for (const shape of SHAPES) {
    console.log(`\n--- roots: ${shape.label}`);
    await measureShape(shape);
  }
}

/** Generates the pair of roots of one shape, times compare against the floor, then removes them. */
async function measureShape(shape: (typeof SHAPES)[number]): Promise<void> {
  const work = mkdtempSync(join(tmpdir(), 'bench-compare-'));
  try {
    const base = join(work, 'base');
    const cand = join(work, 'cand');
    const common = [
      '--tests',
      testsOf(shape.scale),
      '--stats-sessions',
      '4',
      '--capacity-scale',
      '2',
    ];
    timed('generate baseline (4 tests)', ['generate', '--out', base, '--seed', 'base', ...common]);
    timed('generate candidate (4 tests, knee at 30 users)', [
      'generate',
      '--out',
      cand,
      '--seed',
      'cand',
      ...common,
      '--degrade-at',
      'users:30',
      '--degrade-failures',
      '5',
    ]);
    const floors: number[] = [];
    const runs: number[] = [];
    let peak = 0;
    for (let i = 0; i < 3; i++) {
      const floor = floorSeconds([base, cand]);
      const r = runCli(['compare', base, cand, '--out', join(work, `out${i}`)], {
        LOADTEST_LENS_CACHE: 'off',
      });
      if (r.status !== 0 && r.status !== 1)
        throw new Error(`compare failed (${r.status}):\n${r.stderr.slice(-2000)}`);
      floors.push(floor);
      runs.push(r.seconds);
      peak = Math.max(peak, r.peakMb);
      console.log(
        `round ${i + 1}: floor of both roots ${floor.toFixed(2)} s, loadtest-lens compare ` +
          `${r.seconds.toFixed(2)} s (${(r.seconds / floor).toFixed(2)}×); ${loadAverage()}`,
      );
    }
    const ratio = median(runs) / median(floors);
    console.log(
      `compare median ${median(runs).toFixed(2)} s, floor median ${median(floors).toFixed(2)} s: ` +
        `${ratio.toFixed(2)}× the floor  target ≤ 2×: ${ratio <= 2 ? 'met' : 'NOT met'}; ` +
        `peak RSS ${peak.toFixed(0)} MB`,
    );
    if (!shape.details) return;
    timed('loadtest-lens report (candidate)', ['report', cand, '--out', join(work, 'report.html')]);
    await inProcess(base, cand);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

void main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
