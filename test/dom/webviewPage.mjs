// What every DOM test of a webview needs: the sample root, a local server that serves the real
// webview bundle under the extension's strict CSP with a stand-in `acquireVsCodeApi`, the host
// harness (TypeScript, bundled with esbuild) that builds the core's messages, and Debian's
// Chromium with its profile kept out of $HOME.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { extname, join, resolve } from 'node:path';
import * as esbuild from 'esbuild';
import assert from 'node:assert/strict';
import { chromium } from 'playwright-core';

export const repo = resolve(import.meta.dirname, '../..');
export const sampleRoot = process.env.LTL_SAMPLE_ROOT ?? join(repo, 'samples', 'demo');
export const shots = join(repo, 'test-results', 'dom');
const NONCE = 'ZG9tLXRlc3Qtbm9uY2U=';
const CSP = `default-src 'none'; img-src 'self' data: blob:; style-src 'self'; font-src 'self'; script-src 'nonce-${NONCE}'`;

const FAKE_API = `
window.__posted = [];
window.__csp = [];
document.addEventListener('securitypolicyviolation', e => window.__csp.push(e.violatedDirective + ' ' + e.blockedURI));
window.acquireVsCodeApi = () => ({
  postMessage: m => window.__posted.push(m),
  getState: () => window.__state,
  setState: s => { window.__state = s; },
});`;

/** The shared scripts (the chart bundle) dist/webview-manifest.json lists for `bundle`, as the extension loads them (src/extension/webviewHtml.ts). */
function sharedScripts(bundle) {
  const name = bundle.replace(/^webview-/, '');
  const manifest = JSON.parse(readFileSync(join(repo, 'dist', 'webview-manifest.json'), 'utf8'));
  return (manifest[name] ?? []).map(
    file => `<script nonce="${NONCE}" src="/dist/${file}"></script>`,
  );
}

function page(bundle, theme) {
  return `<!DOCTYPE html><html><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${CSP}">
<link rel="stylesheet" href="/media/webview.css"><link rel="stylesheet" href="/themes.css"></head>
<body class="${theme}" data-state="loading"><div id="app"></div>
<script nonce="${NONCE}" src="/fake-api.js"></script>
${sharedScripts(bundle).join('\n')}
<script nonce="${NONCE}" src="/dist/${bundle}.js"></script></body></html>`;
}

const TYPES = { '.js': 'text/javascript', '.css': 'text/css', '.html': 'text/html' };

/** Serves `dist/<bundle>.js` in a page; `?theme=vscode-dark|vscode-light|vscode-high-contrast`. */
export function serveWebview(bundle) {
  const server = createServer((req, res) => {
    const url = new URL(req.url, 'http://x');
    const send = (body, type) => {
      res.writeHead(200, { 'content-type': type, 'content-security-policy': CSP });
      res.end(body);
    };
    if (url.pathname === '/')
      return send(page(bundle, url.searchParams.get('theme') ?? 'vscode-dark'), TYPES['.html']);
    if (url.pathname === '/fake-api.js') return send(FAKE_API, TYPES['.js']);
    if (url.pathname === '/themes.css')
      return send(readFileSync(join(import.meta.dirname, 'themes.css')), TYPES['.css']);
    const file = join(repo, url.pathname);
    if (/^\/(dist|media)\//.test(url.pathname) && file.startsWith(repo) && existsSync(file)) {
      return send(readFileSync(file), TYPES[extname(file)] ?? 'application/octet-stream');
    }
    res.writeHead(404).end();
  });
  return new Promise(r =>
    server.listen(0, '127.0.0.1', () =>
      r({ server, base: `http://127.0.0.1:${server.address().port}/` }),
    ),
  );
}

/** Builds the webview bundles and the sample root when a fresh checkout lacks them (their output goes to stderr: bench/views-browser.mjs prints its JSON result on stdout). */
export function ensureBuilt(bundle) {
  if (
    !existsSync(join(repo, 'dist', `${bundle}.js`)) ||
    !existsSync(join(repo, 'dist', 'webview-manifest.json'))
  )
    execFileSync(process.execPath, ['scripts/build.mjs'], { cwd: repo, stdio: ['ignore', 2, 2] });
  if (!existsSync(sampleRoot))
    execFileSync(process.execPath, ['scripts/generate-sample.mjs'], {
      cwd: repo,
      stdio: ['ignore', 2, 2],
    });
  mkdirSync(shots, { recursive: true });
}

/** The host side of a view (a TypeScript harness next to the test), bundled and loaded. */
export async function loadHarness(file) {
  const out = join(mkdtempSync(join(tmpdir(), 'ltl-dom-host-')), 'host.cjs');
  await esbuild.build({
    entryPoints: [join(import.meta.dirname, file)],
    outfile: out,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    logLevel: 'warning',
  });
  return createRequire(import.meta.url)(out);
}

export function launchChromium() {
  const scratch = mkdtempSync(join(tmpdir(), 'ltl-dom-chromium-'));
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    env: { ...process.env, XDG_CONFIG_HOME: scratch, XDG_CACHE_HOME: scratch, HOME: scratch },
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--no-first-run',
    ],
  });
}

/** About the width of a view beside an editor on a laptop (the e2e screenshots' 540 px). */
export const NARROW = { width: 520, height: 900 };

/**
 * Asserts that a view fits the page's width (a narrow editor column): nothing wider than the
 * page (a wide table scrolls inside its own box), each section heading on one line, and every
 * button of a section head whole and its label on one line. Returns what it checked.
 */
export async function assertFitsNarrow(p) {
  const layout = await p.evaluate(() => {
    // Lines of an element's text: the distinct tops of its line boxes.
    const lines = e => {
      const range = document.createRange();
      range.selectNodeContents(e);
      return new Set([...range.getClientRects()].map(r => Math.round(r.top))).size;
    };
    const texts = selector =>
      [...document.querySelectorAll(selector)]
        .filter(e => e.getClientRects().length > 0)
        .map(e => ({
          text: e.textContent,
          lines: lines(e),
          right: e.getBoundingClientRect().right,
        }));
    return {
      width: document.documentElement.clientWidth,
      overflow: document.documentElement.scrollWidth - document.documentElement.clientWidth,
      headings: texts('.section-head h2, .section-head h3'),
      buttons: texts('.section-head button'),
    };
  });
  assert.equal(layout.overflow, 0, 'nothing is wider than the view');
  for (const h of layout.headings) assert.equal(h.lines, 1, `"${h.text}" on one line`);
  for (const b of layout.buttons) {
    assert.ok(b.right <= layout.width, `"${b.text}" is not cut off`);
    assert.equal(b.lines, 1, `"${b.text}" on one line`);
  }
  return { headings: layout.headings.length, buttons: layout.buttons.length };
}

/** Posts a host message to the page, as the extension's `webview.postMessage` does. */
export const postToPage = (p, message) => p.evaluate(msg => window.postMessage(msg, '*'), message);

/** Painted (non-transparent) pixels of a canvas: proof that something was drawn. */
export function paintedPixels(p, selector) {
  return p.locator(selector).evaluate(c => {
    const { data } = c.getContext('2d').getImageData(0, 0, c.width, c.height);
    let n = 0;
    for (let i = 3; i < data.length; i += 4) if (data[i] > 0) n++;
    return n;
  });
}

/** A new page of the served webview in `theme`, once it said `ready`; with its page errors. */
export async function openWebviewPage(
  browser,
  base,
  theme,
  viewport = { width: 1400, height: 1000 },
) {
  const p = await browser.newPage({ viewport });
  const errors = [];
  p.on('pageerror', e => errors.push(String(e)));
  await p.goto(`${base}?theme=${theme}`);
  await p.waitForFunction(() => window.__posted.some(m => m.type === 'ready'));
  return { p, errors };
}

/** What a canvas drew, as its view wrote it into `data-drawn` once rendered. */
export async function drawnData(p, id) {
  const c = p.locator(`canvas#${id}[data-rendered="true"]`);
  await c.waitFor({ timeout: 10_000 });
  return JSON.parse(await c.getAttribute('data-drawn'));
}

/** Clicks the PNG export, checks a PNG was posted, answers as the host and checks the status. */
export async function checkPngExport(p, savedMessage) {
  await p.locator('#export-png').click();
  const png = await p.evaluate(() => window.__posted.at(-1));
  assert.equal(png.format, 'png');
  assert.ok(png.data.startsWith('iVBORw0KGgo'), 'a PNG');
  await postToPage(p, {
    type: 'reply',
    inReplyTo: png.id,
    result: { format: 'png', outcome: 'saved', message: savedMessage },
  });
  assert.equal(await p.locator('#export-status').innerText(), savedMessage);
}

/**
 * The failure-cause tables under `scope` (src/webview/common/failureCauses.ts): per table, its
 * count per cause; asserts there is one table per entry of `failureLines` and that each adds up
 * to it (the failure lines the test's summary counts, independently of the classification).
 */
export async function checkCauseTables(p, scope, failureLines) {
  const tables = await p
    .locator(`${scope} table.causes-table`)
    .evaluateAll(ts =>
      ts.map(t => [...t.querySelectorAll('tbody tr')].map(r => Number(r.children[1].textContent))),
    );
  assert.equal(tables.length, failureLines.length);
  tables.forEach((counts, i) => {
    assert.equal(counts.length, 5, 'five causes');
    const sum = counts.reduce((a, b) => a + b, 0);
    assert.equal(sum, failureLines[i], `test ${i}: causes add up to the failure lines`);
  });
  return tables;
}

/** Test and size of the large generated root: 60 sessions of 8 = 480 users, no stats.json. */
export const LARGE_TEST = 'loadtest-webrtc-2024-pion-8p';
export const LARGE_USERS = 480;

/**
 * Generates the large root into a new temporary folder (the caller removes `dir`); another size
 * of the same test with `sessions` of 8 users, other generator options in `extra`.
 */
export function generateLargeRoot(sessions = LARGE_USERS / 8, extra = [], seed = 'large') {
  const dir = mkdtempSync(join(tmpdir(), 'ltl-large-'));
  const root = join(dir, 'root');
  execFileSync(process.execPath, [
    join(repo, 'dist', 'cli.js'),
    'generate',
    '--out',
    root,
    '--seed',
    seed,
    '--tests',
    `${LARGE_TEST}:${sessions}`,
    '--no-stats',
    // Retries enough that no failure stops the test: every planned user is created (a user the
    // test stopped before would have no folder).
    '--retry-times',
    '20',
    ...extra,
  ]);
  return { dir, root };
}

/**
 * A baseline and a candidate root of one generated test (the candidate degrading past 16 users,
 * with failures), for the views that compare tests; the caller removes `dir`.
 */
export function generateBaselineAndCandidate(test, prefix, options = []) {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  const gen = (name, extra) =>
    execFileSync(process.execPath, [
      join(repo, 'dist', 'cli.js'),
      'generate',
      '--out',
      join(dir, name),
      '--seed',
      name,
      '--tests',
      test,
      ...options,
      '--stats-sessions',
      '0',
      ...extra,
    ]);
  gen('base', []);
  gen('cand', ['--degrade-at', 'users:16', '--degrade-failures', '8']);
  return { dir, roots: [join(dir, 'base'), join(dir, 'cand')] };
}
