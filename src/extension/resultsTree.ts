/**
 * The Results view: result roots found in the workspace → tests → sessions → users, with
 * failure badges and role icons. Tests and users come from the shared summary of their root.
 */
import { basename } from 'node:path';
import * as vscode from 'vscode';
import type { SessionSummary, TestSummary, UserSummary } from '../core/analysis/testSummary';
import { findRootsBelow } from '../core/source/resultRoot';
import { readSettings } from './settings';
import type { SummaryStore } from './summaryStore';

export type ResultNode =
  | { kind: 'root'; root: string }
  | { kind: 'test'; root: string; test: TestSummary }
  | { kind: 'session'; root: string; test: TestSummary; session: SessionSummary }
  | { kind: 'user'; root: string; test: TestSummary; user: UserSummary }
  | { kind: 'message'; text: string };

const DISCOVERY_DEPTH = 3;

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

function testItem(node: Extract<ResultNode, { kind: 'test' }>): vscode.TreeItem {
  const t = node.test;
  const item = new vscode.TreeItem(t.name, vscode.TreeItemCollapsibleState.Collapsed);
  item.contextValue = 'test';
  item.description = `${plural(t.userCount, 'user')} · ${t.failedUsers} failed`;
  item.iconPath = new vscode.ThemeIcon(
    t.failedUsers > 0 ? 'warning' : 'pass',
    new vscode.ThemeColor(t.failedUsers > 0 ? 'list.warningForeground' : 'testing.iconPassed'),
  );
  item.tooltip = new vscode.MarkdownString(
    `**${t.name}**\n\n${t.platform}, ${plural(t.sessions.length, 'session')}, ${plural(t.userCount, 'user')} ` +
      `(${t.publisherCount} publishers, ${t.subscriberCount} subscribers)\n\n${t.connectedUsers} connected · ${plural(t.failureLines, 'failure line')} from ${plural(t.failedUsers, 'user')}`,
  );
  item.command = {
    command: 'loadtestLens.openTest',
    title: 'Open Test',
    arguments: [node.root, t.name],
  };
  return item;
}

function userItem(node: Extract<ResultNode, { kind: 'user' }>): vscode.TreeItem {
  const u = node.user;
  const item = new vscode.TreeItem(u.user, vscode.TreeItemCollapsibleState.None);
  item.contextValue = u.failures.length > 0 ? 'user.failed' : 'user';
  const attempts = u.failures.reduce((m, f) => Math.max(m, f.attempts), 0);
  item.description = `${u.role}${u.connected ? '' : ' · never connected'}${attempts > 0 ? ` · failed ×${attempts}` : ''}`;
  const color = u.failures.length > 0 ? new vscode.ThemeColor('list.errorForeground') : undefined;
  item.iconPath = new vscode.ThemeIcon(u.role === 'publisher' ? 'broadcast' : 'eye', color);
  const lines = u.failures
    .map(f => `- ${new Date(f.time).toISOString()} failed ${f.attempts} times (log line ${f.line})`)
    .join('\n');
  item.tooltip = new vscode.MarkdownString(
    `**${u.user}** in ${u.session} — ${u.role} (${u.roleSource === 'events' ? 'from its events' : 'by name'})\n\n` +
      (u.firstEvent ? `first event ${new Date(u.firstEvent).toISOString()}\n\n` : '') +
      (lines || 'no failures in the controller log'),
  );
  if (u.eventsFile) {
    item.command = {
      command: 'vscode.open',
      title: 'Open events.json',
      arguments: [vscode.Uri.file(u.eventsFile), { preview: true }],
    };
  }
  return item;
}

export class ResultsTreeProvider implements vscode.TreeDataProvider<ResultNode>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<ResultNode | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private readonly subscription: vscode.Disposable;

  constructor(private readonly store: SummaryStore) {
    this.subscription = store.onDidChange(() => this.changed.fire(undefined));
  }

  refresh(): void {
    this.changed.fire(undefined);
  }

  getTreeItem(node: ResultNode): vscode.TreeItem {
    switch (node.kind) {
      case 'root': {
        const item = new vscode.TreeItem(
          basename(node.root),
          vscode.TreeItemCollapsibleState.Expanded,
        );
        item.contextValue = 'root';
        item.description = vscode.workspace.asRelativePath(node.root);
        item.iconPath = new vscode.ThemeIcon('folder-library');
        item.resourceUri = vscode.Uri.file(node.root);
        return item;
      }
      case 'test':
        return testItem(node);
      case 'session': {
        const failed = node.session.users.filter(u => u.failures.length > 0).length;
        const item = new vscode.TreeItem(
          node.session.session,
          vscode.TreeItemCollapsibleState.Collapsed,
        );
        item.contextValue = 'session';
        item.description = `${plural(node.session.users.length, 'user')}${failed ? ` · ${failed} failed` : ''}`;
        item.iconPath = new vscode.ThemeIcon('organization');
        return item;
      }
      case 'user':
        return userItem(node);
      case 'message':
        return new vscode.TreeItem(node.text, vscode.TreeItemCollapsibleState.None);
    }
  }

  async getChildren(node?: ResultNode): Promise<ResultNode[]> {
    if (!node) return this.roots();
    switch (node.kind) {
      case 'root':
        return this.tests(node.root);
      case 'test':
        return node.test.sessions.map(session => ({
          kind: 'session',
          root: node.root,
          test: node.test,
          session,
        }));
      case 'session':
        return node.session.users.map(user => ({
          kind: 'user',
          root: node.root,
          test: node.test,
          user,
        }));
      default:
        return [];
    }
  }

  private async roots(): Promise<ResultNode[]> {
    if (!readSettings().discoverRoots) return [];
    const folders = vscode.workspace.workspaceFolders ?? [];
    const found = await Promise.all(
      folders.map(f => findRootsBelow(f.uri.fsPath, DISCOVERY_DEPTH)),
    );
    return found.flat().map(root => ({ kind: 'root', root }));
  }

  private async tests(root: string): Promise<ResultNode[]> {
    try {
      const summary = await this.store.get(root);
      if (summary.tests.length === 0) return [{ kind: 'message', text: 'No tests in this root' }];
      return summary.tests.map(test => ({ kind: 'test', root, test }));
    } catch {
      return [
        { kind: 'message', text: 'Could not read this root (see the Load Test Lens output)' },
      ];
    }
  }

  dispose(): void {
    this.subscription.dispose();
    this.changed.dispose();
  }
}
