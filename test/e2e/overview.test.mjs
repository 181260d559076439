// End-to-end: the packaged extension in a real VS Code (code-server) driven by chromium.
// Opens a copy of the sample root from the explorer context menu and from the palette, and
// checks from inside the webview that the overview table and the CPU chart show the data
// that dfs_final/<test>-medianode.csv holds. Screenshots go to test-results/e2e/.
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import {
  CodeServer,
  DEMO_SETTINGS,
  ensureCodeServer,
  ensureSystemPackages,
  ROOT,
  THEMES,
} from '../../scripts/e2e/code-server.mjs';
import { launchBrowser, Workbench, workbenchUrl } from '../../scripts/e2e/workbench.mjs';
import {
  copySample,
  expectedChart,
  folderCounts,
  RESULTS_DIR,
  sampleRoot,
  snapshot,
  testNames,
  vsix,
} from './fixtures.mjs';

const timings = {};
const clock = Date.now();
const lap = name => (timings[name] = `${((Date.now() - clock) / 1000).toFixed(1)} s`);

let server;
let browser;
let workbench;
let sample;
let before_snapshot;
let tests;

/** Reads the chart's data attributes and counts the canvas pixels that are not transparent. */
async function readChart(frame) {
  const canvas = frame.locator('canvas#cpu-chart[data-rendered="true"]');
  await canvas.waitFor({ timeout: 20_000 });
  return canvas.evaluate(el => {
    const ctx = el.getContext('2d');
    const { data } = ctx.getImageData(0, 0, el.width, el.height);
    let painted = 0;
    let hash = 0;
    for (let i = 0; i < data.length; i += 4) {
      if (data[i + 3] > 0) painted++;
      hash = (hash * 31 + data[i] + data[i + 1] * 3 + data[i + 2] * 7 + data[i + 3]) | 0;
    }
    return {
      test: el.dataset.test,
      points: el.dataset.points,
      cpuMax: el.dataset.cpuMax,
      memoryPoints: el.dataset.memoryPoints,
      memoryMax: el.dataset.memoryMax,
      painted,
      total: el.width * el.height,
      hash,
    };
  });
}

function assertChartMatches(chart, test) {
  const want = expectedChart(sample.root, test);
  assert.equal(chart.test, test, 'data-test is the selected test');
  assert.equal(
    Number(chart.points),
    want.cpuPoints,
    `${test}: CPU points drawn = CSV rows with cpu`,
  );
  assert.equal(Number(chart.cpuMax), want.cpuMax, `${test}: data-cpu-max = max cpu in the CSV`);
  if (chart.memoryPoints !== undefined) {
    assert.equal(Number(chart.memoryPoints), want.memoryPoints, `${test}: memory points`);
    assert.equal(Number(chart.memoryMax), want.memoryMax, `${test}: data-memory-max`);
  }
  // Axes, grid, labels and a line: a drawn Chart.js canvas paints thousands of pixels.
  assert.ok(
    chart.painted >= 1000,
    `${test}: canvas looks blank (${chart.painted} of ${chart.total} pixels painted)`,
  );
}

async function waitForOverview(frame) {
  const body = frame.locator('body');
  await body.waitFor({ timeout: 30_000 });
  await frame.locator('body[data-state]:not([data-state="loading"])').waitFor({ timeout: 30_000 });
  const state = await body.getAttribute('data-state');
  assert.equal(state, 'ready', `webview state is ${state}: ${await body.innerText()}`);
}

async function assertOverview(frame, selected = tests[0]) {
  await waitForOverview(frame);
  const rows = frame.locator('table#tests tbody tr[data-test]');
  const shown = (await rows.evaluateAll(trs => trs.map(tr => tr.dataset.test))).sort();
  assert.deepEqual(shown, tests, 'one row per test folder in stats/');
  // Users and Sessions cells (found by their header) against the folders in stats/<test>/.
  const headers = await frame
    .locator('table#tests thead th')
    .evaluateAll(ths => ths.map(th => th.textContent.trim().toLowerCase()));
  for (const test of tests) {
    const cells = await frame
      .locator(`table#tests tbody tr[data-test="${test}"] > *`)
      .evaluateAll(tds => tds.map(td => td.textContent.trim()));
    const want = folderCounts(sample.root, test);
    for (const column of ['users', 'sessions']) {
      const index = headers.indexOf(column);
      assert.ok(index >= 0, `the tests table has a "${column}" column: ${headers}`);
      assert.equal(Number(cells[index]), want[column], `${test}: ${column} cell`);
    }
  }
  const chart = await readChart(frame);
  assertChartMatches(chart, selected);
  return chart;
}

/** On failure: the webview/workbench console and the tail of the extension host log. */
function diagnostics() {
  const lines = [`console errors and warnings:\n${workbench?.describeMessages() || '  (none)'}`];
  const logs = server && path.join(server.userDataDir, 'logs');
  if (logs && existsSync(logs)) {
    for (const file of readdirSync(logs, { recursive: true })) {
      if (/exthost\.log$|remoteexthost\.log$/.test(file)) {
        const text = readFileSync(path.join(logs, file), 'utf8').split('\n').slice(-40).join('\n');
        lines.push(`${file}:\n${text}`);
      }
    }
  }
  return lines.join('\n');
}

/** `Participant … failed N times` lines of every log of the sample, by the notebook's regex. */
function failureLines(root) {
  const logs = path.join(root, 'logs');
  const regex = /(.*) ERROR .* Participant (.*) in session (.*) failed (\d+) times/;
  return readdirSync(logs).reduce(
    (n, f) =>
      n +
      readFileSync(path.join(logs, f), 'utf8')
        .split('\n')
        .filter(l => regex.test(l)).length,
    0,
  );
}

/**
 * The status bar carries the selected test's headline, and the Problems panel holds a warning
 * for every failure line of the controller logs (plus any data warnings).
 */
async function assertStatusAndProblems(test) {
  const page = workbench.page;
  const headline = page.locator('.statusbar-item', { hasText: `${test}:` });
  await headline.first().waitFor({ timeout: 20_000 });
  assert.match(await headline.first().innerText(), / connected · \d+ failed/);
  const problems = page
    .locator('.statusbar-item', { has: page.locator('.codicon-warning') })
    .first();
  await problems.waitFor({ timeout: 20_000 });
  const warnings = Number(
    (await problems.innerText()).replace(/\s+/g, ' ').match(/(\d+)\s*\S*\s*(\d+)/)?.[2] ?? NaN,
  );
  assert.ok(
    warnings >= failureLines(sample.root),
    `Problems shows ${warnings} warnings, the logs hold ${failureLines(sample.root)} failure lines`,
  );
}

// The first run installs code-server (1-2 min); every step below has its own short timeouts.
describe('Load Test Lens in a real VS Code', { timeout: 15 * 60_000 }, () => {
  before(async () => {
    ensureSystemPackages();
    ensureCodeServer();
    lap('code-server ready');
    const source = sampleRoot();
    sample = copySample(source);
    before_snapshot = snapshot(sample.root);
    tests = testNames(sample.root);
    assert.ok(tests.length >= 2, `the sample needs two tests or more, has ${tests}`);
    const extension = vsix();
    lap('vsix packaged');
    server = new CodeServer({
      workDir: path.join(sample.base, 'code-server'),
      // Live edits of settings.json are not picked up, so everything is seeded up front:
      // the association is what `npm run demo` uses to open the overview at start-up.
      settings: { 'workbench.colorTheme': THEMES.dark.id, ...DEMO_SETTINGS },
    });
    server.installExtension(extension);
    if (!process.env.LTL_E2E_VSIX) rmSync(extension, { force: true });
    assert.ok(
      readdirSync(server.extensionsDir).some(n => n.startsWith('loadtest-lens.loadtest-lens-')),
      `extension installed into ${server.extensionsDir}`,
    );
    await server.start(sample.workspace);
    lap('code-server started');
    browser = await launchBrowser(server.env);
    workbench = await Workbench.open(browser, workbenchUrl(server.url, sample.workspace));
    lap('workbench loaded');
  });

  after(async () => {
    if (workbench) {
      const errors = workbench.webviewErrors();
      if (errors.length)
        console.log(`webview console:\n${errors.map(e => `  ${e.text}`).join('\n')}`);
    }
    await browser?.close();
    await server?.stop();
    if (server) {
      assert.equal(server.killGroup(0), false, 'code-server process group is gone');
    }
    if (sample) rmSync(sample.base, { recursive: true, force: true });
    lap('torn down');
    console.log(`timings (since start): ${JSON.stringify(timings)}`);
  });

  it(
    'opens the root from the explorer context menu and draws the first test',
    { timeout: 90_000 },
    async t => {
      try {
        await workbench.showExplorer();
        const name = path.basename(sample.root);
        await workbench.contextMenu(workbench.explorerRow(name), 'Open in Load Test Lens');
        const chart = await assertOverview(workbench.webview());
        lap('overview drawn (explorer)');
        await assertStatusAndProblems(chart.test);
        t.diagnostic(
          `first test ${chart.test}: ${chart.points} CPU points, max ${chart.cpuMax}, ${chart.painted} of ${chart.total} canvas pixels painted`,
        );
        await workbench.screenshot(RESULTS_DIR, 'overview-dark');
      } catch (error) {
        await workbench.screenshot(RESULTS_DIR, 'failure-explorer').catch(() => {});
        error.message += `\n${diagnostics()}`;
        throw error;
      }
    },
  );

  it(
    'selects another test with the keyboard and redraws with its data',
    { timeout: 90_000 },
    async () => {
      try {
        const frame = workbench.webview();
        const first = await readChart(frame);
        const other = tests.find(name => name !== first.test);
        const row = frame.locator(`table#tests tbody tr[data-test="${other}"]`);
        await row.focus();
        await row.press('Enter');
        await frame
          .locator(`canvas#cpu-chart[data-rendered="true"][data-test="${other}"]`)
          .waitFor({
            timeout: 15_000,
          });
        // Chart.js may animate; wait until two readings agree.
        let chart = await readChart(frame);
        for (let i = 0; i < 20; i++) {
          await new Promise(r => setTimeout(r, 150));
          const again = await readChart(frame);
          if (again.hash === chart.hash) break;
          chart = again;
        }
        assertChartMatches(chart, other);
        assert.notEqual(chart.hash, first.hash, 'the canvas was redrawn');
        await workbench.screenshot(RESULTS_DIR, 'overview-dark-selected');
      } catch (error) {
        await workbench.screenshot(RESULTS_DIR, 'failure-select').catch(() => {});
        error.message += `\n${diagnostics()}`;
        throw error;
      }
    },
  );

  it('follows the light and high-contrast themes', { timeout: 90_000 }, async () => {
    try {
      for (const theme of ['light', 'high-contrast', 'dark']) {
        await workbench.setColorTheme(THEMES[theme]);
        const frame = workbench.webview();
        await frame.locator(`body.${THEMES[theme].body}`).waitFor({ timeout: 10_000 });
        await frame.locator('canvas#cpu-chart[data-rendered="true"]').waitFor({ timeout: 10_000 });
        await new Promise(r => setTimeout(r, 700)); // let a theme-triggered redraw settle
        const chart = await readChart(frame);
        assert.ok(chart.painted >= 1000, `${theme}: canvas still drawn`);
        if (theme !== 'dark') await workbench.screenshot(RESULTS_DIR, `overview-${theme}`);
      }
    } catch (error) {
      await workbench.screenshot(RESULTS_DIR, 'failure-theme').catch(() => {});
      error.message += `\n${diagnostics()}`;
      throw error;
    }
  });

  it('opens the root from the palette command', { timeout: 90_000 }, async () => {
    try {
      await workbench.closeAllEditors();
      // With a text editor active (the CPU CSV, as when reading test code), the overview must
      // open beside it, keeping the text visible.
      const csv = `${tests[0]}-medianode.csv`;
      await workbench.quickOpen(csv);
      await workbench.runCommand('Load Test Lens: Open Results');
      const page = workbench.page;
      // The command opens the only root in the workspace, or asks which one.
      const picker = page.locator('.quick-input-widget .quick-input-list .monaco-list-row', {
        hasText: path.basename(sample.root),
      });
      const webview = page.locator('iframe.webview.ready');
      await Promise.race([
        webview.waitFor({ timeout: 30_000 }),
        picker.first().waitFor({ timeout: 30_000 }),
      ]);
      if (!(await webview.isVisible()) && (await picker.first().isVisible())) {
        await picker.first().click();
      }
      await assertOverview(workbench.webview());
      assert.equal(await workbench.editorGroupsWithEditors(), 2, 'overview opened beside the CSV');
      assert.ok(
        await page.locator('.tabs-container .tab', { hasText: csv }).isVisible(),
        'the CSV editor is still visible',
      );
      lap('overview drawn (palette)');
      await workbench.screenshot(RESULTS_DIR, 'overview-palette');
    } catch (error) {
      await workbench.screenshot(RESULTS_DIR, 'failure-palette').catch(() => {});
      error.message += `\n${diagnostics()}`;
      throw error;
    }
  });

  it(
    'opens the sample from the palette (Open the Sample), written outside the workspace',
    { timeout: 180_000 },
    async () => {
      try {
        await workbench.closeAllEditors();
        await workbench.runCommand('Load Test Lens: Open the Sample');
        // The bundled CLI writes the committed sample's options, so the overview is samples/demo's.
        const frame = workbench.webview();
        await frame
          .locator('h1', { hasText: 'loadtest-lens-sample' })
          .waitFor({ timeout: 150_000 });
        await assertOverview(frame);
        await workbench.screenshot(RESULTS_DIR, 'overview-sample');
      } catch (error) {
        await workbench.screenshot(RESULTS_DIR, 'failure-sample').catch(() => {});
        error.message += `\n${diagnostics()}`;
        throw error;
      }
    },
  );

  it(
    'opens the overview in a fresh browser window the way npm run demo does',
    { timeout: 90_000 },
    async () => {
      const batches = path.join(sample.root, 'dfs_final/batches.json');
      const known = new Set([await server.waitForNewWindow(batches)]);
      const fresh = await Workbench.open(browser, workbenchUrl(server.url, sample.root));
      try {
        const socket = await server.waitForNewWindow(batches, known);
        await new Promise(r => setTimeout(r, 1_500)); // as the demo: let the window register extensions
        await server.openInWindow(socket, batches);
        await assertOverview(fresh.webview());
        lap('overview drawn (demo start-up)');
        await fresh.screenshot(RESULTS_DIR, 'demo-startup');
      } catch (error) {
        await fresh.screenshot(RESULTS_DIR, 'failure-demo').catch(() => {});
        error.message += `\n${fresh.describeMessages()}\n${diagnostics()}`;
        throw error;
      } finally {
        await fresh.page.context().close();
      }
    },
  );

  it('never writes into the result root', () => {
    assert.deepEqual(snapshot(sample.root), before_snapshot);
    assert.ok(ROOT);
  });
});
