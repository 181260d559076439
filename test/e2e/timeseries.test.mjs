// End-to-end: in a real VS Code (code-server), open the overview of a copy of the sample root,
// press "Time series" for the selected test, and check inside the new panel that the progression
// chart drew the CSV's CPU samples and counts no larger than the test's user folders, that the
// QoS chart drew groups from the stats.json files, and that the panel follows the theme.
// Screenshots of the views in dark and light go to test-results/e2e/.
import assert from 'node:assert/strict';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { THEMES } from '../../scripts/e2e/code-server.mjs';
import {
  expectedChart,
  folderCounts,
  frameWith,
  openFromOverview,
  openVsCode,
  RESULTS_DIR,
} from './fixtures.mjs';

let vsCode;
let workbench;
let sample;
let tests;

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
    vsCode = await openVsCode();
    ({ workbench, sample, tests } = vsCode);
  });

  after(() => vsCode?.close());

  it(
    'opens the time series of the selected test from the overview, in dark and light',
    { timeout: 180_000 },
    async () => {
      try {
        const test = tests[0];
        await openFromOverview(vsCode, test, '#open-timeseries');
        const frame = await frameWith(workbench.page, '#tab-progression');
        await chartOf(frame, 'progression');
        const progression = await drawnValues(frame);
        assert.equal(progression.cpu.length, expectedChart(sample.root, test).cpuPoints);
        const { users } = folderCounts(sample.root, test);
        const peak = Math.max(...progression.publishers);
        assert.ok(peak > 0 && peak <= users, `publishers peak ${peak} of ${users} users`);
        await workbench.page
          .locator('.tab', { hasText: `Time series · ${test}` })
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

  it(
    'zooming the time series zooms the connection progression of the same test',
    { timeout: 120_000 },
    async () => {
      try {
        const test = tests[0];
        const overview = await frameWith(workbench.page, '#open-progression');
        await overview.locator('#open-progression').click();
        // The views of a test open as tabs of one group: the progression is shown now.
        const swimTab = workbench.page.locator('.tab', { hasText: `Progression · ${test}` });
        const seriesTab = workbench.page.locator('.tab', { hasText: `Time series · ${test}` });
        await swimTab.first().waitFor({ timeout: 30_000 });
        await (
          await frameWith(workbench.page, 'canvas#swimlane[data-rendered="true"]')
        )
          .locator('canvas#swimlane')
          .waitFor();
        await seriesTab.first().click();
        const series = await frameWith(workbench.page, '#tab-progression');
        await chartOf(series, 'progression');
        await series.locator('#chart-box').focus();
        await series.locator('#chart-box').press('+');
        await series.locator('#chart-box').press('+');
        const zoomed = await series
          .locator('canvas#ts-chart')
          .evaluate(c => [Number(c.dataset.xMin), Number(c.dataset.xMax)]);
        // Shown again, the progression draws the range its sibling zoomed to.
        await swimTab.first().click();
        const swim = await frameWith(workbench.page, 'canvas#swimlane[data-rendered="true"]');
        const swimCanvas = swim.locator('canvas#swimlane');
        const deadline = Date.now() + 60_000;
        let linked;
        do {
          linked = await swimCanvas.evaluate(c => [Number(c.dataset.xMin), Number(c.dataset.xMax)]);
          if (Math.abs(linked[0] - zoomed[0]) < 1e-6 && Math.abs(linked[1] - zoomed[1]) < 1e-6)
            break;
          await workbench.page.waitForTimeout(200);
        } while (Date.now() < deadline);
        assert.deepEqual(
          linked.map(v => v.toFixed(6)),
          zoomed.map(v => v.toFixed(6)),
          `${test}: the swimlane follows the time series' zoom`,
        );
        await workbench.screenshot(RESULTS_DIR, 'timeseries-linked-zoom');
      } catch (error) {
        await workbench.screenshot(RESULTS_DIR, 'failure-timeseries-linked').catch(() => {});
        console.log(workbench.describeMessages());
        throw error;
      }
    },
  );

  it('opens a test from the command palette', { timeout: 120_000 }, async () => {
    try {
      await workbench.closeAllEditors();
      const test = tests.at(-1);
      const page = workbench.page;
      const rootRow = await workbench.commandPick(
        'Load Test Lens: Open Time Series',
        path.basename(sample.root),
        { prefix: true },
      );
      await rootRow.click();
      await workbench.quickPickRow(test).click();
      const frame = await frameWith(page, '#tab-progression');
      await chartOf(frame, 'progression');
      await page
        .locator('.tab', { hasText: `Time series · ${test}` })
        .first()
        .waitFor({ timeout: 10_000 });
      const drawn = await drawnValues(frame);
      assert.equal(drawn.cpu.length, expectedChart(sample.root, test).cpuPoints);
    } catch (error) {
      await workbench.screenshot(RESULTS_DIR, 'failure-timeseries-palette').catch(() => {});
      console.log(workbench.describeMessages());
      throw error;
    }
  });
});
