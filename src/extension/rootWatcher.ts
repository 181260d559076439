/**
 * Keeps open results fresh: while a view shows a root, changes to its files (a run still
 * writing, a file fixed by hand) re-read it after a short quiet period. The file cache makes the
 * re-read incremental: only files whose size or mtime changed are parsed again.
 */
import * as vscode from 'vscode';
import type { SummaryStore } from './summaryStore';

const QUIET_MS = 1500;

interface Watched {
  views: number;
  watcher: vscode.FileSystemWatcher;
  timer?: ReturnType<typeof setTimeout>;
}

export class RootWatcher implements vscode.Disposable {
  private readonly roots = new Map<string, Watched>();

  constructor(private readonly store: SummaryStore) {}

  attach(root: string): void {
    const known = this.roots.get(root);
    if (known) {
      known.views++;
      return;
    }
    const watcher = vscode.workspace.createFileSystemWatcher(
      new vscode.RelativePattern(vscode.Uri.file(root), '**/*'),
    );
    const entry: Watched = { views: 1, watcher };
    const changed = () => this.schedule(root, entry);
    watcher.onDidChange(changed);
    watcher.onDidCreate(changed);
    watcher.onDidDelete(changed);
    this.roots.set(root, entry);
  }

  detach(root: string): void {
    const entry = this.roots.get(root);
    if (!entry || --entry.views > 0) return;
    clearTimeout(entry.timer);
    entry.watcher.dispose();
    this.roots.delete(root);
  }

  private schedule(root: string, entry: Watched): void {
    clearTimeout(entry.timer);
    entry.timer = setTimeout(() => this.store.invalidate(root), QUIET_MS);
  }

  dispose(): void {
    for (const root of [...this.roots.keys()]) {
      const entry = this.roots.get(root);
      if (entry) entry.views = 1;
      this.detach(root);
    }
  }
}
