#!/usr/bin/env node
// `npm run demo`: build, package and install the extension into a real VS Code (code-server,
// installed on demand) on 127.0.0.1 with the sample result root open, and print the URL.
// The URL carries a `payload` that opens dfs_final/batches.json at start-up, and the profile
// associates that file with the Load Test Lens editor, so the overview is already showing:
// no startup activation event is needed (activationEvents stays []).
//   npm run demo [-- --port 8080] [--root <result root>]      (env: PORT, LTL_DEMO_ROOT)
//   npm run demo -- --root samples/today      a run of today's tool: opens its run view
// Runs until Ctrl+C; then stops code-server (its whole process group) and removes the profile.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { CodeServer, DEMO_SETTINGS, ensureCodeServer, ROOT, THEMES } from './e2e/code-server.mjs';
import { workbenchUrl } from './e2e/workbench.mjs';
import { packageVsix } from './package-vsix.mjs';

function option(name) {
  const i = process.argv.indexOf(`--${name}`);
  if (i > 0) return process.argv[i + 1];
  const inline = process.argv.find(a => a.startsWith(`--${name}=`));
  return inline?.slice(name.length + 3);
}

const started = Date.now();
const step = message => console.log(`demo: ${message}`);
const port = Number(option('port') || process.env.PORT || 8080);
const root = path.resolve(
  option('root') || process.env.LTL_DEMO_ROOT || path.join(ROOT, 'samples/demo'),
);

/** A run folder of today's tool opens on its newest report-<ts>.html (the run view). */
const report = existsSync(root)
  ? readdirSync(root)
      .filter(n => /^report-.+\.html$/.test(n))
      .sort()
      .at(-1)
  : undefined;

if (!report && !existsSync(path.join(root, 'stats'))) {
  if (option('root') || process.env.LTL_DEMO_ROOT) {
    console.error(`demo: ${root} is not a result root (no stats/ folder)`);
    process.exit(1);
  }
  step('generating the sample result root (scripts/generate-sample.mjs)');
  const result = spawnSync(process.execPath, [path.join(ROOT, 'scripts/generate-sample.mjs')], {
    cwd: ROOT,
    stdio: 'inherit',
  });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

step('building and packaging the extension');
const { vsix, size } = packageVsix({ quiet: true });
step(`${path.relative(ROOT, vsix)} (${(size / 1024).toFixed(1)} KB)`);

ensureCodeServer(); // and the apt packages its install needs, when missing

const server = new CodeServer({
  // Under the system tmp dir: code-server's session socket lives in the profile, and unix
  // socket paths must stay under 108 bytes.
  workDir: mkdtempSync(path.join(tmpdir(), 'ltl-demo-')),
  port,
  settings: { 'workbench.colorTheme': THEMES.dark.id, ...DEMO_SETTINGS },
  endOnSignal: false, // shutdown() below stops it and removes the profile
});
server.installExtension(vsix);
await server.start(root);

let stopping = false;
async function shutdown(code = 0) {
  if (stopping) return;
  stopping = true;
  step('stopping code-server');
  await server.stop();
  server.dispose();
  process.exit(code);
}
process.on('SIGINT', () => shutdown(0));
process.on('SIGTERM', () => shutdown(0));
process.on('SIGHUP', () => shutdown(0));
server.child.on('exit', code => {
  if (!stopping) {
    console.error(`demo: code-server exited (${code})\n${server.output.join('').slice(-2000)}`);
    shutdown(1);
  }
});

const batches = report ? path.join(root, report) : path.join(root, 'dfs_final/batches.json');
const url = workbenchUrl(server.url, root);
if (server.port !== port) step(`port ${port} is busy, using ${server.port}`);
step(
  `ready in ${((Date.now() - started) / 1000).toFixed(1)} s — VS Code with Load Test Lens on ${root}`,
);
console.log(`\n  Open: ${url}\n`);
console.log('  The Load Test Lens overview opens in each new browser window as it connects.');
console.log('  Later: right-click a result folder → "Open in Load Test Lens", or F1 →');
console.log('  "Load Test Lens: Open Results…". Press Ctrl+C to stop.\n');

// Each browser window that connects gets the overview: code-server's session registry tells
// which window (extension host socket) serves the root, and batches.json is opened there once
// the window has registered the extension, so the editor association picks Load Test Lens.
// (A `payload` openFile in the URL opens it too early on a fresh browser profile: the editor
// resolver only waits for extensions for patterns it cached in an earlier session.)
const greeted = new Set();
async function greetNewWindows() {
  while (!stopping && existsSync(batches)) {
    const socket = await server
      .waitForNewWindow(batches, greeted, { timeout: 60_000 })
      .catch(() => undefined);
    if (!socket || stopping) continue;
    greeted.add(socket);
    await new Promise(r => setTimeout(r, 1_500)); // let the window finish registering extensions
    await server.openInWindow(socket, batches);
    step('browser window connected: opened the Load Test Lens overview');
  }
}
greetNewWindows();
