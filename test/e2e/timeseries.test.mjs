// End-to-end: in a real VS Code (code-server), open the overview of a copy of the sample root,
// press "Time series" for the selected test, and check inside the new panel that the progression
// chart drew the CSV's CPU samples and counts no larger than the test's user folders, that the
// QoS chart drew groups from the stats.json files, and that the panel follows the theme.
// Screenshots of the views in dark and light go to test-results/e2e/.
import assert from 'node:assert/strict';
import { existsSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import {
  CodeServer,
  DEMO_SETTINGS,
  ensureCodeServer,
  ensureSystemPackages,
  THEMES,
} from '../../scripts/e2e/code-server.mjs';
import { launchBrowser, Workbench, workbenchUrl } from '../../scripts/e2e/workbench.mjs';
import { copySample, RESULTS_DIR, sampleRoot, testNames, vsix } from './fixtures.mjs';

let server;
let browser;
let workbench;
let sample;
let tests;

function userFolders(root, test) {
  const dir = path.join(root, 'stats', test);
  return readdirSync(dir).reduce((n, s) => n + readdirSync(path.join(dir, s)).length, 0);
}

function cpuSamples(root, test) {
  const csv = path.join(root, 'dfs_final', `${test}-medianode.csv`);
  if (!existsSync(csv)) return 0;
  const [header, ...lines] = readFileSync(csv, 'utf8').trim().split(/\r?\n/);
  const col = header.split(',').indexOf('cpu');
  return lines.filter(l => (l.split(',')[col] ?? '').trim() !== '').length;
}

/** The inner frame of the webview whose document has `selector`. */
async function frameWith(page, selector) {
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    const frames = page.locator('iframe.webview.ready');
    for (let i = 0; i < (await frames.count()); i++) {
      const inner = frames.nth(i).contentFrame().frameLocator('#active-frame');
      if ((await inner.locator(selector).count()) > 0) return inner;
    }
    await page.waitForTimeout(250);
  }
  throw new Error(`no webview shows ${selector}`);
}

/** Values per series of the drawn chart, from its data table. */
async function drawnValues(frame) {
  await frame.locator('#show-table').click();
  const rows = await frame
    .locator('#points tbody tr')
    .evaluateAll(trs => trs.map(r => [r.dataset.series, Number(r.cells[3].dataset.value)]));
  await frame.locator('#data-table').evaluate(d => (d.open = false));
  const out = {};
  for (const [series, v] of rows) (out[series] ??= []).push(v);
  return out;
}

async function chartOf(frame, key) {
  await frame
    .locator(`canvas#ts-chart[data-key="${key}"][data-rendered="true"]`)
    .waitFor({ timeout: 30_000 });
}

describe('Time series in a real VS Code', { timeout: 10 * 60_000 }, () => {
  before(async () => {
    ensureSystemPackages();
    ensureCodeServer();
    sample = copySample(sampleRoot());
    tests = testNames(sample.root);
    const extension = vsix();
    server = new CodeServer({
      workDir: path.join(sample.base, 'code-server'),
      settings: { 'workbench.colorTheme': THEMES.dark.id, ...DEMO_SETTINGS },
    });
    server.installExtension(extension);
    if (!process.env.LTL_E2E_VSIX) rmSync(extension, { force: true });
    await server.start(sample.workspace);
    browser = await launchBrowser(server.env);
    workbench = await Workbench.open(browser, workbenchUrl(server.url, sample.workspace));
  });

  after(async () => {
    await browser?.close();
    await server?.stop();
    if (sample) rmSync(sample.base, { recursive: true, force: true });
  });

  it(
    'opens the time series of the selected test from the overview, in dark and light',
    { timeout: 180_000 },
    async () => {
      try {
        await workbench.showExplorer();
        await workbench.contextMenu(
          workbench.explorerRow(path.basename(sample.root)),
          'Open in Load Test Lens',
        );
        const overview = await frameWith(workbench.page, '#open-timeseries');
        const test = tests[0];
        await overview.locator(`table#tests tbody tr[data-test="${test}"]`).click();
        await overview.locator('#open-timeseries').click();
        const frame = await frameWith(workbench.page, '#tab-progression');
        await chartOf(frame, 'progression');
        const progression = await drawnValues(frame);
        assert.equal(progression.cpu.length, cpuSamples(sample.root, test));
        const users = userFolders(sample.root, test);
        const peak = Math.max(...progression.publishers);
        assert.ok(peak > 0 && peak <= users, `publishers peak ${peak} of ${users} users`);
        await workbench.page
          .locator('.tab', { hasText: `${test} — time series` })
          .first()
          .waitFor({ timeout: 10_000 });
        await workbench.screenshot(RESULTS_DIR, 'timeseries-progression-dark');

        await frame.locator('#tab-qos').click();
        await chartOf(frame, 'qos/inbound/jitter');
        const qos = await drawnValues(frame);
        assert.ok(qos.video.length > 0, 'video jitter groups from stats.json');
        assert.ok(
          qos.threshold.every(v => v === 0.03),
          'jitter threshold at 0.03 s',
        );
        await workbench.screenshot(RESULTS_DIR, 'timeseries-qos-dark');

        await workbench.setColorTheme(THEMES.light);
        await frame.locator(`body.${THEMES.light.body}`).waitFor({ timeout: 10_000 });
        await chartOf(frame, 'qos/inbound/jitter');
        await new Promise(r => setTimeout(r, 700)); // let the theme redraw settle
        await workbench.screenshot(RESULTS_DIR, 'timeseries-qos-light');
        await frame.locator('#tab-qoe').click();
        await chartOf(frame, 'qoe');
        const qoe = await drawnValues(frame);
        assert.ok(
          qoe.vmaf.every(v => v >= 0 && v <= 100),
          'VMAF on 0–100',
        );
        assert.ok(
          qoe.visqol.every(v => v >= 1 && v <= 5),
          'ViSQOL MOS on 1–5',
        );
        await workbench.screenshot(RESULTS_DIR, 'timeseries-qoe-light');
        await frame.locator('#tab-progression').click();
        await chartOf(frame, 'progression');
        await workbench.screenshot(RESULTS_DIR, 'timeseries-progression-light');
        await workbench.setColorTheme(THEMES.dark);
      } catch (error) {
        await workbench.screenshot(RESULTS_DIR, 'failure-timeseries').catch(() => {});
        console.log(workbench.describeMessages());
        throw error;
      }
    },
  );
});
