// Security, DOM part (issue 11 item 4; the rest is test/unit/security.test.ts): user strings
// reach every webview as text, never as markup. Every bundle of scripts/build.mjs WEBVIEWS gets
// loading and error messages carrying HTML; the overview and the swimlane also get the sample
// root's real view models with HTML in the root name, a test name, user labels and a log line
// (diagnostic). Under the strict CSP nothing may execute, no element may come from the strings,
// and the strings must show literally.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import {
  ensureBuilt,
  launchChromium,
  loadHarness,
  postToPage,
  repo,
  sampleRoot,
  serveWebview,
  shots,
} from './webviewPage.mjs';

const HOSTILE = `<img src=x onerror="window.__pwned=1"><script>window.__pwned=2</script><b id="injected">b</b>`;
/** Every view page scripts/build.mjs bundles: src/webview/<name>/main.ts, but the report's. */
const WEBVIEWS = readdirSync(join(repo, 'src/webview'), { withFileTypes: true })
  .filter(d => d.isDirectory() && !['common', 'report'].includes(d.name))
  .map(d => d.name);

/** `value` with every string equal to `from` replaced by `to`, at any depth. */
function renamed(value, from, to) {
  return JSON.parse(JSON.stringify(value), (_, v) => (v === from ? to : v));
}

describe('user strings are rendered as text in every webview (DOM, headless Chromium)', () => {
  let browser;
  const servers = [];

  before(async () => {
    for (const name of WEBVIEWS) ensureBuilt(`webview-${name}`);
    browser = await launchChromium();
  });

  after(async () => {
    await browser?.close();
    for (const s of servers) s.close();
  });

  async function open(name) {
    const { server, base } = await serveWebview(`webview-${name}`);
    servers.push(server);
    const p = await browser.newPage({ viewport: { width: 1200, height: 900 } });
    const errors = [];
    p.on('pageerror', e => errors.push(String(e)));
    await p.goto(base);
    await p.waitForFunction(() => window.__posted.some(m => m.type === 'ready'));
    return { p, errors };
  }

  /** Nothing ran, no element came from the strings, and the text shows literally. */
  async function assertInert(p, errors, expectText = true) {
    await p.waitForTimeout(200);
    const state = await p.evaluate(() => ({
      pwned: window.__pwned,
      injected: document.querySelectorAll('#injected, img[src="x"], body script:not([src])').length,
      text: document.body.innerText,
      csp: window.__csp,
    }));
    assert.equal(state.pwned, undefined, 'no script from a user string ran');
    assert.equal(state.injected, 0, 'no element was made from a user string');
    if (expectText)
      assert.ok(state.text.includes('<img src=x onerror='), 'the string shows as text');
    assert.deepEqual(state.csp, [], 'no CSP violation');
    assert.deepEqual(errors, []);
  }

  for (const name of WEBVIEWS) {
    it(`${name}: loading and error messages with HTML show as text`, async () => {
      const { p, errors } = await open(name);
      await postToPage(p, { type: 'loading', message: `Reading ${HOSTILE}` });
      await assertInert(p, errors);
      await postToPage(p, { type: 'error', message: `Could not read ${HOSTILE}` });
      await assertInert(p, errors);
      await p.close();
    });
  }

  it('overview: HTML in the root name, a test name and a diagnostic stays text', async () => {
    const { overview, series } = await (
      await loadHarness('hostHarness.ts')
    ).overviewMessages(sampleRoot);
    const test = overview.overview.tests[0].name;
    const hostileTest = `${test}${HOSTILE}`;
    const vm = renamed(overview, test, hostileTest);
    vm.overview.rootName = `root ${HOSTILE}`;
    vm.overview.diagnostics = [
      ...vm.overview.diagnostics,
      {
        severity: 'error',
        test: hostileTest,
        file: `logs/${HOSTILE}.log`,
        line: 3,
        message: `line ${HOSTILE}`,
      },
    ];
    const { p, errors } = await open('overview');
    await postToPage(p, vm);
    await postToPage(p, renamed(series[test], test, hostileTest));
    await assertInert(p, errors);
    await p.screenshot({ path: join(shots, 'security-overview.png'), fullPage: true });
    await p.close();
  });

  it('swimlane: HTML in the test name and user labels stays text', async () => {
    const { messages } = await (
      await loadHarness('swimlaneHarness.ts')
    ).swimlaneMessages(sampleRoot);
    const [test, message] = Object.entries(messages)[0];
    const vm = renamed(message, test, `${test}${HOSTILE}`);
    vm.swimlane.rows = vm.swimlane.rows.map(r => ({ ...r, label: `${r.label}${HOSTILE}` }));
    const { p, errors } = await open('swimlane');
    await postToPage(p, vm);
    // Labels are drawn on the canvas; the page text must carry the test name at least.
    await assertInert(p, errors);
    await p.screenshot({ path: join(shots, 'security-swimlane.png') });
    await p.close();
  });
});
