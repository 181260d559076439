#!/usr/bin/env node
// `npm test`: everything the project checks, in the order that finds a fault soonest and in the
// least wall-clock time (CI's budget is 15 minutes on a small, shared 2-core machine):
//   1. code-server's install (~80 s, once; needed by the e2e tests only) starts in the background;
//   2. lint, format check and type check run side by side (each is one process on one core);
//   3. the unit tests (vitest, a worker per core), then `npm run build` (dist/ for both steps below);
//   4. the DOM tests (headless Chromium) and the e2e tests (a real VS Code) side by side, each
//      two files at a time. Both mostly wait on a browser (a page loading, VS Code starting, a
//      webview drawing) and use well under a core each, so together they fill the two cores
//      that each left half idle when run one after the other. The unit tests, which do keep the
//      cores busy, run alone: beside the e2e tests, a CPU-heavy unit test slowed past its timeout.
// The DOM tests print as they run; the e2e tests' output is held back until the DOM tests end,
// then printed whole and followed live, so node's test runner summary of the e2e step is last,
// as CI expects. Stops at the first failing step with its exit code, naming it, and ends the
// step beside it (every step is a process group; an e2e file ends its code-server on SIGTERM).
// The background install writes its log to .ci/work/code-server-install.log; if it fails, the
// e2e step installs again in the foreground (scripts/e2e/code-server.mjs holds a lock, so the two
// never race).
import { spawn } from 'node:child_process';
import { createWriteStream, mkdirSync } from 'node:fs';
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
 * `capture`. `output(stream, chunk)` receives the output instead when given.
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
    const collect = stream => chunk => (output ? output(stream, chunk) : (text += chunk));
    child.stdout?.on('data', collect(process.stdout));
    child.stderr?.on('data', collect(process.stderr));
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
      output: (_stream, chunk) => log.write(chunk),
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

/** Output held back until `release()`, then written as it comes. */
function heldOutput() {
  let held = [];
  return {
    write: (stream, chunk) => (held ? held.push([stream, chunk]) : stream.write(chunk)),
    release() {
      for (const [stream, chunk] of held ?? []) stream.write(chunk);
      held = null;
    },
  };
}

/**
 * Runs `steps` ([name, run → exit code]) in turn while no step failed anywhere; the first failure
 * is kept in `state` and ends every running step.
 */
async function lane(steps, state) {
  for (const [name, run] of steps) {
    if (state.failed) return;
    const code = await run();
    if (code !== 0 && !state.failed) {
      state.failed = { name, code };
      signalSteps('SIGTERM');
    }
  }
}

async function main() {
  for (const signal of ['SIGINT', 'SIGTERM'])
    process.on(signal, () => {
      signalSteps(signal);
      process.exit(130);
    });
  const installed = startCodeServerInstall();
  const state = { failed: undefined };
  const e2eOutput = heldOutput();
  const step = (name, command, options) => [
    name,
    async () => (await runStep(name, command, options)).code,
  ];
  await lane(
    [
      ['static checks', staticChecks],
      step('test:unit', npmScript('test:unit')),
      step('build', npmScript('build')),
    ],
    state,
  );
  const dom = lane([step('test:dom', DOM_TESTS)], state).finally(() => e2eOutput.release());
  const e2e = lane(
    [
      ['code-server install', async () => (await installed, 0)],
      step('test:e2e', E2E_TESTS, { output: e2eOutput.write }),
    ],
    state,
  );
  await Promise.all([dom, e2e]);
  if (state.failed) console.log(`test: ${state.failed.name} failed (exit ${state.failed.code})`);
  process.exit(state.failed?.code ?? 0);
}

main().catch(error => {
  console.error(error);
  signalSteps('SIGTERM');
  process.exit(3);
});
