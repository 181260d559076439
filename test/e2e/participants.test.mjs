// End-to-end: in a real VS Code (code-server), open the participants overview of the selected
// test from the overview; check that the events bars have one bar per user folder with the
// events counted in each events.json, and that the heatmap drew; screenshots dark and light.
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { THEMES } from '../../scripts/e2e/code-server.mjs';
import { frameWith, openFromOverview, openVsCode, RESULTS_DIR } from './fixtures.mjs';

let vsCode;
let workbench;
let sample;
let tests;

/** Events per user folder, counted in each events.json. */
function eventCounts(root, test) {
  const dir = path.join(root, 'stats', test);
  const counts = [];
  for (const s of readdirSync(dir))
    for (const u of readdirSync(path.join(dir, s)))
      counts.push(JSON.parse(readFileSync(path.join(dir, s, u, 'events.json'), 'utf8')).length);
  return counts.sort((a, b) => b - a);
}

describe('Participants overview in a real VS Code', { timeout: 10 * 60_000 }, () => {
  before(async () => {
    vsCode = await openVsCode();
    ({ workbench, sample, tests } = vsCode);
  });

  after(() => vsCode?.close());

  it(
    'opens the participants of the selected test from the overview',
    { timeout: 180_000 },
    async () => {
      try {
        const test = tests[0];
        await openFromOverview(vsCode, test, '#open-participants');
        const view = await frameWith(workbench.page, 'select#top-n');
        await view.locator('select#top-n').selectOption('0');
        const events = view.locator('canvas#events[data-rendered="true"]');
        await events.waitFor({ timeout: 60_000 });
        const drawn = JSON.parse(await events.getAttribute('data-drawn'));
        assert.deepEqual(
          drawn.map(b => b.parts[0]),
          eventCounts(sample.root, test),
        );
        await view.locator('canvas#heatmap[data-rendered="true"]').waitFor({ timeout: 30_000 });
        const tab = workbench.page.locator('.tab', { hasText: `Participants · ${test}` });
        await tab.first().waitFor({ timeout: 10_000 });
        await workbench.screenshot(RESULTS_DIR, 'participants-dark');
        await view.locator('#heat').scrollIntoViewIfNeeded();
        await workbench.setColorTheme(THEMES.light);
        await workbench.page.waitForTimeout(1500);
        await workbench.screenshot(RESULTS_DIR, 'participants-heatmap-light');
        await workbench.setColorTheme(THEMES.dark);
      } catch (error) {
        await workbench.screenshot(RESULTS_DIR, 'failure-participants').catch(() => {});
        console.log(workbench.describeMessages());
        throw error;
      }
    },
  );
});
