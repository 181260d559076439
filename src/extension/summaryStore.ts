/**
 * One analysis per result root, shared by every view and the tree: the first asker starts it
 * (with a cancellable progress notification), later askers get the same promise. Changing a
 * setting that affects the numbers, or Refresh, drops the cache.
 */
import * as vscode from 'vscode';
import { summarizeRoot, type RootSummary } from '../core/analysis/rootSummary';
import { readSettings } from './settings';

export class SummaryStore implements vscode.Disposable {
  private readonly cache = new Map<string, Promise<RootSummary>>();
  private readonly changed = new vscode.EventEmitter<string | undefined>();
  /** Fires with the root whose summary was dropped, or undefined for all. */
  readonly onDidChange = this.changed.event;
  private readonly subscriptions: vscode.Disposable[] = [];

  constructor(private readonly output: vscode.OutputChannel) {
    this.subscriptions.push(
      vscode.workspace.onDidChangeConfiguration(e => {
        if (e.affectsConfiguration('loadtestLens.logTimezone')) this.invalidate();
      }),
    );
  }

  get(root: string): Promise<RootSummary> {
    let pending = this.cache.get(root);
    if (!pending) {
      pending = this.load(root);
      this.cache.set(root, pending);
      pending.catch(() => this.cache.delete(root));
    }
    return pending;
  }

  invalidate(root?: string): void {
    if (root) this.cache.delete(root);
    else this.cache.clear();
    this.changed.fire(root);
  }

  private load(root: string): Promise<RootSummary> {
    const settings = readSettings();
    const title = `Load Test Lens: reading ${vscode.workspace.asRelativePath(root)}`;
    return Promise.resolve(
      vscode.window.withProgress(
        { location: vscode.ProgressLocation.Notification, title, cancellable: true },
        async (progress, token) => {
          const abort = new AbortController();
          token.onCancellationRequested(() => abort.abort());
          const started = Date.now();
          const summary = await summarizeRoot(root, {
            logTimezone: settings.logTimezone,
            concurrency: settings.maxConcurrentReads,
            signal: abort.signal,
            onTestDone: (test, done, total) =>
              progress.report({ message: `${test} (${done}/${total})`, increment: 100 / total }),
          });
          this.output.appendLine(
            `[${new Date().toISOString()}] read ${root}: ${summary.tests.length} tests in ${Date.now() - started} ms`,
          );
          return summary;
        },
      ),
    );
  }

  dispose(): void {
    this.subscriptions.forEach(s => s.dispose());
    this.changed.dispose();
  }
}
