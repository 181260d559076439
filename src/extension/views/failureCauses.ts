/**
 * The failure causes of two or more tests side by side (the comparison's failure taxonomy as a
 * view of its own): the tests are loaded by the shared store, classified by src/core/compare and
 * shaped by src/core/viewmodel/failureCauses.ts; the page only draws.
 */
import { basename } from 'node:path';
import * as vscode from 'vscode';
import { failureTaxonomy } from '../../core/compare/taxonomy';
import { failureCausesVM } from '../../core/viewmodel/failureCauses';
import { failureCauses } from '../../shared/views/failureCauses';
import type { ViewKind } from '../host/view';
import { shortTitle } from '../host/placement';
import { compareView, pickTests, type CompareArgs } from './compare';

export const failureCausesView: ViewKind<typeof failureCauses, CompareArgs> = {
  contract: failureCauses,
  viewType: 'loadtestLens.failureCauses',
  checkArgs: raw => compareView.checkArgs(raw),
  key: a => compareView.key(a),
  title: a => shortTitle('Failure causes', a.tests.map(t => t.test).join(' vs ')),
  create(context, args) {
    const send = async (): Promise<void> => {
      context.post({
        type: 'loading',
        message: vscode.l10n.t('Classifying the failures of {0} tests…', args.tests.length),
      });
      try {
        const tests = await context.services.store.compareTests(args.tests);
        const vm = failureCausesVM(
          tests.map(t => ({
            label: `${t.name} (${basename(t.root)})`,
            taxonomy: failureTaxonomy(t),
          })),
        );
        context.post({ type: 'failureCauses', causes: vm });
      } catch (err) {
        context.post({
          type: 'error',
          message: vscode.l10n.t('Could not classify the failures: {0}', String(err)),
        });
      }
    };
    return { ready: send, on: {} };
  },
  commands: env => [
    vscode.commands.registerCommand('loadtestLens.compareFailureCauses', async () => {
      const picked = await pickTests(env.services, await env.roots());
      if (picked) env.host.open(failureCausesView, picked);
    }),
  ],
};
