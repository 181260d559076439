// The self-contained HTML report in headless Chromium: opened from file:// under its own CSP, it
// must make no network request and log no console error; the drawn charts are read back and
// compared with the report model the CLI embedded (the core's output), and a root path made of
// HTML stays text. Screenshots (light and dark) go to test-results/dom.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { ensureBuilt, launchChromium, paintedPixels, repo, shots } from './webviewPage.mjs';

const cli = join(repo, 'dist', 'cli.js');
const hostile = '<img src=x onerror=alert(1)>root';
let dir = '';
let html = '';
let model;
let browser;

before(() => {
  ensureBuilt('report-page');
  dir = mkdtempSync(join(tmpdir(), 'ltl-report-'));
  const root = join(dir, hostile);
  execFileSync(process.execPath, [
    cli,
    'generate',
    '--out',
    root,
    '--seed',
    'report',
    '--tests',
    'loadtest-webrtc-2024-kurento-2p:30',
    '--capacity-scale',
    '8',
    '--stats-sessions',
    '0',
    '--degrade-at',
    'users:24',
    '--degrade-failures',
    '10',
  ]);
  html = join(dir, 'report.html');
  execFileSync(process.execPath, [cli, 'report', root, '--out', html]);
  const text = readFileSync(html, 'utf8');
  const json = /<script type="application\/json" id="report-data">(.*?)<\/script>/s.exec(text)[1];
  model = JSON.parse(json);
  mkdirSync(shots, { recursive: true });
});

after(async () => {
  await browser?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

async function open(colorScheme) {
  browser ??= await launchChromium();
  const page = await browser.newPage({ colorScheme, viewport: { width: 1100, height: 900 } });
  const problems = [];
  const requests = [];
  page.on('console', m => m.type() === 'error' && problems.push(m.text()));
  page.on('pageerror', e => problems.push(String(e)));
  page.on('request', r => requests.push(r.url()));
  const url = pathToFileURL(html).href;
  await page.goto(url);
  await page.waitForSelector('body[data-ready="true"]');
  await page.waitForFunction(() =>
    [...document.querySelectorAll('canvas')].every(c => c.dataset.rendered === 'true'),
  );
  return { page, problems, requests: requests.filter(r => r !== url) };
}

test('opens offline with no console error and no network request', async () => {
  const { page, problems, requests } = await open('light');
  assert.deepEqual(problems, []);
  assert.deepEqual(requests, []);
  const csp = await page
    .locator('meta[http-equiv="Content-Security-Policy"]')
    .getAttribute('content');
  assert.match(csp, /default-src 'none'; script-src 'sha256-[^']+'; style-src 'sha256-[^']+'/);
  await page.screenshot({ path: join(shots, 'report-light.png'), fullPage: true });
  await page.close();
});

test('draws the embedded model: progression, CPU and VMAF points, knees and capacity', async () => {
  const { page } = await open('dark');
  const t = model.tests[0];
  const canvases = page.locator('canvas');
  assert.equal(await canvases.count(), 4 * model.tests.length);
  const data = i =>
    canvases.nth(i).evaluate(c => ({ points: c.dataset.points, max: c.dataset.max }));
  const progression = await data(0);
  assert.equal(progression.points, `${t.progression.t.length},${t.progression.t.length}`);
  assert.equal(
    progression.max,
    `${Math.max(...t.progression.users)},${Math.max(...t.progression.failures)}`,
  );
  const cpu = await data(1);
  assert.equal(cpu.points, String(t.cpu.t.length));
  assert.equal(Number(cpu.max), Math.max(...t.cpu.cpu));
  const qoe = await data(2);
  assert.equal(qoe.points, `${t.qoe.vmaf.length},${t.vmafCurve.users.length},2`);
  const failures = await data(3);
  const drawn = failures.points.split(',').map(Number);
  assert.equal(
    drawn.reduce((a, b) => a + b, 0),
    t.failures.points.length,
  );
  assert.equal(drawn.length, new Set(t.failures.points.map(p => p.cause)).size);
  for (let i = 0; i < 4; i++) assert.ok((await paintedPixels(page, `canvas >> nth=${i}`)) > 1000);
  const capacity = await page.locator('.capacity').first().textContent();
  assert.equal(capacity, `Capacity: ${t.load.capacity.statement}`);
  const knee = t.load.knees.find(k => k.metric === 'vmaf' && k.load === 'users');
  assert.ok(knee.knee !== null, 'the degraded root has a VMAF knee');
  const cell = await page
    .locator('section')
    .first()
    .locator('table')
    .nth(1)
    .locator('tbody tr')
    .first()
    .locator('td')
    .nth(2)
    .textContent();
  assert.equal(cell, knee.knee.toFixed(2));
  const ice = t.failures.medians.ice;
  const iceRow = page.locator('tr', { has: page.locator('td', { hasText: /^ice$/ }) });
  if (ice) assert.equal(await iceRow.locator('td').nth(3).textContent(), ice.users.toFixed(0));
  await page.screenshot({ path: join(shots, 'report-dark.png'), fullPage: true });
  await page.close();
});

test('a root path made of HTML is shown as text', async () => {
  const { page } = await open('light');
  assert.equal(await page.locator('img').count(), 0);
  assert.ok((await page.locator('h1').textContent()).endsWith(hostile));
  await page.close();
});
