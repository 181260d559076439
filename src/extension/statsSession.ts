/**
 * The statistics panel of one test, or of every test of a root pooled: CPU-band tables,
 * comparisons (raw and IQR-cleaned) with box/violin/scatter and readings, connection-start
 * durations. The view model is built here from the shared summary's connection_stats; the webview
 * only draws it and asks for another section or a CPU split it picked (validated `statsQuery`).
 * The all-tests panel is the panel of the pseudo-test `ALL_TESTS`.
 */
import * as vscode from 'vscode';
import { statsVM, type StatsRequest, type StatsTestInput } from '../core/viewmodel/stats';
import type { WebviewMessage } from '../shared/protocol';
import { ALL_TESTS } from '../shared/viewModel';
import type { ViewServices } from './services';
import { readSettings } from './settings';
import { TestPanels } from './testPanels';
import { failureText, TestViewSession } from './testView';

export class StatsSession extends TestViewSession {
  private request: StatsRequest = {};

  constructor(panel: vscode.WebviewPanel, root: string, test: string, services: ViewServices) {
    super(panel, root, test, services, 'stats');
  }

  protected rootChanged(): void {
    void this.send();
  }

  protected async handle(message: WebviewMessage): Promise<void> {
    switch (message.type) {
      case 'ready':
        return this.send();
      case 'statsQuery':
        this.request = { section: message.section, custom: message.custom };
        return this.send();
      default:
        return; // other views' messages mean nothing here
    }
  }

  private get scope(): string | null {
    return this.test === ALL_TESTS ? null : this.test;
  }

  /** The tests the view covers with their connection_stats rows; undefined for a vanished test. */
  private async tests(): Promise<StatsTestInput[] | undefined> {
    const store = this.services.store;
    const summary = await store.get(this.root);
    const scope = this.scope;
    const names = scope === null ? summary.tests.map(t => t.name) : [scope];
    if (scope !== null && !summary.tests.some(t => t.name === scope)) return undefined;
    const out: StatsTestInput[] = [];
    for (const name of names)
      out.push({ name, rows: (await store.connectionStats(this.root, name))?.rows ?? [] });
    return out;
  }

  private async send(): Promise<void> {
    const label = this.scope ?? 'every test';
    this.post({ type: 'loading', message: `Analysing ${label}…` });
    try {
      const tests = await this.tests();
      if (!tests) {
        this.post({ type: 'error', message: `No test named "${label}" in this root any more.` });
        return;
      }
      const stats = statsVM(
        { root: this.root, test: this.scope, tests },
        { ...this.request, cpuBands: readSettings().cpuBands },
      );
      this.post({ type: 'stats', stats });
    } catch (err) {
      this.post({ type: 'error', message: failureText(err, label) });
    }
  }
}

/** The statistics panels, one per root and test, plus one per root for every test. */
export class StatsPanels implements vscode.Disposable {
  private readonly panels: TestPanels<StatsSession>;

  constructor(services: ViewServices) {
    this.panels = new TestPanels(
      'loadtestLens.statistics',
      'statistics',
      services.extensionUri,
      (panel, root, test) => new StatsSession(panel, root, test, services),
      test => `${test === ALL_TESTS ? 'All tests' : test} — statistics`,
    );
  }

  /** `test` null: every test of the root pooled. */
  show(root: string, test: string | null): void {
    this.panels.show(root, test ?? ALL_TESTS);
  }

  dispose(): void {
    this.panels.dispose();
  }
}

export function statsPanels(services: ViewServices): StatsPanels {
  return new StatsPanels(services);
}

/** From the command palette: one test of the root, or all of them. */
export async function pickTestOrAll(
  services: ViewServices,
  root: string,
): Promise<{ test: string | null } | undefined> {
  const summary = await services.store.get(root);
  const items = [
    { label: 'All tests', description: 'every test pooled', test: null as string | null },
    ...summary.tests.map(t => ({
      label: t.name,
      description: `${t.userCount} users`,
      test: t.name,
    })),
  ];
  const picked = await vscode.window.showQuickPick(items, { placeHolder: 'Statistics of' });
  return picked ? { test: picked.test } : undefined;
}
