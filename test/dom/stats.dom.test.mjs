// DOM test of the statistics webview in headless Chromium under the real CSP. The host messages
// come from the core (statsHarness.ts); what the page shows is read back (table cells' data-value,
// the charts' data-drawn/data-points) and compared with what the `analyze` command computes per
// test (analyzeTestDownstream: CPU-band tables, the notebook's comparison rows) and with group
// sizes counted here from the connection_stats rows. Screenshots per theme in test-results/dom/.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
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
  checkPngExport,
  assertFitsNarrow,
  NARROW,
} from './webviewPage.mjs';

/** Number(data-value) equals the core's number exactly (NaN equals NaN). */
function same(actual, expected, what) {
  assert.ok(Object.is(actual, expected) || actual === expected, `${what}: ${actual} ≠ ${expected}`);
}

/** QoE (VMAF) values of rows whose cpu_median passes `test`, NaN dropped, counted by hand. */
function vmafCount(rows, test) {
  return rows.filter(
    r => r.type === 'QOE' && r.qoe_metric === 'vmaf' && test(r.cpu_median) && !Number.isNaN(r.qoe),
  ).length;
}

async function bandValues(p, section) {
  return p.locator(`table.band-table[data-section="${section}"] tbody tr`).evaluateAll(trs =>
    trs.map(tr => ({
      threshold: tr.querySelector('th').textContent,
      values: [...tr.querySelectorAll('td')].map(td => Number(td.dataset.value)),
    })),
  );
}

async function testCell(p, caseId, key, pass, field) {
  const cell = p.locator(
    `section.case[data-case="${caseId}"] tr[data-key="${key}"] td[data-pass="${pass}"][data-field="${field}"]`,
  );
  return Number(await cell.getAttribute('data-value'));
}

describe('statistics webview (DOM, headless Chromium)', () => {
  let server;
  let browser;
  let host;
  let base;
  let test;

  before(async () => {
    ensureBuilt('webview-stats');
    host = await (await loadHarness('statsHarness.ts')).statsHost(sampleRoot);
    // The test with the most QoE rows: both CPU cases have two groups there.
    test = [...host.tests].sort(
      (a, b) =>
        host.rows[b].filter(r => r.type === 'QOE').length -
        host.rows[a].filter(r => r.type === 'QOE').length,
    )[0];
    ({ server, base } = await serveWebview('webview-stats'));
    browser = await launchChromium();
  });

  after(async () => {
    await browser?.close();
    server?.close();
  });

  async function open(theme, message, viewport = undefined) {
    const { p, errors } = await openWebviewPage(browser, base, theme, viewport);
    if (message) await postToPage(p, message);
    return { p, errors };
  }

  it('fits a narrow editor column', async () => {
    const { p, errors } = await open('vscode-dark', host.message(test, 'qoe_vmaf'), NARROW);
    await p.locator('body[data-state="ready"]').waitFor();
    await p.screenshot({ path: join(shots, 'stats-narrow.png'), fullPage: true });
    await assertFitsNarrow(p);
    assert.deepEqual(errors, []);
    await p.close();
  });

  for (const theme of ['vscode-dark', 'vscode-light', 'vscode-high-contrast']) {
    it(`shows the analyze command's CPU bands and comparisons of a test (${theme})`, async () => {
      const { p, errors } = await open(theme, host.message(test, 'qoe_vmaf'));
      await p.locator('body[data-state="ready"]').waitFor();
      const analyzed = host.analyze(test);
      for (const section of analyzed.sections) {
        const shown = await bandValues(p, section.section);
        assert.equal(shown.length, section.cpuThresholds.length, section.section);
        section.cpuThresholds.forEach((b, i) => {
          const row = shown[i];
          assert.equal(row.threshold, b.threshold);
          ['n', 'median', 'mean', 'min', 'max', 'std'].forEach((k, j) =>
            same(row.values[j], b[k], `${section.section} ${b.threshold} ${k}`),
          );
        });
      }
      const vmaf = analyzed.sections.find(s => s.section === 'qoe_vmaf');
      assert.equal(vmaf.comparisons.length, 2, 'both CPU cases have two groups in this test');
      for (const [i, row] of vmaf.comparisons.entries()) {
        const id = `${row.X}|${row.Y}`;
        const clean = vmaf.comparisonsClean[i];
        same(await testCell(p, id, 'MWU', 'raw', 'statistic'), row['U (MWU)'], `${id} U`);
        same(await testCell(p, id, 'MWU', 'raw', 'pvalue'), row['p-value (MWU)'], `${id} p MWU`);
        same(await testCell(p, id, 't-test', 'raw', 'statistic'), row['t (t-test)'], `${id} t`);
        same(
          await testCell(p, id, 't-test', 'clean', 'pvalue'),
          clean['p-value (t-test)'],
          `${id} clean p t`,
        );
        same(
          await testCell(p, id, 'Shapiro X', 'raw', 'statistic'),
          row['Shapiro X'].statistic,
          `${id} W`,
        );
        same(
          await testCell(p, id, 'K-S', 'clean', 'pvalue'),
          clean['K-S'].pvalue,
          `${id} clean KS p`,
        );
        same(
          await testCell(p, id, 'cohen-d', 'raw', 'statistic'),
          row["effect size (t-test, Cohen's d)"],
          `${id} d`,
        );
        const ci = p.locator(
          `section.case[data-case="${id}"] tr[data-key="median diff CI"] td[data-pass="raw"][data-low]`,
        );
        same(Number(await ci.getAttribute('data-low')), row['median diff CI'].low, `${id} CI low`);
        const reading = await p
          .locator(`section.case[data-case="${id}"] p.reading[data-pass="raw"]`)
          .innerText();
        assert.match(reading, /QoE \(VMAF\)/);
        if (row['p-value (MWU)'] < 0.001) assert.match(reading, /p < 0\.001/);
      }
      // Group sizes of the first case, counted from the rows by hand.
      const boxes = await drawnData(p, 'case-0-box');
      assert.deepEqual(
        boxes.map(b => b.n),
        [vmafCount(host.rows[test], c => c < 0.9), vmafCount(host.rows[test], c => c >= 0.9)],
      );
      const violins = await drawnData(p, 'case-0-violin');
      assert.ok(violins.every(v => v.points === 100 && v.maxDensity > 0));
      // Equal area: the enclosed area, 2 × (px per density) × (px per value) × ∫density, is the
      // same for both violins; ∫density is integrated here (trapezoids) from the host's KDE.
      const kde = host.message(test, 'qoe_vmaf').stats.cases[0].groups.map(g => g.density);
      const integral = ({ x, y }) =>
        x.slice(1).reduce((sum, xi, k) => sum + ((xi - x[k]) * (y[k] + y[k + 1])) / 2, 0);
      const areas = violins.map(
        (v, i) => 2 * (v.halfWidthPx / v.maxDensity) * v.pxPerValue * integral(kde[i]),
      );
      assert.ok(Math.abs(areas[0] - areas[1]) <= 0.01 * areas[0], `equal areas: ${areas}`);
      assert.ok(
        Math.max(...violins.map(v => v.halfWidthPx)) > 20,
        'the widest violin fills its slot',
      );
      const points = JSON.parse(
        await p.locator('canvas#case-0-scatter').getAttribute('data-points'),
      );
      assert.deepEqual(
        points,
        boxes.map(b => b.n),
      );
      for (const id of ['case-0-box', 'case-0-violin', 'case-0-scatter', 'starts-batches'])
        assert.ok((await paintedPixels(p, `canvas#${id}`)) > 1500, `${id} has paint`);
      await p.screenshot({ path: join(shots, `stats-${theme}.png`), fullPage: true });
      await p.locator('#case-0').screenshot({ path: join(shots, `stats-case-${theme}.png`) });
      assert.deepEqual(await p.evaluate(() => window.__csp), [], 'no CSP violation');
      assert.deepEqual(errors, []);
      await p.close();
    });
  }

  it('scatter: tooltips name the user with exact values; drag zooms, keys step and reset', async () => {
    const message = host.message(test, 'qoe_vmaf');
    const { p } = await open('vscode-dark', message);
    const canvas = p.locator('canvas#case-0-scatter[data-rendered="true"]');
    await canvas.waitFor();
    const [first, second] = message.stats.cases[0].scatter;
    const full = JSON.parse(await canvas.getAttribute('data-view'));
    // Keyboard: `]` selects the point with the lowest CPU (ties: lowest value), found here.
    const all = [...first.map(q => [q, 0]), ...second.map(q => [q, 1])].sort(
      (a, b) => a[0][0] - b[0][0] || a[0][1] - b[0][1],
    );
    const [[cpu, value, user], group] = all[0];
    await canvas.focus();
    await p.keyboard.press(']');
    const tip = await canvas.getAttribute('data-tooltip');
    assert.ok(tip.startsWith(`${user} (${group === 0 ? 'CPU < 0.9' : 'CPU >= 0.9'})`), tip);
    assert.ok(tip.includes(String(Number(value.toPrecision(6)))), tip);
    assert.ok(tip.includes(`median CPU ${Number(cpu.toPrecision(6))}`), tip);
    assert.equal(await p.locator('#case-0 .scatter-tooltip').innerText(), tip);
    // `+` halves both ranges around the selected point.
    await p.keyboard.press('+');
    const zoomed = JSON.parse(await canvas.getAttribute('data-view'));
    assert.ok(Math.abs(zoomed[1] - zoomed[0] - (full[1] - full[0]) / 2) < 1e-9);
    assert.ok(zoomed[0] <= cpu && cpu <= zoomed[1]);
    await p.keyboard.press('0');
    assert.deepEqual(JSON.parse(await canvas.getAttribute('data-view')), full);
    // Mouse: hovering the pixel of a point shows that point; a dragged box becomes the view.
    const box = await canvas.boundingBox();
    const frame = { l: 56, r: box.width - 12, t: 12, b: box.height - 40 };
    const px = q => [
      box.x + frame.l + ((q[0] - full[0]) / (full[1] - full[0])) * (frame.r - frame.l),
      box.y + frame.b - ((q[1] - full[2]) / (full[3] - full[2])) * (frame.b - frame.t),
    ];
    const target = first[Math.floor(first.length / 2)];
    await p.mouse.move(...px(target));
    const hovered = await canvas.getAttribute('data-tooltip');
    assert.ok(hovered.includes(`median CPU ${Number(target[0].toPrecision(6))}`), hovered);
    const [x0, y0] = [box.x + frame.l + 10, box.y + frame.t + 10];
    await p.mouse.move(x0, y0);
    await p.mouse.down();
    await p.mouse.move(x0 + 60, y0 + 40, { steps: 4 });
    await p.mouse.up();
    const dragged = JSON.parse(await canvas.getAttribute('data-view'));
    const perPx = (full[1] - full[0]) / (frame.r - frame.l);
    assert.ok(Math.abs(dragged[1] - dragged[0] - 60 * perPx) < 2 * perPx, `${dragged}`);
    await canvas.dblclick({ position: { x: frame.l + 5, y: frame.t + 5 } });
    assert.deepEqual(JSON.parse(await canvas.getAttribute('data-view')), full);
    await p.close();
  });
  it('asks the host for a CPU split typed by the user and draws the recomputed case', async () => {
    const { p } = await open('vscode-dark', host.message(test, 'qoe_vmaf'));
    await p.locator('body[data-state="ready"]').waitFor();
    await p.fill('#threshold', '0.85');
    await p.locator('#split').focus();
    await p.keyboard.press('Enter');
    const query = await p.evaluate(() => window.__posted.at(-1));
    assert.deepEqual(query, {
      type: 'statsQuery',
      section: 'qoe_vmaf',
      custom: { x: [0, 0.85], y: [0.85, null] },
    });
    await postToPage(p, host.message(test, query.section, query.custom));
    await p.locator('section.case[data-case="custom"]').waitFor();
    const boxes = await drawnData(p, 'case-2-box');
    assert.deepEqual(
      boxes.map(b => b.n),
      [vmafCount(host.rows[test], c => c < 0.85), vmafCount(host.rows[test], c => c >= 0.85)],
    );
    assert.match(
      await p.locator('section.case[data-case="custom"] h3').innerText(),
      /CPU < 0\.85 vs CPU >= 0\.85/,
    );
    await p.fill('#x-low', '0.5');
    await p.fill('#x-high', '0.4');
    await p.click('#compare');
    assert.match(await p.locator('#custom-message').innerText(), /end above it/);
    await p.close();
  });

  it('exports every table as CSV and the charts as PNG through the host', async () => {
    const { p } = await open('vscode-dark', host.message(test, 'qoe_vmaf'));
    await p.locator('canvas#case-0-box[data-rendered="true"]').waitFor();
    await p.click('#export-csv');
    const csv = await p.evaluate(() => window.__posted.at(-1));
    assert.equal(csv.type, 'exportFile');
    assert.equal(csv.test, test);
    assert.match(csv.name, /statistics-qoe_vmaf\.csv$/);
    const lines = csv.data.trim().split('\r\n');
    assert.equal(lines[0], 'table,group,row,pass,field,value');
    const vmaf = host.analyze(test).sections.find(s => s.section === 'qoe_vmaf');
    const full = vmaf.cpuThresholds[0];
    assert.ok(lines.includes(`bands,QoE (VMAF),Full test,,n,${full.n}`));
    assert.ok(lines.includes(`bands,QoE (VMAF),Full test,,median,${full.median}`));
    const row = vmaf.comparisons[0];
    assert.ok(
      lines.includes(`tests,${row.X} vs ${row.Y},Mann–Whitney U,raw,statistic,${row['U (MWU)']}`),
    );
    await checkPngExport(p, 'Saved x.png');
    await p.close();
  });

  it('changes the section with the keyboard', async () => {
    const { p } = await open('vscode-light', host.message(test, 'qoe_vmaf'));
    await p.locator('body[data-state="ready"]').waitFor();
    await p.locator('#section').focus();
    await p.keyboard.press('ArrowDown');
    const query = await p.evaluate(() => window.__posted.at(-1));
    assert.equal(query.type, 'statsQuery');
    assert.notEqual(query.section, 'qoe_vmaf');
    await p.close();
  });

  it('pools every test, and draws connection-start durations per role and batch', async () => {
    const { p } = await open('vscode-dark', host.message(null, 'connection_start'));
    await p.locator('body[data-state="ready"]').waitFor();
    const pooled = await bandValues(p, 'qoe_vmaf');
    const perTest = host.tests.map(
      t => host.analyze(t).sections.find(s => s.section === 'qoe_vmaf').cpuThresholds[0].n,
    );
    assert.equal(
      pooled[0].values[0],
      perTest.reduce((a, b) => a + b, 0),
      'Full test n pooled',
    );
    const starts = host.tests
      .map(
        t =>
          host.analyze(t).sections.find(s => s.section === 'connection_start').cpuThresholds[0].n,
      )
      .reduce((a, b) => a + b, 0);
    const roles = await drawnData(p, 'starts-roles');
    const batches = await drawnData(p, 'starts-batches');
    assert.equal(
      roles.reduce((a, b) => a + b.n, 0),
      starts,
      'every start that connected, by role',
    );
    assert.equal(
      batches.reduce((a, b) => a + b.n, 0),
      starts,
      'and by batch',
    );
    assert.deepEqual(
      roles.map(r => r.label),
      ['Publishers', 'Subscribers'],
    );
    await p.screenshot({ path: join(shots, 'stats-all-tests.png'), fullPage: true });
    await p.close();
  });

  it('shows the empty and error states, and names as text only', async () => {
    const { p } = await open('vscode-light');
    const empty = {
      ...host.message(test).stats,
      test: '<b>x</b>',
      sections: [],
      bandTables: [],
      cases: [],
    };
    await postToPage(p, { type: 'stats', stats: empty });
    assert.equal(await p.locator('body').getAttribute('data-state'), 'empty');
    assert.equal(await p.locator('#app b').count(), 0);
    assert.match(await p.locator('h1').innerText(), /<b>x<\/b>/);
    await postToPage(p, { type: 'error', message: 'Could not analyse x: EACCES' });
    assert.equal(await p.locator('body').getAttribute('data-state'), 'error');
    await p.close();
  });
});
