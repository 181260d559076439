/**
 * The virtualised read-only log view: a webview panel for logs larger than VS Code lets
 * extensions open as documents. The host keeps only a sparse line index (one streaming pass) and
 * answers the webview's requests for windows of lines, read by byte offset from the file; the
 * webview holds a few windows at a time. Lines naming the followed user are marked.
 */
import * as vscode from 'vscode';
import {
  buildSparseIndex,
  readWindow,
  type KnownLine,
  type SparseLineIndex,
} from '../core/navigate/lineWindow';
import { userLineMatcher, type LogUser } from '../core/navigate/userLines';
import { resolveInsideRoot } from '../core/source/insideRoot';
import { parseWebviewMessage, type HostMessage, type WebviewMessage } from '../shared/protocol';
import { webviewHtml, webviewOptions } from './webviewHtml';

export interface LogTarget {
  /** The opened result root: the log is read only when it lies inside (symlink policy). */
  readonly root: string;
  readonly file: string;
  /** The line to select (1-based). */
  readonly line: number;
  /** Whose lines to highlight. */
  readonly who?: LogUser;
  /** Lines whose byte offset is known (the ingest's failure index): reads start there. */
  readonly known?: readonly KnownLine[];
}

/** The target's file once resolved inside its root; a rejection names it otherwise. */
async function fileInside(target: LogTarget): Promise<string> {
  const file = await resolveInsideRoot(target.root, target.file);
  if (file) return file;
  throw new Error(vscode.l10n.t('not a file inside the result root {0}', target.root));
}

class LogViewSession implements vscode.Disposable {
  private readonly subscriptions: vscode.Disposable[] = [];
  /** The log's real path inside the root; rejects when it is not there. */
  private readonly file: Promise<string>;
  private index: Promise<SparseLineIndex>;
  private matcher?: (line: string) => boolean;

  constructor(
    readonly panel: vscode.WebviewPanel,
    private target: LogTarget,
  ) {
    this.file = fileInside(target);
    this.index = this.file.then(file => buildSparseIndex(file));
    this.matcher = target.who ? userLineMatcher(target.who) : undefined;
    this.subscriptions.push(
      panel.webview.onDidReceiveMessage(raw => {
        const message = parseWebviewMessage(raw);
        if (message) void this.handle(message);
      }),
    );
  }

  private post(message: HostMessage): void {
    void this.panel.webview.postMessage(message);
  }

  /** Follows another target in the same file (the index is kept). */
  retarget(target: LogTarget): void {
    this.target = target;
    this.matcher = target.who ? userLineMatcher(target.who) : undefined;
    void this.sendMeta();
  }

  private async handle(message: WebviewMessage): Promise<void> {
    if (message.type === 'ready') return this.sendMeta();
    if (message.type === 'readLines') return this.sendLines(message.first, message.count);
  }

  private async sendMeta(): Promise<void> {
    try {
      const index = await this.index;
      const who = this.target.who;
      this.post({
        type: 'logView',
        log: {
          file: vscode.workspace.asRelativePath(this.target.file),
          lines: index.lines,
          bytes: index.bytes,
          target: Math.min(Math.max(1, this.target.line), Math.max(1, index.lines)),
          ...(who ? { who: vscode.l10n.t('{0} in {1}', who.user, who.session) } : {}),
        },
        ...(vscode.l10n.bundle ? { l10n: vscode.l10n.bundle } : {}),
      });
    } catch (err) {
      this.post({
        type: 'error',
        message: vscode.l10n.t('Cannot read {0}: {1}', this.target.file, String(err)),
      });
    }
  }

  private async sendLines(first: number, count: number): Promise<void> {
    try {
      const index = await this.index;
      const window = await readWindow(await this.file, index, first, count, this.target.known);
      const matches = this.matcher;
      const marked = matches
        ? window.lines.flatMap((l, i) => (matches(l) ? [window.firstLine + i] : []))
        : [];
      this.post({ type: 'logLines', firstLine: window.firstLine, lines: window.lines, marked });
    } catch (err) {
      this.post({
        type: 'error',
        message: vscode.l10n.t('Cannot read {0}: {1}', this.target.file, String(err)),
      });
    }
  }

  dispose(): void {
    this.subscriptions.forEach(s => s.dispose());
  }
}

/** One log view per file; showing a file again moves its view to the new target. */
export class LogViews implements vscode.Disposable {
  private readonly open = new Map<string, LogViewSession>();

  constructor(private readonly extensionUri: vscode.Uri) {}

  show(target: LogTarget, column: vscode.ViewColumn = vscode.ViewColumn.Active): void {
    const existing = this.open.get(target.file);
    if (existing) {
      existing.retarget(target);
      existing.panel.reveal(column);
      return;
    }
    const title = vscode.l10n.t('{0} (large log)', target.file.split(/[\\/]/).pop() ?? target.file);
    const panel = vscode.window.createWebviewPanel(
      'loadtestLens.logView',
      title,
      { viewColumn: column, preserveFocus: false },
      { ...webviewOptions(this.extensionUri), retainContextWhenHidden: false },
    );
    panel.webview.html = webviewHtml(panel.webview, this.extensionUri, 'logview', title);
    const session = new LogViewSession(panel, target);
    this.open.set(target.file, session);
    panel.onDidDispose(() => {
      this.open.delete(target.file);
      session.dispose();
    });
  }

  dispose(): void {
    for (const s of this.open.values()) s.panel.dispose();
  }
}
