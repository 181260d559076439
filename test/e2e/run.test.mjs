// End-to-end: a run of today's openvidu-loadtest (emulated mode: no per-user stats) written by the
// generator into the workspace, opened from the Explorer in a real VS Code (code-server). Checks
// the verdict comes first and names the planted trip, the room-level notice, the load chart's
// peak against the generator's ground truth, and that evidence opens its file; screenshots of the
// room-level mode and of the load-vs-degradation view.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { ROOT, THEMES } from '../../scripts/e2e/code-server.mjs';
import { frameWith, openVsCode, RESULTS_DIR } from './fixtures.mjs';

const NAME = 'today-run';
let vsCode;
let workbench;
let truth;

/** The CLI writes the run (and its ground truth, outside the run) before VS Code starts. */
function writeRun(sample) {
  if (!existsSync(path.join(ROOT, 'dist/cli.js'))) {
    spawnSync(process.execPath, ['scripts/build.mjs'], { cwd: ROOT, stdio: 'inherit' });
  }
  const truthFile = path.join(sample.base, 'today-truth.json');
  const result = spawnSync(
    process.execPath,
    [
      'dist/cli.js',
      'generate-today',
      '--out',
      path.join(sample.workspace, NAME),
      '--trip',
      'refusedWhileFinished',
      '--truth',
      truthFile,
    ],
    { cwd: ROOT, encoding: 'utf8' },
  );
  if (result.status !== 0) throw new Error(`generate-today failed: ${result.stderr}`);
  truth = JSON.parse(readFileSync(truthFile, 'utf8'));
}

describe("Today's run in a real VS Code", { timeout: 10 * 60_000 }, () => {
  before(async () => {
    vsCode = await openVsCode({ prepare: writeRun });
    ({ workbench } = vsCode);
  });

  after(() => vsCode?.close());

  it(
    'opens the run from the Explorer, verdict first, room-level mode, load vs degradation',
    { timeout: 240_000 },
    async () => {
      try {
        await workbench.showExplorer();
        await workbench.contextMenu(workbench.explorerRow(NAME), 'Open in Load Test Lens');
        const view = await frameWith(workbench.page, '#scenario-panel');
        assert.equal(
          await view.locator('.run-header .verdict').innerText(),
          'Run verdict: INVALID',
        );
        assert.equal(
          await view.locator('#scenario-panel .run-section h2').first().innerText(),
          'Validity',
        );
        const refused = view.locator('table.checks tbody tr', { hasText: 'Participants refused' });
        assert.equal(await refused.locator('.check-status').innerText(), '✗ invalid');
        const planned = truth.scenarios[0];
        assert.match(
          await refused.innerText(),
          new RegExp(
            `never held more than ${planned.platformPeak} of the ${planned.expectedParticipants} participants`,
          ),
        );
        assert.ok(await view.locator('text=This run used browser: emulated').isVisible());
        await workbench.screenshot(RESULTS_DIR, 'run-room-level');
        // The Problems panel holds the invalidating evidence: one aborted connection per test case.
        const page = workbench.page;
        const counts = page.locator('.statusbar-item', { has: page.locator('.codicon-error') });
        const errorCount = async () =>
          Number((await counts.first().innerText()).replace(/\s+/g, ' ').match(/(\d+)/)?.[1] ?? 0);
        for (let i = 0; i < 40 && (await errorCount()) === 0; i++) await page.waitForTimeout(500);
        assert.equal(await errorCount(), truth.scenarios.length);

        const load = view.locator('canvas#load-chart[data-rendered="true"]');
        await load.waitFor({ timeout: 30_000 });
        const drawn = JSON.parse(await load.getAttribute('data-drawn'));
        assert.equal(drawn[0].max, planned.platformPeak);
        await view.locator('#sec-load').evaluate(h => h.scrollIntoView({ block: 'start' }));
        await workbench.screenshot(RESULTS_DIR, 'run-load-vs-degradation');
        await view.locator('#x-participants').click();
        await view
          .locator('canvas#scatter-chart[data-rendered="true"]')
          .waitFor({ timeout: 30_000 });
        await workbench.setColorTheme(THEMES.light);
        await workbench.page.waitForTimeout(1500);
        await workbench.screenshot(RESULTS_DIR, 'run-against-participants-light');
        await workbench.setColorTheme(THEMES.dark);

        // Evidence opens the file it cites, beside the view.
        await view.locator('#sec-validity').evaluate(h => h.scrollIntoView({ block: 'start' }));
        await refused.locator('.link-button').first().click();
        await workbench.page
          .locator('.tab', { hasText: 'errors.json' })
          .first()
          .waitFor({ timeout: 30_000 });
        await workbench.screenshot(RESULTS_DIR, 'run-evidence-opened');
      } catch (error) {
        await workbench.screenshot(RESULTS_DIR, 'failure-run').catch(() => {});
        console.log(workbench.describeMessages());
        throw error;
      }
    },
  );
});
