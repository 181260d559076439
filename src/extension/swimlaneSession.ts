/**
 * The connection-progression panel of one test: a webview panel beside the editor, titled
 * `<test> — progression`, answered from the shared summary and its connection_stats (one ingest
 * per root). One panel per root and test; asking again reveals it. Messages are validated; a
 * user's events.json is opened only by session and user number, resolved inside the root.
 */
import * as vscode from 'vscode';
import { swimlaneInput, swimlaneVM } from '../core/viewmodel/swimlane';
import { trailingNumber } from '../core/source/naming';
import { parseWebviewMessage, type HostMessage, type WebviewMessage } from '../shared/protocol';
import { saveExportWithDialog } from './exportDialog';
import { trackView, type ViewServices } from './services';
import { webviewHtml, webviewOptions } from './webviewHtml';
import type { ZoomLinkMember } from './zoomLink';

export class SwimlaneSession implements vscode.Disposable {
  private readonly subscriptions: vscode.Disposable[] = [];
  private readonly link: ZoomLinkMember;

  constructor(
    readonly panel: vscode.WebviewPanel,
    readonly root: string,
    readonly test: string,
    private readonly services: ViewServices,
  ) {
    const webview = panel.webview;
    webview.options = webviewOptions(services.extensionUri);
    webview.html = webviewHtml(webview, services.extensionUri, 'swimlane', panel.title);
    this.link = services.zoomLink.join(root, test, range =>
      this.post({ type: 'linkedRange', range }),
    );
    this.subscriptions.push(
      trackView(services, root),
      webview.onDidReceiveMessage(raw => {
        const message = parseWebviewMessage(raw);
        if (message) void this.handle(message); // malformed or foreign: ignored
      }),
      services.store.onDidChange(changed => {
        if (changed === undefined || changed === root) void this.send();
      }),
    );
  }

  private post(message: HostMessage): void {
    void this.panel.webview.postMessage(message);
  }

  private async handle(message: WebviewMessage): Promise<void> {
    switch (message.type) {
      case 'ready':
        return this.send();
      case 'openUserEvents':
        if (message.test === this.test) await this.openUserEvents(message.session, message.user);
        return;
      case 'visibleRange':
        if (message.test === this.test) this.link.report(message.range);
        return;
      case 'exportFile':
        if (message.test === this.test) this.post(await saveExportWithDialog(message));
        return;
      default:
        return; // overview messages mean nothing here
    }
  }

  private async send(): Promise<void> {
    this.post({ type: 'loading', message: `Analysing ${this.test}…` });
    try {
      const summary = await this.services.store.get(this.root);
      const test = summary.tests.find(t => t.name === this.test);
      if (!test) {
        this.post({
          type: 'error',
          message: `No test named "${this.test}" in this root any more.`,
        });
        return;
      }
      const stats = await this.services.store.connectionStats(this.root, this.test);
      this.post({ type: 'swimlane', swimlane: swimlaneVM(swimlaneInput(test, stats?.rows ?? [])) });
      const range = this.link.current();
      if (range) this.post({ type: 'linkedRange', range });
    } catch (err) {
      const cancelled = err instanceof Error && err.name === 'AbortError';
      this.post({
        type: 'error',
        message: cancelled
          ? 'Reading the results was cancelled. Use Refresh to read them again.'
          : `Could not analyse ${this.test}: ${String(err)}`,
      });
    }
  }

  private async openUserEvents(session: string, user: string): Promise<void> {
    const summary = await this.services.store.get(this.root).catch(() => undefined);
    const test = summary?.tests.find(t => t.name === this.test);
    const found = test?.sessions
      .flatMap(s => s.users)
      .find(
        u =>
          String(trailingNumber(u.session)) === session && String(trailingNumber(u.user)) === user,
      );
    if (!found?.eventsFile) {
      void vscode.window.showWarningMessage(
        `S${session}-U${user} of ${this.test} has no events.json.`,
      );
      return;
    }
    await vscode.window.showTextDocument(vscode.Uri.file(found.eventsFile), {
      viewColumn: vscode.ViewColumn.Beside,
      preview: true,
    });
  }

  dispose(): void {
    this.link.dispose();
    this.subscriptions.forEach(s => s.dispose());
  }
}

/** Opens (or reveals) the progression panel of `test`, one per root and test. */
export class SwimlanePanels implements vscode.Disposable {
  private readonly open = new Map<string, SwimlaneSession>();

  constructor(private readonly services: ViewServices) {}

  show(root: string, test: string): void {
    const key = `${root}\u0000${test}`;
    const existing = this.open.get(key);
    if (existing) {
      existing.panel.reveal();
      return;
    }
    const panel = vscode.window.createWebviewPanel(
      'loadtestLens.progression',
      `${test} — progression`,
      { viewColumn: vscode.ViewColumn.Beside, preserveFocus: false },
      webviewOptions(this.services.extensionUri),
    );
    const session = new SwimlaneSession(panel, root, test, this.services);
    this.open.set(key, session);
    panel.onDidDispose(() => {
      this.open.delete(key);
      session.dispose();
    });
  }

  dispose(): void {
    for (const s of this.open.values()) s.panel.dispose();
  }
}
