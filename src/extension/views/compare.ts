/**
 * The comparison of two or more tests picked from the open result roots (or another folder), the
 * first one the baseline. The tests are loaded by the shared store (its worker pool and file
 * cache); the view model comes from src/core/compare; the webview only draws.
 */
import * as vscode from 'vscode';
import { DEFAULT_CONFIG, DEFAULT_LOAD_CONFIG } from '../../core/compare';
import { compareViewVM } from '../../core/viewmodel/compare';
import { isName } from '../../shared/views/checks';
import { compare } from '../../shared/views/compare';
import type { ViewKind } from '../host/view';
import { shortTitle } from '../host/placement';
import type { ViewServices } from '../services';
import { checkRoot, type TestArgs } from './testArgs';

export interface CompareArgs {
  /** The tests in the order picked: the first is the baseline. */
  readonly tests: readonly TestArgs[];
}

function checkArgs(raw: unknown): CompareArgs | undefined {
  const tests = (raw as { tests?: unknown } | undefined)?.tests;
  if (!Array.isArray(tests) || tests.length < 2 || tests.length > 50) return undefined;
  const checked = tests.map(t => {
    const root = checkRoot(t);
    const test = (t as { test?: unknown }).test;
    return root !== undefined && isName(test) ? { root, test } : undefined;
  });
  return checked.every(t => t !== undefined) ? { tests: checked as TestArgs[] } : undefined;
}

export const compareView: ViewKind<typeof compare, CompareArgs> = {
  contract: compare,
  viewType: 'loadtestLens.compare',
  checkArgs,
  key: a => a.tests.map(t => `${t.root}\u0000${t.test}`).join('\u0001'),
  title: a => shortTitle('Compare', a.tests.map(t => t.test).join(' vs ')),
  commands: env => [
    vscode.commands.registerCommand('loadtestLens.compareTests', async () => {
      const picked = await pickTests(env.services, await env.roots());
      if (picked) env.host.open(compareView, picked);
    }),
  ],
  create(context, args) {
    const send = async (): Promise<void> => {
      context.post({ type: 'loading', message: `Comparing ${args.tests.length} tests…` });
      try {
        const tests = await context.services.store.compareTests(args.tests);
        context.post({
          type: 'comparison',
          comparison: compareViewVM(tests, DEFAULT_CONFIG, DEFAULT_LOAD_CONFIG),
        });
      } catch (err) {
        context.post({ type: 'error', message: `Could not compare the tests: ${String(err)}` });
      }
    };
    return { ready: send, on: {} };
  },
};

/** Tests of the known roots in one multi-select list, plus "another folder…"; the first is the baseline. */
export async function pickTests(
  services: ViewServices,
  roots: readonly string[],
): Promise<CompareArgs | undefined> {
  const all = [...roots];
  const more = await vscode.window.showQuickPick(
    ['Use the open result roots', 'Add another folder…'],
    { placeHolder: 'Tests to compare: from which result roots?' },
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
  const items: Array<vscode.QuickPickItem & TestArgs> = [];
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
  return { tests: picked.map(p => ({ root: p.root, test: p.test })) };
}
