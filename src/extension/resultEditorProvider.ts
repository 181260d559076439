/**
 * The read-only custom editor for result roots. Custom editors open files, not folders, so it
 * is registered on files every root has (`dfs_final/batches.json`, `logs/*.log`) with
 * priority "option"; the "Open in Load Test Lens" command opens it on the root's marker file.
 */
import * as vscode from 'vscode';
import { findRootFor, testNameForPath } from '../core/source/resultRoot';
import { OverviewSession } from './overviewSession';
import type { ViewServices } from './services';

export const VIEW_TYPE = 'loadtestLens.resultRoot';

export class ResultEditorProvider implements vscode.CustomReadonlyEditorProvider {
  private readonly sessions = new Set<OverviewSession>();
  /** Test to show first in the next editor opened on a root (set by commands before `openWith`). */
  private readonly pendingTest = new Map<string, string>();

  constructor(private readonly services: ViewServices) {}

  openCustomDocument(uri: vscode.Uri): vscode.CustomDocument {
    return { uri, dispose: () => undefined };
  }

  async resolveCustomEditor(
    document: vscode.CustomDocument,
    panel: vscode.WebviewPanel,
  ): Promise<void> {
    const root = (await findRootFor(document.uri.fsPath)) ?? document.uri.fsPath;
    const test = this.pendingTest.get(root) ?? testNameForPath(root, document.uri.fsPath);
    this.pendingTest.delete(root);
    const session = new OverviewSession(panel, root, this.services, test);
    this.sessions.add(session);
    panel.onDidDispose(() => {
      this.sessions.delete(session);
      session.dispose();
    });
  }

  /** Before opening a root: which test to select; returns true when a view of the root is already open. */
  prepare(root: string, test: string | undefined): boolean {
    const open = [...this.sessions].filter(s => s.root === root);
    open.forEach(s => s.select(test));
    if (test && open.length === 0) this.pendingTest.set(root, test);
    return open.length > 0;
  }
}
