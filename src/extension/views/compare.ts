/**
 * The comparison of a baseline and a candidate picked from the open result roots (or another
 * folder), in two picks (src/extension/views/comparePick.ts); a restored view may hold more
 * candidates. The tests are loaded by the shared store (its worker pool and file cache); the view
 * model comes from src/core/compare; the webview only draws, and its "Swap baseline and
 * candidate" button opens the comparison with the sides exchanged in place of this one.
 */
import * as vscode from 'vscode';
import { DEFAULT_CONFIG, DEFAULT_LOAD_CONFIG } from '../../core/compare';
import { compareViewVM } from '../../core/viewmodel/compare';
import { isName } from '../../shared/views/checks';
import { compare } from '../../shared/views/compare';
import type { ViewKind } from '../host/view';
import { shortTitle } from '../host/placement';
import type { ViewServices } from '../services';
import { readSettings } from '../settings';
import { checkRoot, type TestArgs } from './testArgs';
import { pickBaselineAndCandidate, swapSides, type CompareArgs } from './comparePick';
import { plural } from '../../shared/format';

export type { CompareArgs } from './comparePick';

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
      context.post({
        type: 'loading',
        message: vscode.l10n.t('Comparing {0} tests…', args.tests.length),
      });
      try {
        const { store } = context.services;
        const tests = await store.compareTests(args.tests);
        const load = { ...DEFAULT_LOAD_CONFIG, capacityDrop: readSettings().capacityDrop };
        const loads = await store.testLoads(tests, DEFAULT_CONFIG, load);
        context.post({
          type: 'comparison',
          comparison: compareViewVM(tests, DEFAULT_CONFIG, load, loads),
        });
      } catch (err) {
        context.post({
          type: 'error',
          message: vscode.l10n.t('Could not compare the tests: {0}', String(err)),
        });
      }
    };
    const swap = ({ candidate }: { candidate: number }): void => {
      const swapped = swapSides(args, candidate);
      if (!swapped) return;
      context.open(compareView, swapped);
      context.panel.dispose();
    };
    return { ready: send, on: { swapSides: swap } };
  },
};

/** The tests of the known roots (plus "another folder…"): the baseline picked, then the candidate. */
export async function pickTests(
  services: ViewServices,
  roots: readonly string[],
): Promise<CompareArgs | undefined> {
  const all = [...roots];
  const more = await vscode.window.showQuickPick(
    ['Use the open result roots', 'Add another folder…'],
    { placeHolder: vscode.l10n.t('Tests to compare: from which result roots?') },
  );
  if (!more) return undefined;
  if (more.startsWith('Add')) {
    const uris = await vscode.window.showOpenDialog({
      canSelectFolders: true,
      canSelectFiles: false,
      openLabel: vscode.l10n.t('Compare tests of this root'),
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
        detail: `${plural(t.userCount, 'user')}, ${plural(t.failureLines, 'failure line')}`,
        root,
        test: t.name,
      });
  }
  if (items.length < 2) {
    void vscode.window.showWarningMessage(
      vscode.l10n.t('Comparing needs two tests: open another result root.'),
    );
    return undefined;
  }
  return pickBaselineAndCandidate(items, (list, placeHolder) =>
    Promise.resolve(vscode.window.showQuickPick(list, { placeHolder })),
  );
}
