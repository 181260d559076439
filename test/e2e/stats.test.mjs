// End-to-end: in a real VS Code (code-server), open the statistics of the selected test from the
// overview, and of every test from the Command Palette; check inside the panels that the CPU-band
// table and the first comparison show what the `analyze` command computes for the same files
// (the core, bundled by the DOM harness), and take screenshots in dark, light and high contrast.
import assert from 'node:assert/strict';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { THEMES } from '../../scripts/e2e/code-server.mjs';
import { loadHarness } from '../dom/webviewPage.mjs';
import { frameWith, openFromOverview, openVsCode, RESULTS_DIR } from './fixtures.mjs';

let vsCode;
let workbench;
let sample;
let tests;
let host;

/** The `Full test` n of a section's CPU-band table in a frame. */
async function fullTestN(frame, section) {
  const cell = frame
    .locator(`table.band-table[data-section="${section}"] tbody tr`)
    .first()
    .locator('td')
    .first();
  return Number(await cell.getAttribute('data-value'));
}

const sectionOf = (result, name) => result.sections.find(s => s.section === name);

describe('Statistics in a real VS Code', { timeout: 10 * 60_000 }, () => {
  before(async () => {
    vsCode = await openVsCode();
    ({ workbench, sample, tests } = vsCode);
    host = await (await loadHarness('statsHarness.ts')).statsHost(sample.root);
  });

  after(() => vsCode?.close());

  it(
    'opens the statistics of the selected test from the overview',
    { timeout: 180_000 },
    async () => {
      try {
        const test = tests[0];
        await openFromOverview(vsCode, test, '#open-stats');
        const stats = await frameWith(workbench.page, 'table.band-table');
        await stats.locator('canvas#case-0-box[data-rendered="true"]').waitFor({ timeout: 60_000 });
        assert.match(await stats.locator('h1').innerText(), new RegExp(test));
        const analyzed = host.analyze(test);
        const vmaf = sectionOf(analyzed, 'qoe_vmaf');
        assert.equal(await fullTestN(stats, 'qoe_vmaf'), vmaf.cpuThresholds[0].n);
        const first = vmaf.comparisons[0];
        const u = stats.locator(
          `section.case[data-case="${first.X}|${first.Y}"] tr[data-key="MWU"] td[data-pass="raw"][data-field="statistic"]`,
        );
        assert.equal(Number(await u.getAttribute('data-value')), first['U (MWU)']);
        const tab = workbench.page.locator('.tab', { hasText: `Statistics · ${test}` });
        await tab.first().waitFor({ timeout: 10_000 });
        await workbench.screenshot(RESULTS_DIR, 'stats-dark');
        await stats.locator('#case-0').scrollIntoViewIfNeeded();
        await workbench.screenshot(RESULTS_DIR, 'stats-dark-comparison');
      } catch (error) {
        await workbench.screenshot(RESULTS_DIR, 'failure-stats').catch(() => {});
        console.log(workbench.describeMessages());
        throw error;
      }
    },
  );

  it(
    'opens the statistics of every test from the Command Palette, in light and high contrast',
    { timeout: 240_000 },
    async () => {
      try {
        await workbench.showExplorer(); // keys go to the workbench, not to a webview
        const rootRow = await workbench.commandPick(
          'Load Test Lens: Open Statistics',
          path.basename(sample.root),
          { prefix: true },
        );
        await rootRow.click();
        const all = workbench.quickPickRow('All tests');
        await all.waitFor({ timeout: 30_000 });
        await all.click();
        const stats = await frameWith(workbench.page, 'h1:text("All tests")');
        await stats.locator('table.band-table').first().waitFor({ timeout: 60_000 });
        const pooled = tests
          .map(t => sectionOf(host.analyze(t), 'qoe_vmaf').cpuThresholds[0].n)
          .reduce((a, b) => a + b, 0);
        assert.equal(await fullTestN(stats, 'qoe_vmaf'), pooled);
        await workbench.setColorTheme(THEMES.light);
        await workbench.page.waitForTimeout(1500);
        await workbench.screenshot(RESULTS_DIR, 'stats-all-light');
        await workbench.setColorTheme(THEMES['high-contrast']);
        await workbench.page.waitForTimeout(1500);
        await workbench.screenshot(RESULTS_DIR, 'stats-all-high-contrast');
        await workbench.setColorTheme(THEMES.dark);
      } catch (error) {
        await workbench.screenshot(RESULTS_DIR, 'failure-stats-palette').catch(() => {});
        console.log(workbench.describeMessages());
        throw error;
      }
    },
  );
});
