/**
 * Opening a result root (or a test inside it) from anywhere: explorer menu, palette, tree.
 * A root with a marker file opens in the custom editor; one without gets a plain panel.
 */
import { existsSync, readdirSync } from 'node:fs';
import { basename, join } from 'node:path';
import * as vscode from 'vscode';
import { resolveInsideRoot } from '../core/source/insideRoot';
import { findRootFor, findRunFolderFor, testNameForPath } from '../core/source/resultRoot';
import { OverviewSession } from './overviewSession';
import { VIEW_TYPE, type ResultEditorProvider } from './resultEditorProvider';
import type { RunPanels } from './runSession';
import type { ViewServices } from './services';

/** The file the custom editor opens on for a root: batches.json, else the first log. */
export function markerFile(root: string): string | undefined {
  const batches = join(root, 'dfs_final', 'batches.json');
  if (existsSync(batches)) return batches;
  try {
    const log = readdirSync(join(root, 'logs'))
      .filter(n => n.endsWith('.log'))
      .sort()[0];
    return log ? join(root, 'logs', log) : undefined;
  } catch {
    return undefined;
  }
}

function besideColumn(): vscode.ViewColumn {
  return vscode.window.activeTextEditor ? vscode.ViewColumn.Beside : vscode.ViewColumn.Active;
}

export class RootOpener implements vscode.Disposable {
  private readonly panels = new Map<
    string,
    { panel: vscode.WebviewPanel; session: OverviewSession }
  >();

  constructor(
    private readonly services: ViewServices,
    private readonly editors: ResultEditorProvider,
    private readonly runs: RunPanels,
  ) {}

  /** Opens the root that `path` is or lies in; false (after telling the user) when there is none. */
  async open(path: string, test?: string, notebookOnly = false): Promise<boolean> {
    const runFolder = notebookOnly ? undefined : await findRunFolderFor(path);
    if (runFolder) return this.runs.showFolder(runFolder);
    const root = await findRootFor(path);
    if (!root) {
      void vscode.window.showErrorMessage(
        vscode.l10n.t(
          'No load-test result root in {0}: expected a folder with stats/, logs/, dfs_final/ or qoe/.',
          vscode.workspace.asRelativePath(path),
        ),
      );
      return false;
    }
    const wanted = test ?? testNameForPath(root, path);
    const found = markerFile(root);
    // The custom editor opens on a file of the root: only one inside it (symlink policy).
    const marker = found ? await resolveInsideRoot(root, found) : undefined;
    if (!marker) {
      this.openPanel(root, wanted);
      return true;
    }
    this.editors.prepare(root, wanted);
    await vscode.commands.executeCommand('vscode.openWith', vscode.Uri.file(marker), VIEW_TYPE, {
      viewColumn: besideColumn(),
      preview: false,
    });
    return true;
  }

  private openPanel(root: string, test: string | undefined): void {
    const existing = this.panels.get(root);
    if (existing) {
      existing.panel.reveal();
      existing.session.select(test);
      return;
    }
    const panel = vscode.window.createWebviewPanel(
      'loadtestLens.overview',
      `Load Test Lens — ${basename(root)}`,
      besideColumn(),
      {
        enableScripts: true,
      },
    );
    const session = new OverviewSession(panel, root, this.services, test);
    this.panels.set(root, { panel, session });
    panel.onDidDispose(() => {
      this.panels.delete(root);
      session.dispose();
    });
  }

  dispose(): void {
    for (const { panel } of this.panels.values()) panel.dispose();
  }
}
