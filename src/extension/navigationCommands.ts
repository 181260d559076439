/**
 * Commands of failure navigation and of the Results view's filters, registered in one place so
 * extension.ts stays a list of parts.
 */
import * as vscode from 'vscode';
import { FailureNavigator } from './navigation';
import type { WebviewHost } from './host/webviewHost';
import { logViewView } from './views/logView';
import {
  describeFilter,
  isFiltered,
  NO_FILTER,
  sortedSessions,
  type ResultsFilter,
} from './resultsFilter';
import type { ResultNode, ResultsTreeProvider } from './resultsTree';
import type { SummaryStore } from './summaryStore';

const FILTERED_CONTEXT = 'loadtestLens.resultsFiltered';

type FilterItem = vscode.QuickPickItem & { apply?: (f: ResultsFilter) => ResultsFilter };

/** Asks for the Results view's filter: failed only, one role, one session. */
async function pickFilter(tree: ResultsTreeProvider): Promise<ResultsFilter | undefined> {
  const now = tree.currentFilter;
  const sessions = sortedSessions(await tree.sessionNames());
  const items: FilterItem[] = [
    {
      label: `$(error) ${vscode.l10n.t('Failed users only')}`,
      picked: now.failedOnly,
      apply: f => ({ ...f, failedOnly: true }),
    },
    {
      label: `$(broadcast) ${vscode.l10n.t('Publishers only')}`,
      picked: now.role === 'publisher',
      apply: f => ({ ...f, role: 'publisher' }),
    },
    {
      label: `$(eye) ${vscode.l10n.t('Subscribers only')}`,
      picked: now.role === 'subscriber',
      apply: f => ({ ...f, role: 'subscriber' }),
    },
    { label: vscode.l10n.t('Session'), kind: vscode.QuickPickItemKind.Separator },
    ...sessions.map((s): FilterItem => ({
      label: s,
      picked: now.session === s,
      apply: f => ({ ...f, session: s }),
    })),
  ];
  const picked = await vscode.window.showQuickPick(items, {
    canPickMany: true,
    title: vscode.l10n.t('Filter the Results view'),
    placeHolder: vscode.l10n.t('Pick what to show (one role and one session at most; none = all)'),
  });
  if (!picked) return undefined;
  // Later picks of the same kind replace earlier ones: both roles = the last, as do sessions.
  return picked.reduce<ResultsFilter>((f, item) => item.apply?.(f) ?? f, NO_FILTER);
}

export function registerNavigation(
  context: vscode.ExtensionContext,
  host: WebviewHost,
  store: SummaryStore,
  tree: ResultsTreeProvider,
  view: vscode.TreeView<ResultNode>,
): FailureNavigator {
  const navigator = new FailureNavigator(store, target => void host.open(logViewView, target));
  const applyFilter = (filter: ResultsFilter): void => {
    tree.setFilter(filter);
    view.description = isFiltered(filter) ? describeFilter(filter) : undefined;
    void vscode.commands.executeCommand('setContext', FILTERED_CONTEXT, isFiltered(filter));
  };
  context.subscriptions.push(
    navigator,
    vscode.commands.registerCommand('loadtestLens.openUserFailure', (node: ResultNode) => {
      if (node?.kind === 'failure') return navigator.open(node.root, node.test, node.failure);
      if (node?.kind === 'user') return navigator.openUser(node.root, node.test, node.user);
    }),
    // A file of an opened root (the Results view's events.json), through the symlink policy.
    vscode.commands.registerCommand('loadtestLens.openRootFile', (root: string, file: string) =>
      navigator.openFile(root, file),
    ),
    vscode.commands.registerCommand('loadtestLens.nextFailure', () => navigator.step(1)),
    vscode.commands.registerCommand('loadtestLens.previousFailure', () => navigator.step(-1)),
    vscode.commands.registerCommand('loadtestLens.filterResults', async () => {
      const filter = await pickFilter(tree);
      if (filter) applyFilter(filter);
    }),
    vscode.commands.registerCommand('loadtestLens.clearResultsFilter', () =>
      applyFilter(NO_FILTER),
    ),
  );
  return navigator;
}
