// End-to-end: results on the controller's configuration in a real VS Code (code-server). The
// workspace holds the sample root ("demo"), a second generated root ("next", a week later) with a
// test of the same configuration (N:M 3:10, 2 sessions), and, in a folder of its own, the 2024
// controller's test_cases.json describing that test case. (a) Opening the config shows the
// CodeLens "Last run: … (2 runs)" above the test case; its "Compare with previous" opens the
// compare view with demo as baseline and next as candidate, whose verdict column must read what
// the CLI (`loadtest-lens compare`, verdict.json) computes; the hover of `sessions` lists the runs.
// (b) A third root ("later") copied into the workspace raises "New run: …" with the comparison's
// verdict against next: the metric and verdict the CLI's verdict.json gives for next → later
// (the phrase's rule: a regression beyond the thresholds, a regression, an improvement, else
// VMAF). Screenshots in dark and light themes go to test-results/e2e/.
import assert from 'node:assert/strict';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { THEMES } from '../../scripts/e2e/code-server.mjs';
import {
  cliOverall,
  cliVerdicts,
  frameWith,
  generateTestRoot,
  openVsCode,
  RESULTS_DIR,
} from './fixtures.mjs';

const TEST = 'loadtest-webrtc-2024-mediasoup-3p-10s';

/** The 2024 controller's test case of TEST: 3 publishers and 10 subscribers per session, 2 sessions. */
const TEST_CASES = `{
  "testcases": [
    {
      "typology": "N:M",
      "participants": ["3:10"],
      "sessions": "2",
      "startingParticipants": 0,
      "resolution": "640x480",
      "recording": false
    }
  ]
}
`;

let vsCode;
let workbench;
let nextRoot;

/** The metric the notification must name, by the documented rule, from the CLI's verdicts. */
function expectedHeadline(overall) {
  const both = overall.filter(v => v.baseline !== null && v.candidate !== null);
  return (
    both.find(v => v.beyondThreshold) ??
    both.find(v => v.verdict === 'regressed') ??
    both.find(v => v.verdict === 'improved') ??
    both.find(v => v.metric === 'vmaf') ??
    both[0]
  );
}

/** The worker list TEST's controller log printed at start-up (`Worker List: [...]`). */
function workerList(root) {
  const log = readFileSync(path.join(root, 'logs', `${TEST}.log`), 'utf8');
  return /Worker List:\s*(.+)/.exec(log)[1].trim();
}

/**
 * Quick Open of a workspace file, again while the file search is not ready yet (a loaded machine
 * just after start-up: "No matching results" until it has indexed the workspace).
 */
async function openFile(name, attempts = 5) {
  for (let i = 1; ; i++) {
    try {
      return await workbench.quickOpen(name);
    } catch (error) {
      if (i >= attempts) throw error;
      await workbench.page.keyboard.press('Escape');
    }
  }
}

/**
 * The hover of the editor text `word`, once it says `text`. A hover the editor drops (the mouse
 * came to rest while the editor was still laid out, on a loaded machine) is not asked for again
 * until the mouse moves, so the mouse leaves and comes back until it shows (60 s at most).
 */
async function hoverWith(word, exact, text) {
  const page = workbench.page;
  const hover = page.locator('.monaco-hover', { hasText: text }).first();
  const deadline = Date.now() + 60_000;
  for (;;) {
    await page.locator('.view-lines').getByText(word, { exact }).first().hover();
    try {
      await hover.waitFor({ timeout: 10_000 });
      return hover;
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await page.mouse.move(0, 0);
    }
  }
}

/** The CodeLens line above the test case, once it says `text`. */
function lensWith(text) {
  return workbench.page.locator('.codelens-decoration', { hasText: text }).first();
}

describe('Results on the configuration in a real VS Code', { timeout: 12 * 60_000 }, () => {
  before(async () => {
    vsCode = await openVsCode({
      prepare: sample => {
        nextRoot = path.join(sample.workspace, 'next');
        generateTestRoot(nextRoot, 'history-next', '2024-06-27', TEST);
        mkdirSync(path.join(sample.workspace, 'controller-config'), { recursive: true });
        const config = path.join(sample.workspace, 'controller-config');
        writeFileSync(path.join(config, 'test_cases.json'), TEST_CASES);
        writeFileSync(
          path.join(config, 'application.properties'),
          'SECONDS_TO_WAIT_BETWEEN_PARTICIPANTS=5\nWORKER_URL_LIST=127.0.0.1\n',
        );
      },
    });
    ({ workbench } = vsCode);
  });

  after(() => vsCode?.close());

  it(
    'shows the last run on the config and compares it with the previous run from the CodeLens',
    { timeout: 300_000 },
    async () => {
      try {
        await openFile('test_cases.json');
        const lens = lensWith('Last run:');
        await lens.waitFor({ timeout: 180_000 });
        const text = await lens.innerText();
        // Both roots ran this test case; next (a week after the sample) is the last run.
        assert.match(text, /Last run: \d+\/26 participants · \d+ failed · \d+ days ago \(2 runs\)/);
        assert.match(text, /Open/);
        await workbench.screenshot(RESULTS_DIR, 'configlens-lens-dark');
        // The hover of `sessions` lists the runs, newest first, with the value each used.
        const hover = await hoverWith('"sessions"', true, 'recent runs');
        const hoverText = await hover.innerText();
        assert.match(hoverText, new RegExp(`${TEST} \\(next\\)[^\\n]*: 2`));
        assert.ok(
          hoverText.indexOf('(next)') < hoverText.indexOf('(demo)'),
          `newest first: ${hoverText}`,
        );
        await workbench.screenshot(RESULTS_DIR, 'configlens-hover-dark');
        await workbench.page.keyboard.press('Escape');
        await lens.locator('a', { hasText: 'Compare with previous' }).click();
        const view = await frameWith(workbench.page, 'table.verdicts tbody td.verdict');
        const cells = view.locator('table.verdicts').first().locator('tbody td.verdict');
        await cells.first().waitFor({ timeout: 120_000 });
        assert.deepEqual(
          await cells.allInnerTexts(),
          cliVerdicts(vsCode.sample.root, nextRoot, TEST, TEST),
        );
        await cells.first().scrollIntoViewIfNeeded();
        await workbench.screenshot(RESULTS_DIR, 'configlens-compare-dark');
        await workbench.setColorTheme(THEMES.light);
        await workbench.screenshot(RESULTS_DIR, 'configlens-compare-light');
        await workbench.closeAllEditors();
        await openFile('test_cases.json');
        await lensWith('Last run:').waitFor({ timeout: 60_000 });
        await workbench.screenshot(RESULTS_DIR, 'configlens-lens-light');
        // application.properties beside it: the hover of a key shows each run's start-up block
        // value and says the worker list differs between demo and next (their logs' lines).
        await openFile('application.properties');
        const keyHover = await hoverWith(
          'WORKER_URL_LIST',
          false,
          'Differs between the last two runs',
        );
        const keyText = await keyHover.innerText();
        for (const root of [vsCode.sample.root, nextRoot])
          assert.ok(keyText.includes(workerList(root)), `${workerList(root)} in ${keyText}`);
        await workbench.screenshot(RESULTS_DIR, 'configlens-properties-light');
        await workbench.page.keyboard.press('Escape');
        await workbench.setColorTheme(THEMES.dark);
      } catch (error) {
        await workbench.screenshot(RESULTS_DIR, 'failure-configlens-compare').catch(() => {});
        console.log(workbench.describeMessages());
        throw error;
      }
    },
  );

  it(
    'announces a result folder added to the workspace with the comparison verdict',
    { timeout: 300_000 },
    async () => {
      const staging = mkdtempSync(path.join(tmpdir(), 'ltl-configlens-new-'));
      try {
        generateTestRoot(path.join(staging, 'later'), 'history-later', '2024-07-04', TEST);
        const laterRoot = path.join(path.dirname(nextRoot), 'later');
        cpSync(path.join(staging, 'later'), laterRoot, { recursive: true });
        const toast = workbench.page
          .locator('.notification-toast', { hasText: `New run: ${TEST} (later)` })
          .first();
        await toast.waitFor({ timeout: 180_000 });
        const text = await toast.innerText();
        const pick = expectedHeadline(cliOverall(nextRoot, laterRoot, TEST, TEST));
        assert.ok(pick, 'the CLI measured a metric on both runs');
        const phrase = new RegExp(
          `${pick.label.replace(/[()]/g, '\\$&')} ([+−])([\\d.]+)[^\\n]* vs previous \\(${pick.verdict}\\)`,
        );
        const m = phrase.exec(text);
        assert.ok(m, `the notification names ${pick.label} and its verdict: ${text}`);
        const shown = (m[1] === '−' ? -1 : 1) * Number(m[2]);
        const difference = pick.candidate - pick.baseline;
        assert.ok(
          Math.abs(shown - difference) <= 0.01 * Math.max(1, Math.abs(difference)),
          `${shown} is the CLI's ${difference}`,
        );
        assert.match(text, new RegExp(`previous: ${TEST} \\(next\\)`));
        await workbench.screenshot(RESULTS_DIR, 'configlens-new-run-dark');
        await workbench.setColorTheme(THEMES.light);
        await workbench.screenshot(RESULTS_DIR, 'configlens-new-run-light');
        // The CodeLens of the open config now counts the new run too.
        await openFile('test_cases.json');
        await lensWith('(3 runs)').waitFor({ timeout: 120_000 });
        await workbench.setColorTheme(THEMES.dark);
      } catch (error) {
        await workbench.screenshot(RESULTS_DIR, 'failure-configlens-new-run').catch(() => {});
        console.log(workbench.describeMessages());
        throw error;
      } finally {
        rmSync(staging, { recursive: true, force: true });
      }
    },
  );
});
