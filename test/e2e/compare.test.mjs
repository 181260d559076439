// End-to-end: "Load Test Lens: Compare Tests…" in a real VS Code (code-server) on two tests of a
// copy of the sample root, picked in the command's quick picks (the first picked is the
// baseline). The comparison view's verdict column must read, row for row, the verdicts that the
// CLI (`loadtest-lens compare --baseline-test --candidate-test`) writes to verdict.json for the
// same pair. Screenshots in dark and light themes go to test-results/e2e/.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { THEMES } from '../../scripts/e2e/code-server.mjs';
import { frameWith, openVsCode, RESULTS_DIR } from './fixtures.mjs';

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

let vsCode;
let workbench;

/** The CLI's overall verdicts for baseline → candidate, in the table's order. */
function cliVerdicts(root, baseline, candidate) {
  const out = mkdtempSync(path.join(tmpdir(), 'ltl-compare-e2e-'));
  try {
    try {
      execFileSync(process.execPath, [
        path.join(REPO, 'dist', 'cli.js'),
        'compare',
        root,
        root,
        '--baseline-test',
        baseline,
        '--candidate-test',
        candidate,
        '--out',
        out,
      ]);
    } catch (error) {
      if (error.status !== 1) throw error; // 1 = a regression beyond the thresholds: still written
    }
    const doc = JSON.parse(readFileSync(path.join(out, 'verdict.json'), 'utf8'));
    return doc.comparisons[0].overall.map(v => v.verdict);
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}

/**
 * Ticks a row of the multi-select quick pick until the picker counts `selected` items (a click
 * that lands while the list re-renders is lost).
 */
async function pick(row, selected) {
  const count = workbench.page.locator('.quick-input-widget .quick-input-count');
  for (let attempt = 0; attempt < 5; attempt++) {
    await row.locator('.monaco-checkbox, input[type="checkbox"]').first().click();
    const deadline = Date.now() + 3000;
    while (Date.now() < deadline) {
      if ((await count.innerText().catch(() => '')).startsWith(`${selected} `)) return;
      await workbench.page.waitForTimeout(200);
    }
  }
  throw new Error(`the quick pick did not count ${selected} selected`);
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
        await workbench.runCommand('Load Test Lens: Compare Tests');
        await workbench.quickPickRow('Use the open result roots').click();
        for (const [i, test] of [baseline, candidate].entries()) {
          const row = workbench.quickPickRow(test);
          await row.waitFor({ timeout: 60_000 });
          await pick(row, i + 1);
        }
        // OK, not Enter: with a row focused, Enter may toggle that row instead of accepting.
        await workbench.page
          .locator('.quick-input-widget .monaco-button', { hasText: /^OK$/ })
          .first()
          .click();
        const view = await frameWith(workbench.page, 'table.verdicts');
        const cells = view.locator('table.verdicts').first().locator('tbody td.verdict');
        await cells.first().waitFor({ timeout: 120_000 });
        const shown = await cells.allInnerTexts();
        assert.deepEqual(shown, cliVerdicts(vsCode.sample.root, baseline, candidate));
        await workbench.screenshot(RESULTS_DIR, 'compare-dark');
        await cells.first().scrollIntoViewIfNeeded();
        await workbench.screenshot(RESULTS_DIR, 'compare-verdicts-dark');
        await workbench.setColorTheme(THEMES.light);
        await workbench.screenshot(RESULTS_DIR, 'compare-light');
      } catch (error) {
        await workbench.screenshot(RESULTS_DIR, 'failure-compare').catch(() => {});
        console.log(workbench.describeMessages());
        throw error;
      }
    },
  );
});
