// `npm run bench -- analyze`: `loadtest-lens analyze` (dist/cli.js, built by `npm run build`) in
// both profiles against the read+parse floor (every file read, every .json `JSON.parse`d, in a
// fresh node process) and against the notebook's own pipeline (test/oracle/notebook_upstream.py
// for cells 3–15, then test/oracle/notebook_downstream.py for cells 16+ and separate_stats,
// Debian's python3 with pandas 1.5 / scipy 1.10), on a generated root of issue 24's shape:
// 4 tests, about 500 users, stats.json included; then analyze and the floor alone on the same
// shape at about 1,000 users (SHAPES). Floor and analyze run ROUNDS times,
// interleaved, on a cold parse cache (LOADTEST_LENS_CACHE=off); the ratios are of medians, with
// each round's ratio and the load average beside them. Targets (issue 24): analyze ≤ 2× the
// floor in both profiles, ≥ 100× the notebook; peak RSS printed.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { floorRun, loadAverage, median, runCli, type ChildTimes } from './roots';

/**
 * The roots measured: issue 24's shape (≥ 500 users, with the notebook beside it) and a
 * 1,000-user one. Sessions per test; the generator's media node has 6× its default capacity so
 * that failures do not stop the tests before their users are created (a user the test stops
 * before has no folder, as with the real browser-emulator). The label counts the users written.
 */
const SHAPES = [
  {
    name: 'issue-24',
    sessions: { kurento: 65, mediasoup: 10, pion8: 17, pion2: 70 },
    notebook: true,
  },
  {
    name: '1000-users',
    sessions: { kurento: 130, mediasoup: 20, pion8: 34, pion2: 200 },
    notebook: false,
  },
] as const;
type Shape = (typeof SHAPES)[number];
const TESTS = {
  kurento: 'loadtest-webrtc-2024-kurento-2p',
  mediasoup: 'loadtest-webrtc-2024-mediasoup-3p-10s',
  pion8: 'loadtest-webrtc-2024-pion-8p',
  pion2: 'loadtest-webrtc-2024-pion-2p',
} as const;
const NAMES = Object.values(TESTS);
const PYTHON = '/usr/bin/python3';
const ROUNDS = Number(process.env['BENCH_ROUNDS'] ?? 3);
const PROFILES = ['notebook', 'default'] as const;

function timedPython(label: string, args: string[]): number {
  const t0 = process.hrtime.bigint();
  const r = spawnSync(PYTHON, args, { encoding: 'utf8', maxBuffer: 256 << 20 });
  const s = Number(process.hrtime.bigint() - t0) / 1e9;
  if (r.status !== 0) throw new Error(`${label} failed (${r.status}):\n${r.stderr.slice(-2000)}`);
  console.log(`${label.padEnd(46)} ${s.toFixed(2)} s`);
  return s;
}

/** Users written: user folders with an events.json. */
function countUsers(dir: string): number {
  return readdirSync(dir, { withFileTypes: true }).reduce(
    (n, e) =>
      n + (e.isDirectory() ? countUsers(join(dir, e.name)) : e.name === 'events.json' ? 1 : 0),
    0,
  );
}

function generate(root: string, shape: Shape): string {
  const tests = Object.entries(shape.sessions).map(
    ([key, sessions]) => `${TESTS[key as keyof typeof TESTS]}:${sessions}`,
  );
  const r = runCli([
    'generate',
    '--out',
    root,
    '--tests',
    tests.join(','),
    '--capacity-scale',
    '6',
    // Issue 24's root: every user has a stats.json, LiveKit's shared PC under 2 peers, a poll
    // every 15 s.
    '--livekit-stats-peers',
    '2',
    '--stats-interval',
    '15',
    '--stats-poll',
    '15',
  ]);
  if (r.status !== 0) throw new Error(`generate failed:\n${r.stderr.slice(-2000)}`);
  const label = `4 tests, ${countUsers(join(root, 'stats')).toLocaleString('en-US')} users, stats.json`;
  console.log(`generate (${label})        ${r.seconds.toFixed(2)} s`);
  return label;
}

const verdict = (ok: boolean) => (ok ? 'met' : 'NOT met');

/**
 * Floor and both profiles, ROUNDS times interleaved; medians, per-round ratios, peak RSS. Beside
 * the wall times, the CPU seconds of each (every thread): on a shared 2-core machine they move
 * far less with the load, and analyze's wall time cannot go below half its CPU.
 */
function analyzeRounds(work: string, root: string): Record<(typeof PROFILES)[number], number> {
  const floors: ChildTimes[] = [];
  const runs = { notebook: [] as ChildTimes[], default: [] as ChildTimes[] };
  const peaks = { notebook: 0, default: 0 };
  for (let round = 1; round <= ROUNDS; round++) {
    const floor = floorRun([root]);
    floors.push(floor);
    const line = [`round ${round}: floor ${times(floor)}`];
    for (const profile of PROFILES) {
      const out = join(work, `out-${profile}`);
      rmSync(out, { recursive: true, force: true });
      const r = runCli(['analyze', root, '--out', out, '--profile', profile], {
        LOADTEST_LENS_CACHE: 'off',
      });
      if (r.status !== 0) throw new Error(`analyze ${profile} failed:\n${r.stderr.slice(-2000)}`);
      runs[profile].push(r);
      peaks[profile] = Math.max(peaks[profile], r.peakMb);
      line.push(`${profile} ${times(r)} (${(r.seconds / floor.seconds).toFixed(2)}×)`);
    }
    console.log(`${line.join(', ')}; ${loadAverage()}`);
  }
  const floor = medians(floors);
  console.log(`floor (read every file + JSON.parse), median    ${times(floor)}`);
  for (const profile of PROFILES) {
    const t = medians(runs[profile]);
    const ratio = t.seconds / floor.seconds;
    console.log(
      `analyze --profile ${profile.padEnd(8)} median ${times(t)} = ${ratio.toFixed(2)}× the floor` +
        ` (CPU ${(t.cpuSeconds / floor.cpuSeconds).toFixed(2)}×)` +
        `  target ≤ 2×: ${verdict(ratio <= 2)}; peak RSS ${peaks[profile].toFixed(0)} MB`,
    );
  }
  return { notebook: medians(runs.notebook).seconds, default: medians(runs.default).seconds };
}

/** Wall and CPU seconds, e.g. `1.23 s (CPU 2.10 s)`. */
function times(t: ChildTimes): string {
  return `${t.seconds.toFixed(2)} s (CPU ${t.cpuSeconds.toFixed(2)} s)`;
}

/** Median wall and median CPU seconds of several runs. */
function medians(runs: readonly ChildTimes[]): ChildTimes {
  return {
    seconds: median(runs.map(r => r.seconds)),
    cpuSeconds: median(runs.map(r => r.cpuSeconds)),
  };
}

function notebookSide(work: string, root: string, ours: Record<string, number>): void {
  const pandas = spawnSync(PYTHON, ['-c', 'import pandas, scipy'], { encoding: 'utf8' });
  if (pandas.status !== 0) {
    console.log(
      'notebook side not measured: /usr/bin/python3 has no pandas/scipy (apt-get install -y python3-pandas python3-scipy)',
    );
    return;
  }
  const csv = join(work, 'connection_stats.csv');
  const up = timedPython('notebook cells 3–15 (python, pandas)', [
    'test/oracle/notebook_upstream.py',
    root,
    csv,
    ...NAMES,
  ]);
  const down = timedPython('notebook cells 16+ + separate_stats (python)', [
    'test/oracle/notebook_downstream.py',
    csv,
    join(work, 'nb'),
    root,
    ...NAMES,
  ]);
  const notebook = up + down;
  console.log(`notebook total ${notebook.toFixed(2)} s; ${loadAverage()}`);
  for (const profile of PROFILES) {
    const r = notebook / (ours[profile] as number);
    console.log(
      `ratio notebook / analyze --profile ${profile.padEnd(8)} ${r.toFixed(1)}×  target ≥ 100×: ${verdict(r >= 100)}`,
    );
  }
}

if (!existsSync('dist/cli.js')) throw new Error('dist/cli.js missing: run `npm run build` first');
const work = mkdtempSync(join(tmpdir(), 'bench-analyze-'));
try {
  for (const shape of SHAPES) {
    const root = join(work, `root-${shape.name}`);
    console.log(`\n--- root: ${generate(root, shape)}`);
    const ours = analyzeRounds(work, root);
    if (shape.notebook) notebookSide(work, root, ours);
    rmSync(root, { recursive: true, force: true });
  }
} finally {
  rmSync(work, { recursive: true, force: true });
}
