/**
 * The swimlane (connection progression) at the issue's scale: a generated test of 1,200 users
 * (`loadtest-webrtc-2024-pion-8p`, 150 sessions, cached under bench-results/roots/). Measured in
 * one run:
 *  - host: the view model (`swimlaneVM`) from the test's connection_stats rows, median of 5;
 *  - payload: bytes of the message as JSON;
 *  - browser (bench/swimlane-browser.mjs, the real webview bundle in headless Chromium): time
 *    from the host's message to the first draw (the compressed overview of every user and the
 *    full chart of the lens, target ≤ 1 s), moving the lens (a key on the overview) and hover
 *    on a compressed row until its tip names the user.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join, resolve } from 'node:path';
import { summarizeRoot } from '../src/core/analysis/rootSummary';
import { swimlaneInput, swimlaneVM, testConnectionStats } from '../src/core/viewmodel/swimlane';
import { defaultOptions, planRoot, writeRoot } from '../src/generate';
import { packed } from '../src/shared/views/common';

const TEST = 'loadtest-webrtc-2024-pion-8p';
const SESSIONS = 150;
const USERS = SESSIONS * 8;
const MB = 1024 * 1024;

/** Writes (once) a root of one 1,200-user test, without stats.json (the swimlane does not read it). */
async function ensureRoot(root: string): Promise<void> {
  if (existsSync(join(root, 'dfs_final'))) return;
  mkdirSync(join(root, '..'), { recursive: true });
  const options = {
    ...defaultOptions('2024'),
    seed: 'bench-swimlane',
    tests: [TEST],
    sessionsByTest: { [TEST]: SESSIONS },
    batchSize: 25,
    stats: false,
    failureRate: 0.1,
  };
  const started = Date.now();
  await writeRoot(planRoot(options), root);
  console.log(`generated ${root} in ${((Date.now() - started) / 1000).toFixed(0)} s`);
}

function line(label: string, value: string, target?: string): void {
  console.log(`${label.padEnd(46)} ${value.padStart(12)}${target ? `   target ${target}` : ''}`);
}

function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

async function main(): Promise<void> {
  const root = resolve('bench-results', 'roots', `swimlane-${USERS}`);
  await ensureRoot(root);
  const load = loadavg()[0]!.toFixed(1);
  console.log(`test: ${TEST}, ${USERS} users (generated)`);
  console.log(`machine: ${cpus().length} cores, load average ${load} (times grow with the load)`);
  const summary = await summarizeRoot(root, { logTimezone: 'auto', keepData: true });
  const test = summary.tests.find(t => t.name === TEST)!;
  let t = performance.now();
  const rows = testConnectionStats(summary, TEST, 'auto')?.rows ?? [];
  line('host: connection_stats rows (not the view)', `${(performance.now() - t).toFixed(0)} ms`);
  line('connection_stats rows', String(rows.length));
  const input = swimlaneInput(test, rows);
  const times: number[] = [];
  let vm = swimlaneVM(input);
  for (let i = 0; i < 5; i++) {
    (globalThis as { gc?: () => void }).gc?.();
    t = performance.now();
    vm = swimlaneVM(input);
    times.push(performance.now() - t);
  }
  const vmMs = median(times);
  line('host: swimlane view model, median of 5', `${vmMs.toFixed(0)} ms`);
  line(
    'rows drawn, segments sent',
    `${vm.rows.length}, ${vm.rows.reduce((n, r) => n + r.segments.length, 0)}`,
  );
  // As the host posts it: JSON text, parsed once by the page.
  const message = packed({ type: 'swimlane', swimlane: vm });
  const json = JSON.stringify(message);
  line('payload', `${(json.length / MB).toFixed(2)} MB`, '≤ 5 MB');

  const dir = resolve('bench-results', 'swimlane');
  mkdirSync(dir, { recursive: true });
  const file = join(dir, 'message.json');
  writeFileSync(file, json);
  const browser = spawnSync(process.execPath, [join('bench', 'swimlane-browser.mjs'), file], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  if (browser.status !== 0) throw new Error(`swimlane-browser.mjs failed: ${browser.stdout}`);
  const b = JSON.parse(browser.stdout) as {
    firstDrawMs: number;
    overviewRows: number;
    chartRows: number;
    lensMs: number;
    hoverMs: number;
  };
  line('browser: message → first draw', `${b.firstDrawMs.toFixed(0)} ms`, '≤ 1000 ms');
  line('users in the compressed overview', String(b.overviewRows), String(vm.rows.length));
  line('users drawn in full (the lens)', String(b.chartRows));
  line('first draw, host view model + browser', `${(vmMs + b.firstDrawMs).toFixed(0)} ms`);
  line('browser: lens moved (↓ key) → redrawn', `${b.lensMs.toFixed(0)} ms`);
  line('browser: hover on a compressed row → tip', `${b.hoverMs.toFixed(1)} ms`, '≤ 50 ms');
  console.log(`load average after: ${loadavg()[0]!.toFixed(1)}`);
}

void main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
