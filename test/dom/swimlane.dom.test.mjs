// DOM test of the connection-progression webview in headless Chromium, without VS Code: the
// real bundle under the extension's strict CSP, a stand-in `acquireVsCodeApi`, and the messages
// the core builds from the sample root. What the charts drew is read back from the canvases'
// data attributes and compared with figures computed here: users from the folders under
// stats/<test>/, CPU samples from the CSV, and segments from the core's connection_stats rows
// (the "read the chart data back and compare with the core's output"). Screenshots of
// each theme go to test-results/dom/.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import {
  ensureBuilt,
  generateLargeRoot,
  LARGE_TEST,
  LARGE_USERS,
  launchChromium,
  loadHarness,
  paintedPixels,
  postToPage,
  sampleRoot,
  serveWebview,
  shots,
  assertFitsNarrow,
  NARROW,
} from './webviewPage.mjs';

const num = name => Number(/(\d+)$/.exec(name)?.[1]);

/** `S<session>-U<user>` of every user folder under stats/<test>/, sessions then users by number. */
function userLabels(test) {
  const dir = join(sampleRoot, 'stats', test);
  const users = [];
  for (const s of readdirSync(dir))
    for (const u of readdirSync(join(dir, s))) users.push([num(s), num(u)]);
  users.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  return users.map(([s, u]) => `S${s}-U${u}`);
}

/** CPU cells in the media-node CSV, counted by hand. */
function cpuSamples(test) {
  const csv = join(sampleRoot, 'dfs_final', `${test}-medianode.csv`);
  if (!existsSync(csv)) return 0;
  const [header, ...lines] = readFileSync(csv, 'utf8').trim().split(/\r?\n/);
  const col = header.split(',').indexOf('cpu');
  return lines.filter(l => (l.split(',')[col] ?? '').trim() !== '').length;
}

const KIND = {
  connectionStart: 'start',
  connectionSuccess: 'connected',
  connectionFail: 'failure',
  QOE: 'qoe',
};

/** How a core row is drawn: a connection start after a failure (attempt > 0) is a retry. */
const drawnKind = r => (r.type === 'connectionStart' && r.attempt > 0 ? 'retry' : KIND[r.type]);

/** Segments per drawn kind in the core's rows (QoE of one metric; no QoS colouring). */
function coreCounts(rows, metric) {
  const counts = { start: 0, retry: 0, connected: 0, failure: 0, qoe: 0, qos: 0 };
  for (const r of rows) if (r.type !== 'QOE' || r.qoe_metric === metric) counts[drawnKind(r)] += 1;
  return counts;
}

/**
 * The notebook's jitter colouring, worked out here from draw_cons_plot_qos: Normalize(0, 0.1)
 * (clipped) over the ramp darkblue → green → yellow → orange → black, evenly spaced.
 */
function jitterColor(seconds) {
  const ramp = [
    [0, 0, 139],
    [0, 128, 0],
    [255, 255, 0],
    [255, 165, 0],
    [0, 0, 0],
  ];
  const x = Math.min(1, Math.max(0, seconds / 0.1)) * 4;
  const i = Math.min(3, Math.floor(x));
  const f = x - i;
  return ramp[i].map((a, k) => Math.round(a + (ramp[i + 1][k] - a) * f));
}

/**
 * Inbound video jitter of one user, averaged per whole second since `origin` (epoch ms), read
 * straight from its stats.json: every `stats` item's video inbound-rtp reports.
 */
function jitterSeconds(test, session, user, origin) {
  const file = join(
    sampleRoot,
    'stats',
    test,
    `LoadTestSession${session}`,
    `User${user}`,
    'stats.json',
  );
  const bins = new Map();
  for (const element of JSON.parse(readFileSync(file, 'utf8')))
    for (const item of element.webrtcStats ?? []) {
      if (item.event !== 'stats') continue;
      for (const r of item.data?.video?.inbound ?? []) {
        if (r.type !== 'inbound-rtp' || typeof r.jitter !== 'number') continue;
        const s = Math.floor((r.timestamp - origin) / 1000);
        const b = bins.get(s) ?? { sum: 0, n: 0 };
        b.sum += r.jitter;
        b.n += 1;
        bins.set(s, b);
      }
    }
  return [...bins.entries()].sort((a, b) => a[0] - b[0]).map(([s, b]) => [s, s + 1, b.sum / b.n]);
}

const cap = k => k[0].toUpperCase() + k.slice(1);

async function drawn(p) {
  const canvas = p.locator('canvas#swimlane[data-rendered="true"]');
  await canvas.waitFor({ timeout: 10_000 });
  const d = await canvas.evaluate(c => ({ ...c.dataset }));
  const kinds = ['start', 'retry', 'connected', 'failure', 'qoe', 'qos'];
  return {
    rows: Number(d.rows),
    segments: Number(d.segments),
    drawn: Object.fromEntries(kinds.map(k => [k, Number(d[`seg${cap(k)}`])])),
    represented: Object.fromEntries(kinds.map(k => [k, Number(d[`rows${cap(k)}`])])),
    x: [Number(d.xMin), Number(d.xMax)],
  };
}

async function cpuDrawn(p) {
  const canvas = p.locator('canvas#cpu-chart[data-rendered="true"]');
  await canvas.waitFor({ timeout: 10_000 });
  const d = await canvas.evaluate(c => ({ ...c.dataset }));
  return { cpuPoints: Number(d.cpuPoints), x: [Number(d.xMin), Number(d.xMax)] };
}

describe('swimlane webview (DOM, headless Chromium)', () => {
  let server;
  let browser;
  let host;
  let harness;
  let tests;
  let base;

  before(async () => {
    ensureBuilt('webview-swimlane');
    tests = readdirSync(join(sampleRoot, 'stats')).sort();
    harness = await loadHarness('swimlaneHarness.ts');
    host = await harness.swimlaneMessages(sampleRoot);
    ({ server, base } = await serveWebview('webview-swimlane'));
    browser = await launchChromium();
  });

  after(async () => {
    await browser?.close();
    server?.close();
  });

  async function open(theme, test, viewport = { width: 1200, height: 1000 }) {
    const p = await browser.newPage({ viewport });
    const errors = [];
    p.on('pageerror', e => errors.push(String(e)));
    await p.goto(`${base}?theme=${theme}`);
    await p.waitForFunction(() => window.__posted.some(m => m.type === 'ready'));
    if (test) await post(p, host.messages[test]);
    return { p, errors };
  }

  const post = postToPage;

  it('fits a narrow editor column', async () => {
    const { p, errors } = await open('vscode-dark', tests[0], NARROW);
    await drawn(p);
    await p.screenshot({ path: join(shots, 'swimlane-narrow.png'), fullPage: true });
    await assertFitsNarrow(p);
    assert.deepEqual(errors, []);
    await p.close();
  });

  /** The sample's first test drawn in the dark theme, with the labels of its rows. */
  async function openFirst() {
    const test = tests[0];
    const { p, errors } = await open('vscode-dark', test);
    await drawn(p);
    return { p, errors, test, labels: userLabels(test) };
  }

  for (const theme of ['vscode-dark', 'vscode-light', 'vscode-high-contrast']) {
    it(`draws one row per user folder and the core's segments per kind (${theme})`, async () => {
      const test = tests[0];
      const { p, errors } = await open(theme, test);
      const d = await drawn(p);
      assert.equal(d.rows, userLabels(test).length);
      const expected = coreCounts(host.rows[test], 'vmaf');
      assert.deepEqual(d.represented, expected, 'every core row is drawn (or merged into a bar)');
      assert.ok(
        expected.failure > 0 && expected.qoe > 0 && expected.retry > 0,
        'the sample exercises failures, retries and QoE',
      );
      assert.deepEqual(d.drawn, expected, 'the sample is small enough to draw unmerged');
      assert.equal(
        d.segments,
        Object.values(expected).reduce((a, b) => a + b, 0),
      );
      assert.equal((await cpuDrawn(p)).cpuPoints, cpuSamples(test));
      assert.ok((await paintedPixels(p, 'canvas#swimlane')) > 20_000, 'the swimlane has paint');
      assert.ok((await paintedPixels(p, 'canvas#cpu-chart')) > 2000, 'the CPU chart has paint');
      assert.equal(
        await p
          .locator('#qoe-legend')
          .innerText()
          .then(t => t.includes('VMAF')),
        true,
      );
      await p.screenshot({ path: join(shots, `swimlane-${theme}.png`), fullPage: true });
      assert.deepEqual(await p.evaluate(() => window.__csp), [], 'no CSP violation');
      assert.deepEqual(errors, []);
      await p.close();
    });
  }

  it(`draws a large generated root (${LARGE_USERS} users): every user a row, every core row represented, payload ≤ 5 MB`, async () => {
    const { dir, root } = generateLargeRoot();
    try {
      const large = await harness.swimlaneMessages(root);
      const message = large.messages[LARGE_TEST];
      const bytes = Buffer.byteLength(JSON.stringify(message));
      assert.ok(bytes <= 5 * 1024 * 1024, `payload ${bytes} bytes`);
      const p = await browser.newPage({ viewport: { width: 1200, height: 1000 } });
      const errors = [];
      p.on('pageerror', e => errors.push(String(e)));
      await p.goto(`${base}?theme=vscode-dark`);
      await p.waitForFunction(() => window.__posted.some(m => m.type === 'ready'));
      await post(p, message);
      await drawn(p);
      // Beyond 200 users every user is drawn in the compressed overview (the full chart draws
      // the lens); it says what it drew as the full chart does.
      const over = p.locator('canvas#swim-overview[data-rendered="true"]');
      await over.waitFor();
      const o = await over.evaluate(c => ({ ...c.dataset }));
      // Rows: one per user folder, counted on disk.
      const folders = readdirSync(join(root, 'stats', LARGE_TEST)).flatMap(s =>
        readdirSync(join(root, 'stats', LARGE_TEST, s)),
      );
      assert.equal(folders.length, LARGE_USERS);
      assert.equal(Number(o.rows), LARGE_USERS);
      const expected = coreCounts(large.rows[LARGE_TEST], 'vmaf');
      const represented = Object.fromEntries(
        Object.keys(expected).map(k => [k, Number(o[`rows${cap(k)}`] ?? 0)]),
      );
      assert.deepEqual(represented, expected, 'every core row drawn or merged into a bar');
      assert.ok(
        expected.failure > 0 && expected.retry > 0 && expected.qoe > 1000,
        `a loaded run with failures, retries and QoE: ${JSON.stringify(expected)}`,
      );
      assert.ok((await paintedPixels(p, 'canvas#swimlane')) > 20_000, 'the swimlane has paint');
      assert.ok((await paintedPixels(p, 'canvas#swim-overview')) > 20_000, 'the overview too');
      await p.screenshot({ path: join(shots, 'swimlane-large-dark.png') });
      assert.deepEqual(errors, []);
      await p.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
  it('draws every test of the sample with its own rows and segments', async () => {
    const { p, errors } = await open('vscode-dark');
    for (const test of tests) {
      await post(p, host.messages[test]);
      await p.locator(`canvas#swimlane[data-test="${test}"][data-rendered="true"]`).waitFor();
      const d = await drawn(p);
      assert.equal(d.rows, userLabels(test).length, test);
      assert.deepEqual(d.represented, coreCounts(host.rows[test], 'vmaf'), test);
    }
    assert.deepEqual(errors, []);
    await p.close();
  });

  it('switches the QoE colouring to ViSQOL and draws its segments', async () => {
    const { p, test } = await openFirst();
    await p.selectOption('#metric', 'qoe:visqol');
    const d = await drawn(p);
    assert.deepEqual(d.represented, coreCounts(host.rows[test], 'visqol'));
    assert.match(await p.locator('#qoe-legend').innerText(), /ViSQOL MOS/);
    assert.equal((await p.evaluate(() => window.__state.ui)).colour, 'qoe:visqol', 'UI state only');
    await p.screenshot({ path: join(shots, 'swimlane-visqol.png'), fullPage: true });
    await p.close();
  });

  it('moves between users with the keyboard and lists the chosen one in the detail panel', async () => {
    const { p, test, labels } = await openFirst();
    await p.locator('#swim-scroll').focus();
    await p.keyboard.press('ArrowDown');
    await p.keyboard.press('ArrowDown');
    await p.keyboard.press('ArrowUp');
    await p.keyboard.press('ArrowDown');
    assert.equal(await p.locator('#swim-scroll').getAttribute('data-highlighted'), labels[1]);
    await p.keyboard.press('Enter');
    const detail = p.locator(`#detail[data-row="${labels[1]}"]`);
    await detail.waitFor();
    const [, s, u] = /^S(\d+)-U(\d+)$/.exec(labels[1]);
    const own = host.rows[test].filter(
      r => r.session === s && r.user === u && (r.type !== 'QOE' || r.qoe_metric === 'vmaf'),
    );
    assert.equal(await detail.locator('tbody tr').count(), own.length);
    await p.locator('#open-events').click();
    assert.deepEqual(await p.evaluate(() => window.__posted.at(-1)), {
      type: 'openUserEvents',
      test,
      session: s,
      user: u,
    });
    await p.locator('#swim-scroll').focus();
    await p.keyboard.press('End');
    assert.equal(await p.locator('#swim-scroll').getAttribute('data-highlighted'), labels.at(-1));
    await p.screenshot({ path: join(shots, 'swimlane-detail.png'), fullPage: true });
    await p.close();
  });

  it("shows the chosen user's QoS figures from the host in the detail panel", async () => {
    const { p, test, labels } = await openFirst();
    await p.locator('#swim-scroll').focus();
    await p.keyboard.press('ArrowDown');
    await p.keyboard.press('Enter');
    const [, s, u] = /^S(\d+)-U(\d+)$/.exec(labels[0]);
    assert.match(await p.locator('#detail-qos').innerText(), /Reading stats\.json/);
    let message;
    const asked = await answer(p, 'swimlaneUserQos', async m => {
      message = await harness.userQosMessage(host.statsDirs[test], m.test, m.session, m.user);
      return message;
    });
    assert.deepEqual(asked, { type: 'swimlaneUserQos', test, session: s, user: u });
    await p.locator('#detail-qos[data-state="ready"]').waitFor();
    const figures = message.userQos.figures;
    assert.ok(figures.length > 0, 'the sample has stats for this user');
    assert.equal(await p.locator('#detail-qos-table tbody tr').count(), figures.length);
    for (const f of figures) {
      const row = p.locator(`#detail-qos-table tr[data-variant="${f.variant}"]`);
      for (const field of ['n', 'mean', 'min', 'max'])
        assert.equal(
          Number(await row.locator(`td[data-field="${field}"]`).getAttribute('data-value')),
          f[field],
          `${f.variant} ${field}`,
        );
    }
    // Units users read: a jitter in seconds is shown in ms (×1000, two decimals below 10).
    const jitter = figures.find(f => f.variant === 'inbound/jitter/video');
    if (jitter) {
      const ms = jitter.mean * 1000;
      assert.equal(
        await p
          .locator('tr[data-variant="inbound/jitter/video"] td[data-field="mean"]')
          .innerText(),
        ms.toFixed(ms < 10 ? 2 : 1),
      );
    }
    // A late answer for another user does not replace this user's figures.
    await post(p, {
      type: 'swimlaneUserQos',
      userQos: { ...message.userQos, user: '999', figures: [] },
    });
    assert.equal(await p.locator('#detail-qos-table tbody tr').count(), figures.length);
    await p.locator('#detail').screenshot({ path: join(shots, 'swimlane-detail-qos.png') });
    await p.close();
  });

  it('draws the QoE ramp on the colour range the host sends (setting qoeColorRanges)', async () => {
    const test = tests[0];
    const { p } = await open('vscode-dark');
    const vm = host.messages[test].swimlane;
    await post(p, {
      type: 'swimlane',
      swimlane: { ...vm, qoeRanges: { vmaf: [20, 80], visqol: [1, 5] } },
    });
    await drawn(p);
    assert.match(await p.locator('#qoe-legend').innerText(), /20\s+35\s+50\s+65\s+80/);
    await p.close();
  });

  it('reveals a user asked for from the Results view: row highlighted, details open', async () => {
    const { p, labels } = await openFirst();
    const target = labels.at(-1);
    const [, s, u] = /^S(\d+)-U(\d+)$/.exec(target);
    await post(p, { type: 'revealUser', session: s, user: u });
    await p.locator(`#detail[data-row="${target}"]`).waitFor();
    assert.equal(await p.locator('#swim-scroll').getAttribute('data-highlighted'), target);
    // An unknown user changes nothing.
    await post(p, { type: 'revealUser', session: '999', user: '1' });
    assert.equal(await p.locator('#detail').getAttribute('data-row'), target);
    await p.close();
  });

  it('marks the load knees the host sends, and lists them in words', async () => {
    const { p, test } = await openFirst();
    assert.match(await p.locator('#knee-note').innerText(), /Looking for load knees/);
    const knees = [
      {
        metric: 'vmaf',
        load: 'users',
        value: 12,
        low: 10,
        high: 14,
        time: 40,
        label: 'VMAF knee at 12 users (95 % 10 users–14 users)',
      },
    ];
    await post(p, { type: 'swimlaneKnees', test: 'another test', knees: [] });
    await post(p, { type: 'swimlaneKnees', test, knees });
    await p.locator('canvas#swimlane[data-knees]').waitFor();
    assert.deepEqual(JSON.parse(await p.locator('canvas#swimlane').getAttribute('data-knees')), [
      ['vmaf', 'users', 40],
    ]);
    assert.match(
      await p.locator('#knee-note').innerText(),
      /VMAF knee at 12 users \(95 % 10 users–14 users\), reached at 40(\.0+)? s/,
    );
    await p.screenshot({ path: join(shots, 'swimlane-knee-dark.png') });
    await post(p, { type: 'swimlaneKnees', test, knees: [] });
    assert.match(await p.locator('#knee-note').innerText(), /No load knee/);
    await p.close();
  });
  it('opens a user by clicking its row', async () => {
    const test = tests[0];
    const labels = userLabels(test);
    const { p } = await open('vscode-light', test);
    await drawn(p);
    const area = await p.locator('canvas#swimlane').evaluate(c => {
      const r = c.getBoundingClientRect();
      return {
        x: r.x,
        y: r.y,
        w: r.width,
        top: Number(c.dataset.areaTop),
        bottom: Number(c.dataset.areaBottom),
      };
    });
    // The centre of row 3: category rows split the chart area evenly (bars sit mid-row).
    const rowY = area.top + ((3 + 0.5) * (area.bottom - area.top)) / labels.length;
    await p.mouse.click(area.x + area.w - 30, area.y + rowY);
    // Chart.js handles events on the next animation frame: wait for the panel, then check it.
    await p.waitForFunction(() => document.getElementById('detail')?.dataset.row !== undefined);
    assert.equal(await p.locator('#detail').getAttribute('data-row'), labels[3]);
    await p.close();
  });

  it('zooms on time with the keys, keeps the CPU chart aligned, and resets', async () => {
    const test = tests[0];
    const { p } = await open('vscode-dark', test);
    const full = (await drawn(p)).x;
    assert.deepEqual(full, host.messages[test].swimlane.window);
    await p.locator('#swim-scroll').focus();
    await p.keyboard.press('+');
    await p.keyboard.press('+');
    await p.waitForFunction(
      w =>
        Number(document.getElementById('swimlane').dataset.xMax) -
          Number(document.getElementById('swimlane').dataset.xMin) <
        w,
      full[1] - full[0] - 1,
    );
    const zoomed = (await drawn(p)).x;
    assert.ok(zoomed[1] - zoomed[0] < (full[1] - full[0]) / 2, `zoomed in: ${zoomed}`);
    assert.deepEqual((await cpuDrawn(p)).x, zoomed, 'the CPU chart follows the zoom');
    await p.keyboard.press('ArrowRight');
    const panned = (await drawn(p)).x;
    assert.ok(panned[0] > zoomed[0], 'panned later in time');
    assert.deepEqual((await cpuDrawn(p)).x, panned);
    await p.locator('#reset-zoom').click();
    assert.deepEqual((await drawn(p)).x, full);
    assert.deepEqual((await cpuDrawn(p)).x, full);
    await p.close();
  });

  /** The last message of `type` the page posted to the host. */
  const lastPosted = (p, type) =>
    p.evaluate(t => window.__posted.filter(m => m.type === t).at(-1), type);

  /** RFC 4180 lines without quoted commas (the sample's cells have none), header first. */
  function parseCsv(text) {
    assert.ok(text.endsWith('\r\n'), 'CRLF line ends');
    const [header, ...lines] = text.trimEnd().split('\r\n');
    const names = header.split(',');
    return lines.map(l => Object.fromEntries(l.split(',').map((v, i) => [names[i], v])));
  }

  it('exports the drawn segments as CSV equal to the core rows, and the charts as a PNG', async () => {
    const test = tests[0];
    const { p, errors } = await open('vscode-dark', test);
    await drawn(p);
    await p.locator('#export-csv').click();
    const csv = await lastPosted(p, 'exportFile');
    assert.equal(csv.format, 'csv');
    assert.equal(csv.test, test);
    assert.match(csv.name, /^[A-Za-z0-9._ -]+\.csv$/);
    const got = parseCsv(csv.data).map(r => [
      `S${r.session}-U${r.user}`,
      r.kind,
      Number(r.start_s),
      Number(r.end_s),
      Number(r.attempt),
      r.value === '' ? null : Number(r.value),
    ]);
    // Expected straight from the core's connection_stats rows (VMAF colouring: VMAF QoE rows).
    const want = host.rows[test]
      .filter(r => r.type !== 'QOE' || r.qoe_metric === 'vmaf')
      .map(r => [
        `S${r.session}-U${r.user}`,
        drawnKind(r),
        r.start_time,
        r.end_time,
        r.attempt,
        r.type === 'QOE' ? r.qoe * 100 : null,
      ]);
    const order = (a, b) =>
      a[0].localeCompare(b[0]) || a[2] - b[2] || a[1].localeCompare(b[1]) || a[3] - b[3];
    got.sort(order);
    want.sort(order);
    assert.equal(got.length, want.length);
    for (let i = 0; i < want.length; i++) {
      assert.deepEqual(got[i].slice(0, 2), want[i].slice(0, 2), `row ${i}`);
      for (const k of [2, 3, 4]) assert.ok(Math.abs(got[i][k] - want[i][k]) < 1e-9, `row ${i}`);
      if (want[i][5] !== null) assert.ok(Math.abs(got[i][5] - want[i][5]) < 1e-9, `QoE ${i}`);
    }

    await p.locator('#export-png').click();
    const png = await lastPosted(p, 'exportFile');
    assert.equal(png.format, 'png');
    const bytes = Buffer.from(png.data, 'base64');
    assert.deepEqual([...bytes.subarray(0, 8)], [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    assert.equal(bytes.subarray(12, 16).toString('latin1'), 'IHDR');
    const size = await p.evaluate(() => {
      const a = document.getElementById('swimlane');
      const b = document.getElementById('cpu-chart');
      return [Math.max(a.width, b.width), a.height + b.height];
    });
    assert.deepEqual([bytes.readUInt32BE(16), bytes.readUInt32BE(20)], size, 'both charts');

    await post(p, {
      type: 'reply',
      inReplyTo: png.id,
      result: { format: 'png', outcome: 'saved', message: 'Saved PNG to /tmp/x.png' },
    });
    assert.equal(await p.locator('#export-status').innerText(), 'Saved PNG to /tmp/x.png');
    assert.deepEqual(errors, []);
    await p.close();
  });

  it('switches the time axis to the log’s wall clock and back', async () => {
    const test = tests[0];
    const vm = host.messages[test].swimlane;
    assert.ok(vm.origin !== undefined && vm.timezone, 'the sample has a start and a zone');
    const { p } = await open('vscode-dark', test);
    await drawn(p);
    const axis = () =>
      p
        .locator('canvas#swimlane')
        .evaluate(c => ({ title: c.dataset.xTitle, ticks: JSON.parse(c.dataset.xTicks) }));
    assert.equal((await axis()).title, 'Seconds since test start');
    await p.selectOption('#time-axis', 'clock');
    await p.waitForFunction(() =>
      document.getElementById('swimlane').dataset.xTitle.startsWith('Wall clock'),
    );
    const clock = await axis();
    assert.equal(clock.title, `Wall clock, log timezone ${vm.timezone.label}`);
    assert.ok(clock.ticks.length >= 2);
    // Each tick label is origin + value seconds in the log zone, computed here independently,
    // and the ticks fall on whole clock seconds.
    for (const [value, label] of clock.ticks) {
      const local = vm.origin + value * 1000 + vm.timezone.offsetMinutes * 60_000;
      assert.equal(label, new Date(local).toISOString().slice(11, 19));
      assert.ok(Math.abs(local / 1000 - Math.round(local / 1000)) < 1e-6, `${label} is round`);
    }
    assert.equal((await p.evaluate(() => window.__state.ui)).timeMode, 'clock');
    await p.screenshot({ path: join(shots, 'swimlane-wallclock.png'), fullPage: true });
    await p.selectOption('#time-axis', 'relative');
    await p.waitForFunction(
      () => document.getElementById('swimlane').dataset.xTitle === 'Seconds since test start',
    );
    await p.close();
  });

  /** Answers the page's last request of `type` with `answer(request)`. */
  async function answer(p, type, respond) {
    await p.waitForFunction(t => window.__posted.some(m => m.type === t), type);
    const request = await lastPosted(p, type);
    await post(p, await respond(request));
    return request;
  }

  /** Answers the newest request of `type` once more than `handled` of them were posted. */
  async function answerNext(p, type, handled, respond) {
    await p.waitForFunction(
      ([t, n]) => window.__posted.filter(m => m.type === t).length > n,
      [type, handled],
    );
    const all = await p.evaluate(t => window.__posted.filter(m => m.type === t), type);
    await post(p, await respond(all.at(-1)));
    return { request: all.at(-1), count: all.length };
  }

  /** Bars the CSV export lists for the drawing now, as objects. */
  async function exportedRows(p) {
    await p.locator('#export-csv').click();
    return parseCsv((await lastPosted(p, 'exportFile')).data);
  }

  for (const theme of ['vscode-dark', 'vscode-light', 'vscode-high-contrast']) {
    it(`colours connected time by inbound video jitter on the notebook's ramp (${theme})`, async () => {
      const test = tests[0];
      const { swimlane: vm } = host.messages[test];
      const input = host.inputs[test];
      const { p, errors } = await open(theme, test);
      await drawn(p);
      await p.selectOption('#metric', 'qos:inbound/jitter/video');
      const asked = await answer(p, 'swimlaneQos', async m => {
        const { message } = await harness.qosMessage(
          host.statsDirs[test],
          input,
          vm,
          m.variant,
          m.range,
        );
        return message;
      });
      assert.deepEqual(asked, {
        type: 'swimlaneQos',
        test,
        variant: 'inbound/jitter/video',
        range: null,
      });
      await p.waitForFunction(() => Number(document.getElementById('swimlane').dataset.segQos) > 0);
      const d = await drawn(p);
      assert.equal(d.drawn.qoe, 0, 'QoS replaces the QoE colouring');
      const legendText = await p.locator('#qos-legend').innerText();
      assert.match(legendText, /Jitter, inbound video \(ms; lower is better\)/);
      assert.match(legendText, /0\s+25\s+50\s+75\s+100/);

      // Every drawn QoS bar, read back through the CSV export, against stats.json read here.
      const rows = (await exportedRows(p)).filter(r => r.kind === 'qos');
      assert.equal(rows.length, d.drawn.qos);
      let checked = 0;
      for (const label of userLabels(test)) {
        const [, s, u] = /^S(\d+)-U(\d+)$/.exec(label);
        const want = jitterSeconds(test, s, u, vm.origin);
        const got = rows
          .filter(r => r.row === label)
          .map(r => [Number(r.start_s), Number(r.end_s), Number(r.value) / 1000]);
        assert.equal(got.length, want.length, label);
        got.forEach((g, i) => {
          assert.deepEqual(g.slice(0, 2), want[i].slice(0, 2), `${label} bin ${i}`);
          assert.ok(
            Math.abs(g[2] - want[i][2]) < 1e-12,
            `${label} bin ${i}: ${g[2]} vs ${want[i][2]}`,
          );
          assert.equal(rows.find(r => r.row === label)?.unit, 'ms');
        });
        checked += want.length;
      }
      assert.ok(checked > 50, `the sample has inbound video jitter (${checked} bins)`);
      await p.screenshot({ path: join(shots, `swimlane-qos-jitter-${theme}.png`), fullPage: true });

      // The colour on screen at the middle of bars that nothing else covers.
      const area = await p.locator('canvas#swimlane').evaluate(c => ({
        left: Number(c.dataset.areaLeft),
        right: Number(c.dataset.areaRight),
        top: Number(c.dataset.areaTop),
        bottom: Number(c.dataset.areaBottom),
        min: Number(c.dataset.xMin),
        max: Number(c.dataset.xMax),
      }));
      const labels = userLabels(test);
      const px = t =>
        area.left + ((t - area.min) / (area.max - area.min)) * (area.right - area.left);
      const batchPx = vm.batches.map(b => px(b.start));
      let sampled = 0;
      for (const r of rows) {
        const [start, end] = [Number(r.start_s), Number(r.end_s)];
        const mid = (start + end) / 2;
        const y = labels.indexOf(r.row);
        const covered = host.rows[test].some(
          c =>
            `S${c.session}-U${c.user}` === r.row &&
            c.type !== 'connectionSuccess' &&
            c.type !== 'QOE' &&
            c.start_time <= mid + 0.6 &&
            c.end_time >= mid - 0.6,
        );
        if (covered || batchPx.some(b => Math.abs(b - px(mid)) < 3)) continue;
        if (sampled % 7 === 0) {
          const rgb = await p
            .locator('canvas#swimlane')
            .evaluate(
              (c, at) => [...c.getContext('2d').getImageData(at[0], at[1], 1, 1).data].slice(0, 3),
              [
                Math.round(px(mid)),
                Math.round(area.top + ((y + 0.5) * (area.bottom - area.top)) / labels.length),
              ],
            );
          const want = jitterColor(Number(r.value) / 1000);
          assert.ok(
            rgb.every((v, k) => Math.abs(v - want[k]) <= 3),
            `${r.row} at ${mid}s: drew ${rgb}, the ramp gives ${want}`,
          );
        }
        sampled += 1;
      }
      assert.ok(sampled > 20, `enough uncovered bars (${sampled})`);
      await p.screenshot({ path: join(shots, `swimlane-qos-jitter-${theme}.png`), fullPage: true });
      assert.deepEqual(errors, []);
      await p.close();
    });
  }

  it('says so when the test has no values for a QoS variant', async () => {
    const test = tests[0];
    const { swimlane: vm } = host.messages[test];
    const { p } = await open('vscode-dark', test);
    await drawn(p);
    await p.selectOption('#metric', 'qos:inbound/loss/audio');
    await answer(p, 'swimlaneQos', async m => ({
      type: 'swimlaneQos',
      qos: {
        variant: m.variant,
        range: null,
        mergeBelow: 0,
        rows: vm.rows.map(() => []),
        empty: 'No inbound_audio.lossRatio values in this test.',
      },
    }));
    await p.waitForFunction(() =>
      document.getElementById('qos-status')?.textContent.startsWith('No '),
    );
    assert.equal((await drawn(p)).drawn.qos, 0);
    await p.close();
  });

  it('asks the host for the unmerged segments of a zoomed range and draws them', async () => {
    const test = tests[0];
    const input = host.inputs[test];
    const limits = { maxRows: 2000, maxSegments: 150, maxPoints: 2000, pixels: 200 };
    const vm = harness.tightVM(input, limits);
    assert.ok(vm.mergeBelow > 0, 'the tight budget merges');
    const { p, errors } = await open('vscode-dark');
    await post(p, { type: 'swimlane', swimlane: vm });
    const coarse = await drawn(p);
    assert.ok(
      coarse.segments <
        coarse.represented.connected +
          coarse.represented.start +
          coarse.represented.retry +
          coarse.represented.failure +
          coarse.represented.qoe,
    );
    await p.locator('#swim-scroll').focus();
    for (let i = 0; i < 5; i++) await p.keyboard.press('+');
    // A loaded machine may ask after the first presses: each merged answer for a range wider than
    // the view is asked again, until the view's own range comes (which fits unmerged).
    let range;
    for (let handled = 0; ;) {
      const asked = await answerNext(p, 'swimlaneSegments', handled, m =>
        harness.segmentsMessage(input, vm, m.range, limits),
      );
      handled = asked.count;
      range = asked.request.range;
      if (harness.segmentsMessage(input, vm, range, limits).segments.mergeBelow === 0) break;
    }
    await p.waitForFunction(
      n => Number(document.getElementById('swimlane').dataset.segments) !== n,
      coarse.segments,
    );
    // Within the range every core row (VMAF QoE) is drawn as is, read back through the CSV.
    const inRange = r => Number(r.end_s) >= range.start && Number(r.start_s) <= range.end;
    const got = (await exportedRows(p))
      .filter(inRange)
      .map(r => `${r.row} ${r.kind} ${Number(r.start_s)} ${Number(r.end_s)} ${r.merged}`)
      .sort();
    const drawnRows = new Set(vm.rows.map(r => r.label));
    const want = host.rows[test]
      .filter(
        r =>
          drawnRows.has(`S${r.session}-U${r.user}`) &&
          (r.type !== 'QOE' || r.qoe_metric === 'vmaf') &&
          r.end_time >= range.start &&
          r.start_time <= range.end,
      )
      .map(r => `S${r.session}-U${r.user} ${drawnKind(r)} ${r.start_time} ${r.end_time} 1`)
      .sort();
    assert.deepEqual(got, want);
    // Back to the whole test: the coarse segments again, without asking. (The five key presses
    // may have asked more than once on a loaded machine: only what reset adds is counted.)
    const asks = () =>
      p.evaluate(() => window.__posted.filter(m => m.type === 'swimlaneSegments').length);
    const asksBefore = await asks();
    await p.locator('#reset-zoom').click();
    await p.waitForFunction(
      n => Number(document.getElementById('swimlane').dataset.segments) === n,
      coarse.segments,
    );
    assert.equal(await asks(), asksBefore, 'reset draws the coarse segments it has');
    assert.deepEqual(errors, []);
    await p.close();
  });

  it('shows the empty and error states, and names as text only', async () => {
    const { p } = await open('vscode-light');
    const empty = { ...host.messages[tests[0]].swimlane, test: '<b>x</b>', rows: [], totalRows: 0 };
    await post(p, { type: 'swimlane', swimlane: empty });
    assert.equal(await p.locator('body').getAttribute('data-state'), 'empty');
    assert.equal(await p.locator('#app b').count(), 0);
    await post(p, { type: 'error', message: 'Could not read the results: EACCES' });
    assert.equal(await p.locator('body').getAttribute('data-state'), 'error');
    assert.equal(
      await p.locator('[role="alert"]').innerText(),
      'Could not read the results: EACCES',
    );
    await p.close();
  });
});
