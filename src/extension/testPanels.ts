/**
 * Panels of one test (progression, time series …): one panel per root and test, beside the
 * editor, titled `<test> — <what>`; asking again reveals it.
 */
import * as vscode from 'vscode';
import { columnForNewView } from './viewColumns';
import { webviewOptions } from './webviewHtml';

export interface TestPanelSession extends vscode.Disposable {
  readonly panel: vscode.WebviewPanel;
}

/** Open panels of each root and test, whatever their kind, so a test's views open side by side. */
const panelsOfTest = new Map<string, Set<vscode.WebviewPanel>>();

export class TestPanels<S extends TestPanelSession> implements vscode.Disposable {
  private readonly open = new Map<string, S>();

  constructor(
    private readonly viewType: string,
    private readonly what: string,
    private readonly extensionUri: vscode.Uri,
    private readonly create: (panel: vscode.WebviewPanel, root: string, test: string) => S,
    /** The panel's title; `<test> — <what>` unless given. */
    private readonly title: (test: string) => string = test => `${test} — ${what}`,
  ) {}

  /** Opens (or reveals) the panel of `test` and returns its session. */
  show(root: string, test: string): S {
    const key = `${root}\u0000${test}`;
    const existing = this.open.get(key);
    if (existing) {
      existing.panel.reveal();
      return existing;
    }
    const siblings = panelsOfTest.get(key) ?? new Set<vscode.WebviewPanel>();
    const column = columnForNewView([...siblings].map(p => p.viewColumn));
    const panel = vscode.window.createWebviewPanel(
      this.viewType,
      this.title(test),
      { viewColumn: column ?? vscode.ViewColumn.Beside, preserveFocus: false },
      webviewOptions(this.extensionUri),
    );
    const session = this.create(panel, root, test);
    this.open.set(key, session);
    panelsOfTest.set(key, siblings.add(panel));
    panel.onDidDispose(() => {
      this.open.delete(key);
      siblings.delete(panel);
      if (siblings.size === 0) panelsOfTest.delete(key);
      session.dispose();
    });
    return session;
  }

  dispose(): void {
    for (const s of this.open.values()) s.panel.dispose();
  }
}
