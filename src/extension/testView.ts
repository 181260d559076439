/**
 * What every panel of one test (connection progression, time series …) shares: its webview under
 * the strict CSP, validated messages, the root tracked while it is open (Problems, file watcher),
 * a redraw when the root's summary changes, linked zoom with the test's other views, and exports
 * saved where the user picks.
 */
import * as vscode from 'vscode';
import { parseWebviewMessage, type HostMessage, type WebviewMessage } from '../shared/protocol';
import { saveExportWithDialog } from './exportDialog';
import { trackView, type ViewServices } from './services';
import { webviewHtml, webviewOptions, type WebviewName } from './webviewHtml';
import type { ZoomLinkMember } from './zoomLink';

/** What a view says when reading or analysing a test failed. */
export function failureText(err: unknown, test: string): string {
  const cancelled = err instanceof Error && err.name === 'AbortError';
  return cancelled
    ? 'Reading the results was cancelled. Run “Load Test Lens: Refresh” (or the Results view’s refresh button) to read them again.'
    : `Could not analyse ${test}: ${String(err)}`;
}

export abstract class TestViewSession implements vscode.Disposable {
  protected readonly subscriptions: vscode.Disposable[] = [];
  protected readonly link: ZoomLinkMember;

  constructor(
    readonly panel: vscode.WebviewPanel,
    readonly root: string,
    readonly test: string,
    protected readonly services: ViewServices,
    name: WebviewName,
  ) {
    const webview = panel.webview;
    webview.options = webviewOptions(services.extensionUri);
    webview.html = webviewHtml(webview, services.extensionUri, name, panel.title);
    this.link = services.zoomLink.join(root, test, range =>
      this.post({ type: 'linkedRange', range }),
    );
    this.subscriptions.push(
      trackView(services, root),
      webview.onDidReceiveMessage(raw => {
        const message = parseWebviewMessage(raw);
        if (!message) return; // malformed or foreign: ignored
        void this.dispatch(message);
      }),
      services.store.onDidChange(changed => {
        if (changed === undefined || changed === root) this.rootChanged();
      }),
    );
  }

  /** Linked zoom and exports are answered here, the rest by the view. */
  private async dispatch(message: WebviewMessage): Promise<void> {
    if (message.type === 'visibleRange') {
      if (message.test === this.test) this.link.report(message.range);
    } else if (message.type === 'exportFile') {
      if (message.test === this.test) this.post(await saveExportWithDialog(message));
    } else await this.handle(message);
  }

  protected post(message: HostMessage): void {
    void this.panel.webview.postMessage(message);
  }

  /** Sends the range the test's other views show, if they zoomed. */
  protected sendLinkedRange(): void {
    const range = this.link.current();
    if (range) this.post({ type: 'linkedRange', range });
  }

  /** A validated message of this view's webview (linked zoom and exports are handled here). */
  protected abstract handle(message: WebviewMessage): Promise<void>;

  /** The root's summary was dropped (Refresh, a changed file, a setting): draw again. */
  protected abstract rootChanged(): void;

  dispose(): void {
    this.link.dispose();
    this.subscriptions.forEach(s => s.dispose());
  }
}
