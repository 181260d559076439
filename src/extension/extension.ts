/**
 * Load Test Lens extension entry point: thin glue over the pure core in src/core. It builds the
 * shared services (the summary store, Problems, the file watcher, the status bar, linked zoom),
 * the one webview host, and registers the custom editors, the Results view and, from the view
 * table (src/extension/views/index.ts), every view's serializer and commands. Activation comes
 * only from these contributions (`activationEvents` lists the panels' view types, restored after
 * a window reload).
 */
import * as vscode from 'vscode';
import { registerSample } from './sample';
import { buildStamp, DiskCache } from '../core/ingest/diskCache';
import { registerConfigLens } from './configLens';
import { registerHistory } from './historyCommands';
import { HostedEditorProvider } from './host/customEditor';
import { PanelMemory } from './host/panelMemory';
import { WebviewHost } from './host/webviewHost';
import type { FailureNavigator } from './navigation';
import { registerNavigation } from './navigationCommands';
import { RootOpener, ROOT_EDITOR_TYPE } from './opener';
import { ProblemsPublisher } from './problems';
import { ResultsTreeProvider, type ResultNode } from './resultsTree';
import { RootWatcher } from './rootWatcher';
import type { ViewServices } from './services';
import { StatusHeadline } from './statusBar';
import { SummaryStore } from './summaryStore';
import type { CommandEnv } from './views/commands';
import { VIEWS } from './views';
import { trackWalkthrough } from './walkthrough';
import { runArgsOfFile, runView } from './views/run';
import { ZoomLink } from './zoomLink';

/** The custom editor of controller runs (report-<ts>.html, results-<ts>.txt). */
const RUN_EDITOR_TYPE = 'loadtestLens.run';

async function pickRoot(tree: ResultsTreeProvider): Promise<string | undefined> {
  const roots = await knownRoots(tree);
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

async function knownRoots(tree: ResultsTreeProvider): Promise<string[]> {
  return (await tree.getChildren()).flatMap(n => (n.kind === 'root' ? [n.root] : []));
}

/** The path a command was invoked on: an explorer resource, a tree node, or the active editor. */
function targetPath(arg: unknown): string | undefined {
  if (arg instanceof vscode.Uri) return arg.fsPath;
  const node = arg as ResultNode | undefined;
  if (node && (node.kind === 'root' || node.kind === 'test')) return node.root;
  return vscode.window.activeTextEditor?.document.uri.fsPath;
}

export function activate(context: vscode.ExtensionContext): void {
  // A log channel: VS Code stamps each line with its time and level, and the user picks the level.
  const output = vscode.window.createOutputChannel('Load Test Lens', { log: true });
  const log = (line: string): void => output.info(line);
  const dist = vscode.Uri.joinPath(context.extensionUri, 'dist').fsPath;
  const parseCache = new DiskCache(
    vscode.Uri.joinPath(context.globalStorageUri, 'parse-cache').fsPath,
    { version: buildStamp(dist, ['extension.js', 'worker.js']) },
  );
  openParseCache = parseCache;
  const store = new SummaryStore(
    output,
    vscode.Uri.joinPath(context.extensionUri, 'dist', 'worker.js').fsPath,
    parseCache,
  );
  const problems = new ProblemsPublisher(store);
  const watcher = new RootWatcher(store);
  const status = new StatusHeadline();
  // Late-bound: the opener and the navigator need the host, which needs the services.
  const openerRef: { current?: RootOpener } = {};
  const navigatorRef: { current?: FailureNavigator } = {};
  const services: ViewServices = {
    extensionUri: context.extensionUri,
    store,
    problems,
    watcher,
    status,
    zoomLink: new ZoomLink(),
    openResults: (path, options) =>
      openerRef.current?.open(path, options) ?? Promise.resolve(false),
    openFailureNear: async f =>
      navigatorRef.current?.openNear(f.root, f.test, f.session, f.user, f.at),
  };
  const host = new WebviewHost(services, log, new PanelMemory(context.workspaceState));
  const opener = new RootOpener(host);
  openerRef.current = opener;
  const tree = new ResultsTreeProvider(store);
  const resultsView = vscode.window.createTreeView('loadtestLens.results', {
    treeDataProvider: tree,
    showCollapseAll: true,
  });
  const env: CommandEnv = {
    host,
    services,
    roots: () => knownRoots(tree),
    pickRoot: () => pickRoot(tree),
  };
  host.registerSerializers(VIEWS);
  navigatorRef.current = registerNavigation(context, host, store, tree, resultsView);
  const configLens = registerConfigLens(store);
  context.subscriptions.push(
    host,
    problems,
    watcher,
    status,
    output,
    store,
    tree,
    resultsView,
    ...VIEWS.flatMap(view => view.commands?.(env) ?? []),
    ...configLens.disposables,
    ...registerHistory(env, tree, () => configLens.lens.refresh()),
    ...trackWalkthrough(),
    registerSample(context, root => opener.open(root)),
    vscode.window.registerCustomEditorProvider(ROOT_EDITOR_TYPE, opener.editorProvider(), {
      supportsMultipleEditorsPerDocument: true,
    }),
    vscode.window.registerCustomEditorProvider(
      RUN_EDITOR_TYPE,
      new HostedEditorProvider(host, RUN_EDITOR_TYPE, runView, runArgsOfFile),
      { supportsMultipleEditorsPerDocument: true },
    ),
    vscode.commands.registerCommand('loadtestLens.openFolder', async (arg: unknown) => {
      const node = arg as ResultNode | undefined;
      const path = targetPath(arg) ?? (await pickRoot(tree));
      const test = node?.kind === 'test' ? node.test.name : undefined;
      if (path) await opener.open(path, test ? { test } : {});
    }),
    vscode.commands.registerCommand('loadtestLens.openResults', async () => {
      const root = await pickRoot(tree);
      if (root) await opener.open(root);
    }),
    // A test row of the Results view (its click command carries the root and the test name).
    vscode.commands.registerCommand('loadtestLens.openTest', (root: unknown, test: unknown) => {
      if (typeof root === 'string' && typeof test === 'string') void opener.open(root, { test });
    }),
    vscode.commands.registerCommand('loadtestLens.refresh', () => {
      store.invalidate();
      tree.refresh();
    }),
    vscode.commands.registerCommand('loadtestLens.clearParseCache', async () => {
      const removed = await store.clearParseCache();
      void vscode.window.showInformationMessage(
        vscode.l10n.t('Load Test Lens: {0} parsed files removed from the cache.', removed),
      );
    }),
  );
  log('Load Test Lens activated');
}

/** The parse cache of this activation: its last writes land before the extension stops. */
let openParseCache: DiskCache | undefined;

export function deactivate(): Promise<void> | undefined {
  // Everything else is disposed through context.subscriptions.
  return openParseCache?.flush();
}
