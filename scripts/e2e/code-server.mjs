#!/usr/bin/env node
// A real VS Code that runs offline: code-server from npm, installed on demand outside the
// project's dependencies, started on 127.0.0.1 with a throw-away profile.
// Every workaround here is explained in docs/e2e.md (and /work/shared/E2E.md).
//
// Used by scripts/demo.mjs and test/e2e/*.test.mjs. As a command:
//   node scripts/e2e/code-server.mjs install      apt packages (when root) + code-server
//   node scripts/e2e/code-server.mjs path         print the code-server directory
import { spawn, spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { createServer } from 'node:net';
import { constants as osConstants, tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/** Newest code-server whose engines.node is 20 (4.103+ needs node 22). Code 1.100.3. */
export const CS_VERSION = '4.100.3';
/** Pinned by code-server 4.100.3 (lib/vscode/npm-shrinkwrap.json) and its lib/postinstall.js. */
const RIPGREP_PKG_VERSION = '1.15.11';
const RIPGREP_ASSET_VERSION = 'v13.0.0-10';

/** Where code-server is installed; reuse a cache with LTL_CODE_SERVER_DIR. */
export const CS_DIR = path.resolve(
  process.env.LTL_CODE_SERVER_DIR || path.join(ROOT, '.ci/work/code-server'),
);
export const CS_BIN = path.join(CS_DIR, 'node_modules/.bin/code-server');
const STAMP = path.join(CS_DIR, `.installed-${CS_VERSION}`);

export const CHROMIUM = process.env.LTL_CHROMIUM || '/usr/bin/chromium';

/** Debian packages the harness needs: [file that proves it is there, package]. */
const APT_PACKAGES = [
  ['/usr/bin/chromium', 'chromium'], // driven by playwright-core (e2e only)
  ['/usr/bin/rg', 'ripgrep'], // seeds @vscode/ripgrep's download (code-server install)
  ['/usr/include/gssapi/gssapi.h', 'libkrb5-dev'], // code-server's kerberos module
  ['/usr/bin/g++', 'g++'], // native modules build from source
  ['/usr/bin/make', 'make'],
  ['/usr/bin/python3', 'python3'],
];
/** What installing code-server needs (the e2e also needs chromium). */
export const INSTALL_PACKAGES = ['ripgrep', 'libkrb5-dev', 'g++', 'make', 'python3'];

const log = (...args) => console.log('[code-server]', ...args);

/**
 * XDG dirs under `workDir`, so neither code-server, vsce nor chromium writes into $HOME
 * (~/.config/code-server, ~/.local/share/code-server, ~/.config/chromium, ~/.cache/...).
 */
export function isolatedEnv(workDir, extra = {}) {
  const env = {
    ...process.env,
    XDG_CONFIG_HOME: path.join(workDir, 'xdg/config'),
    XDG_DATA_HOME: path.join(workDir, 'xdg/data'),
    XDG_CACHE_HOME: path.join(workDir, 'xdg/cache'),
    ...extra,
  };
  for (const key of ['XDG_CONFIG_HOME', 'XDG_DATA_HOME', 'XDG_CACHE_HOME']) {
    mkdirSync(env[key], { recursive: true });
  }
  return env;
}

/** Installs the `need`ed Debian packages through apt when missing (only as root). */
export function ensureSystemPackages({ need = APT_PACKAGES.map(([, p]) => p) } = {}) {
  const missing = APT_PACKAGES.filter(([probe, pkg]) => need.includes(pkg) && !existsSync(probe));
  if (missing.length === 0) return;
  const names = missing.map(([, pkg]) => pkg);
  if (process.getuid?.() !== 0) {
    throw new Error(
      `missing Debian packages: ${names.join(' ')} (run: sudo apt-get install ${names.join(' ')})`,
    );
  }
  log(`apt-get install ${names.join(' ')}`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  const install = () =>
    spawnSync('apt-get', ['install', '-y', '-q', '--no-install-recommends', ...names], {
      stdio: 'inherit',
      env,
    }).status;
  if (install() !== 0) {
    run('apt-get', ['update', '-q'], { env });
    if (install() !== 0) throw new Error(`apt-get install ${names.join(' ')} failed`);
  }
}

function run(cmd, args, options = {}) {
  const result = spawnSync(cmd, args, { stdio: 'inherit', ...options });
  if (result.status !== 0) {
    throw new Error(`${cmd} ${args.join(' ')} failed (${result.status ?? result.signal})`);
  }
  return result;
}

export function isCodeServerInstalled() {
  return existsSync(STAMP) && existsSync(CS_BIN);
}

/**
 * Installs code-server@CS_VERSION into CS_DIR unless already there. Offline-safe:
 * - @vscode/ripgrep's postinstall would download rg from GitHub: seed its cache with Debian's rg;
 * - node-pty runs `npx node-gyp`: npm_config_yes=true (~/.npmrc may say yes=false);
 * - native modules build from source: npm_config_nodedir=/usr (headers), libkrb5-dev;
 * - as root, the postinstall wants --unsafe-perm.
 */
export function ensureCodeServer() {
  if (isCodeServerInstalled()) return CS_BIN;
  if (!takeInstallLock()) return waitForOtherInstall();
  try {
    return installCodeServer();
  } finally {
    rmSync(LOCK, { recursive: true, force: true });
  }
}

/**
 * One install at a time: `npm test` starts one in the background while the static checks and
 * unit tests run (scripts/test-all.mjs), and the first e2e file must wait for it rather than
 * wipe it. The lock is a directory (mkdir is atomic) holding the installer's pid; a lock whose
 * process is gone is stale and taken over.
 */
const LOCK = `${CS_DIR}.lock`;

function takeInstallLock() {
  mkdirSync(path.dirname(LOCK), { recursive: true });
  try {
    mkdirSync(LOCK);
  } catch (error) {
    if (error.code !== 'EEXIST') throw error;
    if (lockHolderAlive()) return false;
    log(`taking over a stale install lock (${LOCK})`);
    rmSync(LOCK, { recursive: true, force: true });
    return takeInstallLock();
  }
  writeFileSync(path.join(LOCK, 'pid'), String(process.pid));
  return true;
}

function lockHolderAlive() {
  let pid;
  try {
    pid = Number(readFileSync(path.join(LOCK, 'pid'), 'utf8'));
  } catch {
    return true; // just created, pid not written yet
  }
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Waits (synchronously, as the install itself does) for the lock holder to finish. */
function waitForOtherInstall() {
  log(`waiting for the install already under way (${LOCK})`);
  const tick = new Int32Array(new SharedArrayBuffer(4));
  while (existsSync(LOCK) && lockHolderAlive()) Atomics.wait(tick, 0, 0, 1000);
  if (isCodeServerInstalled()) return CS_BIN;
  return ensureCodeServer(); // the other install failed or died: try ourselves
}

function installCodeServer() {
  ensureSystemPackages({ need: INSTALL_PACKAGES });
  const started = Date.now();
  log(`installing code-server@${CS_VERSION} into ${CS_DIR} (about 1-2 min, once)`);
  rmSync(CS_DIR, { recursive: true, force: true });
  const work = path.join(CS_DIR, '.work');
  const tmp = path.join(work, 'tmp');
  const cache = path.join(tmp, `vscode-ripgrep-cache-${RIPGREP_PKG_VERSION}`);
  const pack = path.join(work, 'rgpack');
  mkdirSync(cache, { recursive: true });
  mkdirSync(pack, { recursive: true });
  copyFileSync('/usr/bin/rg', path.join(pack, 'rg'));
  const target =
    process.arch === 'arm64' ? 'aarch64-unknown-linux-musl' : 'x86_64-unknown-linux-musl';
  run('tar', [
    'czf',
    path.join(cache, `ripgrep-${RIPGREP_ASSET_VERSION}-${target}.tar.gz`),
    '-C',
    pack,
    'rg',
  ]);
  writeFileSync(
    path.join(CS_DIR, 'package.json'),
    JSON.stringify({ name: 'ltl-code-server', private: true }, null, 2),
  );
  const env = isolatedEnv(work, {
    TMPDIR: tmp,
    npm_config_yes: 'true',
    npm_config_nodedir: process.env.npm_config_nodedir || '/usr',
    npm_config_fund: 'false',
    npm_config_audit: 'false',
    npm_config_update_notifier: 'false',
  });
  run(
    'npm',
    [
      'install',
      '--prefix',
      CS_DIR,
      '--unsafe-perm',
      '--no-save',
      '--no-package-lock',
      `code-server@${CS_VERSION}`,
    ],
    { env, cwd: CS_DIR, stdio: ['ignore', 'inherit', 'inherit'] },
  );
  if (!existsSync(CS_BIN)) throw new Error(`code-server install finished but ${CS_BIN} is missing`);
  const versionOutput = spawnSync(
    CS_BIN,
    ['--version', '--config', path.join(work, 'config.yaml')],
    { encoding: 'utf8', env },
  ).stdout;
  const version = versionOutput.split('\n').find(line => line.startsWith(`${CS_VERSION} `));
  if (!version) throw new Error(`unexpected code-server --version output:\n${versionOutput}`);
  rmSync(work, { recursive: true, force: true });
  writeFileSync(STAMP, `${version}\n`);
  log(`installed ${version} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  return CS_BIN;
}

/** Settings that keep a fresh profile quiet and offline (no walkthrough stealing focus). */
export const BASE_SETTINGS = {
  'workbench.startupEditor': 'none',
  'workbench.welcomePage.walkthroughs.openOnInstall': false,
  'workbench.tips.enabled': false,
  'telemetry.telemetryLevel': 'off',
  'security.workspace.trust.enabled': false,
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'update.mode': 'none',
  'workbench.enableExperiments': false,
  'chat.disableAIFeatures': true,
  'git.enabled': false,
  'window.restoreWindows': 'none',
};

/** Opening a root's batches.json shows the Load Test Lens overview instead of the JSON text. */
export const DEMO_SETTINGS = {
  'workbench.editorAssociations': {
    '**/dfs_final/batches.json': 'loadtestLens.resultRoot',
    '**/report-*.html': 'loadtestLens.run',
  },
};

/**
 * Built-in themes: `id` for workbench.colorTheme, `label` in the Color Theme picker, `kind`
 * the workbench's class and `body` the class VS Code puts on a webview's body.
 */
export const THEMES = {
  dark: { id: 'Default Dark Modern', label: 'Dark Modern', kind: 'vs-dark', body: 'vscode-dark' },
  light: { id: 'Default Light Modern', label: 'Light Modern', kind: 'vs', body: 'vscode-light' },
  'high-contrast': {
    id: 'Default High Contrast',
    label: 'Dark High Contrast',
    kind: 'hc-black',
    body: 'vscode-high-contrast',
  },
};

/** Writes the profile's User/settings.json (VS Code watches it and applies changes live). */
export function writeUserSettings(userDataDir, settings = {}) {
  const dir = path.join(userDataDir, 'User');
  mkdirSync(dir, { recursive: true });
  const file = path.join(dir, 'settings.json');
  writeFileSync(file, `${JSON.stringify({ ...BASE_SETTINGS, ...settings }, null, 2)}\n`);
  return file;
}

/** Resolves to `preferred` when free on 127.0.0.1, else to a free port the OS picks. */
export async function freePort(preferred = 0) {
  const tryListen = port =>
    new Promise(resolve => {
      const server = createServer();
      server.once('error', () => resolve(null));
      server.listen(port, '127.0.0.1', () => {
        const { port: got } = server.address();
        server.close(() => resolve(got));
      });
    });
  return (preferred && (await tryListen(preferred))) || (await tryListen(0));
}

/** Signals that stop a test run: each ends the code-server the run started. */
const STOP_SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'];

/**
 * A code-server session: its own work dir (profile, extensions, XDG dirs, config, logs).
 * `start()` runs it in a new process group (setsid) so `stop()` also ends the file watcher
 * and pty host it forks.
 */
export class CodeServer {
  constructor({ workDir, port = 0, settings = {}, endOnSignal = true } = {}) {
    this.workDir = path.resolve(
      workDir || path.join(tmpdir(), `ltl-cs-${process.pid}-${Date.now()}`),
    );
    this.userDataDir = path.join(this.workDir, 'user-data');
    this.extensionsDir = path.join(this.workDir, 'extensions');
    this.configFile = path.join(this.workDir, 'config.yaml');
    this.logFile = path.join(this.workDir, 'code-server.log');
    this.preferredPort = port;
    this.child = null;
    this.output = [];
    mkdirSync(this.userDataDir, { recursive: true });
    mkdirSync(this.extensionsDir, { recursive: true });
    writeFileSync(this.configFile, 'bind-addr: 127.0.0.1:0\nauth: none\ncert: false\n');
    this.settingsFile = writeUserSettings(this.userDataDir, settings);
    this.env = isolatedEnv(this.workDir, { TMPDIR: ensureDir(path.join(this.workDir, 'tmp')) });
    this.onExit = () => this.killGroup('SIGKILL');
    // A signal ends node without its 'exit' event: code-server leads its own process group, so
    // it would outlive a test run that is stopped (Ctrl+C, or `npm test` ending its steps).
    // `endOnSignal: false` leaves the signals to the caller (the demo stops and cleans up itself).
    this.endOnSignal = endOnSignal;
    this.onSignal = signal => {
      this.killGroup('SIGKILL');
      process.exit(128 + osConstants.signals[signal]);
    };
  }

  get url() {
    return `http://127.0.0.1:${this.port}/`;
  }

  setSettings(settings) {
    writeUserSettings(this.userDataDir, settings);
  }

  commonArgs() {
    return [
      '--config',
      this.configFile,
      '--user-data-dir',
      this.userDataDir,
      '--extensions-dir',
      this.extensionsDir,
    ];
  }

  /** `code-server --install-extension <vsix>` into this session's extensions dir. */
  installExtension(vsix) {
    const result = spawnSync(
      CS_BIN,
      [...this.commonArgs(), '--install-extension', vsix, '--force'],
      {
        env: this.env,
        encoding: 'utf8',
      },
    );
    if (result.status !== 0 || !/successfully installed/i.test(result.stdout)) {
      throw new Error(`install-extension failed:\n${result.stdout}\n${result.stderr}`);
    }
    return result.stdout.trim();
  }

  /** Starts code-server on 127.0.0.1 with `folder` open and waits for /healthz. */
  async start(folder) {
    this.port = await freePort(this.preferredPort);
    const args = [
      ...this.commonArgs(),
      '--bind-addr',
      `127.0.0.1:${this.port}`,
      '--auth',
      'none',
      '--disable-telemetry',
      '--disable-update-check',
      '--disable-workspace-trust',
      '--disable-getting-started-override',
      '--ignore-last-opened',
      folder,
    ];
    // detached: the child calls setsid() and leads its own process group.
    this.child = spawn(CS_BIN, args, {
      env: this.env,
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.pgid = this.child.pid;
    process.on('exit', this.onExit);
    if (this.endOnSignal) for (const signal of STOP_SIGNALS) process.on(signal, this.onSignal);
    for (const stream of [this.child.stdout, this.child.stderr]) {
      stream.setEncoding('utf8');
      stream.on('data', chunk => {
        this.output.push(chunk);
        if (process.env.LTL_E2E_VERBOSE) process.stderr.write(chunk);
      });
    }
    const exited = new Promise(resolve => this.child.once('exit', code => resolve(code)));
    const deadline = Date.now() + 30_000;
    while (Date.now() < deadline) {
      const status = await Promise.race([
        fetch(`${this.url}healthz`).then(
          r => r.status,
          () => 0,
        ),
        exited.then(code => `exited ${code}`),
      ]);
      if (status === 200) return this.url;
      if (typeof status === 'string') {
        throw new Error(`code-server ${status}:\n${this.output.join('')}`);
      }
      await new Promise(r => setTimeout(r, 200));
    }
    await this.stop();
    throw new Error(`code-server did not answer /healthz within 30 s:\n${this.output.join('')}`);
  }

  killGroup(signal) {
    if (!this.pgid) return false;
    try {
      process.kill(-this.pgid, signal);
      return true;
    } catch {
      return false; // group already gone
    }
  }

  /**
   * The browser windows connected to this server, as code-server's session registry knows them
   * (`<user-data-dir>/code-server-ipc.sock`, one IPC socket per window's extension host).
   */
  async sessionFor(file) {
    const socketPath = path.join(this.userDataDir, 'code-server-ipc.sock');
    const body = await unixRequest(
      socketPath,
      'GET',
      `/session?filePath=${encodeURIComponent(file)}`,
    );
    return body ? JSON.parse(body).socketPath : undefined;
  }

  /** Waits for a window that serves `file` and is not in `known`; resolves to its socket. */
  async waitForNewWindow(file, known = new Set(), { timeout = 30_000 } = {}) {
    const deadline = Date.now() + timeout;
    while (Date.now() < deadline) {
      const socket = await this.sessionFor(file);
      if (socket && !known.has(socket)) return socket;
      await new Promise(r => setTimeout(r, 300));
    }
    throw new Error(`no new browser window connected for ${file} within ${timeout} ms`);
  }

  /**
   * Opens `file` in the connected window whose extension host listens on `windowSocket`, as
   * `code-server --reuse-window <file>` does. Editor associations apply, because by then the
   * window has registered the installed extensions.
   */
  async openInWindow(windowSocket, file) {
    const request = { type: 'open', folderURIs: [], fileURIs: [file], forceReuseWindow: true };
    await unixRequest(windowSocket, 'POST', '/', JSON.stringify(request));
  }

  /** Ends the whole process group: SIGTERM, then SIGKILL after 5 s. */
  async stop() {
    if (!this.pgid) return;
    process.off('exit', this.onExit);
    for (const signal of STOP_SIGNALS) process.off(signal, this.onSignal);
    this.killGroup('SIGTERM');
    const deadline = Date.now() + 5_000;
    while (Date.now() < deadline && this.killGroup(0)) await new Promise(r => setTimeout(r, 100));
    this.killGroup('SIGKILL');
    this.pgid = null;
  }

  /** Removes the work dir (profile, logs); call after stop(). */
  dispose() {
    rmSync(this.workDir, { recursive: true, force: true });
  }
}

/** A small HTTP request over a unix socket; resolves to the body, or undefined on error. */
function unixRequest(socketPath, method, urlPath, body) {
  return new Promise(resolve => {
    const req = httpRequest(
      { socketPath, method, path: urlPath, headers: { 'content-type': 'application/json' } },
      res => {
        let data = '';
        res.setEncoding('utf8');
        res.on('data', chunk => (data += chunk));
        res.on('end', () => resolve(res.statusCode === 200 ? data : undefined));
      },
    );
    req.on('error', () => resolve(undefined));
    req.setTimeout(5_000, () => req.destroy());
    req.end(body);
  });
}

function ensureDir(dir) {
  mkdirSync(dir, { recursive: true });
  return dir;
}

/** Chromium flags that work here as root, headless, offline. */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-dev-shm-usage',
  '--disable-gpu',
  '--no-first-run',
  '--no-default-browser-check',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--password-store=basic',
  '--use-mock-keychain',
];

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const command = process.argv[2] || 'install';
  if (command === 'install') {
    ensureSystemPackages();
    console.log(ensureCodeServer());
  } else if (command === 'path') {
    console.log(CS_DIR);
  } else {
    console.error('usage: node scripts/e2e/code-server.mjs [install|path]');
    process.exit(2);
  }
}
