// DOM test of the overview webview in headless Chromium, without VS Code: the real webview
// bundle under the same strict CSP the extension sets, a stand-in `acquireVsCodeApi`, and the
// host messages built by the core from the sample root. Expected figures are computed here,
// straight from the CSV files, never by the code under test. Screenshots of each theme go to
// test-results/dom/.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import {
  assertFitsNarrow,
  checkPngExport,
  ensureBuilt,
  launchChromium,
  loadHarness,
  paintedPixels,
  postToPage,
  sampleRoot,
  serveWebview,
  shots,
  NARROW,
} from './webviewPage.mjs';

/** Rows with a cpu / memory value and their maxima, read from the CSV by hand. */
function csvFigures(test) {
  const csv = join(sampleRoot, 'dfs_final', `${test}-medianode.csv`);
  if (!existsSync(csv)) return null;
  const [header, ...rows] = readFileSync(csv, 'utf8').trim().split(/\r?\n/);
  const cols = header.split(',');
  const column = name =>
    rows
      .map(r => r.split(',')[cols.indexOf(name)])
      .filter(v => v !== undefined && v.trim() !== '')
      .map(Number);
  const cpu = column('cpu');
  const memory = column('memory');
  return {
    points: cpu.length,
    cpuMax: Math.max(...cpu),
    memoryPoints: memory.length,
    memoryMax: Math.max(...memory),
  };
}

/** Users of a test, counted by hand: its folders stats/<test>/<session>/<user>/. */
function userFolders(test) {
  const dirs = path =>
    readdirSync(path, { withFileTypes: true })
      .filter(d => d.isDirectory())
      .map(d => join(path, d.name));
  return dirs(join(sampleRoot, 'stats', test)).flatMap(dirs).length;
}

/** What the chart drew for a test, or null when it showed the "no samples" state. */
async function chartFigures(p, test) {
  const state = p.locator(
    `canvas#cpu-chart[data-test="${test}"]:is([data-rendered="true"], [data-rendered="empty"])`,
  );
  await state.waitFor({ timeout: 10_000 });
  if ((await state.getAttribute('data-rendered')) === 'empty') return null;
  const canvas = p.locator(`canvas#cpu-chart[data-rendered="true"][data-test="${test}"]`);
  await canvas.waitFor({ timeout: 10_000 });
  const d = await canvas.evaluate(c => ({ ...c.dataset }));
  return {
    points: Number(d.points),
    cpuMax: Number(d.cpuMax),
    memoryPoints: Number(d.memoryPoints),
    memoryMax: Number(d.memoryMax),
  };
}

describe('overview webview (DOM, headless Chromium)', () => {
  let server;
  let browser;
  let messages;
  let tests;
  let base;

  before(async () => {
    ensureBuilt('webview-overview');
    tests = readdirSync(join(sampleRoot, 'stats')).sort();
    messages = await (await loadHarness('hostHarness.ts')).overviewMessages(sampleRoot);
    ({ server, base } = await serveWebview('webview-overview'));
    browser = await launchChromium();
  });

  after(async () => {
    await browser?.close();
    server?.close();
  });

  async function open(theme, width = 1200) {
    const p = await browser.newPage({ viewport: { width, height: 900 } });
    const errors = [];
    p.on('pageerror', e => errors.push(String(e)));
    await p.goto(`${base}?theme=${theme}`);
    await p.waitForFunction(() => window.__posted.some(m => m.type === 'ready'));
    return { p, errors };
  }

  const post = postToPage;

  for (const theme of ['vscode-dark', 'vscode-light', 'vscode-high-contrast']) {
    it(`draws the first test's CPU and memory from the CSV (${theme})`, async () => {
      const { p, errors } = await open(theme);
      await post(p, messages.overview);
      await post(p, messages.series[tests[0]]);
      assert.equal(await p.locator('body').getAttribute('data-state'), 'ready');
      assert.deepEqual(
        await p.locator('#tests tbody tr').evaluateAll(rows => rows.map(r => r.dataset.test)),
        tests,
      );
      assert.deepEqual(await chartFigures(p, tests[0]), csvFigures(tests[0]));
      assert.ok(
        (await paintedPixels(p, 'canvas#cpu-chart')) > 2000,
        'the chart canvas has painted pixels',
      );
      await p.screenshot({ path: join(shots, `overview-${theme}.png`), fullPage: true });
      assert.deepEqual(await p.evaluate(() => window.__csp), [], 'no CSP violation');
      assert.deepEqual(errors, []);
      await p.close();
    });
  }

  it('fits a narrow editor column: headings on one line, every button whole and readable', async () => {
    const { p } = await open('vscode-dark', NARROW.width);
    await post(p, messages.overview);
    await post(p, messages.series[tests[0]]);
    await p.screenshot({ path: join(shots, 'overview-narrow.png'), fullPage: true });
    const layout = await assertFitsNarrow(p);
    assert.ok(layout.buttons >= 6, 'the chart section has its buttons');
    await p.close();
  });

  it('selects tests with the keyboard and redraws each with its own data', async () => {
    const { p } = await open('vscode-dark');
    await post(p, messages.overview);
    await post(p, messages.series[tests[0]]);
    await p.locator('#tests tbody tr').first().focus();
    for (let i = 1; i < tests.length; i++) {
      await p.keyboard.press('ArrowDown');
      const asked = await p.evaluate(() => window.__posted.at(-1));
      assert.deepEqual(asked, { type: 'selectTest', test: tests[i] });
      await post(p, messages.series[tests[i]]);
      assert.deepEqual(await chartFigures(p, tests[i]), csvFigures(tests[i]));
      assert.equal(
        await p.locator(`#tests tbody tr[data-test="${tests[i]}"]`).getAttribute('aria-selected'),
        'true',
      );
    }
    assert.deepEqual(
      await p.evaluate(() => window.__state.ui),
      { selected: tests.at(-1) },
      'only UI state is persisted',
    );
    await p.close();
  });

  it('shows an empty state, an error state and test names as text, never as HTML', async () => {
    const { p } = await open('vscode-light');
    await post(p, {
      type: 'overview',
      overview: { rootName: 'empty', tests: [], diagnostics: [] },
    });
    assert.equal(await p.locator('body').getAttribute('data-state'), 'empty');
    await p.screenshot({ path: join(shots, 'overview-empty.png') });
    const hostile = '<img src=x onerror="window.__pwned=1">';
    const row = { ...messages.overview.overview.tests[0], name: hostile };
    await post(p, {
      type: 'overview',
      overview: { rootName: hostile, tests: [row], selected: hostile, diagnostics: [] },
    });
    assert.equal(await p.locator('#app img').count(), 0);
    assert.ok((await p.locator('#tests tbody tr td').first().innerText()).endsWith(hostile));
    await post(p, { type: 'error', message: 'Could not read the results: EACCES' });
    assert.equal(await p.locator('body').getAttribute('data-state'), 'error');
    assert.equal(
      await p.locator('[role="alert"]').innerText(),
      'Could not read the results: EACCES',
    );
    assert.equal(await p.evaluate(() => window.__pwned), undefined);
    await p.close();
  });

  it('shows a connected count the log cannot tell as —, not 0, on screen and in the CSV', async () => {
    const { p } = await open('vscode-dark');
    const row = messages.overview.overview.tests[0];
    const logsOnly = {
      ...row,
      name: 'logs-only',
      connected: 0,
      sources: { users: 'log', sessions: 'log', connected: 'none', failures: 'log' },
    };
    await post(p, {
      type: 'overview',
      overview: { rootName: 'r', tests: [row, logsOnly], selected: row.name, diagnostics: [] },
    });
    const header = await p.locator('#tests thead th').allInnerTexts();
    const col = header.indexOf('Connected');
    const cell = n => p.locator('#tests tbody tr').nth(n).locator('td').nth(col).innerText();
    assert.equal(await cell(0), String(row.connected));
    assert.equal(await cell(1), '—');
    await p.click('#export-csv');
    const csv = await p.evaluate(() => window.__posted.at(-1));
    const [, , unknown] = csv.data.trim().split('\r\n');
    assert.equal(unknown.split(',')[col], '');
    await p.close();
  });

  it('exports the tests table as CSV and the chart of the selected test as PNG', async () => {
    const { p } = await open('vscode-dark');
    await post(p, messages.overview);
    await post(p, messages.series[tests[0]]);
    await p.locator('canvas#cpu-chart[data-rendered="true"]').waitFor();
    const header = await p.locator('#tests thead th').allInnerTexts();
    await p.click('#export-csv');
    const csv = await p.evaluate(() => window.__posted.at(-1));
    assert.equal(csv.type, 'exportFile');
    assert.equal(csv.test, messages.overview.overview.rootName);
    assert.match(csv.name, /-tests\.csv$/);
    const [head, ...rows] = csv.data.trim().split('\r\n');
    assert.deepEqual(
      head.split(','),
      header.map(h => (h === 'Duration' ? 'Duration (s)' : h)),
    );
    const cells = rows.map(r => r.split(','));
    assert.deepEqual(
      cells.map(c => c[0]),
      tests,
    );
    const users = head.split(',').indexOf('Users');
    assert.deepEqual(
      cells.map(c => Number(c[users])),
      tests.map(userFolders),
    );
    const duration = Number(cells[0][head.split(',').indexOf('Duration (s)')]);
    assert.ok(duration > 0, 'the duration in seconds, not formatted');
    await checkPngExport(p, 'Saved overview.png');
    const png = await p.evaluate(
      () => window.__posted.filter(m => m.type === 'exportFile').at(-1).name,
    );
    assert.match(png, new RegExp(`${tests[0]}-media-node\\.png$`));
    await p.screenshot({ path: join(shots, 'overview-export-dark.png') });
    await p.close();
  });
});
