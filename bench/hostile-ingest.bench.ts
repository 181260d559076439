/**
 * Scaling of the ingest's recovery paths on hostile input (issue 19), each at n and 2n with the
 * ratio of the times (linear: about 2; the old code was quadratic, about 4, and never finished at
 * these sizes):
 * - JSON array recovery: an events.json with a `NaN` in every 100th element and a cut last
 *   element (the old recovery re-parsed every prefix: 600 KB took 212 s);
 * - QoE: one cuts file of n cuts parsed, laid over the users' overlap and averaged per
 *   sub-interval (cell 14; 200,000 cuts never finished);
 * - many users: a root of n users ingested (every read within the open-file limit).
 * Each time is the best of three runs; `npm run bench -- hostile` runs it.
 */
import { join } from 'node:path';
import { rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { avgQoeIntervals, layQoeFragments } from '../src/core/analysis/segments/fragments';
import { defaultOptions } from '../src/generate/options';
import { planRoot } from '../src/generate/plan';
import { writeRoot } from '../src/generate/writer';
import { ingestRoot } from '../src/core/ingest/ingestRoot';
import { parseJsonArray } from '../src/core/ingest/jsonArray';
import { parseQoeFile } from '../src/core/ingest/qoe';
import { InlineRunner } from '../src/core/pipeline/runner';
import { openFiles } from '../src/core/util/limiter';

/** Best of `runs` timings of `fn`, in seconds. */
async function best(fn: () => unknown, runs = 3): Promise<number> {
  let min = Infinity;
  for (let i = 0; i < runs; i++) {
    (globalThis as { gc?: () => void }).gc?.();
    const started = process.hrtime.bigint();
    await fn();
    min = Math.min(min, Number(process.hrtime.bigint() - started) / 1e9);
  }
  return min;
}

async function scaling(name: string, n: number, make: (n: number) => () => unknown): Promise<void> {
  const a = await best(make(n));
  const b = await best(make(2 * n));
  console.log(
    `${name.padEnd(34)} n=${String(n).padStart(7)}: ${a.toFixed(3)} s   2n: ${b.toFixed(3)} s   ratio ${(b / a).toFixed(2)}`,
  );
}

function damagedEvents(n: number): string {
  const parts: string[] = [];
  for (let i = 0; i < n; i++) {
    const t = new Date(Date.UTC(2024, 5, 20, 10, 0, 0, i)).toISOString();
    parts.push(
      i % 100 === 50
        ? '{"event":"connectionStart","timestamp":NaN}'
        : `{"event":"connectionStart","participant":"User1","session":"LoadTestSession1","timestamp":"${t}"}`,
    );
  }
  const text = `[${parts.join(',')}]`;
  return text.slice(0, text.length - 20);
}

function jsonRecovery(n: number): () => unknown {
  const text = damagedEvents(n);
  return () => {
    const r = parseJsonArray(text, 'events.json');
    if (r.elements.length < n * 0.98) throw new Error('elements lost');
  };
}

function qoeCuts(n: number): () => unknown {
  const text = `[${Array.from({ length: n }, (_, i) => `{"cut_index":${i},"vmaf":${(i % 100) / 100},"visqol":0.5}`).join(',')}]`;
  const name = { prefix: 'v', session: 'LoadTestSession1', userFrom: 'User1', userTo: 'User2' };
  const intersections = new Map([['1-1', new Map([['2-1', [[0, n / 100] as [number, number]]]])]]);
  return () => {
    const file = parseQoeFile(text, 'q_cuts.json', name);
    const laid = layQoeFragments('notebook', [file], intersections);
    if (avgQoeIntervals(laid.fragments, 'vmaf').length !== n) throw new Error('sub-intervals lost');
  };
}

async function manyUsers(n: number): Promise<() => Promise<unknown>> {
  const test = 'loadtest-webrtc-2024-mediasoup-8p';
  const root = join(tmpdir(), `ltl-bench-users-${n}-${process.pid}`);
  rmSync(root, { recursive: true, force: true });
  const options = {
    ...defaultOptions('2024'),
    tests: [test],
    sessionsByTest: { [test]: n / 8 },
    stats: false,
    qoe: false,
    // No failure stops the test: all n users are created, so all n folders are written.
    failureRate: 0,
  };
  await writeRoot(planRoot(options), root);
  process.on('exit', () => rmSync(root, { recursive: true, force: true }));
  return async () => {
    const data = await ingestRoot(root, { runner: new InlineRunner() });
    if ((data.tests[0]?.users.length ?? 0) !== n) throw new Error('users lost');
  };
}

async function main(): Promise<void> {
  await scaling('JSON array recovery (events)', 50_000, jsonRecovery);
  await scaling('QoE cuts: parse, lay out, average', 100_000, qoeCuts);
  const small = await manyUsers(800);
  const big = await manyUsers(1600);
  const a = await best(small);
  const b = await best(big);
  console.log(
    `${'ingest, many users (inline)'.padEnd(34)} n=    800: ${a.toFixed(3)} s   2n: ${b.toFixed(3)} s   ratio ${(b / a).toFixed(2)}   files open at once ≤ ${openFiles.peak} (limit ${openFiles.max})`,
  );
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
