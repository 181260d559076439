/**
 * The comparison panel: two or more tests picked from the open result roots (or another folder),
 * the first one the baseline. The host loads them (one ingest per root, parsing on worker
 * threads), computes the view model with src/core/compare and posts it; the webview only draws.
 * Messages from the webview are validated; only `ready` means something here.
 */
import { join } from 'node:path';
import * as vscode from 'vscode';
import { DEFAULT_CONFIG, DEFAULT_LOAD_CONFIG, loadRoot, type CompareTest } from '../core/compare';
import { compareViewVM } from '../core/viewmodel/compare';
import { WorkerPool } from '../core/pipeline/runner';
import { parseWebviewMessage, type HostMessage } from '../shared/protocol';
import type { ViewServices } from './services';
import { webviewHtml, webviewOptions } from './webviewHtml';

export interface PickedTest {
  readonly root: string;
  readonly test: string;
}

/** Tests of the known roots in one multi-select list, plus "another folder…"; the first is the baseline. */
export async function pickTests(
  services: ViewServices,
  roots: readonly string[],
): Promise<PickedTest[] | undefined> {
  const all = [...roots];
  const more = await vscode.window.showQuickPick(
    ['Use the open result roots', 'Add another folder…'],
    {
      placeHolder: 'Tests to compare: from which result roots?',
    },
  );
  if (!more) return undefined;
  if (more.startsWith('Add')) {
    const uris = await vscode.window.showOpenDialog({
      canSelectFolders: true,
      canSelectFiles: false,
      openLabel: 'Compare tests of this root',
    });
    if (uris?.[0]) all.push(uris[0].fsPath);
  }
  const items: Array<vscode.QuickPickItem & PickedTest> = [];
  for (const root of all) {
    const summary = await services.store.get(root);
    for (const t of summary.tests)
      items.push({
        label: t.name,
        description: vscode.workspace.asRelativePath(root),
        detail: `${t.userCount} users, ${t.failureLines} failure lines`,
        root,
        test: t.name,
      });
  }
  const picked = await vscode.window.showQuickPick(items, {
    canPickMany: true,
    placeHolder: 'Pick two or more tests (the first picked is the baseline)',
  });
  if (!picked || picked.length < 2) {
    if (picked) void vscode.window.showWarningMessage('Pick at least two tests to compare.');
    return undefined;
  }
  return picked.map(p => ({ root: p.root, test: p.test }));
}

/** Loads the picked tests, one ingest per root, in the order picked. */
async function loadPicked(
  picked: readonly PickedTest[],
  workerScript: string,
): Promise<CompareTest[]> {
  const pool = new WorkerPool(workerScript);
  try {
    const byRoot = new Map<string, string[]>();
    for (const p of picked) byRoot.set(p.root, [...(byRoot.get(p.root) ?? []), p.test]);
    const loaded = await Promise.all(
      [...byRoot].map(([root, tests]) => loadRoot(root, { runner: pool, tests })),
    );
    const all = loaded.flatMap(l => l.tests);
    return picked.flatMap(p => all.filter(t => t.root === p.root && t.name === p.test));
  } finally {
    await pool.dispose();
  }
}

export function openComparison(
  services: ViewServices,
  picked: readonly PickedTest[],
): vscode.WebviewPanel {
  const title = `Compare: ${picked.map(p => p.test).join(' vs ')}`;
  const panel = vscode.window.createWebviewPanel(
    'loadtestLens.compare',
    title,
    vscode.ViewColumn.Beside,
    webviewOptions(services.extensionUri),
  );
  panel.webview.html = webviewHtml(panel.webview, services.extensionUri, 'compare', title);
  const post = (m: HostMessage): void => void panel.webview.postMessage(m);
  const send = async (): Promise<void> => {
    post({ type: 'loading', message: `Comparing ${picked.length} tests…` });
    try {
      const tests = await loadPicked(
        picked,
        join(services.extensionUri.fsPath, 'dist', 'worker.js'),
      );
      post({
        type: 'comparison',
        comparison: compareViewVM(tests, DEFAULT_CONFIG, DEFAULT_LOAD_CONFIG),
      });
    } catch (err) {
      post({ type: 'error', message: `Could not compare the tests: ${String(err)}` });
    }
  };
  const sub = panel.webview.onDidReceiveMessage((raw: unknown) => {
    const message = parseWebviewMessage(raw);
    if (message?.type === 'ready') void send();
  });
  panel.onDidDispose(() => sub.dispose());
  return panel;
}
