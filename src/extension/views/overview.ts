/**
 * The overview of one result root (its custom editor, or a panel for a root without a marker
 * file): the tests, the selected test's media-node series, the status-bar headline while active,
 * and links to the test's other views and files (opened only by test name, resolved inside the
 * root).
 */
import { stat } from 'node:fs/promises';
import { basename } from 'node:path';
import * as vscode from 'vscode';
import type { RootSummary } from '../../core/analysis/rootSummary';
import { resolveInsideRoot } from '../../core/source/insideRoot';
import { headline, nodeSeriesVM, overviewVM } from '../../core/viewmodel/overview';
import { isName } from '../../shared/views/checks';
import { overview, type TestFileKind } from '../../shared/views/overview';
import type { ViewContext, ViewKind } from '../host/view';
import { participantsView } from './participants';
import { statsView } from './stats';
import { swimlaneView } from './swimlane';
import { isCancellation } from '../loadCache';
import { checkRoot, failureText } from './testArgs';
import { timeSeriesView } from './timeSeries';

/** VS Code refuses to open larger files as text documents for extensions. */
const MAX_TEXT_DOCUMENT_BYTES = 50 * 1024 * 1024;

export interface OverviewArgs {
  readonly root: string;
  /** The test to select first. */
  readonly test?: string;
}

function checkArgs(raw: unknown): OverviewArgs | undefined {
  const root = checkRoot(raw);
  const test = (raw as { test?: unknown } | undefined)?.test;
  if (root === undefined) return undefined;
  return isName(test) ? { root, test } : { root };
}

class OverviewHandler {
  private selected: string | undefined;
  private readonly root: string;

  constructor(
    private readonly context: ViewContext<typeof overview>,
    args: OverviewArgs,
  ) {
    this.root = args.root;
    this.selected = args.test;
  }

  readonly on = {
    selectTest: ({ test }: { test: string }) => {
      this.selected = test;
      return this.sendSeries(test);
    },
    openTestFile: ({ test, kind }: { test: string; kind: TestFileKind }) =>
      this.openTestFile(test, kind),
    openSwimlane: ({ test }: { test: string }) => {
      this.context.open(swimlaneView, { root: this.root, test });
    },
    openTimeSeries: ({ test }: { test: string }) => {
      this.context.open(timeSeriesView, { root: this.root, test });
    },
    openStats: ({ test }: { test: string | null }) => {
      this.context.open(statsView, { root: this.root, test });
    },
    openParticipants: ({ test }: { test: string }) => {
      this.context.open(participantsView, { root: this.root, test });
    },
    compareWithPrevious: ({ test }: { test: string }) => {
      void vscode.commands.executeCommand('loadtestLens.compareWithPrevious', {
        root: this.root,
        test,
      });
    },
    compareWith: ({ test }: { test: string }) => {
      void vscode.commands.executeCommand('loadtestLens.compareWith', { root: this.root, test });
    },
  };

  /** Shows another test (from the tree or a command) in this view. */
  update(args: OverviewArgs): void {
    if (!args.test) return;
    this.selected = args.test;
    void this.ready();
  }

  activeChanged(): void {
    void this.updateStatus();
  }

  private async summary(): Promise<RootSummary | undefined> {
    try {
      return await this.context.services.store.get(this.root);
    } catch (err) {
      const cancelled = isCancellation(err);
      this.context.post({
        type: 'error',
        message: cancelled
          ? failureText(err, basename(this.root))
          : `Could not read the results: ${String(err)}`,
      });
      return undefined;
    }
  }

  async ready(): Promise<void> {
    this.context.post({
      type: 'loading',
      message: vscode.l10n.t('Reading {0}…', basename(this.root)),
    });
    const summary = await this.summary();
    if (!summary) return;
    const known = summary.tests.some(t => t.name === this.selected);
    const vm = overviewVM(
      basename(this.root),
      this.root,
      summary.tests,
      known ? this.selected : undefined,
    );
    this.selected = vm.selected;
    this.context.post({ type: 'overview', overview: vm });
    if (vm.selected) await this.sendSeries(vm.selected);
  }

  private async sendSeries(test: string): Promise<void> {
    const summary = await this.summary();
    const found = summary?.tests.find(s => s.name === test);
    if (!found) return;
    this.context.post({ type: 'nodeSeries', test, series: nodeSeriesVM(found) });
    await this.updateStatus();
  }

  /** The status bar follows the selected test while this view is the active one. */
  private async updateStatus(): Promise<void> {
    const status = this.context.services.status;
    if (!this.context.panel.active) return status.hide(this);
    const summary = await this.context.services.store.get(this.root).catch(() => undefined);
    const test = summary?.tests.find(s => s.name === this.selected);
    if (!test) return status.hide(this);
    const tooltip = vscode.l10n.t(
      '{0} users in {1} sessions; {2} failure lines in the controller log. Click for the Problems panel.',
      test.userCount,
      test.sessions.length,
      test.failureLines,
    );
    status.show(this, headline(test), tooltip);
  }

  private async openTestFile(test: string, kind: TestFileKind): Promise<void> {
    const summary = await this.summary();
    const location = summary?.tests.find(t => t.name === test)?.location;
    const named = kind === 'log' ? location?.logFile : location?.medianodeCsv;
    const file = named ? await resolveInsideRoot(this.root, named) : undefined;
    if (!file) return;
    const size = (await stat(file)).size;
    if (size > MAX_TEXT_DOCUMENT_BYTES) {
      void vscode.window.showWarningMessage(
        `${basename(file)} is ${(size / 1048576).toFixed(0)} MB, more than VS Code opens as a document.`,
      );
      return;
    }
    await vscode.window.showTextDocument(vscode.Uri.file(file), {
      viewColumn: vscode.ViewColumn.Beside,
      preview: true,
    });
  }

  dispose(): void {
    this.context.services.status.hide(this);
  }
}

export const overviewView: ViewKind<typeof overview, OverviewArgs> = {
  contract: overview,
  viewType: 'loadtestLens.overview',
  checkArgs,
  key: a => a.root,
  title: a => basename(a.root),
  root: a => a.root,
  create: (context, args) => new OverviewHandler(context, args),
};
