// Linked zoom in the webviews (headless Chromium, the real bundles under the strict CSP): a
// view reports the time range its user zoomed or panned to as a `visibleRange` message, applies
// a `linkedRange` from the host without echoing it, and returns to everything on `null`. The host
// half (forwarding between views) is unit-tested in test/unit/extension/zoomLink.test.ts.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import {
  ensureBuilt,
  launchChromium,
  loadHarness,
  postToPage,
  sampleRoot,
  serveWebview,
} from './webviewPage.mjs';

const ranges = p => p.evaluate(() => window.__posted.filter(m => m.type === 'visibleRange'));

async function xRange(p, selector) {
  const canvas = p.locator(`${selector}[data-rendered="true"]`);
  await canvas.waitFor({ timeout: 10_000 });
  return canvas.evaluate(c => [Number(c.dataset.xMin), Number(c.dataset.xMax)]);
}

describe('linked zoom: the swimlane reports and applies time ranges (DOM)', () => {
  let server;
  let browser;
  let base;
  let message;
  let test;

  before(async () => {
    ensureBuilt('webview-swimlane');
    test = readdirSync(join(sampleRoot, 'stats')).sort()[0];
    const host = await (await loadHarness('swimlaneHarness.ts')).swimlaneMessages(sampleRoot);
    message = host.messages[test];
    ({ server, base } = await serveWebview('webview-swimlane'));
    browser = await launchChromium();
  });

  after(async () => {
    await browser?.close();
    server?.close();
  });

  it('reports a key zoom and a reset, and applies linked ranges without echoing them', async () => {
    const p = await browser.newPage({ viewport: { width: 1200, height: 900 } });
    const errors = [];
    p.on('pageerror', e => errors.push(String(e)));
    await p.goto(`${base}?theme=vscode-dark`);
    await postToPage(p, message);
    const full = await xRange(p, 'canvas#swimlane');
    await p.locator('#swim-scroll').focus();
    await p.keyboard.press('+');
    const zoomed = await xRange(p, 'canvas#swimlane');
    assert.ok(zoomed[1] - zoomed[0] < full[1] - full[0], `zoomed in: ${zoomed}`);
    assert.deepEqual((await ranges(p)).at(-1), {
      type: 'visibleRange',
      test,
      range: { start: zoomed[0], end: zoomed[1] },
    });
    await p.locator('#reset-zoom').click();
    assert.deepEqual((await ranges(p)).at(-1), { type: 'visibleRange', test, range: null });

    const before = (await ranges(p)).length;
    const start = full[0] + (full[1] - full[0]) * 0.25;
    const end = full[0] + (full[1] - full[0]) * 0.5;
    await postToPage(p, { type: 'linkedRange', range: { start, end } });
    await p.waitForFunction(
      s => Number(document.getElementById('swimlane').dataset.xMin) === s,
      start,
    );
    assert.deepEqual(await xRange(p, 'canvas#swimlane'), [start, end]);
    assert.deepEqual(await xRange(p, 'canvas#cpu-chart'), [start, end], 'CPU chart follows');
    await postToPage(p, { type: 'linkedRange', range: null });
    await p.waitForFunction(
      s => Number(document.getElementById('swimlane').dataset.xMin) === s,
      full[0],
    );
    assert.deepEqual(await xRange(p, 'canvas#swimlane'), full);
    assert.deepEqual(await xRange(p, 'canvas#cpu-chart'), full);
    assert.equal((await ranges(p)).length, before, 'a linked range is never reported back');
    assert.deepEqual(errors, []);
    await p.close();
  });
});
