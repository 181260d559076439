/**
 * A read-only custom editor whose page is a hosted view: VS Code opens it on a file (and restores
 * it after a reload itself); the view's arguments come from that file. Used for result roots
 * (the overview, on a root's marker file) and controller runs (the run view, on report-<ts>.html
 * or results-<ts>.txt).
 */
import * as vscode from 'vscode';
import type { Contract } from '../../shared/ipc';
import type { ViewKind } from './view';
import type { WebviewHost } from './webviewHost';

export class HostedEditorProvider<C extends Contract, A>
  implements vscode.CustomReadonlyEditorProvider
{
  /** The arguments of editors being opened again (their page never started), by file. */
  private readonly reopening = new Map<string, A>();

  constructor(
    private readonly host: WebviewHost,
    /** The custom editor's view type (package.json `customEditors`). */
    private readonly editorType: string,
    private readonly kind: ViewKind<C, A>,
    /** The view's arguments for an editor opened on `file`. */
    private readonly argsOf: (file: string) => Promise<A>,
  ) {}

  openCustomDocument(uri: vscode.Uri): vscode.CustomDocument {
    return { uri, dispose: () => undefined };
  }

  async resolveCustomEditor(
    document: vscode.CustomDocument,
    panel: vscode.WebviewPanel,
  ): Promise<void> {
    const file = document.uri.toString();
    const again = this.reopening.get(file);
    this.reopening.delete(file);
    const args = again ?? (await this.argsOf(document.uri.fsPath));
    // Opened again once only: the new editor's page is only loaded again if it does not start.
    const reopen = again === undefined ? () => void this.reopen(document, panel, args) : undefined;
    this.host.attach(this.kind, panel, args, reopen);
  }

  /** Closes the editor and opens it again where it was, with the same arguments. */
  private async reopen(
    document: vscode.CustomDocument,
    panel: vscode.WebviewPanel,
    args: A,
  ): Promise<void> {
    // the file VS Code opened this editor on (resolved when it was first opened)
    const again = document.uri;
    const viewColumn = panel.viewColumn ?? vscode.ViewColumn.Active;
    this.reopening.set(again.toString(), args);
    // Opening the file again while its editor is still in the group would only reveal that one.
    const tab = this.tabOf(again, viewColumn);
    if (tab) await vscode.window.tabGroups.close(tab);
    else panel.dispose();
    await vscode.commands.executeCommand('vscode.openWith', again, this.editorType, {
      viewColumn,
      preserveFocus: false,
      preview: false,
    });
  }

  /** The tab of this custom editor on `uri` in `column`. */
  private tabOf(uri: vscode.Uri, column: vscode.ViewColumn): vscode.Tab | undefined {
    const group = vscode.window.tabGroups.all.find(g => g.viewColumn === column);
    return group?.tabs.find(
      t =>
        t.input instanceof vscode.TabInputCustom &&
        t.input.viewType === this.editorType &&
        t.input.uri.toString() === uri.toString(),
    );
  }
}
