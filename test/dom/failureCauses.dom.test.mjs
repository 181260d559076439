// DOM test of the failure-causes webview (a view added on the one webview host: its contract,
// builder, handler and page, and one row of the view table) in headless Chromium under the
// extension's strict CSP: a baseline and a candidate that fails past 16 users, classified by the
// core; each test's table adds up to the failure lines its summary counts; the empty and error
// states; screenshots per theme.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import {
  checkCauseTables,
  ensureBuilt,
  generateBaselineAndCandidate,
  launchChromium,
  loadHarness,
  openWebviewPage,
  postToPage,
  serveWebview,
  shots,
  assertFitsNarrow,
  NARROW,
} from './webviewPage.mjs';

const TEST = 'loadtest-webrtc-2024-kurento-2p:20';

describe('failure-causes webview (DOM, headless Chromium)', () => {
  let dir = '';
  let built;
  let server;
  let base;
  let browser;

  before(async () => {
    ensureBuilt('webview-failureCauses');
    let roots;
    ({ dir, roots } = generateBaselineAndCandidate(TEST, 'ltl-causes-dom-'));
    const harness = await loadHarness('compareHarness.ts');
    built = await harness.failureCausesMessage(roots);
    ({ server, base } = await serveWebview('webview-failureCauses'));
    browser = await launchChromium();
  });
  after(async () => {
    await browser?.close();
    server?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  for (const theme of ['vscode-dark', 'vscode-light', 'vscode-high-contrast'])
    it(`draws one table per test whose causes add up to its failure lines (${theme})`, async () => {
      const { p, errors } = await openWebviewPage(browser, base, theme);
      await postToPage(p, built.message);
      await p.locator('table.causes-table').first().waitFor();
      const tables = await checkCauseTables(p, '#tests', built.failureLines);
      // the candidate's failure lines over time and load: one point per line, under its cause
      const points = await p
        .locator('#tests-1-chart[data-rendered="true"]')
        .evaluate(c => c.dataset.points);
      assert.equal(points, tables[1].join(','));
      assert.ok(built.failureLines[1] > 0, 'the candidate has failures');
      assert.equal(await p.getAttribute('body', 'data-state'), 'ready');
      await p.screenshot({ path: join(shots, `failure-causes-${theme}.png`), fullPage: true });
      assert.deepEqual(errors, []);
      await p.close();
    });

  it('fits a narrow editor column', async () => {
    const { p, errors } = await openWebviewPage(browser, base, 'vscode-dark', NARROW);
    await postToPage(p, built.message);
    await p.locator('#tests-1-chart[data-rendered="true"]').waitFor();
    await p.screenshot({ path: join(shots, 'failure-causes-narrow.png'), fullPage: true });
    await assertFitsNarrow(p);
    assert.deepEqual(errors, []);
    await p.close();
  });

  it('says so when no test failed, and shows errors as text', async () => {
    const { p, errors } = await openWebviewPage(browser, base, 'vscode-dark');
    const causes = built.message.causes;
    const quiet = causes.tests.map(t => ({
      ...t,
      total: 0,
      recovered: 0,
      counts: t.counts.map(() => 0),
      shares: t.counts.map(() => null),
      medians: t.counts.map(() => null),
    }));
    await postToPage(p, { type: 'failureCauses', causes: { ...causes, tests: quiet } });
    await p.locator('#tests-empty').waitFor();
    assert.equal(await p.getAttribute('body', 'data-state'), 'empty');
    await postToPage(p, { type: 'error', message: '<b>EACCES</b>' });
    await p.locator('.status.error').waitFor();
    assert.equal(await p.locator('.status.error b').count(), 0, 'text, not markup');
    assert.deepEqual(errors, []);
    await p.close();
  });
});
