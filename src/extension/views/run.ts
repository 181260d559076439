/**
 * The run view of a run of today's openvidu-loadtest controller (report-<ts>.html,
 * results-<ts>.txt, config, errors.json, platform metrics): one view per run, verdict first. The
 * run is read in the extension host (src/core/runs) through the shared store, which drops it when
 * the folder's files change (the shared watcher); its findings go to the shared Problems
 * collection. Files named by the model are opened only from inside the run folder, by index.
 */
import { basename, dirname } from 'node:path';
import * as vscode from 'vscode';
import type { SummaryOptions } from '../../core/runs/summary';
import { summarizeRun } from '../../core/runs/summary';
import type { RunData } from '../../core/runs/run';
import { resolveInsideRoot } from '../../core/source/insideRoot';
import { findRunFolderFor, findRunFoldersBelow } from '../../core/source/resultRoot';
import { listRuns } from '../../core/runs/run';
import { runViewVM } from '../../core/viewmodel/runView';
import type { ParamsOf } from '../../shared/ipc';
import type { RunViewVM } from '../../shared/views/run';
import { isName } from '../../shared/views/checks';
import { run } from '../../shared/views/run';
import type { ViewContext, ViewKind } from '../host/view';
import { shortTitle } from '../host/placement';
import { runProblemsByFile } from '../problems';
import type { WebviewHost } from '../host/webviewHost';
import { isRoot } from './testArgs';

export interface RunArgs {
  /** The run folder. */
  readonly folder: string;
  /** The run's id: the `<ts>` of report-<ts>.html / results-<ts>.txt. */
  readonly id: string;
}

function checkArgs(raw: unknown): RunArgs | undefined {
  const { folder, id } = (raw ?? {}) as Record<string, unknown>;
  return isRoot(folder) && (id === '' || isName(id)) ? { folder, id } : undefined;
}

class RunHandler {
  private view: RunViewVM | undefined;
  private data: RunData | undefined;
  private readonly options = new Map<number, SummaryOptions>();
  /** The Problems this view published (an owner key of the shared collection). */
  private readonly owner: string;

  constructor(
    private readonly context: ViewContext<typeof run>,
    private readonly args: RunArgs,
  ) {
    this.owner = `run\u0000${args.folder}\u0000${args.id}`;
  }

  readonly on = {
    runQuery: (q: ParamsOf<typeof run.inbound.runQuery>) => {
      const steady = q.steady ? { from: q.steady.start, to: q.steady.end } : undefined;
      this.options.set(q.scenario, { steady, targetParticipants: q.target ?? undefined });
      return this.ready();
    },
    openRunFile: ({ file, line }: { file: number; line?: number }) => this.openFile(file, line),
    runCompareWithPrevious: () => this.compare('loadtestLens.compareWithPrevious'),
    runCompareWith: () => this.compare('loadtestLens.compareWith'),
    openRunPerUser: () => {
      const stats = this.data?.perUserStats?.statsDir;
      if (stats) void this.context.services.openResults(stats, { notebookOnly: true });
    },
  };

  async ready(): Promise<void> {
    const { folder, id } = this.args;
    const { store, problems } = this.context.services;
    this.context.post({ type: 'loading', message: vscode.l10n.t('Reading run {0}…', id) });
    try {
      this.data = await store.run(folder, id);
      if (!this.data) {
        problems.clearOwner(this.owner);
        return this.context.post({
          type: 'error',
          message: vscode.l10n.t(
            'No report-{0}.html or results-{0}.txt in {1} any more.',
            id,
            folder,
          ),
        });
      }
      const summary = summarizeRun(this.data, index => this.options.get(index) ?? {});
      this.view = runViewVM(this.data, summary);
      problems.publishOwner(
        this.owner,
        runProblemsByFile(
          this.data.diagnostics,
          summary.scenarios.map(s => ({ label: s.label, checks: s.validity.checks })),
        ),
      );
      this.context.post({ type: 'runView', run: this.view });
    } catch (err) {
      this.context.post({
        type: 'error',
        message: vscode.l10n.t('Could not read run {0}: {1}', id, String(err)),
      });
    }
  }

  /** The run history's commands (src/extension/historyCommands.ts) on this run. */
  private compare(command: string): void {
    const { folder, id } = this.args;
    void vscode.commands.executeCommand(command, { kind: 'run', folder, id });
  }

  private async openFile(index: number, line: number | undefined): Promise<void> {
    const rel = this.view?.files[index];
    // Never outside the run folder (links and `..` included).
    const file = rel === undefined ? undefined : await resolveInsideRoot(this.args.folder, rel);
    if (!file) return;
    const document = await vscode.workspace.openTextDocument(file);
    const at = new vscode.Position(Math.max(0, (line ?? 1) - 1), 0);
    await vscode.window.showTextDocument(document, {
      viewColumn: vscode.ViewColumn.Beside,
      selection: new vscode.Range(at, at),
      preview: true,
    });
  }

  dispose(): void {
    this.context.services.problems.clearOwner(this.owner);
  }
}

export const runView: ViewKind<typeof run, RunArgs> = {
  contract: run,
  viewType: 'loadtestLens.run',
  checkArgs,
  key: a => `${a.folder}\u0000${a.id}`,
  title: a => shortTitle('Run', a.id || basename(a.folder)),
  watch: a => a.folder,
  create: (context, args) => new RunHandler(context, args),
  commands: env => [
    vscode.commands.registerCommand('loadtestLens.openRun', async (arg: unknown) => {
      const folder = typeof arg === 'string' ? arg : await pickRunFolder();
      if (folder) await openRunFolder(env.host, folder);
    }),
  ],
};

/** Opens every run of the folder (usually one); false when it has none. */
export async function openRunFolder(host: WebviewHost, folder: string): Promise<boolean> {
  const runs = await listRuns(folder);
  for (const r of runs) host.open(runView, { folder, id: r.id });
  return runs.length > 0;
}

/** `report-<id>.html` / `results-<id>.txt` → the run id. */
export function runIdOfFile(path: string): string | undefined {
  const name = basename(path);
  return (
    /^report-(.+)\.html$/.exec(name)?.[1] ??
    /^results-(.+)\.txt$/.exec(name)?.[1] ??
    (name === 'results.txt' ? 'results' : undefined)
  );
}

/** The run a file of a run folder belongs to (the custom editor on a report or results file). */
export async function runArgsOfFile(file: string): Promise<RunArgs> {
  const folder = (await findRunFolderFor(file)) ?? dirname(file);
  const id = runIdOfFile(file) ?? (await listRuns(folder)).at(-1)?.id ?? '';
  return { folder, id };
}

/** A run folder of today's tool: picked among the workspace's, else chosen in a folder dialog. */
async function pickRunFolder(): Promise<string | undefined> {
  const folders = vscode.workspace.workspaceFolders ?? [];
  const found = (await Promise.all(folders.map(f => findRunFoldersBelow(f.uri.fsPath, 3)))).flat();
  if (found.length === 1) return found[0];
  if (found.length > 1) {
    const pick = await vscode.window.showQuickPick(
      found.map(f => ({ label: vscode.workspace.asRelativePath(f), folder: f })),
      { title: vscode.l10n.t("Open a run of today's openvidu-loadtest") },
    );
    return pick?.folder;
  }
  const chosen = await vscode.window.showOpenDialog({
    canSelectFolders: true,
    canSelectFiles: false,
    title: vscode.l10n.t('Folder with report-<ts>.html or results-<ts>.txt'),
  });
  return chosen?.[0]?.fsPath;
}
