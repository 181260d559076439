/**
 * What the views' commands share: where a command was invoked from (a Results-view node, a
 * command palette pick) and the pickers of a root's tests. Each view module registers its own
 * commands through {@link CommandEnv}; extension.ts only walks the view table.
 */
import * as vscode from 'vscode';
import type { WebviewHost } from '../host/webviewHost';
import type { ResultNode } from '../resultsTree';
import type { ViewServices } from '../services';
import type { TestArgs } from './testArgs';

/** What a view's commands may use. */
export interface CommandEnv {
  readonly host: WebviewHost;
  readonly services: ViewServices;
  /** The result roots the Results view lists. */
  roots(): Promise<string[]>;
  /** A result root picked by the user (the known ones, else a folder dialog). */
  pickRoot(): Promise<string | undefined>;
}

/** The node a Results-view command was invoked on, if it is one of `kinds`. */
export function nodeOf<K extends ResultNode['kind']>(
  arg: unknown,
  ...kinds: K[]
): Extract<ResultNode, { kind: K }> | undefined {
  const node = arg as ResultNode | undefined;
  return node && typeof node === 'object' && (kinds as string[]).includes(node.kind)
    ? (node as Extract<ResultNode, { kind: K }>)
    : undefined;
}

/** From the command palette: a root's test picked by the user. */
export async function pickTest(
  services: ViewServices,
  root: string,
  placeHolder = 'Test to open',
): Promise<string | undefined> {
  const summary = await services.store.get(root);
  const picked = await vscode.window.showQuickPick(
    summary.tests.map(t => ({
      label: t.name,
      description: vscode.l10n.t('{0} users', t.userCount),
    })),
    { placeHolder },
  );
  return picked?.label;
}

/** The test a command is about: a test node of the Results view, else picked from the palette. */
export async function testFrom(
  env: CommandEnv,
  arg: unknown,
  placeHolder: string,
): Promise<TestArgs | undefined> {
  const node = nodeOf(arg, 'test');
  if (node) return { root: node.root, test: node.test.name };
  const root = await env.pickRoot();
  const test = root && (await pickTest(env.services, root, placeHolder));
  return root && test ? { root, test } : undefined;
}
