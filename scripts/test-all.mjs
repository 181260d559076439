#!/usr/bin/env node
// `npm test`: everything the project checks, in the order that finds a fault soonest and in the
// least wall-clock time (CI's budget is 15 minutes on a small machine):
//   1. code-server's install (~80 s, once; needed by the e2e tests only) starts in the background;
//   2. lint, format check and type check run side by side (each is one process on one core);
//   3. unit tests (vitest), DOM tests (headless Chromium), e2e tests (a real VS Code), in turn.
// Stops at the first failing step with its exit code; the e2e step prints node's test runner
// summary last, as CI expects. The background install writes its log to
// .ci/work/code-server-install.log; if it fails, the e2e step installs again in the foreground
// (scripts/e2e/code-server.mjs holds a lock, so the two never race).
import { spawn } from 'node:child_process';
import { createWriteStream, mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { isCodeServerInstalled } from './e2e/code-server.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const NPM = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const STATIC_CHECKS = ['lint', 'format:check', 'typecheck'];
const TEST_STEPS = ['test:unit', 'test:dom', 'test:e2e'];

/** Runs `npm run <script>`; resolves with its exit code, and its output when `capture`. */
function runScript(script, { capture = false } = {}) {
  return new Promise(resolve => {
    const child = spawn(NPM, ['run', '-s', script], {
      cwd: ROOT,
      stdio: capture ? ['ignore', 'pipe', 'pipe'] : ['ignore', 'inherit', 'inherit'],
    });
    let output = '';
    child.stdout?.on('data', chunk => (output += chunk));
    child.stderr?.on('data', chunk => (output += chunk));
    child.on('error', error => resolve({ script, code: 3, output: String(error) }));
    child.on('close', code => resolve({ script, code: code ?? 3, output }));
  });
}

/** Starts code-server's install when the e2e step will need it; returns the child or null. */
function startCodeServerInstall() {
  if (isCodeServerInstalled()) return null;
  const logDir = path.join(ROOT, '.ci/work');
  mkdirSync(logDir, { recursive: true });
  const logFile = path.join(logDir, 'code-server-install.log');
  const log = createWriteStream(logFile);
  const child = spawn(process.execPath, ['scripts/e2e/code-server.mjs', 'install'], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout.pipe(log);
  child.stderr.pipe(log);
  child.on('close', code => {
    if (code !== 0) console.log(`test: code-server's background install failed (see ${logFile})`);
  });
  console.log(`test: installing code-server in the background (log: ${logFile})`);
  return child;
}

/** The static checks side by side; each one's output is printed whole when it ends. */
async function staticChecks() {
  const results = await Promise.all(
    STATIC_CHECKS.map(script => runScript(script, { capture: true })),
  );
  for (const { script, code, output } of results) {
    if (output.trim()) process.stdout.write(output.endsWith('\n') ? output : `${output}\n`);
    console.log(`test: ${script} ${code === 0 ? 'passed' : `failed (exit ${code})`}`);
  }
  return results.find(result => result.code !== 0)?.code ?? 0;
}

async function main() {
  const install = startCodeServerInstall();
  const stop = code => {
    install?.kill();
    process.exit(code);
  };
  const staticCode = await staticChecks();
  if (staticCode !== 0) stop(staticCode);
  for (const script of TEST_STEPS) {
    const { code } = await runScript(script);
    if (code !== 0) stop(code);
  }
  stop(0);
}

main().catch(error => {
  console.error(error);
  process.exit(3);
});
