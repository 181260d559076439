// End-to-end: cancelling a long read of a result root in a real VS Code (code-server). A small
// generated root whose controller log carries a 256 GiB hole (a sparse file: no disk used, read
// as zeros; minutes to read on any machine, so the cancel always lands while the read is still
// running) is opened from the Explorer; its progress notification ("Load Test Lens: reading …")
// is cancelled; the overview then says the reading was cancelled. The log is then given back its
// real content and the Refresh command the message names reads the root in full. Screenshots go
// to test-results/e2e/.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { closeSync, openSync, readdirSync, readFileSync, writeFileSync, writeSync } from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { frameWith, openVsCode, RESULTS_DIR } from './fixtures.mjs';

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const NAME = 'slow-root';
const TEST = 'loadtest-webrtc-2024-pion-8p';
/** The hole in the log: 256 GiB of zeros, one line far past the reader's cap, never on disk. */
const HOLE_BYTES = 256 * 2 ** 30;

let vsCode;
let workbench;

/** The root's controller log. */
function logOf(root) {
  return path.join(root, 'logs', readdirSync(path.join(root, 'logs'))[0]);
}

/**
 * A small root whose log has a sparse hole of `hole` bytes after its third line; returns the
 * log's real content, to give back once the read was cancelled.
 */
function slowRoot(root, hole) {
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
  const log = logOf(root);
  const content = readFileSync(log, 'utf8');
  const lines = content.split('\n');
  const head = lines.slice(0, 3).join('\n') + '\n';
  const fd = openSync(log, 'w');
  writeSync(fd, head);
  writeSync(fd, '\n' + lines.slice(3).join('\n'), Buffer.byteLength(head) + hole);
  closeSync(fd);
  return content;
}

describe('Cancelling a long analysis in a real VS Code', { timeout: 10 * 60_000 }, () => {
  let root;
  let realLog;
  before(async () => {
    vsCode = await openVsCode({
      prepare: sample => {
        root = path.join(sample.workspace, NAME);
        realLog = slowRoot(root, HOLE_BYTES);
      },
    });
    ({ workbench } = vsCode);
  });

  after(() => vsCode?.close());

  it(
    'cancel stops the reading, the view says so, Refresh reads the root again',
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
        // With the log's real content back, the command the message names reads the root in
        // full: the overview lists the test.
        writeFileSync(logOf(root), realLog);
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
