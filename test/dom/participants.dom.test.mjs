// DOM test of the participants webview in headless Chromium under the real CSP. Host messages
// come from the core (participantsHarness.ts). What the page drew is read back (`data-drawn` of
// the bar canvases, the heatmap's data attributes, the failures table) and compared with figures
// counted here: events per user from each events.json, seconds per state and failure uniqueness
// from the connection_stats rows, and the core's per-user bytes. Screenshots per theme.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import {
  ensureBuilt,
  launchChromium,
  loadHarness,
  openWebviewPage,
  paintedPixels,
  postToPage,
  sampleRoot,
  serveWebview,
  shots,
  drawnData,
  assertFitsNarrow,
  NARROW,
} from './webviewPage.mjs';

const num = name => String(Number(/(\d+)$/.exec(name)?.[1]));

/** Events per `S<s>-U<u>`, counted in each user's events.json. */
function eventCounts(test) {
  const dir = join(sampleRoot, 'stats', test);
  const out = {};
  for (const s of readdirSync(dir))
    for (const u of readdirSync(join(dir, s))) {
      const text = readFileSync(join(dir, s, u, 'events.json'), 'utf8');
      out[`S${num(s)}-U${num(u)}`] = JSON.parse(text).length;
    }
  return out;
}

const STATE = { connectionSuccess: 'connected', connectionFail: 'failed' };

/** Seconds per state of one user, summed from its rows by hand. */
function stateSeconds(rows, label) {
  const s = { connecting: 0, connected: 0, failed: 0, reconnecting: 0 };
  for (const r of rows) {
    if (`S${r.session}-U${r.user}` !== label || r.type === 'QOE') continue;
    const kind = STATE[r.type] ?? (r.attempt === 0 ? 'connecting' : 'reconnecting');
    s[kind] += r.end_time - r.start_time;
  }
  return s;
}

describe('participants webview (DOM, headless Chromium)', () => {
  let server;
  let browser;
  let host;
  let base;
  let test;

  before(async () => {
    ensureBuilt('webview-participants');
    host = await (await loadHarness('participantsHarness.ts')).participantsHost(sampleRoot);
    test = host.tests[0];
    ({ server, base } = await serveWebview('webview-participants'));
    browser = await launchChromium();
  });

  after(async () => {
    await browser?.close();
    server?.close();
  });

  async function open(theme, withData = true, viewport = undefined) {
    const { p, errors } = await openWebviewPage(browser, base, theme, viewport);
    if (withData) {
      await postToPage(p, host.byTest[test].participants);
      await postToPage(p, host.byTest[test].heatmaps.state);
    }
    return { p, errors };
  }

  it('fits a narrow editor column', async () => {
    const { p, errors } = await open('vscode-dark', true, NARROW);
    await drawnData(p, 'events');
    await p.screenshot({ path: join(shots, 'participants-narrow.png'), fullPage: true });
    await assertFitsNarrow(p);
    assert.deepEqual(errors, []);
    await p.close();
  });

  for (const theme of ['vscode-dark', 'vscode-light', 'vscode-high-contrast']) {
    it(`draws events, bytes and states per user as counted from the files (${theme})`, async () => {
      const { p, errors } = await open(theme);
      await p.locator('select#top-n').selectOption('0');
      const events = eventCounts(test);
      const drawnEvents = await drawnData(p, 'events');
      assert.equal(drawnEvents.length, Object.keys(events).length, 'every user folder');
      for (const b of drawnEvents) assert.equal(b.parts[0], events[b.label], b.label);
      const sorted = drawnEvents.map(b => b.parts[0]);
      assert.deepEqual(
        sorted,
        [...sorted].sort((a, b) => b - a),
        'ranked',
      );
      const bytes = host.byTest[test].bytes;
      for (const b of await drawnData(p, 'bytes-in')) {
        const [, s, u] = /^S(\d+)-U(\d+)$/.exec(b.label);
        const core = bytes[`${s}\u0000${u}`] ?? { 'in/video': 0, 'in/audio': 0 };
        assert.deepEqual(b.parts, [core['in/video'], core['in/audio']], b.label);
      }
      const rows = host.byTest[test].rows;
      for (const b of await drawnData(p, 'state-bars')) {
        const s = stateSeconds(rows, b.label);
        const expected = [s.connecting, s.connected, s.failed, s.reconnecting];
        b.parts.forEach((v, i) => assert.ok(Math.abs(v - expected[i]) < 1e-9, `${b.label} ${i}`));
      }
      const heat = p.locator('canvas#heatmap[data-rendered="true"]');
      await heat.waitFor();
      assert.equal(await heat.getAttribute('data-metric'), 'state');
      for (const id of ['bytes-in', 'events', 'state-bars', 'heatmap', 'traffic'])
        assert.ok((await paintedPixels(p, `canvas#${id}`)) > 500, `${id} has paint`);
      await p.screenshot({ path: join(shots, `participants-${theme}.png`), fullPage: true });
      assert.deepEqual(await p.evaluate(() => window.__csp), [], 'no CSP violation');
      assert.deepEqual(errors, []);
      await p.close();
    });
  }

  it('counts failures unique to one session or batch as the rows say', async () => {
    const { p } = await open('vscode-dark');
    const fails = host.byTest[test].rows.filter(r => r.type === 'connectionFail');
    const usersIn = by => {
      const m = new Map();
      for (const r of fails)
        m.set(by(r), new Set([...(m.get(by(r)) ?? []), `${r.session}-${r.user}`]));
      return m;
    };
    const bySession = usersIn(r => r.session);
    const byBatch = usersIn(r => r.batch);
    const uniqueSession = fails.filter(r => bySession.get(r.session).size === 1).length;
    const uniqueBatch = fails.filter(r => byBatch.get(r.batch).size === 1).length;
    const cells = await p
      .locator('#failures td.num')
      .evaluateAll(tds => tds.map(td => Number(td.dataset.value)));
    assert.deepEqual(cells, [uniqueSession, uniqueBatch]);
    assert.ok(fails.length > 0, 'the sample has failures');
    await p.close();
  });

  it('asks for another heatmap metric and moves through the rows with the keyboard', async () => {
    const { p } = await open('vscode-dark');
    await p.locator('select#heat-metric').selectOption('bitrate');
    assert.deepEqual(await p.evaluate(() => window.__posted.at(-1)), {
      type: 'heatmapQuery',
      metric: 'bitrate',
    });
    const message = host.byTest[test].heatmaps.bitrate;
    await postToPage(p, message);
    const heat = p.locator('canvas#heatmap[data-metric="bitrate"][data-rendered="true"]');
    await heat.waitFor();
    assert.equal(Number(await heat.getAttribute('data-rows')), message.heatmap.rows.length);
    // Every row is normalised to 100 % of its own total (the notebook's rule).
    for (const r of message.heatmap.rows)
      assert.ok(Math.abs(r.values.reduce((a, v) => a + (Number.isNaN(v) ? 0 : v), 0) - 100) < 0.1);
    await p.locator('#heat-scroll').focus();
    await p.keyboard.press('End');
    const users = host.byTest[test].participants.participants.users;
    const last = message.heatmap.rows.at(-1);
    assert.equal(
      await p.locator('#heat-scroll').getAttribute('data-highlighted'),
      users[last.user].label,
    );
    assert.match(await p.locator('#heat-detail').innerText(), new RegExp(users[last.user].label));
    await p.keyboard.press('Home');
    assert.equal(await heat.getAttribute('data-first'), '0');
    await p.close();
  });

  it('hatches bins without data, shades a measured zero faintly, and says so in a legend', async () => {
    const { p } = await open('vscode-dark');
    const base = host.byTest[test].heatmaps.state.heatmap;
    // One user, four bins: no data, 0 %, 50 %, 100 % (counted by hand: 1 empty, 1 zero, 2 values).
    const heatmap = {
      ...base,
      metric: 'jitter',
      bins: 4,
      rows: [{ user: 0, values: [NaN, 0, 50, 100] }],
    };
    await postToPage(p, { type: 'heatmap', heatmap });
    const heat = p.locator('canvas#heatmap[data-metric="jitter"][data-rendered="true"]');
    await heat.waitFor();
    assert.deepEqual(JSON.parse(await heat.getAttribute('data-cells')), {
      empty: 1,
      zero: 1,
      value: 2,
    });
    // Pixels of each bin's inner area (the bins split the plot area left 92 px, right 8 px).
    const bins = await heat.evaluate(c => {
      const ctx = c.getContext('2d');
      const dpr = window.devicePixelRatio || 1;
      const w = c.width / dpr;
      const cell = (w - 92 - 8) / 4;
      return [0, 1, 2, 3].map(b => {
        const x = Math.round((92 + b * cell + 3) * dpr);
        const d = ctx.getImageData(
          x,
          Math.round(2 * dpr),
          Math.round((cell - 6) * dpr),
          Math.round(8 * dpr),
        ).data;
        const alphas = [];
        for (let i = 3; i < d.length; i += 4) alphas.push(d[i]);
        return {
          painted: alphas.filter(a => a > 0).length,
          total: alphas.length,
          max: Math.max(...alphas),
        };
      });
    });
    assert.ok(
      bins[0].painted > 0 && bins[0].painted < bins[0].total,
      'no-data bin is hatched (partly painted)',
    );
    assert.equal(bins[1].painted, bins[1].total, 'zero bin is evenly shaded');
    assert.ok(bins[1].max < bins[2].max && bins[2].max < bins[3].max, 'shade grows with the value');
    assert.match(await p.locator('#heat-legend').innerText(), /no data in this bin/);
    await p.locator('#heat').screenshot({ path: join(shots, 'participants-heat-empty-dark.png') });
    await p.close();
  });
  it('draws thousands of heatmap rows through a scrolled window of them', async () => {
    const { p } = await open('vscode-dark');
    const base = host.byTest[test].heatmaps.state.heatmap;
    const users = host.byTest[test].participants.participants.users;
    const rows = Array.from({ length: 5000 }, (_, i) => ({
      user: i % users.length,
      values: base.rows[i % base.rows.length].values,
    }));
    await postToPage(p, { type: 'heatmap', heatmap: { ...base, rows } });
    const heat = p.locator('canvas#heatmap[data-rows="5000"]');
    await heat.waitFor();
    assert.ok(Number(await heat.getAttribute('data-drawn-rows')) < 200, 'only the rows in view');
    await p.locator('#heat-scroll').evaluate(s => (s.scrollTop = s.scrollHeight));
    await p.waitForFunction(() => Number(document.getElementById('heatmap').dataset.first) > 4000);
    await p.close();
  });

  it('exports the per-user table as CSV, and shows empty and error states with names as text', async () => {
    const { p } = await open('vscode-light');
    await p.click('#export-csv');
    const csv = await p.evaluate(() => window.__posted.at(-1));
    assert.equal(csv.type, 'exportFile');
    const lines = csv.data.trim().split('\r\n');
    assert.equal(lines.length - 1, host.byTest[test].participants.participants.users.length);
    const empty = { ...host.byTest[test].participants.participants, test: '<b>x</b>', users: [] };
    await postToPage(p, { type: 'participants', participants: empty });
    assert.equal(await p.locator('body').getAttribute('data-state'), 'empty');
    assert.equal(await p.locator('#app b').count(), 0);
    await postToPage(p, { type: 'error', message: 'Could not analyse x: EACCES' });
    assert.equal(await p.locator('body').getAttribute('data-state'), 'error');
    await p.close();
  });
});
