/**
 * Time to compute `connection_stats` (cells 11–15) for a generated root of 4 tests × 130 users,
 * both profiles, after ingest (ingest is measured by its own benches). When Debian's pandas is
 * installed, the notebook's own code (test/oracle/notebook_upstream.py) runs on the same root
 * and the ratio is printed; a crash of the notebook there is reported, not fatal.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { rootConnectionStats } from '../src/core/analysis/segments';
import { defaultOptions } from '../src/generate/options';
import { planRoot } from '../src/generate/plan';
import { writeRoot } from '../src/generate/writer';
import { ingestRoot } from '../src/core/ingest/ingestRoot';
import { InlineRunner } from '../src/core/pipeline/runner';

const TESTS: Record<string, number> = {
  'loadtest-webrtc-2024-kurento-2p': 65,
  'loadtest-webrtc-2024-mediasoup-2p': 65,
  'loadtest-webrtc-2024-pion-2p': 65,
  'loadtest-webrtc-2024-pion-3p-10s': 10,
};
const root = resolve('bench-results', 'segments-root-4x130');

async function ensureRoot(): Promise<void> {
  if (existsSync(root)) return;
  mkdirSync(resolve('bench-results'), { recursive: true });
  await writeRoot(
    planRoot({
      ...defaultOptions('2024'),
      seed: 'bench-segments',
      tests: Object.keys(TESTS),
      sessionsByTest: TESTS,
      stats: false,
      capacityScale: 1.5,
    }),
    root,
  );
}

function timeIt(fn: () => void, runs: number): { best: number; median: number } {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    fn();
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  return { best: times[0] as number, median: times[Math.floor(times.length / 2)] as number };
}

function oracle(tests: string[]): number | string {
  const py = '/usr/bin/python3';
  if (spawnSync(py, ['-c', 'import pandas'], { encoding: 'utf8' }).status !== 0)
    return 'pandas not installed (scripts/oracle.sh installs it)';
  const t0 = performance.now();
  const r = spawnSync(
    py,
    [
      join('test', 'oracle', 'notebook_upstream.py'),
      root,
      join(root, '..', 'segments-oracle.csv'),
      ...tests,
    ],
    { encoding: 'utf8' },
  );
  const ms = performance.now() - t0;
  if (r.status !== 0) return `the notebook stopped: ${r.stderr.trim().split('\n').at(-1) ?? ''}`;
  return ms;
}

async function main(): Promise<void> {
  await ensureRoot();
  const t0 = performance.now();
  const data = await ingestRoot(root, { runner: new InlineRunner() });
  const ingestMs = performance.now() - t0;
  const users = data.tests.reduce((n, t) => n + t.users.length, 0);
  console.log(
    `root: ${data.tests.length} tests, ${users} users (ingest ${ingestMs.toFixed(0)} ms, not counted)`,
  );
  let rows = 0;
  for (const profile of ['notebook', 'default'] as const) {
    const t = timeIt(() => {
      rows = rootConnectionStats(data, profile).rows.length;
    }, 7);
    console.log(
      `connection_stats ${profile.padEnd(8)}: ${rows} rows, best ${t.best.toFixed(1)} ms, median ${t.median.toFixed(1)} ms`,
    );
    if (profile === 'notebook') {
      const nb = oracle(data.tests.map(x => x.location.name));
      if (typeof nb === 'number')
        console.log(
          `notebook cells 3-15 (python, incl. reading files): ${nb.toFixed(0)} ms → ratio ${(nb / (t.median + ingestMs)).toFixed(1)}× (ours incl. ingest)`,
        );
      else console.log(`notebook: ${nb}`);
    }
  }
}

void main();
