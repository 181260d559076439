/**
 * The statistics view of one test, or of every test of a root pooled (`test` null): CPU-band
 * tables, comparisons (raw and IQR-cleaned) with box/violin/scatter and readings, connection-start
 * durations. The view model is built here from the shared summary's connection_stats; the webview
 * only draws it and asks for another section or a CPU split it picked (`statsQuery`).
 */
import { statsVM, type StatsRequest, type StatsTestInput } from '../../core/viewmodel/stats';
import { isName } from '../../shared/views/checks';
import { stats } from '../../shared/views/stats';
import type { ViewContext, ViewKind } from '../host/view';
import { shortTitle } from '../host/placement';
import { readSettings } from '../settings';
import { checkRoot, failureText, goneText } from './testArgs';
import * as vscode from 'vscode';
import { nodeOf, type CommandEnv } from './commands';

export interface StatsArgs {
  readonly root: string;
  /** null: every test of the root pooled. */
  readonly test: string | null;
}

function checkArgs(raw: unknown): StatsArgs | undefined {
  const root = checkRoot(raw);
  const test = (raw as { test?: unknown } | undefined)?.test;
  return root !== undefined && (test === null || isName(test)) ? { root, test } : undefined;
}

/** The tests the view covers with their connection_stats rows; undefined for a vanished test. */
async function testsOf(
  context: ViewContext<typeof stats>,
  { root, test }: StatsArgs,
): Promise<StatsTestInput[] | undefined> {
  const store = context.services.store;
  const summary = await store.get(root);
  const names = test === null ? summary.tests.map(t => t.name) : [test];
  if (test !== null && !summary.tests.some(t => t.name === test)) return undefined;
  const out: StatsTestInput[] = [];
  for (const name of names)
    out.push({ name, rows: (await store.connectionStats(root, name))?.rows ?? [] });
  return out;
}

/** The statistics a command is about: a test or root node, else picked from the palette. */
async function statsArgsFrom(env: CommandEnv, arg: unknown): Promise<StatsArgs | undefined> {
  const node = nodeOf(arg, 'test', 'root');
  if (node) return { root: node.root, test: node.kind === 'test' ? node.test.name : null };
  const root = await env.pickRoot();
  if (!root) return undefined;
  const summary = await env.services.store.get(root);
  const items = [
    {
      label: vscode.l10n.t('All tests'),
      description: vscode.l10n.t('every test pooled'),
      test: null as string | null,
    },
    ...summary.tests.map(t => ({
      label: t.name,
      description: vscode.l10n.t('{0} users', t.userCount),
      test: t.name,
    })),
  ];
  const picked = await vscode.window.showQuickPick(items, {
    placeHolder: vscode.l10n.t('Statistics of'),
  });
  return picked ? { root, test: picked.test } : undefined;
}

export const statsView: ViewKind<typeof stats, StatsArgs> = {
  contract: stats,
  viewType: 'loadtestLens.statistics',
  checkArgs,
  key: a => `${a.root}\u0000${a.test ?? ''}`,
  title: a => shortTitle('Statistics', a.test ?? 'all tests'),
  root: a => a.root,
  commands: env => [
    // A test node (that test), a root node (every test), or the palette (pick both).
    vscode.commands.registerCommand('loadtestLens.openStatistics', async (arg: unknown) => {
      const args = await statsArgsFrom(env, arg);
      if (args) env.host.open(statsView, args);
    }),
  ],
  create(context, args) {
    let request: StatsRequest = {};
    const label = args.test ?? 'every test';
    const send = async (): Promise<void> => {
      context.post({ type: 'loading', message: vscode.l10n.t('Analysing {0}…', label) });
      try {
        const tests = await testsOf(context, args);
        if (!tests) return context.post({ type: 'error', message: goneText(label) });
        const vm = statsVM(
          { root: args.root, test: args.test, tests },
          { ...request, cpuBands: readSettings().cpuBands },
        );
        context.post({ type: 'stats', stats: vm });
      } catch (err) {
        context.post({ type: 'error', message: failureText(err, label) });
      }
    };
    return {
      ready: send,
      on: {
        statsQuery: query => {
          request = { section: query.section, custom: query.custom };
          return send();
        },
      },
    };
  },
};
