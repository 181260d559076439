// End-to-end: cancelling a long read of a result root in a real VS Code (code-server). A small
// generated root whose controller log is padded to ~5 GB of DEBUG lines (written into the
// workspace copy, a few seconds to read) is opened from the Explorer; its progress notification
// ("Load Test Lens: reading …") is cancelled; the overview then says the reading was cancelled,
// and the Refresh command it names reads the root in full. Screenshots go to test-results/e2e/.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { closeSync, openSync, readdirSync, readFileSync, writeSync } from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { frameWith, openVsCode, RESULTS_DIR } from './fixtures.mjs';

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const NAME = 'slow-root';
const TEST = 'loadtest-webrtc-2024-pion-8p';
/** DEBUG lines padded into the log: 45 M lines of about 110 bytes, some 5 GB. */
const PAD_LINES = 45_000_000;

let vsCode;
let workbench;

/** A small root whose log carries `lines` DEBUG lines (naming no user) after its third line. */
function slowRoot(root, lines) {
  execFileSync(process.execPath, [
    path.join(REPO, 'dist', 'cli.js'),
    'generate',
    '--out',
    root,
    '--seed',
    'slow',
    '--tests',
    `${TEST}:4`,
    '--no-stats',
  ]);
  const log = path.join(root, 'logs', readdirSync(path.join(root, 'logs'))[0]);
  const original = readFileSync(log, 'utf8').split('\n');
  const fd = openSync(log, 'w');
  writeSync(fd, original.slice(0, 3).join('\n') + '\n');
  const line = `2024-06-20 13:00:02.459 DEBUG 53920 --- [           main] i.o.l.Filler : ${'x'.repeat(60)}\n`;
  const chunk = line.repeat(50_000);
  for (let done = 0; done < lines; done += 50_000) writeSync(fd, chunk);
  writeSync(fd, original.slice(3).join('\n'));
  closeSync(fd);
}

describe('Cancelling a long analysis in a real VS Code', { timeout: 10 * 60_000 }, () => {
  before(async () => {
    vsCode = await openVsCode({
      prepare: sample => slowRoot(path.join(sample.workspace, NAME), PAD_LINES),
    });
    ({ workbench } = vsCode);
  });

  after(() => vsCode?.close());

  it(
    'cancel stops the reading, the view says so, Refresh reads it again',
    { timeout: 300_000 },
    async () => {
      try {
        await workbench.showExplorer();
        await workbench.contextMenu(workbench.explorerRow(NAME), 'Open in Load Test Lens');
        const page = workbench.page;
        const toast = page
          .locator('.notification-toast', { hasText: `Load Test Lens: reading ${NAME}` })
          .first();
        await toast.waitFor({ timeout: 60_000 });
        await workbench.screenshot(RESULTS_DIR, 'cancel-progress');
        await toast.hover();
        await toast.locator('.monaco-button', { hasText: 'Cancel' }).click();
        await toast.waitFor({ state: 'detached', timeout: 30_000 });
        const overview = await frameWith(page, '.status.error');
        const text = await overview.locator('.status.error').innerText();
        assert.match(text, /Reading the results was cancelled/);
        assert.match(text, /Load Test Lens: Refresh/);
        await workbench.screenshot(RESULTS_DIR, 'cancel-cancelled');
        // The command the message names reads the root in full: the overview lists the test.
        await workbench.runCommand('Load Test Lens: Refresh');
        await overview
          .locator(`table#tests tbody tr[data-test="${TEST}"]`)
          .waitFor({ timeout: 180_000 });
        await workbench.screenshot(RESULTS_DIR, 'cancel-read-again');
      } catch (error) {
        await workbench.screenshot(RESULTS_DIR, 'failure-cancel').catch(() => {});
        console.log(workbench.describeMessages());
        throw error;
      }
    },
  );
});
