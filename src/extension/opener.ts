/**
 * Opening results from anywhere (explorer menu, palette, tree, a view): a controller run's folder
 * opens its run views; a result root with a marker file opens in the custom editor (its overview),
 * one without gets an overview panel; an overview already open on the root is revealed and shows
 * the test asked for.
 */
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import * as vscode from 'vscode';
import { resolveInsideRoot } from '../core/source/insideRoot';
import {
  findRootFor,
  findRunFolderFor,
  isOsMetadata,
  testNameForPath,
} from '../core/source/resultRoot';
import { HostedEditorProvider } from './host/customEditor';
import type { WebviewHost } from './host/webviewHost';
import type { OpenOptions } from './services';
import { overviewView, type OverviewArgs } from './views/overview';
import { openRunFolder } from './views/run';

/** The custom editor of result roots (registered on batches.json and logs/*.log). */
export const ROOT_EDITOR_TYPE = 'loadtestLens.resultRoot';

/** The file the custom editor opens on for a root: batches.json, else the first log. */
export function markerFile(root: string): string | undefined {
  const batches = join(root, 'dfs_final', 'batches.json');
  if (existsSync(batches)) return batches;
  try {
    const log = readdirSync(join(root, 'logs'))
      .filter(n => n.endsWith('.log') && !isOsMetadata(n))
      .sort()[0];
    return log ? join(root, 'logs', log) : undefined;
  } catch {
    return undefined;
  }
}

function besideColumn(): vscode.ViewColumn {
  return vscode.window.activeTextEditor ? vscode.ViewColumn.Beside : vscode.ViewColumn.Active;
}

export class RootOpener {
  /** Test to show first in the next editor opened on a root (set before `openWith`). */
  private readonly pendingTest = new Map<string, string>();

  constructor(private readonly host: WebviewHost) {}

  /** The custom editor of result roots: the overview, on the root a marker file lies in. */
  editorProvider(): HostedEditorProvider<typeof overviewView.contract, OverviewArgs> {
    return new HostedEditorProvider(this.host, ROOT_EDITOR_TYPE, overviewView, async file => {
      const root = (await findRootFor(file)) ?? file;
      const test = this.pendingTest.get(root) ?? testNameForPath(root, file);
      this.pendingTest.delete(root);
      return test ? { root, test } : { root };
    });
  }

  /** Opens the results `path` is or lies in; false (after telling the user) when there are none. */
  async open(path: string, options: OpenOptions = {}): Promise<boolean> {
    const runFolder = options.notebookOnly ? undefined : await findRunFolderFor(path);
    if (runFolder) return openRunFolder(this.host, runFolder);
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
    const test = options.test ?? testNameForPath(root, path);
    const args: OverviewArgs = test ? { root, test } : { root };
    const open = this.host.isOpen(overviewView, args);
    const found = markerFile(root);
    // The custom editor opens on a file of the root: only one inside it (symlink policy).
    const marker = open || !found ? undefined : await resolveInsideRoot(root, found);
    if (!marker) {
      this.host.open(overviewView, args);
      return true;
    }
    if (test) this.pendingTest.set(root, test);
    await vscode.commands.executeCommand(
      'vscode.openWith',
      vscode.Uri.file(marker),
      ROOT_EDITOR_TYPE,
      { viewColumn: besideColumn(), preview: false },
    );
    return true;
  }
}
