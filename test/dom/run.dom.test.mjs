// DOM test of the run webview (today's openvidu-loadtest runs) in headless Chromium under the real
// CSP. Runs come from the generator; what the page shows is compared with the generator's ground
// truth (its planned participants, rooms and trips), never with the code that computed the view.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import {
  drawnData,
  ensureBuilt,
  launchChromium,
  loadHarness,
  openWebviewPage,
  paintedPixels,
  postToPage,
  serveWebview,
  shots,
  assertFitsNarrow,
  NARROW,
} from './webviewPage.mjs';

describe('run webview (DOM, headless Chromium)', () => {
  let server;
  let browser;
  let base;
  let clean;
  let tripped;
  let large;

  before(async () => {
    ensureBuilt('webview-run');
    const { runHost } = await loadHarness('runHarness.ts');
    clean = await runHost();
    tripped = await runHost({ trips: ['generatorSaturation'], scenarios: ['4', '8'] });
    large = await runHost({
      scenarios: ['50', '100', '200'],
      sessions: 20,
      workers: 40,
      mediaNodes: 4,
      mediaCapacity: 1200,
    });
    ({ server, base } = await serveWebview('webview-run'));
    browser = await launchChromium();
  });

  after(async () => {
    await browser?.close();
    server?.close();
  });

  it('fits a narrow editor column', async () => {
    const { p, errors } = await openWebviewPage(browser, base, 'vscode-dark', NARROW);
    await postToPage(p, clean.message);
    await p.locator('#scenario-panel').waitFor();
    await drawnData(p, 'load-chart');
    await p.screenshot({ path: join(shots, 'run-narrow.png'), fullPage: true });
    await assertFitsNarrow(p);
    assert.deepEqual(errors, []);
    await p.close();
  });

  for (const theme of ['vscode-dark', 'vscode-light', 'vscode-high-contrast']) {
    it(`shows the verdict first and the planned load (${theme})`, async () => {
      const { p, errors } = await openWebviewPage(browser, base, theme);
      await postToPage(p, clean.message);
      await p.locator('#scenario-panel').waitFor();
      assert.equal(await p.locator('.run-header .verdict').innerText(), 'Run verdict: VALID');
      const first = await p
        .locator('#scenario-panel .run-section')
        .first()
        .locator('h2')
        .innerText();
      assert.equal(first, 'Validity');
      assert.equal(await p.locator('[role=tab]').count(), clean.truth.scenarios.length);
      assert.equal(await p.locator('table.checks tbody tr').count(), 8);
      const peak = clean.truth.scenarios[0].platformPeak;
      const load = await drawnData(p, 'load-chart');
      assert.equal(load[0].label, 'Participants (participants)');
      assert.equal(load[0].max, peak);
      // Per-node CPU: every media node, the master and every worker of the plan.
      assert.equal(load.length, 1 + 2 + 1 + 3);
      assert.ok((await paintedPixels(p, '#load-chart')) > 500);
      assert.ok((await paintedPixels(p, '#degradation-chart')) > 500);
      const small = await drawnData(p, 'small-participants');
      assert.equal(small[0].max, peak);
      assert.ok(await p.locator('text=This run used browser: emulated').isVisible());
      await p.screenshot({ path: join(shots, `run-${theme}.png`), fullPage: true });
      assert.deepEqual(errors, []);
      await p.close();
    });
  }

  it('lists rooms as planned and the generator trip as invalid, evidence opening its file and line', async () => {
    const { p, errors } = await openWebviewPage(browser, base, 'vscode-dark');
    await postToPage(p, tripped.message);
    await p.locator('#scenario-panel').waitFor();
    assert.equal(await p.locator('.run-header .verdict').innerText(), 'Run verdict: INVALID');
    const row = p.locator('table.checks tbody tr', { hasText: 'Load generator saturation' });
    assert.equal(await row.locator('.check-status').innerText(), '✗ invalid');
    assert.match(await row.innerText(), /the knee you see is the generator’s/);
    await row.locator('.link-button').first().click();
    const opened = await p.evaluate(() => window.__posted.at(-1));
    const files = tripped.message.run.files;
    assert.equal(opened.type, 'openRunFile');
    assert.equal(files[opened.file], 'logs/controller.log');
    assert.ok(opened.line > 0);
    const rooms = await p.locator('#rooms-table tbody tr').allInnerTexts();
    assert.equal(rooms.length, tripped.truth.scenarios.length && 4);
    for (const r of rooms) assert.match(r, /^LoadTestSession\d+\t4\t4\t0/);
    await p.screenshot({ path: join(shots, 'run-invalid.png'), fullPage: true });
    assert.deepEqual(errors, []);
    await p.close();
  });

  it('moves between test cases with the keyboard and zooms every chart together', async () => {
    const { p } = await openWebviewPage(browser, base, 'vscode-dark');
    await postToPage(p, clean.message);
    await p.locator('#tab-0').focus();
    await p.keyboard.press('ArrowRight');
    assert.equal(await p.locator('#tab-1').getAttribute('aria-selected'), 'true');
    const load = await drawnData(p, 'load-chart');
    assert.equal(load[0].max, clean.truth.scenarios[1].platformPeak);
    await p.locator('.run-chart').first().focus();
    await p.keyboard.press('+');
    assert.match(await p.locator('#zoom-status').innerText(), /^Showing \d+:\d\d – \d+:\d\d$/);
    await p.keyboard.press('0');
    assert.equal(await p.locator('#zoom-status').innerText(), 'Showing the whole test case');
    await p.locator('#x-participants').click();
    const scatter = await drawnData(p, 'scatter-chart');
    // One group per test case; the knee across load levels: each group's load is its plan's.
    assert.deepEqual(
      scatter.map(g => g.xMax),
      clean.truth.scenarios.map(t => t.platformPeak),
    );
    assert.deepEqual(
      scatter.map(g => g.label),
      clean.message.run.scenarios.map(s => s.label),
    );
    assert.equal(await p.locator('#x-participants').getAttribute('aria-pressed'), 'true');
    await p.locator('#x-participants').click();
    // CPU per role: the host's mean over each role's nodes (2 media nodes, 1 master, 3 workers).
    await p.locator('#per-node').click();
    const perRole = await drawnData(p, 'load-chart');
    assert.deepEqual(
      perRole
        .map(d => d.label)
        .slice(1)
        .sort(),
      ['CPU master (%)', 'CPU media (mean of 2 nodes) (%)', 'CPU worker (mean of 3 nodes) (%)'],
    );
    await p.locator('#per-node').click();
    // Wall clock in the controller's zone (UTC here): the axis starts at the test case's start.
    await p.locator('#time-axis').selectOption('clock');
    const clockChart = p.locator('canvas#load-chart[data-rendered="true"]');
    assert.equal(await clockChart.getAttribute('data-axis'), 'clock');
    assert.equal(
      await clockChart.getAttribute('data-axis-start'),
      new Date(clean.truth.scenarios[1].start).toISOString().slice(11, 19),
    );
    await p.locator('#tab-1').click();
    await p.locator('#tab-0').click();
    assert.equal(await p.locator('canvas#load-chart').getAttribute('data-axis'), 'clock');
    await p.locator('#time-axis').selectOption('relative');
    await p.locator('#log-scale').click();
    assert.equal(await p.locator('#log-scale').getAttribute('aria-pressed'), 'true');
    await p.close();
  });

  it('asks the host for a user steady window and a fleet size, and refuses a bad window', async () => {
    const { p } = await openWebviewPage(browser, base, 'vscode-light');
    await postToPage(p, clean.message);
    await p.locator('#steady-from').fill('40');
    await p.locator('#steady-to').fill('20');
    await p.locator('#steady-apply').click();
    assert.equal(await p.locator('#steady-error').innerText(), 'The window needs 0 ≤ from < to.');
    await p.locator('#steady-to').fill('120');
    await p.locator('#target-participants').fill('1000');
    await p.locator('#steady-apply').click();
    assert.deepEqual(await p.evaluate(() => window.__posted.at(-1)), {
      type: 'runQuery',
      scenario: 1,
      steady: { start: 40, end: 120 },
      target: 1000,
    });
    await p.close();
  });

  it('compares the test cases, leaving invalid ones out until asked', async () => {
    const { p } = await openWebviewPage(browser, base, 'vscode-dark');
    await postToPage(p, clean.message);
    const rows = await p.locator('#compare-table tbody tr').allInnerTexts();
    assert.equal(rows.length, clean.truth.scenarios.length);
    const [first, second] = clean.truth.scenarios;
    assert.match(
      rows[0],
      new RegExp(`\\(baseline\\)\\tvalid\\t${first.platformPeak}\\.0 participants`),
    );
    assert.match(
      rows[1],
      new RegExp(
        `${second.platformPeak}\\.0 participants \\(\\+${second.platformPeak - first.platformPeak}\\.0 participants\\)`,
      ),
    );
    await postToPage(p, tripped.message);
    await p.locator('#compare-table').waitFor();
    assert.equal(await p.locator('#compare-table tbody tr').count(), 0);
    assert.equal(
      await p.locator('#sec-compare ~ p', { hasText: 'Left out (invalid)' }).count(),
      tripped.truth.scenarios.length,
    );
    await p.locator('#include-invalid').check();
    assert.equal(
      await p.locator('#compare-table tbody tr').count(),
      tripped.truth.scenarios.length,
    );
    await p.close();
  });

  it('offers the per-user views when the run has per-user data, and says why not otherwise', async () => {
    const { p } = await openWebviewPage(browser, base, 'vscode-dark');
    await postToPage(p, clean.message);
    assert.equal(await p.locator('#open-per-user').count(), 0);
    assert.match(
      await p.locator('#sec-per-user ~ .notice').innerText(),
      /write no per-user events\.json or stats\.json/,
    );
    await postToPage(p, { type: 'runView', run: { ...clean.message.run, perUserUsers: 12 } });
    await p.locator('#open-per-user').click();
    assert.deepEqual(await p.evaluate(() => window.__posted.at(-1)), { type: 'openRunPerUser' });
    await p.close();
  });

  it('asks the host to compare this run with the previous one, or with one the user picks', async () => {
    const { p } = await openWebviewPage(browser, base, 'vscode-dark');
    await postToPage(p, clean.message);
    await p.locator('#compare-previous').click();
    assert.deepEqual(await p.evaluate(() => window.__posted.at(-1)), {
      type: 'runCompareWithPrevious',
    });
    await p.locator('#compare-with').focus();
    await p.keyboard.press('Enter');
    assert.deepEqual(await p.evaluate(() => window.__posted.at(-1)), { type: 'runCompareWith' });
    await p.close();
  });

  it('lists the users that needed retries, or says the emulated mode records none', async () => {
    const { p } = await openWebviewPage(browser, base, 'vscode-light');
    await postToPage(p, clean.message);
    assert.match(
      await p.locator('#sec-retries ~ p').innerText(),
      /^No participant needed a retry among the 16 the report lists \(the emulated mode records none/,
    );
    const run = clean.message.run;
    const retried = {
      total: 1,
      listed: 16,
      users: [
        {
          user: 'User3',
          session: 'LoadTestSession2',
          role: 'PUBLISHER',
          join: 12,
          retries: 2,
          attempts: [
            { attempt: 1, error: 70, reconnect: 73 },
            { attempt: 2, error: 95 },
          ],
        },
      ],
    };
    await postToPage(p, {
      type: 'runView',
      run: { ...run, scenarios: [{ ...run.scenarios[0], retried }, ...run.scenarios.slice(1)] },
    });
    const rows = await p.locator('#retries-table tbody tr').allInnerTexts();
    assert.deepEqual(rows, [
      'User3\tLoadTestSession2\tPUBLISHER\t0:12\t2\t#1 failed 1:10, back 1:13; #2 failed 1:35, not reconnected',
    ]);
    await p.close();
  });

  it('has an empty and an error state', async () => {
    const { p } = await openWebviewPage(browser, base, 'vscode-dark');
    await postToPage(p, {
      type: 'runView',
      run: { ...clean.message.run, scenarios: [], verdict: 'invalid' },
    });
    assert.match(await p.locator('#scenario-panel').innerText(), /No test case could be read/);
    assert.equal(await p.evaluate(() => document.body.dataset.state), 'empty');
    await postToPage(p, { type: 'error', message: 'Could not read run x: boom' });
    assert.equal(await p.locator('[role=alert]').innerText(), 'Could not read run x: boom');
    await p.close();
  });

  it('draws a large run (20 rooms of up to 200, 40 workers, 4 media nodes) without errors', async () => {
    const { p, errors } = await openWebviewPage(browser, base, 'vscode-dark');
    await postToPage(p, large.message);
    await p.locator('#tab-2').click();
    const t = large.truth.scenarios[2];
    const load = await drawnData(p, 'load-chart');
    assert.equal(load[0].max, t.platformPeak);
    assert.equal(load.length, 1 + 4 + 1 + 40);
    assert.equal(await p.locator('#rooms-table tbody tr').count(), 20);
    assert.equal(t.expectedParticipants, 4000);
    await p.screenshot({ path: join(shots, 'run-large.png') });
    assert.deepEqual(errors, []);
    await p.close();
  });
});
