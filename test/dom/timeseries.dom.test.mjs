// DOM test of the time-series webview (progression counts, QoE progression, QoS over time) in
// headless Chromium: the real bundle under the strict CSP, the host's answers built by the core
// from the sample root. What the chart drew is read back from its data table (built from the
// chart's own datasets) and compared with the core's downstream analysis
// (`analyzeTestDownstream`) and with QoS groups computed here from the raw stats columns.
// Screenshots of each view and theme go to test-results/dom/.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  ensureBuilt,
  generateLargeRoot,
  LARGE_TEST,
  LARGE_USERS,
  launchChromium,
  loadHarness,
  postToPage,
  repo,
  sampleRoot,
  serveWebview,
  shots,
  checkPngExport,
  assertFitsNarrow,
  NARROW,
} from './webviewPage.mjs';

/** Answers every seriesRequest the page posted since the last call, as the host would. */
async function pump(p) {
  const posted = await p.evaluate(() => window.__posted);
  p.answered ??= 0;
  for (const m of posted.slice(p.answered)) {
    const answer = p.host.answer(m);
    if (answer) await postToPage(p, answer);
  }
  p.answered = posted.length;
}

async function rendered(p, key) {
  await p.locator(`canvas#ts-chart[data-key="${key}"][data-rendered="true"]`).waitFor({
    timeout: 10_000,
  });
}

/** The data table's rows: series id → [[seconds, value, min, max, n]]. */
async function tableRows(p) {
  await p.locator('#show-table').click();
  return p.locator('#points tbody tr').evaluateAll(rows => {
    const out = {};
    for (const r of rows) {
      const cells = [...r.cells];
      const num = t => (t === '' ? undefined : Number(t));
      (out[r.dataset.series] ??= []).push([
        Number(cells[2].textContent),
        Number(cells[3].dataset.value),
        cells[4].textContent,
        cells[5].textContent,
        num(cells[6].textContent),
      ]);
    }
    return out;
  });
}

/** Per whole second since the origin: mean, min, max and count of the values (by hand). */
function groupBySecond(times, values, origin) {
  const groups = new Map();
  times.forEach((t, i) => {
    const v = values[i];
    if (Number.isNaN(v) || Number.isNaN(t) || v === null) return;
    const s = Math.floor((t - origin) / 1000);
    const g = groups.get(s) ?? [];
    g.push(v);
    groups.set(s, g);
  });
  return [...groups.entries()]
    .sort((a, b) => a[0] - b[0])
    .map(([s, vs]) => ({
      s,
      mean: vs.reduce((a, b) => a + b, 0) / vs.length,
      min: Math.min(...vs),
      max: Math.max(...vs),
      n: vs.length,
    }));
}

describe('time-series webview (DOM, headless Chromium)', () => {
  let server;
  let browser;
  let host;
  let base;
  let test;
  /** A generated root without stats.json and QoE files. */
  let bare;
  let bareDir;

  before(async () => {
    ensureBuilt('webview-timeseries');
    const harness = await loadHarness('timeSeriesHarness.ts');
    host = await harness.timeSeriesHost(sampleRoot);
    bareDir = mkdtempSync(join(tmpdir(), 'ltl-bare-'));
    execFileSync(process.execPath, [
      join(repo, 'dist', 'cli.js'),
      'generate',
      '--out',
      join(bareDir, 'root'),
      '--seed',
      '5',
      '--sessions',
      '2',
      '--no-stats',
      '--no-qoe',
    ]);
    bare = await harness.timeSeriesHost(join(bareDir, 'root'));
    test = host.tests.find(t => host.qoeProgression(t).vmaf.length > 0);
    ({ server, base } = await serveWebview('webview-timeseries'));
    browser = await launchChromium();
  });

  after(async () => {
    await browser?.close();
    server?.close();
    if (bareDir) rmSync(bareDir, { recursive: true, force: true });
  });

  async function open(theme, name = test, from = host, viewport = { width: 1200, height: 900 }) {
    const p = await browser.newPage({ viewport });
    p.host = from;
    const errors = [];
    p.on('pageerror', e => errors.push(String(e)));
    await p.goto(`${base}?theme=${theme}`);
    await p.waitForFunction(() => window.__posted.some(m => m.type === 'ready'));
    await postToPage(p, from.index(name));
    await p.waitForFunction(() => window.__posted.some(m => m.type === 'seriesRequest'));
    await pump(p);
    return { p, errors };
  }

  async function openTab(p, tab, key) {
    await p.locator(`#tab-${tab}`).click();
    await p.waitForFunction(
      k => window.__posted.some(m => m.type === 'seriesRequest' && m.key === k),
      key,
    );
    await pump(p);
    await rendered(p, key);
  }

  it('fits a narrow editor column', async () => {
    const { p, errors } = await open('vscode-dark', test, host, NARROW);
    await rendered(p, 'progression');
    await p.screenshot({ path: join(shots, 'timeseries-narrow.png'), fullPage: true });
    await assertFitsNarrow(p);
    assert.deepEqual(errors, []);
    await p.close();
  });

  for (const theme of ['vscode-dark', 'vscode-light', 'vscode-high-contrast']) {
    it(`draws the core's progression counts, QoE and QoS (${theme})`, async () => {
      const { p, errors } = await open(theme);
      await rendered(p, 'progression');
      const drawn = await tableRows(p);
      const core = host.progression(test);
      for (const kind of ['publishers', 'subscribers', 'streams_in', 'streams_out']) {
        assert.deepEqual(
          drawn[kind].map(r => [r[0], r[1]]),
          core[kind].map(pt => [pt.timestamp, pt.number]),
          kind,
        );
      }
      assert.ok(core.publishers.length > 0, 'the sample has connections');
      assert.equal(drawn.cpu.length, host.cpu(test).xs.length, 'every CPU sample (not decimated)');
      await p.locator('#data-table').evaluate(d => (d.open = false));
      await p.screenshot({
        path: join(shots, `timeseries-progression-${theme}.png`),
        fullPage: true,
      });

      await openTab(p, 'qoe', 'qoe');
      const qoe = await tableRows(p);
      const coreQoe = host.qoeProgression(test);
      assert.deepEqual(
        qoe.vmaf.map(r => [r[0], r[1]]),
        coreQoe.vmaf.map(q => [q.time_group, q.qoe * 100]),
        'VMAF on 0–100',
      );
      assert.deepEqual(
        qoe.visqol.map(r => [r[0], r[1]]),
        coreQoe.visqol.map(q => [q.time_group, 1 + 4 * q.qoe]),
        'ViSQOL as MOS 1–5',
      );
      assert.ok(qoe.memory.length > 0, 'memory drawn with QoE');
      await p.locator('#data-table').evaluate(d => (d.open = false));
      await p.screenshot({ path: join(shots, `timeseries-qoe-${theme}.png`), fullPage: true });

      await openTab(p, 'qos', 'qos/inbound/jitter');
      const qos = await tableRows(p);
      const raw = host.qosColumn(test, 'inbound_video', 'jitter');
      const expected = groupBySecond(raw.times, raw.values, host.start(test));
      assert.equal(qos.video.length, expected.length);
      qos.video.forEach((r, i) => {
        const e = expected[i];
        assert.equal(r[0], e.s);
        assert.ok(Math.abs(r[1] - e.mean) < 1e-12, `mean at ${e.s}: ${r[1]} vs ${e.mean}`);
        assert.equal(r[4], e.n);
      });
      assert.match(
        await p.locator('#legend').innerText(),
        /threshold 0\.03 s/,
        'jitter threshold line',
      );
      await p.locator('#data-table').evaluate(d => (d.open = false));
      await p.screenshot({ path: join(shots, `timeseries-qos-${theme}.png`), fullPage: true });
      assert.deepEqual(await p.evaluate(() => window.__csp), [], 'no CSP violation');
      assert.deepEqual(errors, []);
      await p.close();
    });
  }

  it(`draws the progression of a large generated root (${LARGE_USERS} users): the core's counts, payload ≤ 5 MB`, async () => {
    const { dir, root } = generateLargeRoot();
    try {
      const large = await loadHarness('timeSeriesHarness.ts').then(h => h.timeSeriesHost(root));
      const { p, errors } = await open('vscode-dark', LARGE_TEST, large);
      await rendered(p, 'progression');
      const requests = await p.evaluate(() =>
        window.__posted.filter(m => m.type === 'seriesRequest'),
      );
      for (const r of requests) {
        const bytes = Buffer.byteLength(JSON.stringify(large.answer(r)));
        assert.ok(bytes <= 5 * 1024 * 1024, `${r.key}: ${bytes} bytes`);
      }
      const drawn = await tableRows(p);
      const core = large.progression(LARGE_TEST);
      for (const kind of ['publishers', 'streams_in', 'streams_out']) {
        const counts = core[kind].map(pt => pt.number);
        assert.ok(counts.length > 0, kind);
        const shown = drawn[kind].map(r => r[1]);
        if (shown.length === counts.length) {
          assert.deepEqual(shown, counts, `${kind}: every point as the core counts it`);
          continue;
        }
        // Decimated (more points than pixel columns): min/max per column keeps the extremes.
        assert.ok(shown.length < counts.length, kind);
        assert.equal(Math.max(...shown), Math.max(...counts), `${kind} peak`);
        assert.equal(shown[0], counts[0], `${kind} first`);
        assert.equal(shown.at(-1), counts.at(-1), `${kind} last`);
      }
      await p.screenshot({ path: join(shots, 'timeseries-large-dark.png') });
      assert.deepEqual(errors, []);
      await p.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('a click on a QoS chart names who reported that second’s lowest and highest value', async () => {
    const { p } = await open('vscode-dark');
    await openTab(p, 'qos', 'qos/inbound/jitter');
    const raw = host.qosColumn(test, 'inbound_video', 'jitter');
    const groups = groupBySecond(raw.times, raw.values, host.start(test));
    // The busiest second (counted here), clicked at its pixel.
    const target = [...groups].sort((a, b) => b.n - a.n)[0];
    const box = await p.locator('canvas#ts-chart').boundingBox();
    // Its pixel from the drawn x range and plot area the canvas reports.
    const d = await p.locator('canvas#ts-chart').evaluate(c => ({ ...c.dataset }));
    const [x0, x1, l, r] = [d.xMin, d.xMax, d.plotLeft, d.plotRight].map(Number);
    const px = l + ((target.s + 0.5 - x0) / (x1 - x0)) * (r - l);
    await p.mouse.click(box.x + px, box.y + box.height / 2);
    const asked = await p.evaluate(() =>
      window.__posted.filter(m => m.type === 'seriesUsers').at(-1),
    );
    assert.deepEqual(asked, {
      type: 'seriesUsers',
      test,
      key: 'qos/inbound/jitter',
      second: target.s,
    });
    await postToPage(p, host.users(asked));
    const video = p.locator('#series-users-table tr[data-media="video"]');
    await video.waitFor();
    const cells = video.locator('td[data-user]');
    assert.equal(Number(await cells.nth(0).getAttribute('data-value')), target.min);
    assert.equal(Number(await cells.nth(1).getAttribute('data-value')), target.max);
    await cells.nth(1).locator('button.show-user').click();
    const shown = await p.evaluate(() => window.__posted.at(-1));
    const [, session, user] = /^S(\d+)-U(\d+)$/.exec(await cells.nth(1).getAttribute('data-user'));
    assert.deepEqual(shown, { type: 'showUserInSwimlane', test, session, user });
    await p.locator('#series-users').screenshot({ path: join(shots, 'timeseries-users-dark.png') });
    await p.close();
  });
  it('shows outbound RTT with its 0.25 s threshold and both media', async () => {
    const { p } = await open('vscode-dark');
    await openTab(p, 'qos', 'qos/inbound/jitter');
    await p.selectOption('#qos-direction', 'outbound');
    await p.waitForFunction(() =>
      window.__posted.some(m => m.type === 'seriesRequest' && m.key === 'qos/outbound/jitter'),
    );
    await pump(p);
    await rendered(p, 'qos/outbound/jitter');
    await p.selectOption('#qos-metric', 'rtt');
    await p.waitForFunction(() =>
      window.__posted.some(m => m.type === 'seriesRequest' && m.key === 'qos/outbound/rtt'),
    );
    await pump(p);
    await rendered(p, 'qos/outbound/rtt');
    const rows = await tableRows(p);
    const raw = host.qosColumn(test, 'remote_inbound_audio', 'roundTripTime');
    const expected = groupBySecond(raw.times, raw.values, host.start(test));
    assert.deepEqual(
      rows.audio.map(r => r[0]),
      expected.map(e => e.s),
    );
    assert.ok(rows.video.length > 0);
    assert.match(await p.locator('#legend').innerText(), /threshold 0\.25 s/);
    await p.screenshot({ path: join(shots, 'timeseries-qos-rtt.png'), fullPage: true });
    await p.close();
  });

  it('zooms with the keys, reports the range and asks the host for finer data', async () => {
    const { p } = await open('vscode-dark');
    await rendered(p, 'progression');
    const full = await p
      .locator('canvas#ts-chart')
      .evaluate(c => [Number(c.dataset.xMin), Number(c.dataset.xMax)]);
    await p.locator('#chart-box').focus();
    await p.keyboard.press('+');
    await p.keyboard.press('+');
    // The request follows the last reported range once the keys pause (debounced).
    await p.waitForFunction(() => {
      const last = type => window.__posted.filter(m => m.type === type).at(-1);
      const range = last('visibleRange')?.range;
      const asked = last('seriesRequest')?.range;
      return range && asked && asked.start === range.start && asked.end === range.end;
    });
    const posted = await p.evaluate(() => window.__posted);
    const visible = posted.filter(m => m.type === 'visibleRange').at(-1);
    const req = posted.filter(m => m.type === 'seriesRequest').at(-1);
    assert.ok(visible.range.end - visible.range.start < (full[1] - full[0]) / 2);
    assert.deepEqual(req.range, visible.range, 'finer data asked for the visible range');
    await pump(p);
    const renders = await p.locator('canvas#ts-chart').getAttribute('data-renders');
    assert.ok(Number(renders) >= 2, 'redrawn with the answer');
    const x = await p
      .locator('canvas#ts-chart')
      .evaluate(c => [Number(c.dataset.xMin), Number(c.dataset.xMax)]);
    assert.deepEqual(x, [visible.range.start, visible.range.end], 'zoom kept while refining');

    // A range linked from another view of the test: applied, asked for, never echoed.
    const before = posted.filter(m => m.type === 'visibleRange').length;
    await postToPage(p, { type: 'linkedRange', range: { start: 2, end: 12 } });
    await p.waitForFunction(() =>
      window.__posted.some(m => m.type === 'seriesRequest' && m.range?.start === 2),
    );
    await pump(p);
    await p.waitForFunction(() => document.getElementById('ts-chart').dataset.xMin === '2');
    const after = await p.evaluate(() => window.__posted.filter(m => m.type === 'visibleRange'));
    assert.equal(after.length, before, 'a linked range is not reported back');
    await p.locator('#reset-zoom').click();
    await p.waitForFunction(() =>
      window.__posted.some(m => m.type === 'visibleRange' && m.range === null),
    );
    await p.close();
  });

  it('toggles series from the keyboard, switches to wall-clock time, shows tooltips', async () => {
    const { p } = await open('vscode-light');
    await rendered(p, 'progression');
    const toggle = p.locator('.series-toggle[data-series="publishers"]');
    await toggle.focus();
    await p.keyboard.press('Enter');
    assert.equal(await toggle.getAttribute('aria-pressed'), 'false');
    const rows = await tableRows(p);
    assert.equal(rows.publishers, undefined, 'hidden series not drawn');
    assert.equal((await p.evaluate(() => window.__state.ui)).hidden.progression[0], 'publishers');
    await p.keyboard.press('Space');
    await p.selectOption('#time-axis', 'clock');
    assert.equal((await p.evaluate(() => window.__state.ui)).timeMode, 'clock');
    await p.locator('#show-table').click();
    const time = await p.locator('#points tbody tr td:nth-child(2)').first().innerText();
    assert.match(time, /^\d{2}:\d{2}:\d{2}\.\d{3}$/, `wall-clock time ${time}`);
    // Keyboard cursor: Shift+→ steps to a point and announces it.
    await p.locator('#chart-box').focus();
    await p.keyboard.press('Shift+ArrowRight');
    const announced = await p.locator('#chart-status').innerText();
    assert.match(announced, /\d{2}:\d{2}:\d{2}\.\d{3} UTC.*Streams in: \d+;.*CPU: [\d.]+%/);
    // Mouse hover: the tooltip is drawn.
    const box = await p.locator('canvas#ts-chart').boundingBox();
    await p.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    await p.locator('#ts-tooltip:not([hidden])').waitFor();
    assert.match(await p.locator('#ts-tooltip').innerText(), /Streams out: \d+/);
    await p.screenshot({ path: join(shots, 'timeseries-tooltip.png') });
    await p.close();
  });

  it('exports the drawn points as CSV and the chart as PNG through the host', async () => {
    const { p } = await open('vscode-dark');
    await rendered(p, 'progression');
    await p.locator('#export-csv').click();
    const csv = await p.evaluate(() => window.__posted.at(-1));
    assert.equal(csv.type, 'exportFile');
    assert.equal(csv.name, `${test}-progression.csv`);
    const lines = csv.data.trim().split('\r\n');
    assert.equal(lines[0], 'series,seconds_since_start,time,value,min,max,samples,unit');
    const publishers = lines.filter(l => l.startsWith('Publishers,'));
    assert.deepEqual(
      publishers.map(l => l.split(',').slice(1, 2).concat(l.split(',')[3]).map(Number)),
      host.progression(test).publishers.map(pt => [pt.timestamp, pt.number]),
    );
    await checkPngExport(p, 'Saved /tmp/x.png');
    await p.close();
  });

  it('says plainly when a test has no QoE files and no stats.json, and shows errors', async () => {
    const name = bare.tests[0];
    const { p } = await open('vscode-dark', name, bare);
    await rendered(p, 'progression');
    for (const [tab, key, text] of [
      ['qoe', 'qoe', /^No QoE values in this test/],
      ['qos', 'qos/inbound/jitter', /^This test has no stats\.json files: no QoS to draw\.$/],
    ]) {
      await p.locator(`#tab-${tab}`).click();
      await p.waitForFunction(
        k => window.__posted.some(m => m.type === 'seriesRequest' && m.key === k),
        key,
      );
      await pump(p);
      await p.locator('#chart-empty').waitFor();
      assert.match(await p.locator('#chart-empty').innerText(), text);
      assert.equal(await p.locator('body').getAttribute('data-state'), 'empty');
      assert.equal(await p.locator('#tab-progression').count(), 1, 'the tabs stay usable');
    }
    await p.screenshot({ path: join(shots, 'timeseries-empty.png') });
    await postToPage(p, { type: 'error', message: 'Could not analyse <b>x</b>: EACCES' });
    assert.equal(await p.locator('body').getAttribute('data-state'), 'error');
    assert.equal(await p.locator('#app b').count(), 0);
    await p.close();
  });
});
