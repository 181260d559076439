/**
 * The run history's commands and the new-run notification (issue 22):
 *
 * - "Compare with Previous Run" on a test (Results view, overview): the compare view with the
 *   previous run of the test's configuration as baseline and this test as candidate;
 * - "Compare with…" on a test: the baseline picked among the workspace's other tests (same
 *   configuration first, most recent first); the compare view's swap button exchanges the sides;
 * - a notification when a run appears in the workspace that was not there before (a workspace
 *   file watcher, debounced until the files stop changing), with Open and Compare with Previous.
 *
 * Both generations compare (src/extension/runCompare.ts): notebook tests in the compare view,
 * today's controller runs with the CLI's run comparison. The notification says the comparison's
 * verdict in one phrase (`QoE VMAF −3.1 vs previous (no detectable change)`).
 */
import * as vscode from 'vscode';
import {
  newRunMessage,
  newRuns,
  otherRunsFor,
  placeKey,
  previousRun,
  runKey,
  runFolderName,
  runName,
  runPlace,
  runTargetOf,
  type HistoryRun,
  type RunTarget,
} from './history';
import type { ResultsTreeProvider } from './resultsTree';
import type { SummaryStore } from './summaryStore';
import { comparisonHeadline, openComparison } from './runCompare';
import { testFrom, type CommandEnv } from './views/commands';
import { collectHistory, discoverRuns, runFacts } from './workspaceRuns';

/** Quiet time after the last file event before the workspace is scanned for new runs. */
const QUIET_MS = 3000;

function startText(run: HistoryRun): string {
  return run.start === undefined
    ? 'start unknown'
    : new Date(run.start).toISOString().slice(0, 16).replace('T', ' ') + ' UTC';
}

/** The run a command is about: its argument, else a test picked from the palette. */
async function targetFrom(env: CommandEnv, arg: unknown): Promise<RunTarget | undefined> {
  const target = runTargetOf(arg);
  if (target) return target;
  const picked = await testFrom(env, undefined, 'Test to compare');
  return picked && { kind: 'test', ...picked };
}

async function compareWithPrevious(env: CommandEnv, arg: unknown): Promise<void> {
  const target = await targetFrom(env, arg);
  if (!target) return;
  const previous = previousRun(await collectHistory(env.services.store), target);
  if (!previous) {
    void vscode.window.showInformationMessage(
      `${runPlace(target)} is the first run of its configuration in the workspace: no previous run to compare with.`,
    );
    return;
  }
  await openComparison(env, previous, target);
}

async function compareWith(env: CommandEnv, arg: unknown): Promise<void> {
  const target = await targetFrom(env, arg);
  if (!target) return;
  const runs = await collectHistory(env.services.store);
  const group = runs.find(r => runKey(r) === runKey(target))?.group;
  const items = otherRunsFor(runs, target)
    .filter(r => r.kind === target.kind)
    .map(r => ({
      label: runName(r),
      description: `${runFolderName(r)} · ${startText(r)}`,
      detail: r.group === group ? 'same configuration' : undefined,
      run: r,
    }));
  if (items.length === 0) {
    void vscode.window.showInformationMessage('No other run in the workspace to compare with.');
    return;
  }
  const picked = await vscode.window.showQuickPick(items, {
    placeHolder: `Pick the baseline: ${runPlace(target)} is the candidate (swap in the compare view)`,
    matchOnDescription: true,
  });
  if (picked) await openComparison(env, picked.run, target);
}

/**
 * Tells about runs that appear in the workspace after activation. The runs present at activation
 * are known; after file events have been quiet for {@link QUIET_MS}, the workspace is scanned
 * again and each new run is announced with its previous run.
 */
export class NewRunNotifier implements vscode.Disposable {
  private known: Set<string> | undefined;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private scanning = Promise.resolve();
  private readonly watcher = vscode.workspace.createFileSystemWatcher('**/*');

  constructor(
    private readonly store: SummaryStore,
    private readonly tree: ResultsTreeProvider,
    private readonly onNewRuns: () => void = () => undefined,
  ) {
    const changed = (uri: vscode.Uri): void => {
      if (/[\\/](\.git|node_modules)[\\/]/.test(uri.fsPath)) return;
      clearTimeout(this.timer);
      this.timer = setTimeout(() => this.queueScan(), QUIET_MS);
    };
    this.watcher.onDidCreate(changed);
    this.watcher.onDidChange(changed);
    this.queueScan();
  }

  private queueScan(): void {
    this.scanning = this.scanning.then(() => this.scan()).catch(() => undefined);
  }

  /**
   * The places (result roots, controller runs) are listed without reading anything; only when
   * one is new are the runs read, to announce the new ones with their previous run.
   */
  private async scan(): Promise<void> {
    const found = await discoverRuns();
    const places = [
      ...found.roots.map(root => placeKey({ kind: 'test', root, test: '' })),
      ...found.runs.map(r => placeKey({ kind: 'run', ...r })),
    ];
    const before = this.known;
    this.known = new Set(places);
    if (!before || places.every(p => before.has(p))) return;
    this.tree.refresh();
    this.onNewRuns();
    const runs = await collectHistory(this.store, found);
    for (const run of newRuns(before, runs).slice(-3)) void this.announce(runs, run);
  }

  private async announce(runs: readonly HistoryRun[], run: HistoryRun): Promise<void> {
    const previous = previousRun(runs, run);
    const facts = await runFacts(this.store, run);
    const before = previous && {
      name: runPlace(previous),
      facts: await runFacts(this.store, previous),
      verdict: await comparisonHeadline(this.store, previous, run).catch(() => undefined),
    };
    const open = 'Open';
    const compare = 'Compare with Previous';
    const buttons = previous ? [open, compare] : [open];
    const choice = await vscode.window.showInformationMessage(
      newRunMessage(runPlace(run), facts, before),
      ...buttons,
    );
    if (choice === open) {
      if (run.kind === 'test')
        await vscode.commands.executeCommand('loadtestLens.openTest', run.root, run.test);
      else await vscode.commands.executeCommand('loadtestLens.openRun', run.folder);
    } else if (choice === compare) {
      await vscode.commands.executeCommand('loadtestLens.compareWithPrevious', run);
    }
  }

  dispose(): void {
    clearTimeout(this.timer);
    this.watcher.dispose();
  }
}

/** The history commands and the new-run notifier (`onNewRuns`: a new result folder was found). */
export function registerHistory(
  env: CommandEnv,
  tree: ResultsTreeProvider,
  onNewRuns?: () => void,
): vscode.Disposable[] {
  return [
    vscode.commands.registerCommand('loadtestLens.compareWithPrevious', (arg: unknown) =>
      compareWithPrevious(env, arg),
    ),
    vscode.commands.registerCommand('loadtestLens.compareWith', (arg: unknown) =>
      compareWith(env, arg),
    ),
    // Two runs given (the CodeLens): baseline and candidate as history targets.
    vscode.commands.registerCommand('loadtestLens.compareRuns', (b: unknown, c: unknown) => {
      const baseline = runTargetOf(b);
      const candidate = runTargetOf(c);
      return baseline && candidate ? openComparison(env, baseline, candidate) : undefined;
    }),
    new NewRunNotifier(env.services.store, tree, onNewRuns),
  ];
}
