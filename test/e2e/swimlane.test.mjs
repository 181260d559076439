// End-to-end: in a real VS Code (code-server), open the overview of a copy of the sample root,
// press "Connection progression" for the selected test, and check inside the new panel that the
// swimlane drew one row per user folder of that test and that the CPU chart drew the CSV's
// samples. A screenshot goes to test-results/e2e/.
import assert from 'node:assert/strict';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { frameWith, openFromOverview, openVsCode, RESULTS_DIR } from './fixtures.mjs';

let vsCode;
let workbench;
let sample;
let tests;

function userFolders(root, test) {
  const dir = path.join(root, 'stats', test);
  return readdirSync(dir).reduce((n, s) => n + readdirSync(path.join(dir, s)).length, 0);
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
        const tab = workbench.page.locator('.tab', { hasText: `${test} — progression` });
        await tab.first().waitFor({ timeout: 10_000 });
        await workbench.screenshot(RESULTS_DIR, 'swimlane-dark');
      } catch (error) {
        await workbench.screenshot(RESULTS_DIR, 'failure-swimlane').catch(() => {});
        console.log(workbench.describeMessages());
        throw error;
      }
    },
  );
});
