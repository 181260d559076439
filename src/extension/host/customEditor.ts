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
  constructor(
    private readonly host: WebviewHost,
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
    this.host.attach(this.kind, panel, await this.argsOf(document.uri.fsPath));
  }
}
