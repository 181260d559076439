/**
 * The run view of a folder of today's openvidu-loadtest results (report-<ts>.html, results-<ts>.txt,
 * config, errors.json, platform metrics): one panel per run, verdict first. The run is read in
 * the extension host (src/core/runs); the webview only draws the model. Files named by the
 * model are opened only from inside the run folder, by index; the view re-reads the run when
 * its files change.
 */
import { basename, dirname } from 'node:path';
import * as vscode from 'vscode';
import { resolveInsideRoot } from '../core/source/insideRoot';
import { findRunFolderFor } from '../core/source/resultRoot';
import { runViewVM } from '../core/viewmodel/runView';
import { listRuns, loadRun, type RunData } from '../core/runs/run';
import { summarizeRun, type SummaryOptions } from '../core/runs/summary';
import type { RunViewVM } from '../shared/runView';
import { parseWebviewMessage, type HostMessage, type WebviewMessage } from '../shared/protocol';
import { saveExportWithDialog } from './exportDialog';
import { runProblemsByFile } from './problems';
import { webviewHtml, webviewOptions } from './webviewHtml';
import type { Zone } from '../shared/zone';

/** What every run view needs from the extension. */
export interface RunViewDeps {
  readonly extensionUri: vscode.Uri;
  /** The controller's zone setting (loadtestLens.reportTimezone), or undefined (`auto`). */
  readonly reportZone: () => Zone | undefined;
  readonly problems: vscode.DiagnosticCollection;
  /** Opens a real-browser run's stats/ in the notebook views. */
  readonly openPerUser: (statsDir: string) => void;
}

export class RunSession implements vscode.Disposable {
  private readonly subscriptions: vscode.Disposable[] = [];
  private run: RunData | undefined;
  private view: RunViewVM | undefined;
  private readonly options = new Map<number, SummaryOptions>();
  private reload: NodeJS.Timeout | undefined;
  private published: vscode.Uri[] = [];

  constructor(
    readonly panel: vscode.WebviewPanel,
    readonly folder: string,
    readonly id: string,
    private readonly deps: RunViewDeps,
  ) {
    const webview = panel.webview;
    webview.options = webviewOptions(deps.extensionUri);
    webview.html = webviewHtml(webview, deps.extensionUri, 'run', panel.title);
    const watcher = vscode.workspace.createFileSystemWatcher(
      new vscode.RelativePattern(folder, '**/*'),
    );
    const changed = () => this.scheduleReload();
    this.subscriptions.push(
      watcher,
      watcher.onDidChange(changed),
      watcher.onDidCreate(changed),
      watcher.onDidDelete(changed),
      webview.onDidReceiveMessage(raw => {
        const message = parseWebviewMessage(raw);
        if (message) void this.handle(message);
      }),
    );
  }

  private post(message: HostMessage): void {
    void this.panel.webview.postMessage(message);
  }

  private scheduleReload(): void {
    clearTimeout(this.reload);
    this.reload = setTimeout(() => {
      this.run = undefined;
      void this.send();
    }, 500);
  }

  private async handle(message: WebviewMessage): Promise<void> {
    switch (message.type) {
      case 'ready':
        return this.send();
      case 'runQuery': {
        const steady = message.steady
          ? { from: message.steady.start, to: message.steady.end }
          : undefined;
        this.options.set(message.scenario, {
          steady,
          targetParticipants: message.target ?? undefined,
        });
        return this.send();
      }
      case 'openRunFile':
        return this.openFile(message.file, message.line);
      case 'openRunPerUser':
        if (this.run?.perUserStats) this.deps.openPerUser(this.run.perUserStats.statsDir);
        return;
      case 'exportFile':
        if (message.test === this.id) this.post(await saveExportWithDialog(message));
        return;
      default:
        return;
    }
  }

  private async load(): Promise<RunData | undefined> {
    const files = (await listRuns(this.folder)).find(f => f.id === this.id);
    return files && loadRun(files, { zone: this.deps.reportZone() });
  }

  private async send(): Promise<void> {
    this.post({ type: 'loading', message: `Reading run ${this.id}…` });
    try {
      this.run ??= await this.load();
      if (!this.run) {
        this.post({
          type: 'error',
          message: `No report-${this.id}.html or results-${this.id}.txt in ${this.folder} any more.`,
        });
        return;
      }
      const summary = summarizeRun(this.run, index => this.options.get(index) ?? {});
      this.view = runViewVM(this.run, summary);
      this.publishProblems(this.run, summary);
      this.post({ type: 'runView', run: this.view });
    } catch (err) {
      this.run = undefined;
      this.post({ type: 'error', message: `Could not read run ${this.id}: ${String(err)}` });
    }
  }

  private async openFile(index: number, line: number | undefined): Promise<void> {
    const rel = this.view?.files[index];
    // Never outside the run folder (links and `..` included).
    const file = rel === undefined ? undefined : await resolveInsideRoot(this.folder, rel);
    if (!file) return;
    const document = await vscode.workspace.openTextDocument(file);
    const at = new vscode.Position(Math.max(0, (line ?? 1) - 1), 0);
    await vscode.window.showTextDocument(document, {
      viewColumn: vscode.ViewColumn.Beside,
      selection: new vscode.Range(at, at),
      preview: true,
    });
  }

  /** Findings and invalid/suspect evidence of this run in the Problems panel, while it is open. */
  private publishProblems(run: RunData, summary: ReturnType<typeof summarizeRun>): void {
    this.clearProblems();
    const byFile = runProblemsByFile(
      run.diagnostics,
      summary.scenarios.map(s => ({ label: s.label, checks: s.validity.checks })),
    );
    for (const [file, list] of byFile) {
      const uri = vscode.Uri.file(file);
      this.deps.problems.set(uri, list);
      this.published.push(uri);
    }
  }

  private clearProblems(): void {
    for (const uri of this.published) this.deps.problems.delete(uri);
    this.published = [];
  }

  dispose(): void {
    clearTimeout(this.reload);
    this.clearProblems();
    this.subscriptions.forEach(s => s.dispose());
  }
}

/** Run panels, one per folder and run id; asking again reveals it. */
export class RunPanels implements vscode.Disposable {
  private readonly open = new Map<string, RunSession>();

  constructor(private readonly deps: RunViewDeps) {}

  /** Opens every run of the folder (usually one); the newest is focused. */
  async showFolder(folder: string): Promise<boolean> {
    const runs = await listRuns(folder);
    for (const r of runs) this.show(folder, r.id);
    return runs.length > 0;
  }

  show(folder: string, id: string): RunSession {
    const key = `${folder}\u0000${id}`;
    const existing = this.open.get(key);
    if (existing) {
      existing.panel.reveal();
      return existing;
    }
    const panel = vscode.window.createWebviewPanel(
      'loadtestLens.run',
      `${vscode.workspace.asRelativePath(folder)} — run ${id}`,
      { viewColumn: vscode.ViewColumn.Beside, preserveFocus: false },
      webviewOptions(this.deps.extensionUri),
    );
    const session = new RunSession(panel, folder, id, this.deps);
    this.open.set(key, session);
    panel.onDidDispose(() => {
      this.open.delete(key);
      session.dispose();
    });
    return session;
  }

  dispose(): void {
    for (const s of this.open.values()) s.panel.dispose();
  }
}

export const RUN_VIEW_TYPE = 'loadtestLens.run';

/** `report-<id>.html` / `results-<id>.txt` → the run id. */
export function runIdOfFile(path: string): string | undefined {
  const name = basename(path);
  return (
    /^report-(.+)\.html$/.exec(name)?.[1] ??
    /^results-(.+)\.txt$/.exec(name)?.[1] ??
    (name === 'results.txt' ? 'results' : undefined)
  );
}

/**
 * "Reopen Editor With… → Load Test Lens" on a report-<ts>.html or results-<ts>.txt: the run view
 * in place of the file (read-only; the file itself is never written).
 */
export class RunEditorProvider implements vscode.CustomReadonlyEditorProvider {
  private readonly sessions = new Set<RunSession>();

  constructor(private readonly deps: RunViewDeps) {}

  openCustomDocument(uri: vscode.Uri): vscode.CustomDocument {
    return { uri, dispose: () => undefined };
  }

  async resolveCustomEditor(
    document: vscode.CustomDocument,
    panel: vscode.WebviewPanel,
  ): Promise<void> {
    const file = document.uri.fsPath;
    const folder = (await findRunFolderFor(file)) ?? dirname(file);
    const id = runIdOfFile(file) ?? (await listRuns(folder)).at(-1)?.id ?? '';
    const session = new RunSession(panel, folder, id, this.deps);
    this.sessions.add(session);
    panel.onDidDispose(() => {
      this.sessions.delete(session);
      session.dispose();
    });
  }
}
