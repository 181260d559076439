// DOM test of the comparison webview in headless Chromium under the extension's strict CSP: two
// generated roots (a baseline and a candidate degrading past 16 users) compared by the core; the
// charts drawn overlaid are read back against the view model in both alignments (switched with the
// keyboard), the verdict table against the verdicts; the sides named and swapped from the
// keyboard; the failure causes adding up to the failure lines the summaries count; PNG/CSV
// export; screenshots per theme and mode.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import {
  checkCauseTables,
  checkPngExport,
  ensureBuilt,
  generateBaselineAndCandidate,
  launchChromium,
  loadHarness,
  paintedPixels,
  postToPage,
  serveWebview,
  shots,
  assertFitsNarrow,
} from './webviewPage.mjs';

const TEST = 'loadtest-webrtc-2024-kurento-2p:20';

describe('comparison webview (DOM, headless Chromium)', () => {
  let dir = '';
  let message;
  let swapped;
  let failureLines;
  let server;
  let base;
  let browser;

  before(async () => {
    ensureBuilt('webview-compare');
    let roots;
    ({ dir, roots } = generateBaselineAndCandidate(TEST, 'ltl-compare-dom-', [
      '--capacity-scale',
      '8',
    ]));
    const harness = await loadHarness('compareHarness.ts');
    message = await harness.comparisonMessage(roots);
    swapped = await harness.comparisonMessage([...roots].reverse());
    ({ failureLines } = await harness.failureCausesMessage(roots));
    ({ server, base } = await serveWebview('webview-compare'));
    browser = await launchChromium();
  });
  after(async () => {
    await browser?.close();
    server?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  async function open(theme, width = 1000) {
    const p = await browser.newPage({ viewport: { width, height: 1400 } });
    const errors = [];
    p.on('pageerror', e => errors.push(String(e)));
    // the test server has no favicon: that 404 is Chromium's, not the view's
    p.on(
      'console',
      m => m.type() === 'error' && !/status of 404/.test(m.text()) && errors.push(m.text()),
    );
    p.on(
      'response',
      r =>
        r.status() >= 400 &&
        !r.url().endsWith('/favicon.ico') &&
        errors.push(`${r.status()} ${r.url()}`),
    );
    await p.goto(`${base}?theme=${theme}`);
    await p.waitForFunction(() => window.__posted.some(m => m.type === 'ready'));
    await postToPage(p, message);
    await p.waitForSelector('body[data-state="ready"]');
    return { p, errors };
  }

  const figures = (p, id) =>
    p.locator(`#chart-${id}[data-rendered="true"]`).evaluate(c => ({ ...c.dataset }));

  it('fits a narrow editor column: the verdict table scrolls in its own box', async () => {
    const { p, errors } = await open('vscode-dark', 520);
    await p.screenshot({ path: join(shots, 'compare-narrow.png'), fullPage: true });
    await assertFitsNarrow(p);
    const table = await p
      .locator('table.verdicts')
      .first()
      .evaluate(t => ({
        scrolls: t.parentElement.classList.contains('table-scroll'),
        wider: t.scrollWidth > t.parentElement.clientWidth,
      }));
    assert.deepEqual(table, { scrolls: true, wider: true }, 'wider than the column, so it scrolls');
    assert.deepEqual(errors, []);
    await p.close();
  });

  it('overlays the tests against time, then against users connected (keyboard)', async () => {
    const { p, errors } = await open('vscode-dark');
    const [b, c] = message.comparison.series;
    const lens = pick => [b, c].map(s => pick(s).length).join(',');
    assert.equal(
      (await figures(p, 'users')).points,
      lens(s => s.users.t),
    );
    assert.equal(
      (await figures(p, 'cpu')).points,
      lens(s => s.cpu.t),
    );
    assert.equal(
      (await figures(p, 'vmaf')).points,
      lens(s => s.vmaf.vmaf),
    );
    assert.equal(
      (await figures(p, 'connection')).points,
      lens(s => s.connection.seconds),
    );
    assert.equal((await figures(p, 'cpu')).maxX, [b, c].map(s => Math.max(...s.cpu.t)).join(','));
    for (const id of ['users', 'cpu', 'vmaf'])
      assert.ok((await paintedPixels(p, `#chart-${id}`)) > 1000);
    await p.screenshot({ path: join(shots, 'compare-time-dark.png'), fullPage: true });
    await p.locator('button[data-mode="load"]').focus();
    await p.keyboard.press('Enter');
    await p.waitForSelector('#chart-vmaf[data-mode="load"][data-rendered="true"]');
    assert.equal(await p.locator('#chart-users').count(), 0);
    assert.equal(await p.locator('button[data-mode="load"]').getAttribute('aria-pressed'), 'true');
    const vmaf = await figures(p, 'vmaf');
    assert.equal(vmaf.maxX, [b, c].map(s => Math.max(...s.vmaf.users)).join(','));
    assert.equal(
      (await figures(p, 'cpu')).maxX,
      [b, c].map(s => Math.max(...s.cpu.users)).join(','),
    );
    await p.screenshot({ path: join(shots, 'compare-load-dark.png'), fullPage: true });
    assert.deepEqual(await p.evaluate(() => window.__csp), []);
    assert.deepEqual(errors, []);
    await p.close();
  });

  it('shows the verdicts, the capacity lines and the warnings of the view model', async () => {
    const { p } = await open('vscode-light');
    const cmp = message.comparison.comparisons[0];
    const cells = await p
      .locator('table.verdicts tbody tr')
      .evaluateAll(rows => rows.map(r => [r.children[0].textContent, r.children[1].textContent]));
    assert.deepEqual(
      cells,
      cmp.rows.map(r => [r.metric, r.verdict]),
    );
    assert.ok(
      cmp.rows.some(r => r.verdict === 'regressed'),
      'the degraded candidate regressed',
    );
    const caps = await p.locator('ul.capacity li').allTextContents();
    assert.equal(caps.length, 2);
    assert.ok(caps[1].includes(message.comparison.series[1].capacity));
    const notes = cmp.warnings.length
      ? await p.locator('ul.warnings li').count()
      : await p.locator('section p.note').count();
    assert.equal(notes, Math.max(1, cmp.warnings.length));
    // users started and stop reason per side, parameters that differ, who fails where
    assert.deepEqual(await p.locator('.run-facts ul.progress li').allTextContents(), [
      `Baseline: ${cmp.progress.baseline}`,
      `Candidate: ${cmp.progress.candidate}`,
    ]);
    assert.deepEqual(
      cmp.configDiff.length
        ? await p.locator('.run-facts ul.config-diff li').allTextContents()
        : [],
      cmp.configDiff,
    );
    const cross = await p.locator('.run-facts ul.cross-run li').allTextContents();
    assert.equal(cross.length, cmp.crossRun.length);
    cmp.crossRun.forEach((x, i) => assert.ok(cross[i].startsWith(`${x.what}: ${x.text}`)));
    assert.ok(
      cmp.crossRun.some(x => x.onlyCandidate.length > 0),
      'the degraded candidate has failures of its own',
    );
    await p.screenshot({ path: join(shots, 'compare-light.png'), fullPage: true });
    await p.close();
  });

  it('draws in high contrast, the pressed toggle told apart without colour', async () => {
    const { p } = await open('vscode-high-contrast');
    const cues = await p.locator('.align-toggle').evaluateAll(buttons =>
      buttons.map(b => {
        const s = getComputedStyle(b);
        return {
          pressed: b.getAttribute('aria-pressed'),
          mark: getComputedStyle(b, '::before').content,
          outline: parseFloat(s.outlineWidth) * (s.outlineStyle === 'none' ? 0 : 1),
          weight: Number(s.fontWeight),
        };
      }),
    );
    assert.ok(cues.length >= 2, 'both alignments offered');
    for (const c of cues) {
      if (c.pressed === 'true') {
        assert.equal(c.mark, '"✓ "');
        assert.ok(c.outline >= 2 && c.weight >= 600, JSON.stringify(c));
      } else {
        assert.ok(c.mark === 'none' || c.mark === 'normal', JSON.stringify(c));
        assert.ok(c.outline < 2 && c.weight < 600, JSON.stringify(c));
      }
    }
    await p.screenshot({ path: join(shots, 'compare-hc.png'), fullPage: true });
    await p.close();
  });

  const sidesShown = p =>
    p
      .locator('dl.sides')
      .evaluate(dl => [...dl.children].map(c => c.firstChild?.textContent ?? ''));

  it('names the baseline and the candidate, and swaps them from the keyboard', async () => {
    const { p, errors } = await open('vscode-dark');
    const [b, c] = message.comparison.series;
    assert.deepEqual(await sidesShown(p), ['Baseline', b.label, 'Candidate', c.label]);
    // reachable with Tab alone: the first focusable control of the page is the export, then swap
    let focused = '';
    for (let i = 0; i < 6 && focused !== 'swap'; i++) {
      await p.keyboard.press('Tab');
      focused = await p.evaluate(() =>
        document.activeElement?.classList.contains('swap-sides') ? 'swap' : '',
      );
    }
    assert.equal(focused, 'swap', 'the swap button is reached with Tab');
    await p.screenshot({ path: join(shots, 'compare-swap-focus-dark.png') });
    await p.keyboard.press('Enter');
    assert.deepEqual(await p.evaluate(() => window.__posted.at(-1)), {
      type: 'swapSides',
      candidate: 1,
    });
    // the host answers with the comparison the other way round
    await postToPage(p, swapped);
    await p.waitForFunction(
      label => document.querySelector('dl.sides dd')?.firstChild?.textContent === label,
      c.label,
    );
    assert.deepEqual(await sidesShown(p), ['Baseline', c.label, 'Candidate', b.label]);
    assert.equal(
      await p.locator('section h2').filter({ hasText: 'against baseline' }).first().innerText(),
      `Candidate ${b.label} against baseline ${c.label}`,
    );
    assert.deepEqual(errors, []);
    await p.close();
  });

  for (const theme of ['vscode-dark', 'vscode-light', 'vscode-high-contrast'])
    it(`shows each test's failure causes over time and load (${theme})`, async () => {
      const { p, errors } = await open(theme);
      const f = message.comparison.failures;
      const tables = await checkCauseTables(p, '#causes', failureLines);
      assert.ok(failureLines[1] > 0 && failureLines[1] <= 1500, 'the candidate fails (unstrided)');
      // the candidate's scatter: one point per failure line, under its cause
      const chart = await p
        .locator('#causes-1-chart[data-rendered="true"]')
        .evaluate(c => ({ ...c.dataset }));
      assert.equal(chart.points, tables[1].join(','));
      const users = message.comparison.series[1].users.users;
      assert.ok(Number(chart.maxY) <= Math.max(...users), 'users connected within the test');
      assert.ok(Number(chart.maxX) <= Math.max(...message.comparison.series[1].users.t) + 60);
      assert.ok((await paintedPixels(p, '#causes-1-chart')) > 500);
      assert.equal(f.tests[1].label, message.comparison.series[1].label);
      await p.locator('#causes').scrollIntoViewIfNeeded();
      await p.locator('#causes').screenshot({ path: join(shots, `compare-causes-${theme}.png`) });
      assert.deepEqual(errors, []);
      await p.close();
    });

  it('exports the verdicts and failure causes as CSV and the charts as PNG', async () => {
    const { p } = await open('vscode-dark');
    const [b, c] = message.comparison.series;
    await p.click('#export-csv');
    const csv = await p.evaluate(() => window.__posted.at(-1));
    assert.equal(csv.type, 'exportFile');
    assert.equal(csv.test, `${b.test} vs ${c.test}`);
    assert.match(csv.name, /-compare\.csv$/);
    const lines = csv.data.trim().split('\r\n');
    assert.equal(lines[0], 'table,subject,row,field,value');
    const cmp = message.comparison.comparisons[0];
    for (const r of cmp.rows)
      assert.ok(
        lines.some(l => l.includes(`,${r.metric} (${r.test}),verdict,${r.verdict}`)),
        `${r.metric}: ${r.verdict}`,
      );
    const failures = lines.filter(
      l => l.startsWith('failure causes,') && l.includes(c.label) && l.includes(',failures,'),
    );
    assert.equal(failures.length, 5, 'five causes of the candidate');
    const total = failures.reduce((n, l) => n + Number(l.split(',').at(-1)), 0);
    assert.equal(total, failureLines[1]);
    await checkPngExport(p, 'Saved compare.png');
    await p.close();
  });
});
