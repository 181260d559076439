/**
 * From a failed user to its logs: opens the controller log at the failure's line (selection on
 * the line, the user's neighbouring lines highlighted), or the log view when the log is too large
 * for a document, and beside it the user's events.json at the event of the failure and its
 * stats.json at the start. Also steps to the next / previous failure of the test.
 */
import * as vscode from 'vscode';
import type { TestSummary } from '../core/analysis/testSummary';
import type { LogFailure, UserSummary } from '../core/model/session';
import { parseEvents } from '../core/ingest/events';
import { failuresInLogOrder, stepFailure } from '../core/navigate/failureOrder';
import { arrayEntryRange, entryForTime } from '../core/navigate/jsonEntry';
import { userLinesAround, type LogUser } from '../core/navigate/userLines';
import { resolveInsideRoot } from '../core/source/insideRoot';
import { trailingNumber } from '../core/source/naming';
import { isLargeFile } from '../core/navigate/lineWindow';
import type { LogTarget } from './views/logView';
import { readSettings } from './settings';
import type { SummaryStore } from './summaryStore';

/** Lines either side of the failure searched for the user's other lines. */
const NEIGHBOUR_RADIUS = 40;
/** Set while a test's failures can be stepped through (keybindings use it). */
export const FAILURE_CONTEXT = 'loadtestLens.failureNavigation';

/** All failures of a test: its users' and the ones matching no user folder. */
export function testFailures(test: TestSummary): LogFailure[] {
  return [
    ...test.sessions.flatMap(s => s.users.flatMap(u => u.failures)),
    ...test.unmatchedFailures,
  ];
}

/**
 * The document of `file` when it lies inside `root` once every link is followed (the symlink
 * policy, src/core/source/insideRoot.ts); throws, naming both, otherwise. Every file the
 * navigation commands open goes through here (test/unit/security.test.ts checks the call sites).
 */
export async function documentInside(root: string, file: string): Promise<vscode.TextDocument> {
  const inside = await resolveInsideRoot(root, file);
  if (!inside)
    throw new Error(
      vscode.l10n.t('{0} is not a file inside the result root {1}; it was not opened.', file, root),
    );
  return vscode.workspace.openTextDocument(vscode.Uri.file(inside));
}

/** The user a failure belongs to (by its line), if it matched one. */
export function userOfFailure(test: TestSummary, failure: LogFailure): UserSummary | undefined {
  return test.sessions
    .flatMap(s => s.users)
    .find(u => u.failures.some(f => f.line === failure.line && f.user === failure.user));
}

export class FailureNavigator implements vscode.Disposable {
  private current?: { root: string; test: string; line: number };
  private readonly userLines = vscode.window.createTextEditorDecorationType({
    isWholeLine: true,
    backgroundColor: new vscode.ThemeColor('editor.findRangeHighlightBackground'),
    overviewRulerColor: new vscode.ThemeColor('editorOverviewRuler.findMatchForeground'),
    overviewRulerLane: vscode.OverviewRulerLane.Center,
  });
  private readonly failureLine = vscode.window.createTextEditorDecorationType({
    isWholeLine: true,
    backgroundColor: new vscode.ThemeColor('editor.rangeHighlightBackground'),
    borderColor: new vscode.ThemeColor('editorError.foreground'),
    borderStyle: 'solid',
    borderWidth: '0 0 0 2px',
    overviewRulerColor: new vscode.ThemeColor('editorOverviewRuler.errorForeground'),
    overviewRulerLane: vscode.OverviewRulerLane.Full,
  });

  constructor(
    private readonly store: SummaryStore,
    /** Opens a log too large for a text editor in the log view. */
    private readonly showLargeLog: (target: LogTarget) => void,
  ) {}

  /** Opens the log at `failure` and the user's files beside it. */
  async open(root: string, test: TestSummary, failure: LogFailure): Promise<void> {
    const listed = test.location.logFile;
    const log = listed ? await resolveInsideRoot(root, listed) : undefined;
    if (!log) {
      void vscode.window.showWarningMessage(
        listed
          ? vscode.l10n.t(
              '{0} is not a file inside the result root {1}; it was not opened.',
              listed,
              root,
            )
          : vscode.l10n.t('{0} has no controller log.', test.name),
      );
      return;
    }
    this.current = { root, test: test.name, line: failure.line };
    void vscode.commands.executeCommand('setContext', FAILURE_CONTEXT, true);
    const who = { user: failure.user, session: failure.session };
    try {
      if (await isLargeFile(log))
        this.showLargeLog({ root, file: log, line: failure.line, who, known: [failure] });
      else await this.showLogLine(root, log, failure.line, who);
    } catch (err) {
      void vscode.window.showErrorMessage(vscode.l10n.t('Cannot open {0}: {1}', log, String(err)));
      return;
    }
    const user = userOfFailure(test, failure);
    if (user && readSettings().openUserFiles) await this.showUserFiles(root, user, failure.time);
  }

  /** Opens the first (or only) failure of a user, or its events.json when it has none. */
  async openUser(root: string, test: TestSummary, user: UserSummary): Promise<void> {
    const first = failuresInLogOrder(user.failures)[0];
    if (first) await this.open(root, test, first);
    else await this.showUserFiles(root, user, undefined);
  }

  /**
   * From a chart: the failure of user `userNo` in session `sessionNo` (numbers as the swimlane
   * rows carry them) nearest in time to `at` (epoch ms); the user's events when it has none.
   */
  async openNear(
    root: string,
    testName: string,
    sessionNo: string,
    userNo: string,
    at: number,
  ): Promise<void> {
    const summary = await this.store.get(root);
    const test = summary.tests.find(t => t.name === testName);
    const user = test?.sessions
      .flatMap(s => s.users)
      .find(
        u =>
          String(trailingNumber(u.session)) === sessionNo &&
          String(trailingNumber(u.user)) === userNo,
      );
    if (!test || !user) {
      void vscode.window.showWarningMessage(
        vscode.l10n.t('S{0}-U{1} is not in {2}.', sessionNo, userNo, testName),
      );
      return;
    }
    const nearest = [...user.failures].sort(
      (a, b) => Math.abs(a.time - at) - Math.abs(b.time - at),
    )[0];
    if (nearest) await this.open(root, test, nearest);
    else await this.showUserFiles(root, user, at);
  }

  /** The failure after or before the current one, in the current test (or the given one). */
  async step(direction: 1 | -1): Promise<void> {
    const at = this.current;
    if (!at) {
      void vscode.window.showInformationMessage(
        vscode.l10n.t('Open a failure from the Results view first.'),
      );
      return;
    }
    const summary = await this.store.get(at.root);
    const test = summary.tests.find(t => t.name === at.test);
    const next = test && stepFailure(failuresInLogOrder(testFailures(test)), at.line, direction);
    if (!test || !next) {
      void vscode.window.showInformationMessage(vscode.l10n.t('{0} has no failures.', at.test));
      return;
    }
    await this.open(at.root, test, next);
  }

  /** A file of the root (the Results view's events.json), opened through the symlink policy. */
  async openFile(root: string, file: string): Promise<void> {
    try {
      const doc = await documentInside(root, file);
      await vscode.window.showTextDocument(doc, { preview: true });
    } catch (err) {
      void vscode.window.showWarningMessage(String(err instanceof Error ? err.message : err));
    }
  }

  private async showLogLine(root: string, file: string, line: number, who: LogUser): Promise<void> {
    const doc = await documentInside(root, file);
    const target = Math.min(Math.max(1, line), doc.lineCount) - 1;
    const range = doc.lineAt(target).range;
    const editor = await vscode.window.showTextDocument(doc, {
      // Anchored at the end, active at the start: the editor reveals the line's beginning.
      selection: new vscode.Selection(range.end, range.start),
      preview: false,
    });
    editor.revealRange(range, vscode.TextEditorRevealType.InCenter);
    const from = Math.max(0, target - NEIGHBOUR_RADIUS);
    const to = Math.min(doc.lineCount - 1, target + NEIGHBOUR_RADIUS);
    const texts = Array.from({ length: to - from + 1 }, (_, i) => doc.lineAt(from + i).text);
    const mine = userLinesAround(texts, from + 1, target + 1, who, NEIGHBOUR_RADIUS);
    editor.setDecorations(
      this.userLines,
      mine.map(n => doc.lineAt(n - 1).range),
    );
    editor.setDecorations(this.failureLine, [range]);
  }

  /** stats.json at its start and events.json at the event of the failure, beside the log. */
  private async showUserFiles(
    root: string,
    user: UserSummary,
    time: number | undefined,
  ): Promise<void> {
    const beside = { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true, preview: false };
    const listed = user.eventsFile?.replace(/events\.json$/, 'stats.json');
    const stats = listed ? await resolveInsideRoot(root, listed) : undefined;
    const events = user.eventsFile ? await resolveInsideRoot(root, user.eventsFile) : undefined;
    try {
      if (stats && !(await isLargeFile(stats).catch(() => true))) {
        const statsDoc = await documentInside(root, stats);
        await vscode.window.showTextDocument(statsDoc, {
          ...beside,
          selection: new vscode.Range(0, 0, 0, 0),
        });
      }
      if (events && !(await isLargeFile(events))) {
        await this.showEvent(root, events, time, beside);
      }
    } catch (err) {
      void vscode.window.showWarningMessage(
        vscode.l10n.t('Cannot open the files of {0}: {1}', user.user, String(err)),
      );
    }
  }

  private async showEvent(
    root: string,
    file: string,
    time: number | undefined,
    options: vscode.TextDocumentShowOptions,
  ): Promise<void> {
    const doc = await documentInside(root, file);
    const text = doc.getText();
    const index = entryForTime(parseEvents(text, file).events, time);
    const found = index === undefined ? undefined : arrayEntryRange(text, index);
    const [start, end] = found ?? [0, 0];
    const selection = new vscode.Selection(doc.positionAt(end), doc.positionAt(start));
    const editor = await vscode.window.showTextDocument(doc, { ...options, selection });
    editor.revealRange(selection, vscode.TextEditorRevealType.InCenterIfOutsideViewport);
  }

  dispose(): void {
    this.userLines.dispose();
    this.failureLine.dispose();
  }
}
