#!/usr/bin/env node
// `npm test`: everything the project checks, in the order that finds a fault soonest and in the
// least wall-clock time (CI's budget is 15 minutes on a small, shared 2-core machine):
//   1. code-server's install (~80 s, once; needed by the e2e tests only) starts in the background;
//   2. lint, format check and type check run side by side (each is one process on one core);
//   3. the unit tests (vitest, a worker per core), then `npm run build` (dist/ for both steps below);
//   4. the DOM tests (headless Chromium), then the e2e tests (a real VS Code), each two files at
//      a time, one after the other: side by side they saved about 100 s, but each made the
//      other's machine twice as busy, and a DOM test timed on a loaded machine has failed a CI
//      run before (docs/e2e.md).
// The e2e step prints node's test runner summary last, as CI expects. Stops at the first failing
// step with its exit code, naming it (every step is a process group, ended on SIGINT/SIGTERM; an
// e2e file ends its code-server on SIGTERM).
// Every step's temporary files go to one folder of this run (TMPDIR), removed when it ends: the
// tests make a temporary folder per case and a run used to leave thousands (gigabytes) behind.
// The background install writes its log to .ci/work/code-server-install.log; if it fails, the
// e2e step installs again in the foreground (scripts/e2e/code-server.mjs holds a lock, so the two
// never race).
import { spawn } from 'node:child_process';
import { createWriteStream, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { isCodeServerInstalled } from './e2e/code-server.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const NPM = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const STATIC_CHECKS = ['lint', 'format:check', 'typecheck'];
/** `npm run test:dom` without its build: step 3 built dist/ already. */
const DOM_TESTS = [process.execPath, ['--test', '--test-concurrency=2', 'test/dom/']];
/** `npm run test:e2e`, as a plain node process so that a signal reaches it. */
const E2E_TESTS = [process.execPath, ['scripts/test-e2e.mjs']];

/** Steps still running, each the leader of its own process group: ended together on a failure. */
const running = new Set();

/**
 * Runs `command args` in its own process group; resolves with its exit code, and its output when
 * `capture`. `output(chunk)` receives the output instead when given.
 */
function runStep(name, [command, args], { capture = false, output } = {}) {
  return new Promise(resolve => {
    const piped = capture || output;
    const child = spawn(command, args, {
      cwd: ROOT,
      detached: process.platform !== 'win32',
      stdio: piped ? ['ignore', 'pipe', 'pipe'] : ['ignore', 'inherit', 'inherit'],
    });
    running.add(child);
    let text = '';
    const collect = chunk => (output ? output(chunk) : (text += chunk));
    child.stdout?.on('data', collect);
    child.stderr?.on('data', collect);
    const done = code => {
      running.delete(child);
      resolve({ name, code, output: text });
    };
    child.on('error', error => {
      text += String(error);
      done(3);
    });
    child.on('close', (code, signal) => done(code ?? (signal ? 1 : 3)));
  });
}

const npmScript = script => [NPM, ['run', '-s', script]];

/** Sends `signal` to every running step's process group. */
function signalSteps(signal) {
  for (const child of running) {
    try {
      process.kill(process.platform === 'win32' ? child.pid : -child.pid, signal);
    } catch {
      // already gone
    }
  }
}

/** Starts code-server's install when the e2e step will need it; resolves when it is over. */
function startCodeServerInstall() {
  if (isCodeServerInstalled()) return Promise.resolve();
  const logDir = path.join(ROOT, '.ci/work');
  mkdirSync(logDir, { recursive: true });
  const logFile = path.join(logDir, 'code-server-install.log');
  const log = createWriteStream(logFile);
  console.log(`test: installing code-server in the background (log: ${logFile})`);
  return runStep(
    'code-server install',
    [process.execPath, ['scripts/e2e/code-server.mjs', 'install']],
    {
      output: chunk => log.write(chunk),
    },
  ).then(({ code }) => {
    if (code !== 0) console.log(`test: code-server's background install failed (see ${logFile})`);
  });
}

/** The static checks side by side; each one's output is printed whole when it ends. */
async function staticChecks() {
  const results = await Promise.all(
    STATIC_CHECKS.map(script => runStep(script, npmScript(script), { capture: true })),
  );
  for (const { name, code, output } of results) {
    if (output.trim()) process.stdout.write(output.endsWith('\n') ? output : `${output}\n`);
    console.log(`test: ${name} ${code === 0 ? 'passed' : `failed (exit ${code})`}`);
  }
  return results.find(result => result.code !== 0)?.code ?? 0;
}

/** A temporary folder for this run, given to every step as TMPDIR and removed on exit. */
function useRunTmpdir() {
  const dir = mkdtempSync(path.join(tmpdir(), 'ltl-test-'));
  process.env.TMPDIR = dir;
  process.on('exit', () => rmSync(dir, { recursive: true, force: true }));
}

async function main() {
  useRunTmpdir();
  for (const signal of ['SIGINT', 'SIGTERM'])
    process.on(signal, () => {
      signalSteps(signal);
      process.exit(130);
    });
  const installed = startCodeServerInstall();
  const step = (name, command) => [name, async () => (await runStep(name, command)).code];
  const steps = [
    ['static checks', staticChecks],
    step('test:unit', npmScript('test:unit')),
    step('build', npmScript('build')),
    step('test:dom', DOM_TESTS),
    ['code-server install', async () => (await installed, 0)],
    step('test:e2e', E2E_TESTS),
  ];
  for (const [name, run] of steps) {
    const code = await run();
    if (code === 0) continue;
    console.log(`test: ${name} failed (exit ${code})`);
    signalSteps('SIGTERM'); // the background install, if it still runs
    process.exit(code);
  }
  process.exit(0);
}

main().catch(error => {
  console.error(error);
  signalSteps('SIGTERM');
  process.exit(3);
});
