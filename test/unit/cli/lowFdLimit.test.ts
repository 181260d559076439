/**
 * A root of about 300 users read by the CLI (bundled as `npm run build` bundles it, worker pool
 * included) under `ulimit -n 64`: every user is counted, as the generator's plan says, and no file
 * is reported unreadable. Before the shared open-file limit, the ingest opened one file per user at
 * once, so most of them failed with EMFILE and silently went missing (issue 19). With even fewer
 * handles, whatever is lost is reported (`read.unreadable`, shown as "Cannot read this …").
 * `analyze` of a root with stats.json likewise: its workers hold many small stats.json tasks at
 * once, but each opens only two files at a time.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import * as esbuild from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultOptions } from '../../../src/generate/options';
import { planRoot } from '../../../src/generate/plan';
import { writeRoot } from '../../../src/generate/writer';

const TEST = 'loadtest-webrtc-2024-mediasoup-8p';
const SESSIONS = 38; // × 8 users = 304 users, 3 files each

const repo = resolve(__dirname, '../../..');
let work = '';

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), 'ltl-lowfd-'));
  await esbuild.build({
    entryPoints: {
      cli: join(repo, 'src/cli/bin.ts'),
      worker: join(repo, 'src/core/pipeline/worker.ts'),
    },
    outdir: join(work, 'dist'),
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    logLevel: 'error',
  });
});

/**
 * The bundled CLI under `ulimit -n limit`, pinned to two CPUs where taskset exists: the pool
 * starts one worker per CPU, each with a few handles of its own, so the figure does not depend on
 * the machine's core count.
 */
function cliUnder(
  limit: number,
  args: readonly string[],
): { status: number | null; stdout: string; stderr: string } {
  const cli = join(work, 'dist', 'cli.js');
  const node =
    'if command -v taskset >/dev/null; then exec taskset -c 0,1 node "$@"; else exec node "$@"; fi';
  const script = `ulimit -n ${limit} && shift && ${node}`;
  return spawnSync('bash', ['-c', script, 'bash', 'x', cli, ...args], { encoding: 'utf8' });
}

afterAll(() => {
  if (work) rmSync(work, { recursive: true, force: true });
});

describe.skipIf(process.platform === 'win32')('summary under a low open-file limit', () => {
  it('counts every user of a 304-user root under ulimit -n 64, says what it lost under 36', async () => {
    const options = {
      ...defaultOptions('2024'),
      seed: 'low-fd',
      tests: [TEST],
      // No controller stop: every user is created, so every folder is written.
      failureRate: 0,
      sessionsByTest: { [TEST]: SESSIONS },
      stats: false,
      qoe: false,
    };
    const plan = planRoot(options);
    const root = join(work, 'root');
    await writeRoot(plan, root);
    const test = plan.tests[0];
    expect(test?.users.length).toBe(SESSIONS * 8);
    // Users the controller created: the browser-emulator writes folders for those only.
    const users = (test?.users ?? []).filter(u => u.attempts.length > 0);
    const sessions = new Set(users.map(u => u.session)).size;
    const connected = users.filter(u => u.attempts.some(a => a.successAt !== null)).length;

    const summary = (limit: number) => {
      const run = cliUnder(limit, ['summary', root, '--json']);
      return {
        stderr: run.stderr,
        out: JSON.parse(run.stdout) as {
          tests: Array<{ users: number; sessions: number; connected: number }>;
          diagnostics: Array<{ severity: string; message: string }>;
        },
      };
    };
    const enough = summary(64);
    expect(enough.stderr).not.toMatch(/EMFILE/);
    expect(enough.out.tests[0]).toMatchObject({
      users: users.length,
      sessions,
      connected,
    });
    expect(enough.out.diagnostics.filter(d => d.severity === 'error')).toEqual([]);

    // Too few handles even for the limiter (the pool's workers cannot start either): whatever is
    // lost is said, never silent, and nothing crashes.
    const starved = summary(36);
    const lost = starved.out.diagnostics.filter(
      d => d.severity === 'error' && /^Cannot read this /.test(d.message),
    );
    if ((starved.out.tests[0]?.connected ?? 0) < connected) expect(lost.length).toBeGreaterThan(0);
    for (const d of lost) expect(d.message).toMatch(/EMFILE|ENFILE/);
    expect(starved.stderr).not.toMatch(/at .*\.js:\d+/); // no stack trace
  });
});

describe.skipIf(process.platform === 'win32')('analyze under a low open-file limit', () => {
  it('reads every stats.json of a 304-user root under ulimit -n 64 (workers hold many, open two)', async () => {
    const options = {
      ...defaultOptions('2024'),
      seed: 'low-fd-stats',
      tests: [TEST],
      failureRate: 0,
      // Many files, each small: the test is about open handles, not bytes.
      holdSeconds: 5,
      statsInterval: 30,
      statsPoll: 30,
      sessionsByTest: { [TEST]: SESSIONS },
      qoe: false,
    };
    const root = join(work, 'root-stats');
    const plan = planRoot(options);
    await writeRoot(plan, root);
    const created = (plan.tests[0]?.users ?? []).filter(u => u.attempts.length > 0).length;
    const run = cliUnder(64, ['analyze', root, '--out', join(work, 'analysis'), '--json']);
    expect(run.stderr).not.toMatch(/EMFILE/);
    expect(run.status).toBe(0);
    const doc = JSON.parse(run.stdout) as {
      diagnostics: Array<{ severity: string; code: string }>;
      counts: Array<{ users: number }>;
    };
    expect(doc.diagnostics.filter(d => d.code === 'read.unreadable')).toEqual([]);
    expect(doc.counts[0]?.users).toBe(created);
    expect(created).toBe(SESSIONS * 8);
  });
});
