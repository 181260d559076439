#!/usr/bin/env node
// `npm run test:e2e`: the e2e tests (test/e2e/, two files at a time, each its own code-server),
// with one VSIX for the whole run. Packaging is a production build plus `vsce package` (about
// 5 s, more on a busy machine): each file would otherwise package the same working tree again.
// The VSIX goes to LTL_E2E_VSIX, which the files install from (test/e2e/fixtures.mjs `vsix()`);
// a LTL_E2E_VSIX already set is used as it is. Empties test-results/e2e/ first, so a run keeps
// every file's screenshots; exits with node's test runner's code, its summary printed last.
import { spawn } from 'node:child_process';
import { rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { packageVsix } from './package-vsix.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** The VSIX every file installs: LTL_E2E_VSIX, or one packaged now (removed afterwards). */
function runVsix() {
  if (process.env.LTL_E2E_VSIX) return { vsix: path.resolve(process.env.LTL_E2E_VSIX), own: false };
  // One file per run: engineers share the checkout and may run the e2e at the same time.
  const out = path.join(ROOT, '.ci/work/e2e', `loadtest-lens-e2e-${process.pid}.vsix`);
  return { vsix: packageVsix({ out, quiet: true }).vsix, own: true };
}

function main() {
  rmSync(path.join(ROOT, 'test-results/e2e'), { recursive: true, force: true });
  const { vsix, own } = runVsix();
  const child = spawn(process.execPath, ['--test', '--test-concurrency=2', 'test/e2e/'], {
    cwd: ROOT,
    stdio: 'inherit',
    env: { ...process.env, LTL_E2E_VSIX: vsix },
  });
  const done = code => {
    if (own) rmSync(vsix, { force: true });
    process.exit(code);
  };
  for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
  child.on('error', error => {
    console.error(error);
    done(3);
  });
  child.on('close', (code, signal) => done(code ?? (signal ? 1 : 3)));
}

main();
