// End-to-end: "Load Test Lens: Compare Tests…" in a real VS Code (code-server) on two tests of a
// copy of the sample root, picked in the command's quick picks (the baseline, then the
// candidate). The comparison view's verdict column must read, row for row, the verdicts that the
// CLI (`loadtest-lens compare --baseline-test --candidate-test`) writes to verdict.json for the
// same pair; after "Swap baseline and candidate", those of the pair the other way round.
// Screenshots in dark and light themes go to test-results/e2e/.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { THEMES } from '../../scripts/e2e/code-server.mjs';
import { cliVerdicts, frameWith, openVsCode, RESULTS_DIR } from './fixtures.mjs';

let vsCode;
let workbench;

/** Waits for the single-select quick pick whose placeholder starts with `placeholder`, picks `label`. */
async function pickIn(placeholder, label) {
  await workbench.page
    .locator(`.quick-input-widget input[placeholder^="${placeholder}"]`)
    .waitFor({ timeout: 60_000 });
  const row = workbench.quickPickRow(label);
  await row.waitFor({ timeout: 60_000 });
  await row.click();
}

/** The verdict column of the comparison whose baseline is `baseline`, once drawn. */
async function shownVerdicts(baseline) {
  const view = await frameWith(
    workbench.page,
    `dl.sides dd[data-role="baseline"]:has-text("${baseline}")`,
  );
  const cells = view.locator('table.verdicts').first().locator('tbody td.verdict');
  await cells.first().waitFor({ timeout: 120_000 });
  return { view, cells, shown: await cells.allInnerTexts() };
}

describe('Comparison view in a real VS Code', { timeout: 10 * 60_000 }, () => {
  before(async () => {
    vsCode = await openVsCode();
    ({ workbench } = vsCode);
  });

  after(() => vsCode?.close());

  it(
    'compares two picked tests and shows the verdicts the CLI computes',
    { timeout: 240_000 },
    async () => {
      try {
        const [baseline, candidate] = vsCode.tests;
        // The Results view lists the root first, so the command finds it open.
        await workbench.runCommand('View: Show Load Test Lens');
        await workbench.page
          .locator('.sidebar .monaco-list-row', { hasText: baseline })
          .first()
          .waitFor({ timeout: 60_000 });
        const source = await workbench.commandPick(
          'Load Test Lens: Compare Tests',
          'Use the open result roots',
        );
        await source.click();
        await pickIn('Pick the baseline', baseline);
        await pickIn('Pick the candidate', candidate);
        const { view, cells, shown } = await shownVerdicts(baseline);
        assert.deepEqual(
          shown,
          cliVerdicts(vsCode.sample.root, vsCode.sample.root, baseline, candidate),
        );
        await workbench.screenshot(RESULTS_DIR, 'compare-dark');
        await cells.first().scrollIntoViewIfNeeded();
        await workbench.screenshot(RESULTS_DIR, 'compare-verdicts-dark');
        await workbench.setColorTheme(THEMES.light);
        await workbench.screenshot(RESULTS_DIR, 'compare-light');
        await view.locator('button.swap-sides').first().click();
        const swapped = await shownVerdicts(candidate);
        assert.deepEqual(
          swapped.shown,
          cliVerdicts(vsCode.sample.root, vsCode.sample.root, candidate, baseline),
        );
        await workbench.screenshot(RESULTS_DIR, 'compare-swapped-light');
      } catch (error) {
        await workbench.screenshot(RESULTS_DIR, 'failure-compare').catch(() => {});
        console.log(workbench.describeMessages());
        throw error;
      }
    },
  );
});
