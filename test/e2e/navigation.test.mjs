// End-to-end: from a failed user to its logs in a real VS Code (code-server). In the Results
// view, clicking a failed user opens the controller log with the cursor on its failure line
// (line number and text checked against the log file), its events.json and stats.json beside;
// Alt+F9 steps to the next failure line; a log above 50 MB (generated into the temp copy) opens
// in the extension's virtualised log view at the failure line. Screenshots in test-results/e2e/.
import assert from 'node:assert/strict';
import {
  closeSync,
  copyFileSync,
  mkdirSync,
  openSync,
  readFileSync,
  writeFileSync,
  writeSync,
} from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { ROOT } from '../../scripts/e2e/code-server.mjs';
import { frameWith, openVsCode, RESULTS_DIR } from './fixtures.mjs';

const FAILURE = /(.*) ERROR .* Participant (.*) in session (.*) failed (\d+) times/;

let workbench;
let close;
let sample;
let tests;

/** Every failure line of a log: 1-based line number, text, user and session (the notebook's regex). */
function failureLines(file) {
  return readFileSync(file, 'utf8')
    .split('\n')
    .flatMap((text, i) => {
      const m = FAILURE.exec(text);
      return m ? [{ line: i + 1, text, user: m[2], session: m[3] }] : [];
    });
}

/**
 * Rewrites `file` above 50 MB: `lines` DEBUG lines that name no user go in after its third
 * line, so every failure moves down by that many lines. Written in chunks, never held whole.
 */
function inflateLog(file, lines) {
  const original = readFileSync(file, 'utf8').split('\n');
  const fd = openSync(file, 'w');
  writeSync(fd, original.slice(0, 3).join('\n') + '\n');
  const pad = 'x'.repeat(60);
  for (let done = 0; done < lines; done += 10_000) {
    let chunk = '';
    for (let i = done; i < Math.min(lines, done + 10_000); i++)
      chunk += `2024-06-20 13:00:02.459 DEBUG 53920 --- [           main] i.o.l.Filler : padding ${i} ${pad}\n`;
    writeSync(fd, chunk);
  }
  writeSync(fd, original.slice(3).join('\n'));
  closeSync(fd);
}

/**
 * A test whose log holds two test cases (test/fixtures/real/controller-logs/cases/2024.log: the
 * first on lines 1–34, the second from line 39, each the same run of four users, the second
 * starting 31.194 s after the first at 10:15:00Z) and whose user folders hold both cases' events.
 */
const CASES = 'loadtest-webrtc-2024-two-cases';
const CASE_STARTS = [Date.UTC(2024, 5, 20, 10, 15, 0), Date.UTC(2024, 5, 20, 10, 15, 31, 194)];

function addTwoCaseTest(root) {
  mkdirSync(path.join(root, 'logs'), { recursive: true });
  copyFileSync(
    path.join(ROOT, 'test/fixtures/real/controller-logs/cases/2024.log'),
    path.join(root, 'logs', `${CASES}.log`),
  );
  for (const [session, user, s] of [
    ['LoadTestSession1', 'User1', 1],
    ['LoadTestSession1', 'User2', 3],
    ['LoadTestSession2', 'User1', 7],
    ['LoadTestSession2', 'User2', 10],
  ]) {
    const dir = path.join(root, 'stats', CASES, session, user);
    mkdirSync(dir, { recursive: true });
    const events = CASE_STARTS.flatMap(start =>
      ['connectionStart', 'streamCreated'].map((event, i) => ({
        event,
        participant: user,
        session,
        timestamp: new Date(start + s * 1000 + i * 500).toISOString(),
      })),
    );
    writeFileSync(path.join(dir, 'events.json'), JSON.stringify(events));
  }
}

/**
 * The tree row at `labels` (test, session, user), found by its aria-level under its parent so
 * that a session of another test never matches; rows are expanded on the way down.
 */
async function treeRow(labels) {
  const page = workbench.page;
  let index = 0; // the (first) result root
  for (const [depth, label] of labels.entries()) {
    const deadline = Date.now() + 60_000;
    const parent = index;
    for (;;) {
      index = await page.evaluate(
        ({ label, level, after }) => {
          const rows = [...document.querySelectorAll('.sidebar .monaco-list-row[data-index]')]
            .map(r => ({
              index: Number(r.dataset.index),
              level: Number(r.getAttribute('aria-level')),
              label: r.querySelector('.label-name')?.textContent,
            }))
            .sort((a, b) => a.index - b.index);
          const parentEnd = rows.find(r => r.index > after && r.level < level)?.index ?? Infinity;
          return rows.find(
            r => r.index > after && r.index < parentEnd && r.level === level && r.label === label,
          )?.index;
        },
        { label, level: depth + 2, after: parent },
      );
      if (index !== undefined) break;
      if (Date.now() > deadline) {
        const seen = await page
          .locator('.sidebar .monaco-list-row')
          .evaluateAll(rs =>
            rs.map(
              r =>
                `${r.dataset.index}:${r.getAttribute('aria-level')}:${r.querySelector('.label-name')?.textContent}`,
            ),
          );
        throw new Error(
          `no tree row ${labels.slice(0, depth + 1).join(' > ')} in ${seen.join(' | ')}`,
        );
      }
      await page.waitForTimeout(250);
    }
    const row = page.locator(`.sidebar .monaco-list-row[data-index="${index}"]`);
    if (depth < labels.length - 1 && (await row.getAttribute('aria-expanded')) === 'false') {
      await row.locator('.monaco-tl-twistie').click();
      await page
        .locator(`.sidebar .monaco-list-row[data-index="${index}"][aria-expanded="true"]`)
        .waitFor({ timeout: 30_000 });
    }
  }
  return workbench.page.locator(`.sidebar .monaco-list-row[data-index="${index}"]`);
}

/** The line number in the status bar ("Ln 135, Col 1 (120 selected)"). */
async function cursorLine() {
  const item = workbench.page.locator('#status\\.editor\\.selection');
  await item.waitFor({ timeout: 20_000 });
  const m = /Ln (\d+)/.exec(await item.innerText());
  return m ? Number(m[1]) : undefined;
}

async function waitForCursorLine(line) {
  const deadline = Date.now() + 20_000;
  let last;
  while (Date.now() < deadline) {
    last = await cursorLine().catch(() => undefined);
    if (last === line) return;
    await workbench.page.waitForTimeout(200);
  }
  assert.equal(last, line, 'the cursor is on the failure line');
}

/** The text the active editor renders for line `n` (gutter number → same row of view lines). */
async function renderedLine(n) {
  return workbench.page.evaluate(line => {
    const editor = document.querySelector('.editor-group-container.active .monaco-editor');
    const gutter = [...editor.querySelectorAll('.margin-view-overlays > div')].find(
      d => d.querySelector('.line-numbers')?.textContent.trim() === String(line),
    );
    if (!gutter) return undefined;
    const top = gutter.style.top;
    const row = [...editor.querySelectorAll('.view-lines .view-line')].find(
      v => v.style.top === top,
    );
    return row?.textContent.replace(/\u00a0/g, ' ');
  }, n);
}

/** Whole-line decorations the extension put on the log: rows highlighted as the user's. */
async function decoratedRows() {
  return workbench.page.evaluate(() => {
    const editor = document.querySelector('.editor-group-container.active .monaco-editor');
    return editor.querySelectorAll('.view-overlays .cdr').length;
  });
}

/**
 * The decorated rows once there are some (or after 20 s): the editor draws the decorations a
 * frame or more after the cursor has moved, later on a loaded machine.
 */
async function decoratedRowsShown() {
  const deadline = Date.now() + 20_000;
  let rows = await decoratedRows();
  while (rows === 0 && Date.now() < deadline) {
    await workbench.page.waitForTimeout(200);
    rows = await decoratedRows();
  }
  return rows;
}

describe('From a failed user to its logs in a real VS Code', { timeout: 10 * 60_000 }, () => {
  let small;
  let large;

  before(async () => {
    ({ sample, tests, workbench, close } = await openVsCode({
      prepare: s => addTwoCaseTest(s.root),
    }));
    tests = tests.filter(t => t !== CASES);
    small = tests.find(t => t.includes('kurento')) ?? tests[0];
    large = tests.find(
      t => t !== small && failureLines(path.join(sample.root, 'logs', `${t}.log`)).length > 0,
    );
    // Nothing has read the root yet: the Results view is first shown by the tests below.
    inflateLog(path.join(sample.root, 'logs', `${large}.log`), 560_000);
  });

  after(async () => {
    await close?.();
  });

  async function openFailedUser(test, failure) {
    await workbench.runCommand('View: Show Load Test Lens');
    await (await treeRow([test, failure.session, failure.user])).click();
  }

  it('clicking a failed user opens the log at its failure line', { timeout: 180_000 }, async () => {
    try {
      const log = path.join(sample.root, 'logs', `${small}.log`);
      const failures = failureLines(log);
      const first = failures[0];
      await openFailedUser(small, first);
      // The user's first failure in log order is the first failure line naming it.
      const mine = failures.filter(f => f.user === first.user && f.session === first.session)[0];
      await workbench.page
        .locator('.tabs-container .tab.active', { hasText: `${small}.log` })
        .first()
        .waitFor({ timeout: 30_000 });
      await waitForCursorLine(mine.line);
      assert.equal(await renderedLine(mine.line), mine.text, 'the line shown is the failure line');
      assert.ok((await decoratedRowsShown()) >= 1, 'the failure and user lines are decorated');
      for (const name of ['events.json', 'stats.json']) {
        await workbench.page
          .locator('.tabs-container .tab', { hasText: name })
          .first()
          .waitFor({ timeout: 20_000 });
      }
      await workbench.screenshot(RESULTS_DIR, 'navigation-failure-line');

      // Alt+F9: the next failure line of the test, in log order.
      const next = failures.find(f => f.line > mine.line);
      await workbench.page
        .locator('.editor-group-container.active .monaco-editor .view-lines')
        .first()
        .click();
      await workbench.page.keyboard.press('Alt+F9');
      await waitForCursorLine(next.line);
      assert.equal(await renderedLine(next.line), next.text, 'Alt+F9 shows the next failure line');
      await workbench.screenshot(RESULTS_DIR, 'navigation-next-failure');
    } catch (error) {
      await workbench.screenshot(RESULTS_DIR, 'failure-navigation').catch(() => {});
      console.log(workbench.describeMessages());
      throw error;
    }
  });

  it(
    "a later test case of a log is a test of its own: its failed user opens at that case's line",
    { timeout: 180_000 },
    async () => {
      try {
        const log = path.join(sample.root, 'logs', `${CASES}.log`);
        // LoadTestSession1/User2 fails in both cases: line 13 in the first, line 51 in the second.
        const mine = failureLines(log).filter(
          f => f.user === 'User2' && f.session === 'LoadTestSession1',
        );
        assert.deepEqual(
          mine.map(f => f.line),
          [13, 51],
        );
        await workbench.runCommand('View: Close All Editors');
        await openFailedUser(`${CASES}#2`, mine[1]);
        // A name cut short in the sidebar still says which test case it is.
        const caseRow = await treeRow([`${CASES}#2`]);
        assert.match(await caseRow.textContent(), /test case 2 of 2/);
        await workbench.page
          .locator('.tabs-container .tab.active', { hasText: `${CASES}.log` })
          .first()
          .waitFor({ timeout: 30_000 });
        await waitForCursorLine(51);
        assert.equal(await renderedLine(51), mine[1].text, "the second case's failure line");
        await workbench.screenshot(RESULTS_DIR, 'navigation-second-test-case');
      } catch (error) {
        await workbench.screenshot(RESULTS_DIR, 'failure-second-test-case').catch(() => {});
        console.log(workbench.describeMessages());
        throw error;
      }
    },
  );

  it(
    "a user's graph button reveals it in the swimlane; its Open log line goes to the failure line",
    { timeout: 240_000 },
    async () => {
      try {
        const log = path.join(sample.root, 'logs', `${small}.log`);
        const failures = failureLines(log);
        // The last failed user of the log: its first failure line is the one its earliest
        // failure segment leads to (log order is time order).
        const last = failures.at(-1);
        const mine = failures.find(f => f.user === last.user && f.session === last.session);
        const num = s => /(\d+)$/.exec(s)[1];
        const label = `S${num(mine.session)}-U${num(mine.user)}`;
        await workbench.runCommand('View: Show Load Test Lens');
        const row = await treeRow([small, mine.session, mine.user]);
        await row.hover();
        await row.locator('.action-label[aria-label="Show in Connection Progression"]').click();
        const swim = await frameWith(workbench.page, 'canvas#swimlane');
        await swim.locator(`#detail[data-row="${label}"]`).waitFor({ timeout: 60_000 });
        assert.equal(await swim.locator('#swim-scroll').getAttribute('data-highlighted'), label);
        await workbench.screenshot(RESULTS_DIR, 'navigation-reveal-in-swimlane');
        await swim.locator(`#detail[data-row="${label}"] button.open-log-line`).first().click();
        await workbench.page
          .locator('.tabs-container .tab.active', { hasText: `${small}.log` })
          .first()
          .waitFor({ timeout: 30_000 });
        await waitForCursorLine(mine.line);
        assert.equal(await renderedLine(mine.line), mine.text, 'the failure line is shown');
        await workbench.screenshot(RESULTS_DIR, 'navigation-open-log-line-from-swimlane');
      } catch (error) {
        await workbench.screenshot(RESULTS_DIR, 'failure-reveal-open-log-line').catch(() => {});
        console.log(workbench.describeMessages());
        throw error;
      }
    },
  );

  it(
    'a log above 50 MB opens in the log view at the failure line',
    { timeout: 240_000 },
    async () => {
      try {
        const log = path.join(sample.root, 'logs', `${large}.log`);
        const failures = failureLines(log);
        const first = failures[0];
        await workbench.runCommand('View: Close All Editors');
        await openFailedUser(large, first);
        const mine = failures.filter(f => f.user === first.user && f.session === first.session)[0];
        const view = await (await workbench.page
          .locator('.tabs-container .tab', { hasText: '(large log)' })
          .first()
          .waitFor({ timeout: 60_000 }),
        frameWith(workbench.page, '#log-scroll'));
        const box = view.locator('#log-scroll');
        await view
          .locator(`#log-scroll[data-selected="${mine.line}"]`)
          .waitFor({ timeout: 60_000 });
        const selected = view.locator(`.log-row.selected[data-line="${mine.line}"] .text`);
        await view.locator('.log-row.selected:not(.pending)').waitFor({ timeout: 30_000 });
        assert.equal(
          await selected.textContent(),
          mine.text,
          'the selected row is the failure line',
        );
        const lines = Number(await box.getAttribute('data-lines'));
        assert.equal(
          lines,
          readFileSync(log, 'utf8').split('\n').length -
            (readFileSync(log, 'utf8').endsWith('\n') ? 1 : 0),
        );
        const marked = await view.locator('.log-row.marked .text').allTextContents();
        assert.ok(marked.length > 0, 'lines of the user near the failure are highlighted');
        for (const text of marked)
          assert.ok(
            text.includes(first.user) || /participant \d+ in session \d+/i.test(text),
            text,
          );
        // Keyboard: Page Down moves the selection one page down, Ctrl+G jumps to a line.
        await box.press('PageDown');
        const after = Number(await view.locator('#log-scroll').getAttribute('data-selected'));
        assert.ok(after > mine.line, `Page Down moved the selection (${after})`);
        await box.press('Control+g');
        await view.locator('#goto').fill('2');
        await view.locator('#goto').press('Enter');
        await view.locator('#log-scroll[data-selected="2"]').waitFor({ timeout: 10_000 });
        await view
          .locator('.log-row.selected[data-line="2"]:not(.pending)')
          .waitFor({ timeout: 10_000 });
        await box.press('End');
        await view.locator(`#log-scroll[data-selected="${lines}"]`).waitFor({ timeout: 10_000 });
        await view
          .locator(`.log-row.selected[data-line="${lines}"]:not(.pending)`)
          .waitFor({ timeout: 10_000 });
        // Back to the failure for the screenshot.
        await view.locator('#goto').fill(String(mine.line));
        await view.locator('#goto').press('Enter');
        await view
          .locator(`.log-row.selected[data-line="${mine.line}"]:not(.pending)`)
          .waitFor({ timeout: 10_000 });
        await workbench.screenshot(RESULTS_DIR, 'navigation-large-log');
      } catch (error) {
        await workbench.screenshot(RESULTS_DIR, 'failure-large-log').catch(() => {});
        console.log(workbench.describeMessages());
        throw error;
      }
    },
  );
});
