// End-to-end: in a real VS Code (code-server), open the overview of a copy of the sample root,
// press "Connection progression" for the selected test, and check inside the new panel that the
// swimlane drew one row per user folder of that test and that the CPU chart drew the CSV's
// samples. A screenshot goes to test-results/e2e/.
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

describe('Connection progression in a real VS Code', { timeout: 10 * 60_000 }, () => {
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
    'opens the swimlane of the selected test from the overview',
    { timeout: 120_000 },
    async () => {
      try {
        await workbench.showExplorer();
        await workbench.contextMenu(
          workbench.explorerRow(path.basename(sample.root)),
          'Open in Load Test Lens',
        );
        const overview = await frameWith(workbench.page, '#open-progression');
        const test = tests[0];
        await overview.locator(`table#tests tbody tr[data-test="${test}"]`).click();
        await overview.locator('#open-progression').click();
        const swim = await frameWith(workbench.page, 'canvas#swimlane');
        const canvas = swim.locator(`canvas#swimlane[data-rendered="true"][data-test="${test}"]`);
        await canvas.waitFor({ timeout: 30_000 });
        const d = await canvas.evaluate(c => ({ ...c.dataset }));
        assert.equal(Number(d.rows), userFolders(sample.root, test));
        assert.ok(Number(d.segments) > 0);
        const cpu = swim.locator('canvas#cpu-chart[data-rendered="true"]');
        await cpu.waitFor({ timeout: 10_000 });
        assert.equal(
          Number(await cpu.getAttribute('data-cpu-points')),
          cpuSamples(sample.root, test),
        );
        const tab = workbench.page.locator('.tab', { hasText: `${test} — progression` });
        await tab.first().waitFor({ timeout: 10_000 });
        await workbench.screenshot(RESULTS_DIR, 'swimlane-dark');
      } catch (error) {
        await workbench.screenshot(RESULTS_DIR, 'failure-swimlane').catch(() => {});
        console.log(workbench.describeMessages());
        throw error;
      }
    },
  );
});
