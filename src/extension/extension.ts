/**
 * Load Test Lens extension entry point: thin glue that registers the custom editor, the
 * commands and the Results view over the pure core in src/core. Activation comes only from
 * these contributions (`activationEvents: []`): opening a result, running a command, or
 * showing the Results view.
 */
import * as vscode from 'vscode';
import { openComparison, pickTests } from './compareSession';
import { registerNavigation } from './navigationCommands';
import { RootOpener } from './opener';
import { ProblemsPublisher } from './problems';
import { RootWatcher } from './rootWatcher';
import { StatusHeadline } from './statusBar';
import { ResultEditorProvider, VIEW_TYPE } from './resultEditorProvider';
import { ResultsTreeProvider, type ResultNode } from './resultsTree';
import { SummaryStore } from './summaryStore';
import { participantsPanels } from './participantsSession';
import { pickTestOrAll, statsPanels } from './statsSession';
import { swimlanePanels } from './swimlaneSession';
import { pickTest, timeSeriesPanels } from './timeSeriesSession';
import { ZoomLink } from './zoomLink';
import { numberText } from '../core/source/naming';
import { findRunFoldersBelow } from '../core/source/resultRoot';
import { readSettings } from './settings';
import type { Zone } from '../shared/zone';
import { RUN_VIEW_TYPE, RunEditorProvider, RunPanels } from './runSession';

async function pickRoot(tree: ResultsTreeProvider): Promise<string | undefined> {
  const roots = (await tree.getChildren()).flatMap(n => (n.kind === 'root' ? [n.root] : []));
  const browse = `$(folder-opened) ${vscode.l10n.t('Browse…')}`;
  if (roots.length > 0) {
    const items = [
      ...roots.map(r => ({ label: vscode.workspace.asRelativePath(r), root: r })),
      { label: browse, root: '' },
    ];
    const picked = await vscode.window.showQuickPick(items, {
      placeHolder: vscode.l10n.t('Result root to open'),
    });
    if (!picked) return undefined;
    if (picked.root) return picked.root;
  }
  const uris = await vscode.window.showOpenDialog({
    canSelectFolders: true,
    canSelectFiles: false,
    openLabel: vscode.l10n.t('Open in Load Test Lens'),
  });
  return uris?.[0]?.fsPath;
}

/** The path a command was invoked on: an explorer resource, a tree node, or the active editor. */
function targetPath(arg: unknown): string | undefined {
  if (arg instanceof vscode.Uri) return arg.fsPath;
  const node = arg as ResultNode | undefined;
  if (node && (node.kind === 'root' || node.kind === 'test')) return node.root;
  return vscode.window.activeTextEditor?.document.uri.fsPath;
}

export function activate(context: vscode.ExtensionContext): void {
  const output = vscode.window.createOutputChannel('Load Test Lens');
  const store = new SummaryStore(
    output,
    vscode.Uri.joinPath(context.extensionUri, 'dist', 'worker.js').fsPath,
  );
  const problems = new ProblemsPublisher(store);
  const watcher = new RootWatcher(store);
  const status = new StatusHeadline();
  const services = {
    extensionUri: context.extensionUri,
    store,
    problems,
    watcher,
    status,
    zoomLink: new ZoomLink(),
  };
  const editors = new ResultEditorProvider(services);
  const reportTimezone = (): Zone | undefined => readSettings().reportTimezone;
  const runProblems = vscode.languages.createDiagnosticCollection('loadtestLens.runs');
  // The per-user views of a real-browser run open its stats/ as a notebook test (late-bound:
  // the opener needs the run panels first).
  const openPerUser = (statsDir: string): void => void opener.open(statsDir, undefined, true);
  const runDeps = {
    extensionUri: context.extensionUri,
    reportZone: reportTimezone,
    problems: runProblems,
    openPerUser,
  };
  const runs = new RunPanels(runDeps);
  const opener = new RootOpener(services, editors, runs);
  const tree = new ResultsTreeProvider(store);
  const progression = swimlanePanels(services);
  const timeSeries = timeSeriesPanels(services);
  const statistics = statsPanels(services);
  const participants = participantsPanels(services);
  const resultsView = vscode.window.createTreeView('loadtestLens.results', {
    treeDataProvider: tree,
    showCollapseAll: true,
  });
  registerNavigation(context, store, tree, resultsView);
  context.subscriptions.push(
    runs,
    runProblems,
    progression,
    timeSeries,
    statistics,
    participants,
    problems,
    watcher,
    status,
    output,
    store,
    opener,
    tree,
    vscode.window.registerCustomEditorProvider(VIEW_TYPE, editors, {
      supportsMultipleEditorsPerDocument: true,
    }),
    vscode.window.registerCustomEditorProvider(RUN_VIEW_TYPE, new RunEditorProvider(runDeps), {
      supportsMultipleEditorsPerDocument: true,
    }),
    resultsView,
    vscode.commands.registerCommand('loadtestLens.openFolder', async (arg: unknown) => {
      const node = arg as ResultNode | undefined;
      const path = targetPath(arg) ?? (await pickRoot(tree));
      if (path) await opener.open(path, node?.kind === 'test' ? node.test.name : undefined);
    }),
    vscode.commands.registerCommand('loadtestLens.openResults', async () => {
      const root = await pickRoot(tree);
      if (root) await opener.open(root);
    }),
    vscode.commands.registerCommand('loadtestLens.openRun', async (arg: unknown) => {
      const folder = typeof arg === 'string' ? arg : await pickRunFolder();
      if (folder) await runs.showFolder(folder);
    }),
    vscode.commands.registerCommand('loadtestLens.openTest', (root: string, test: string) =>
      opener.open(root, test),
    ),
    // From the Results tree (a test node) or from a view (root and test name).
    vscode.commands.registerCommand(
      'loadtestLens.openProgression',
      (arg: unknown, test?: unknown) => {
        const node = arg as ResultNode | undefined;
        if (node && typeof node === 'object' && node.kind === 'test')
          return progression.show(node.root, node.test.name);
        if (typeof arg === 'string' && typeof test === 'string') progression.show(arg, test);
      },
    ),
    // From the Results tree (a user node): its row in the test's swimlane, details open.
    // …or from a view: root, test, session and user numbers.
    vscode.commands.registerCommand(
      'loadtestLens.revealUserInSwimlane',
      (arg: unknown, test?: unknown, session?: unknown, user?: unknown) => {
        const node = arg as ResultNode | undefined;
        if (node && typeof node === 'object' && node.kind === 'user')
          return progression
            .show(node.root, node.test.name)
            .reveal(numberText(node.user.session), numberText(node.user.user));
        if ([arg, test, session, user].every(v => typeof v === 'string'))
          progression.show(arg as string, test as string).reveal(session as string, user as string);
      },
    ),
    // From the Results tree (a test node), a view (root and test name) or the palette (pick both).
    vscode.commands.registerCommand(
      'loadtestLens.openTimeSeries',
      async (arg: unknown, test?: unknown) => {
        const node = arg as ResultNode | undefined;
        if (node && typeof node === 'object' && node.kind === 'test')
          return timeSeries.show(node.root, node.test.name);
        if (typeof arg === 'string' && typeof test === 'string') return timeSeries.show(arg, test);
        const root = await pickRoot(tree);
        const picked = root && (await pickTest(services, root));
        if (root && picked) timeSeries.show(root, picked);
      },
    ),
    // Tree (a test, or a root = every test), a view (root, test name or null), or the palette.
    vscode.commands.registerCommand(
      'loadtestLens.openStatistics',
      async (arg: unknown, test?: unknown) => {
        const node = arg as ResultNode | undefined;
        if (node && typeof node === 'object' && (node.kind === 'test' || node.kind === 'root'))
          return statistics.show(node.root, node.kind === 'test' ? node.test.name : null);
        if (typeof arg === 'string')
          return statistics.show(arg, typeof test === 'string' ? test : null);
        const root = await pickRoot(tree);
        const picked = root && (await pickTestOrAll(services, root));
        if (root && picked) statistics.show(root, picked.test);
      },
    ),
    vscode.commands.registerCommand('loadtestLens.compareTests', async () => {
      const roots = (await tree.getChildren()).flatMap(n => (n.kind === 'root' ? [n.root] : []));
      const picked = await pickTests(services, roots);
      if (picked) openComparison(services, picked);
    }),
    // From the Results tree (a test node), a view (root and test name) or the palette (pick both).
    vscode.commands.registerCommand(
      'loadtestLens.openParticipants',
      async (arg: unknown, test?: unknown) => {
        const node = arg as ResultNode | undefined;
        if (node && typeof node === 'object' && node.kind === 'test')
          return participants.show(node.root, node.test.name);
        if (typeof arg === 'string' && typeof test === 'string')
          return participants.show(arg, test);
        const root = await pickRoot(tree);
        const picked = root && (await pickTest(services, root));
        if (root && picked) participants.show(root, picked);
      },
    ),
    vscode.commands.registerCommand('loadtestLens.refresh', () => {
      store.invalidate();
      tree.refresh();
    }),
  );
  output.appendLine(`[${new Date().toISOString()}] Load Test Lens activated`);
}

export function deactivate(): void {
  // Everything is disposed through context.subscriptions.
}

/** A run folder of today's tool: picked among the workspace's, else chosen in a folder dialog. */
async function pickRunFolder(): Promise<string | undefined> {
  const folders = vscode.workspace.workspaceFolders ?? [];
  const found = (await Promise.all(folders.map(f => findRunFoldersBelow(f.uri.fsPath, 3)))).flat();
  if (found.length === 1) return found[0];
  if (found.length > 1) {
    const pick = await vscode.window.showQuickPick(
      found.map(f => ({ label: vscode.workspace.asRelativePath(f), folder: f })),
      { title: vscode.l10n.t("Open a run of today's openvidu-loadtest") },
    );
    return pick?.folder;
  }
  const chosen = await vscode.window.showOpenDialog({
    canSelectFolders: true,
    canSelectFiles: false,
    title: vscode.l10n.t('Folder with report-<ts>.html or results-<ts>.txt'),
  });
  return chosen?.[0]?.fsPath;
}
