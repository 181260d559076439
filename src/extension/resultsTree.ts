/**
 * The Results view: result roots found in the workspace → tests → sessions → users, with
 * failure badges and role icons. Tests and users come from the shared summary of their root.
 */
import { basename } from 'node:path';
import * as vscode from 'vscode';
import { connectedOrNull, type TestSummary } from '../core/analysis/testSummary';
import type { LogFailure, SessionSummary, UserSummary } from '../core/model/session';
import { failuresInLogOrder } from '../core/navigate/failureOrder';
import { trailingNumber } from '../core/source/naming';
import { rowsOfUser, userTimes, type UserTimes } from '../core/viewmodel/userTimes';
import { historyGroups, type HistoryGroup, type HistoryRun } from './history';
import { keepUser, NO_FILTER, type ResultsFilter } from './resultsFilter';
import type { SummaryStore } from './summaryStore';
import { collectHistory, discoverRuns } from './workspaceRuns';
import { countOrUnknown, plural } from '../shared/format';

export type ResultNode =
  | { kind: 'root'; root: string }
  /** `history`: listed under History, where the place and start say which run it is. */
  | { kind: 'test'; root: string; test: TestSummary; history?: true }
  | { kind: 'session'; root: string; test: TestSummary; session: SessionSummary }
  | { kind: 'user'; root: string; test: TestSummary; user: UserSummary }
  | { kind: 'failure'; root: string; test: TestSummary; user: UserSummary; failure: LogFailure }
  | { kind: 'message'; text: string }
  /** A run folder of today's tool (report-<ts>.html …): opens the run view. */
  | { kind: 'run'; folder: string; id: string; history?: true }
  /** The run history: every run of the workspace by configuration (src/extension/history.ts). */
  | { kind: 'history' }
  | { kind: 'historyGroup'; group: HistoryGroup };

function testItem(node: Extract<ResultNode, { kind: 'test' }>): vscode.TreeItem {
  const t = node.test;
  // Under History the group names the test: its runs are told apart by root and start.
  const label = node.history ? `${basename(node.root)} · ${time(t.start)}` : t.name;
  const item = new vscode.TreeItem(label, vscode.TreeItemCollapsibleState.Collapsed);
  item.contextValue = 'test';
  // A name cut short in a narrow sidebar would hide the `#2` of a log's later test case.
  const testCase = t.location.testCase;
  const ofLog = testCase
    ? `${vscode.l10n.t('test case {0} of {1}', testCase.index, testCase.of)} · `
    : '';
  item.description = `${ofLog}${plural(t.userCount, 'user')} · ${t.failedUsers} failed`;
  item.iconPath = new vscode.ThemeIcon(
    t.failedUsers > 0 ? 'warning' : 'pass',
    new vscode.ThemeColor(t.failedUsers > 0 ? 'list.warningForeground' : 'testing.iconPassed'),
  );
  item.tooltip = new vscode.MarkdownString(
    `**${t.name}**\n\n${t.platform}, ${plural(t.sessions.length, 'session')}, ${plural(t.userCount, 'user')} ` +
      `(${t.publisherCount} publishers, ${t.subscriberCount} subscribers)\n\n${countOrUnknown(t.connectedUsers, connectedOrNull(t) !== null)} connected · ${plural(t.failureLines, 'failure line')} from ${plural(t.failedUsers, 'user')}`,
  );
  item.command = {
    command: 'loadtestLens.openTest',
    title: vscode.l10n.t('Open Test'),
    arguments: [node.root, t.name],
  };
  return item;
}

function time(ms: number | undefined): string {
  return ms === undefined
    ? vscode.l10n.t('n/a')
    : new Date(ms).toISOString().replace('T', ' ').replace('Z', ' UTC');
}

function seconds(v: number): string {
  return `${v.toFixed(v < 10 ? 2 : 1)} s`;
}

/** The analysis' connection times of a user as tooltip lines (the first attempts listed). */
function timesLines(t: UserTimes): string[] {
  const shown = t.attempts
    .slice(0, 6)
    .map(a =>
      vscode.l10n.t(
        '{0}: connection start took {1} ({2})',
        seconds(a.at),
        seconds(a.seconds),
        a.connected
          ? vscode.l10n.t('connected')
          : a.attempt > 0
            ? vscode.l10n.t('retry {0}, not connected', a.attempt)
            : vscode.l10n.t('not connected'),
      ),
    );
  const more = t.attempts.length - shown.length;
  return [
    ...shown.map(line => `- ${line}`),
    ...(more > 0 ? [`- ${vscode.l10n.t('… {0} more connection starts', more)}`] : []),
    `- ${vscode.l10n.t('connected {0} in {1} segment(s); {2} failed connection(s)', seconds(t.connectedSeconds), t.connectedSegments, t.failedConnections)}`,
  ];
}

/** The tooltip of a user: role, connection times, and each failure with its log line. */
function userTooltip(u: UserSummary, times?: UserTimes): vscode.MarkdownString {
  const source =
    u.roleSource === 'events' ? vscode.l10n.t('from its events') : vscode.l10n.t('by name');
  const lines = [
    `**${u.user}** ${vscode.l10n.t('in {0}', u.session)} — ${u.role} (${source})`,
    '',
    `- ${vscode.l10n.t('first event: {0}', time(u.firstEvent))}`,
    `- ${vscode.l10n.t('last event: {0}', time(u.lastEvent))}`,
    `- ${u.connected ? vscode.l10n.t('connected') : vscode.l10n.t('never connected')}`,
    ...(times ? timesLines(times) : []),
    '',
    ...(u.failures.length > 0
      ? failuresInLogOrder(u.failures).map(
          f =>
            `- ${vscode.l10n.t('{0}: failed {1} times (log line {2})', time(f.time), f.attempts, f.line)}`,
        )
      : [vscode.l10n.t('No failures in the controller log.')]),
  ];
  return new vscode.MarkdownString(lines.join('\n'));
}

function userItem(node: Extract<ResultNode, { kind: 'user' }>): vscode.TreeItem {
  const u = node.user;
  const failed = u.failures.length > 0;
  const item = new vscode.TreeItem(
    u.user,
    failed ? vscode.TreeItemCollapsibleState.Collapsed : vscode.TreeItemCollapsibleState.None,
  );
  item.contextValue = failed ? 'user.failed' : 'user';
  const attempts = u.failures.reduce((m, f) => Math.max(m, f.attempts), 0);
  item.description = `${u.role}${u.connected ? '' : ' · never connected'}${attempts > 0 ? ` · failed ×${attempts}` : ''}`;
  const color = failed ? new vscode.ThemeColor('list.errorForeground') : undefined;
  item.iconPath = new vscode.ThemeIcon(u.role === 'publisher' ? 'broadcast' : 'eye', color);
  item.tooltip = userTooltip(u);
  item.id = `${node.root}\u0000${node.test.name}\u0000${u.session}\u0000${u.user}`;
  if (failed) {
    item.command = {
      command: 'loadtestLens.openUserFailure',
      title: vscode.l10n.t('Open the Failure in the Log'),
      arguments: [node],
    };
  } else if (u.eventsFile) {
    item.command = {
      command: 'loadtestLens.openRootFile',
      title: vscode.l10n.t('Open events.json'),
      arguments: [node.root, u.eventsFile],
    };
  }
  return item;
}

function failureItem(node: Extract<ResultNode, { kind: 'failure' }>): vscode.TreeItem {
  const f = node.failure;
  const item = new vscode.TreeItem(
    vscode.l10n.t('failed {0} times', f.attempts),
    vscode.TreeItemCollapsibleState.None,
  );
  item.contextValue = 'failure';
  item.description = vscode.l10n.t('log line {0} · {1}', f.line, time(f.time));
  item.iconPath = new vscode.ThemeIcon('error', new vscode.ThemeColor('list.errorForeground'));
  item.tooltip = vscode.l10n.t('Open the controller log at line {0}', f.line);
  item.command = {
    command: 'loadtestLens.openUserFailure',
    title: vscode.l10n.t('Open the Failure in the Log'),
    arguments: [node],
  };
  return item;
}

function historyItem(): vscode.TreeItem {
  const item = new vscode.TreeItem(
    vscode.l10n.t('History'),
    vscode.TreeItemCollapsibleState.Collapsed,
  );
  item.contextValue = 'history';
  item.description = vscode.l10n.t('runs by configuration, oldest first');
  item.tooltip = vscode.l10n.t(
    "Every run of the workspace grouped by configuration: a notebook test by its name, a run of today's tool by its YAML's test cases. Compare with Previous Run compares a run with the one before it in its group.",
  );
  item.iconPath = new vscode.ThemeIcon('history');
  return item;
}

function historyGroupItem(group: HistoryGroup): vscode.TreeItem {
  const item = new vscode.TreeItem(group.label, vscode.TreeItemCollapsibleState.Collapsed);
  item.contextValue = 'historyGroup';
  item.description = plural(group.runs.length, 'run');
  item.iconPath = new vscode.ThemeIcon('versions');
  return item;
}

export class ResultsTreeProvider implements vscode.TreeDataProvider<ResultNode>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<ResultNode | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private readonly subscription: vscode.Disposable;
  private filter: ResultsFilter = NO_FILTER;

  constructor(private readonly store: SummaryStore) {
    this.subscription = store.onDidChange(() => this.changed.fire(undefined));
  }

  refresh(): void {
    this.changed.fire(undefined);
  }

  get currentFilter(): ResultsFilter {
    return this.filter;
  }

  setFilter(filter: ResultsFilter): void {
    this.filter = filter;
    this.changed.fire(undefined);
  }

  /** Every session name of the tests listed, for the session filter. */
  async sessionNames(): Promise<string[]> {
    const names = new Set<string>();
    for (const root of await this.roots()) {
      if (root.kind !== 'root') continue;
      const summary = await this.store.get(root.root).catch(() => undefined);
      summary?.tests.forEach(t => t.sessions.forEach(s => names.add(s.session)));
    }
    return [...names];
  }

  /**
   * A user's tooltip, completed on hover with its connection times from the analysis (the
   * connection_stats rows of its test, computed once per test by the store).
   */
  async resolveTreeItem(item: vscode.TreeItem, node: ResultNode): Promise<vscode.TreeItem> {
    if (node.kind !== 'user') return item;
    const stats = await this.store
      .connectionStats(node.root, node.test.name)
      .catch(() => undefined);
    if (!stats) return item;
    const session = String(trailingNumber(node.user.session));
    const user = String(trailingNumber(node.user.user));
    item.tooltip = userTooltip(node.user, userTimes(rowsOfUser(stats.rows, session, user)));
    return item;
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
      case 'failure':
        return failureItem(node);
      case 'message':
        return new vscode.TreeItem(node.text, vscode.TreeItemCollapsibleState.None);
      case 'history':
        return historyItem();
      case 'historyGroup':
        return historyGroupItem(node.group);
      case 'run': {
        const item = new vscode.TreeItem(
          vscode.l10n.t('Run {0}', node.id),
          vscode.TreeItemCollapsibleState.None,
        );
        item.contextValue = 'run';
        item.description = vscode.workspace.asRelativePath(node.folder);
        item.tooltip = vscode.l10n.t(
          "Today's openvidu-loadtest run: validity verdict, platform metrics, rooms",
        );
        item.iconPath = new vscode.ThemeIcon('pulse');
        item.command = {
          command: 'loadtestLens.openRun',
          title: vscode.l10n.t('Open the run'),
          arguments: [node.folder],
        };
        return item;
      }
    }
  }

  async getChildren(node?: ResultNode): Promise<ResultNode[]> {
    if (!node) return this.roots();
    switch (node.kind) {
      case 'root':
        return this.tests(node.root);
      case 'test':
        return node.test.sessions
          .filter(session => session.users.some(u => keepUser(this.filter, u)))
          .map(session => ({ kind: 'session', root: node.root, test: node.test, session }));
      case 'session':
        return node.session.users
          .filter(u => keepUser(this.filter, u))
          .map(user => ({ kind: 'user', root: node.root, test: node.test, user }));
      case 'history':
        return (await this.history()).map(group => ({ kind: 'historyGroup', group }));
      case 'historyGroup':
        return this.historyRuns(node.group.runs);
      case 'user':
        return failuresInLogOrder(node.user.failures).map(failure => ({
          kind: 'failure',
          root: node.root,
          test: node.test,
          user: node.user,
          failure,
        }));
      default:
        return [];
    }
  }

  private async roots(): Promise<ResultNode[]> {
    const { roots, runs } = await discoverRuns();
    const history: ResultNode[] = roots.length + runs.length > 0 ? [{ kind: 'history' }] : [];
    return [
      ...roots.map(root => ({ kind: 'root' as const, root })),
      ...runs.map(r => ({ kind: 'run' as const, folder: r.folder, id: r.id })),
      ...history,
    ];
  }

  /** The workspace's runs by configuration, the configuration run last first. */
  async history(): Promise<HistoryGroup[]> {
    return historyGroups(await collectHistory(this.store));
  }

  /** A group's runs, oldest first, as the nodes the rest of the view has (same menus). */
  private async historyRuns(runs: readonly HistoryRun[]): Promise<ResultNode[]> {
    const nodes = await Promise.all(
      runs.map(async (r): Promise<ResultNode | undefined> => {
        if (r.kind === 'run') return { kind: 'run', folder: r.folder, id: r.id, history: true };
        const summary = await this.store.get(r.root).catch(() => undefined);
        const test = summary?.tests.find(t => t.name === r.test);
        return test && { kind: 'test', root: r.root, test, history: true };
      }),
    );
    return nodes.filter(n => n !== undefined);
  }

  private async tests(root: string): Promise<ResultNode[]> {
    try {
      const summary = await this.store.get(root);
      if (summary.tests.length === 0)
        return [{ kind: 'message', text: vscode.l10n.t('No tests in this root') }];
      return summary.tests.map(test => ({ kind: 'test', root, test }));
    } catch {
      return [
        {
          kind: 'message',
          text: vscode.l10n.t('Could not read this root (see the Load Test Lens output)'),
        },
      ];
    }
  }

  dispose(): void {
    this.subscription.dispose();
    this.changed.dispose();
  }
}
