/**
 * Connects one webview (custom editor or panel) to one result root: answers the webview's
 * requests with view models built from the shared summary. The webview is untrusted: every
 * message is validated, and files are opened only by test name, resolved inside the root.
 */
import { stat } from 'node:fs/promises';
import { basename } from 'node:path';
import * as vscode from 'vscode';
import type { RootSummary } from '../core/analysis/rootSummary';
import { resolveInsideRoot } from '../core/source/insideRoot';
import { headline, nodeSeriesVM, overviewVM } from '../core/viewmodel/overview';
import {
  parseWebviewMessage,
  type HostMessage,
  type TestFileKind,
  type WebviewMessage,
} from '../shared/protocol';
import { trackView, type ViewServices } from './services';
import type { SummaryStore } from './summaryStore';
import { webviewHtml, webviewOptions } from './webviewHtml';

/** VS Code refuses to open larger files as text documents for extensions. */
const MAX_TEXT_DOCUMENT_BYTES = 50 * 1024 * 1024;

export class OverviewSession implements vscode.Disposable {
  private readonly subscriptions: vscode.Disposable[] = [];
  private selected: string | undefined;

  private readonly store: SummaryStore;
  private readonly webview: vscode.Webview;

  constructor(
    private readonly panel: vscode.WebviewPanel,
    readonly root: string,
    private readonly services: ViewServices,
    initialTest?: string,
  ) {
    const { store, extensionUri } = services;
    const webview = panel.webview;
    this.webview = webview;
    this.store = store;
    this.selected = initialTest;
    webview.options = webviewOptions(extensionUri);
    webview.html = webviewHtml(
      webview,
      extensionUri,
      'overview',
      `Load Test Lens — ${basename(root)}`,
    );
    this.subscriptions.push(
      trackView(services, root),
      webview.onDidReceiveMessage(raw => this.onMessage(raw)),
      panel.onDidChangeViewState(() => void this.updateStatus()),
      store.onDidChange(changed => {
        if (changed === undefined || changed === root) void this.sendOverview();
      }),
    );
  }

  /** Shows a test (from the tree or a command) in this view. */
  select(test: string | undefined): void {
    if (!test) return;
    this.selected = test;
    void this.sendOverview();
  }

  private post(message: HostMessage): void {
    void this.webview.postMessage(message);
  }

  private onMessage(raw: unknown): void {
    const message = parseWebviewMessage(raw);
    if (!message) return; // malformed or foreign: ignored, never acted on
    void this.handle(message);
  }

  private async handle(message: WebviewMessage): Promise<void> {
    switch (message.type) {
      case 'ready':
        return this.sendOverview();
      case 'selectTest':
        this.selected = message.test;
        return this.sendSeries(message.test);
      case 'openTestFile':
        return this.openTestFile(message.test, message.kind);
      case 'openSwimlane':
        await vscode.commands.executeCommand(
          'loadtestLens.openProgression',
          this.root,
          message.test,
        );
        return;
      case 'openTimeSeries':
        await vscode.commands.executeCommand(
          'loadtestLens.openTimeSeries',
          this.root,
          message.test,
        );
        return;
      case 'openParticipants':
        await vscode.commands.executeCommand(
          'loadtestLens.openParticipants',
          this.root,
          message.test,
        );
        return;
      case 'openStats':
        await vscode.commands.executeCommand(
          'loadtestLens.openStatistics',
          this.root,
          message.test,
        );
        return;
      default:
        return; // messages of other views mean nothing here
    }
  }

  private async summary(): Promise<RootSummary | undefined> {
    try {
      return await this.store.get(this.root);
    } catch (err) {
      const cancelled = err instanceof Error && err.name === 'AbortError';
      this.post({
        type: 'error',
        message: cancelled
          ? 'Reading the results was cancelled. Run “Load Test Lens: Refresh” (or the Results view’s refresh button) to read them again.'
          : `Could not read the results: ${String(err)}`,
      });
      return undefined;
    }
  }

  private async sendOverview(): Promise<void> {
    this.post({ type: 'loading', message: `Reading ${basename(this.root)}…` });
    const summary = await this.summary();
    if (!summary) return;
    const known = summary.tests.some(t => t.name === this.selected);
    const overview = overviewVM(
      basename(this.root),
      this.root,
      summary.tests,
      known ? this.selected : undefined,
    );
    this.selected = overview.selected;
    this.post({ type: 'overview', overview });
    if (overview.selected) await this.sendSeries(overview.selected);
  }

  private async sendSeries(test: string): Promise<void> {
    const summary = await this.summary();
    const t = summary?.tests.find(s => s.name === test);
    if (!t) return;
    this.post({ type: 'nodeSeries', test, series: nodeSeriesVM(t) });
    await this.updateStatus();
  }

  /** The status bar follows the selected test while this view is the active one. */
  private async updateStatus(): Promise<void> {
    const status = this.services.status;
    if (!this.panel.active) return status.hide(this);
    const summary = await this.store.get(this.root).catch(() => undefined);
    const test = summary?.tests.find(s => s.name === this.selected);
    if (!test) return status.hide(this);
    const tooltip = `${test.userCount} users in ${test.sessions.length} sessions; ${test.failureLines} failure lines in the controller log. Click for the Problems panel.`;
    status.show(this, headline(test), tooltip);
  }

  private async openTestFile(test: string, kind: TestFileKind): Promise<void> {
    const summary = await this.summary();
    const location = summary?.tests.find(t => t.name === test)?.location;
    const named = kind === 'log' ? location?.logFile : location?.medianodeCsv;
    const file = named ? await resolveInsideRoot(this.root, named) : undefined;
    if (!file) return;
    const size = (await stat(file)).size;
    if (size > MAX_TEXT_DOCUMENT_BYTES) {
      void vscode.window.showWarningMessage(
        `${basename(file)} is ${(size / 1048576).toFixed(0)} MB, more than VS Code opens as a document.`,
      );
      return;
    }
    await vscode.window.showTextDocument(vscode.Uri.file(file), {
      viewColumn: vscode.ViewColumn.Beside,
      preview: true,
    });
  }

  dispose(): void {
    this.services.status.hide(this);
    this.subscriptions.forEach(s => s.dispose());
  }
}
