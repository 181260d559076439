// End-to-end: in a real VS Code (code-server), open the overview of a copy of the sample root,
// press "Connection progression" for the selected test, and check inside the new panel that the
// swimlane drew one row per user folder of that test and that the CPU chart drew the CSV's
// samples; then colours it by a QoS metric (the host reads every stats.json) and exports the
// drawn bars as CSV through the real save dialog. Screenshots go to test-results/e2e/.
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { frameWith, openFromOverview, openVsCode, RESULTS_DIR, snapshot } from './fixtures.mjs';

let vsCode;
let workbench;
let sample;
let tests;

function userFolders(root, test) {
  const dir = path.join(root, 'stats', test);
  return readdirSync(dir).reduce((n, s) => n + readdirSync(path.join(dir, s)).length, 0);
}

/**
 * Per-second bins of inbound video jitter over every user of `test`, read from the stats.json
 * files here: the reports of one user are seconds apart, so each falls in its own bin whatever
 * the test's start (checked).
 */
function jitterBins(root, test) {
  const dir = path.join(root, 'stats', test);
  let bins = 0;
  for (const s of readdirSync(dir))
    for (const u of readdirSync(path.join(dir, s))) {
      const file = path.join(dir, s, u, 'stats.json');
      if (!existsSync(file)) continue;
      const times = [];
      for (const element of JSON.parse(readFileSync(file, 'utf8')))
        for (const item of element.webrtcStats ?? [])
          for (const r of item.event === 'stats' ? (item.data?.video?.inbound ?? []) : [])
            if (r.type === 'inbound-rtp' && typeof r.jitter === 'number') times.push(r.timestamp);
      times.sort((a, b) => a - b);
      times.forEach((t, i) => assert.ok(i === 0 || t - times[i - 1] >= 2000, `${file}: ${t}`));
      bins += times.length;
    }
  return bins;
}

function cpuSamples(root, test) {
  const csv = path.join(root, 'dfs_final', `${test}-medianode.csv`);
  if (!existsSync(csv)) return 0;
  const [header, ...lines] = readFileSync(csv, 'utf8').trim().split(/\r?\n/);
  const col = header.split(',').indexOf('cpu');
  return lines.filter(l => (l.split(',')[col] ?? '').trim() !== '').length;
}

describe('Connection progression in a real VS Code', { timeout: 10 * 60_000 }, () => {
  before(async () => {
    vsCode = await openVsCode();
    ({ workbench, sample, tests } = vsCode);
  });

  after(() => vsCode?.close());

  it(
    'opens the swimlane of the selected test from the overview',
    { timeout: 120_000 },
    async () => {
      try {
        const test = tests[0];
        await openFromOverview(vsCode, test, '#open-progression');
        const swim = await frameWith(workbench.page, 'canvas#swimlane');
        const canvas = swim.locator(`canvas#swimlane[data-rendered="true"][data-test="${test}"]`);
        await canvas.waitFor({ timeout: 30_000 });
        const d = await canvas.evaluate(c => ({ ...c.dataset }));
        assert.equal(Number(d.rows), userFolders(sample.root, test));
        assert.ok(Number(d.segments) > 0);
        const cpu = swim.locator('canvas#cpu-chart[data-rendered="true"]');
        await cpu.waitFor({ timeout: 10_000 });
        assert.equal(
          Number(await cpu.getAttribute('data-cpu-points')),
          cpuSamples(sample.root, test),
        );
        const tab = workbench.page.locator('.tab', { hasText: `Progression · ${test}` });
        await tab.first().waitFor({ timeout: 10_000 });
        await workbench.screenshot(RESULTS_DIR, 'swimlane-dark');
      } catch (error) {
        await workbench.screenshot(RESULTS_DIR, 'failure-swimlane').catch(() => {});
        console.log(workbench.describeMessages());
        throw error;
      }
    },
  );
  it(
    'colours the swimlane by inbound video jitter, computed by the extension host from stats.json',
    { timeout: 180_000 },
    async () => {
      try {
        const test = tests[0];
        const swim = await frameWith(workbench.page, 'canvas#swimlane');
        await swim.locator('select#metric').selectOption('qos:inbound/jitter/video');
        const canvas = swim.locator('canvas#swimlane[data-rendered="true"]');
        await swim
          .locator('canvas#swimlane:not([data-seg-qos="0"])[data-seg-qos]')
          .waitFor({ timeout: 120_000 });
        const drawn = Number(await canvas.getAttribute('data-seg-qos'));
        assert.equal(drawn, jitterBins(sample.root, test));
        assert.match(
          await swim.locator('#qos-legend').innerText(),
          /Jitter, inbound video \(ms; lower is better\)/,
        );
        await workbench.screenshot(RESULTS_DIR, 'swimlane-qos-jitter-dark');
      } catch (error) {
        await workbench.screenshot(RESULTS_DIR, 'failure-swimlane-qos').catch(() => {});
        console.log(workbench.describeMessages());
        throw error;
      }
    },
  );

  it(
    'exports the drawn bars as CSV where the save dialog says, and nowhere else',
    { timeout: 120_000 },
    async () => {
      const target = path.join(mkdtempSync(path.join(tmpdir(), 'ltl-e2e-export-')), 'bars.csv');
      const before = snapshot(sample.root);
      try {
        const swim = await frameWith(workbench.page, 'canvas#swimlane');
        const d = await swim
          .locator('canvas#swimlane[data-rendered="true"]')
          .evaluate(c => ({ ...c.dataset }));
        await swim.locator('#export-csv').click();
        // code-server's save dialog is VS Code's simple file dialog: a quick input with the path.
        const input = workbench.page.locator('.quick-input-widget input');
        await input.waitFor({ timeout: 20_000 });
        // The dialog fills in its default path once it has resolved it; type ours after that.
        await fillUntilKept(input, target);
        await input.press('Enter');
        await swim
          .locator('#export-status', { hasText: 'Saved CSV to' })
          .waitFor({ timeout: 20_000 });
        const lines = readFileSync(target, 'utf8').trimEnd().split('\r\n');
        assert.equal(
          lines[0],
          'row,session,user,role,kind,start_s,end_s,duration_s,attempt,merged,metric,value,unit',
        );
        // One line per drawn bar: every kind the chart holds (QoS colouring is on).
        const kinds = ['Start', 'Retry', 'Connected', 'Failure', 'Qoe', 'Qos'];
        const bars = kinds.reduce((n, k) => n + Number(d[`seg${k}`]), 0);
        assert.equal(lines.length - 1, bars);
        assert.deepEqual(snapshot(sample.root), before, 'nothing written into the result root');
      } catch (error) {
        await workbench.screenshot(RESULTS_DIR, 'failure-swimlane-export').catch(() => {});
        console.log(workbench.describeMessages());
        throw error;
      }
    },
  );
});

/** Fills a quick input until it keeps `value` (code-server's save dialog may overwrite it once). */
async function fillUntilKept(input, value) {
  for (let i = 0; i < 20; i++) {
    await input.fill(value);
    await new Promise(r => setTimeout(r, 250));
    if ((await input.inputValue()) === value) return;
  }
  throw new Error(`the save dialog did not keep ${value}`);
}
