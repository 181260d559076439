/**
 * One analysis per result root, shared by every view and the tree: the first asker starts it
 * (with a cancellable progress notification), later askers get the same promise. Changing a
 * setting that affects the numbers, or Refresh, drops the cache.
 */
import * as vscode from 'vscode';
import { summarizeRoot, type RootSummary } from '../core/analysis/rootSummary';
import type { ConnectionStatsResult } from '../core/analysis/segments/connectionStats';
import { testConnectionStats } from '../core/viewmodel/swimlane';
import { separateStats } from '../core/analysis/downstream';
import type { DiskCache } from '../core/ingest/diskCache';
import { FileCache } from '../core/ingest/fileCache';
import { qosInRun, type QosTables } from '../core/ingest/stats';
import { defaultWorkerCount, WorkerPool } from '../core/pipeline/runner';
import {
  loadRoot,
  type CompareConfig,
  type CompareTest,
  type LoadConfig,
  type TestLoad,
} from '../core/compare';
import { testLoadsOn } from '../core/pipeline/testLoads';
import { listRuns, loadRun, type RunData } from '../core/runs/run';
import { LoadCache } from './loadCache';
import { readSettings } from './settings';

function megabytes(bytes: number): string {
  return (bytes / 1048576).toFixed(bytes < 10 * 1048576 ? 1 : 0);
}

export class SummaryStore implements vscode.Disposable {
  /** Summaries by root; a cancelled read stays cancelled until Refresh (see LoadCache). */
  private readonly cache = new LoadCache<RootSummary>();
  /** Controller runs by `<folder>\0<id>`, dropped when their folder changes. */
  private readonly runs = new LoadCache<RunData | undefined>();
  /** connection_stats per test, built on demand from a summary's kept ingest; dropped with it. */
  private readonly stats = new WeakMap<
    RootSummary,
    Map<string, ConnectionStatsResult | undefined>
  >();
  /**
   * Parsed files survive Refresh (only files whose size or mtime changed are read again) and,
   * with `loadtestLens.parseCache`, a restart: `disk` keeps them in the extension's storage.
   */
  private files: FileCache;
  private pool: WorkerPool | undefined;
  private readonly changed = new vscode.EventEmitter<string | undefined>();
  /** Fires with the root whose summary was dropped, or undefined for all. */
  readonly onDidChange = this.changed.event;
  private readonly loaded = new vscode.EventEmitter<RootSummary>();
  /** Fires with every summary once read. */
  readonly onDidLoad = this.loaded.event;
  private readonly subscriptions: vscode.Disposable[] = [];

  constructor(
    private readonly output: vscode.LogOutputChannel,
    private readonly workerScript: string,
    /** The parse cache in the extension's storage. */
    private readonly disk: DiskCache,
  ) {
    this.files = this.fileCache();
    this.subscriptions.push(
      vscode.workspace.onDidChangeConfiguration(e => {
        if (e.affectsConfiguration('loadtestLens.parseCache')) this.files = this.fileCache();
        if (e.affectsConfiguration('loadtestLens.maxWorkers')) void this.resetPool();
        // Settings that change the numbers or what the views are sent: every view re-asks.
        if (
          [
            'logTimezone',
            'profile',
            'decimationTarget',
            'recordingDelaySeconds',
            'qosColorRanges',
            'qoeColorRanges',
            'cpuBands',
            'reportTimezone',
            'capacityDrop',
          ].some(k => e.affectsConfiguration(`loadtestLens.${k}`))
        )
          this.invalidate();
      }),
    );
  }

  private fileCache(): FileCache {
    return new FileCache(undefined, readSettings().parseCache ? this.disk : undefined);
  }

  /** Empties the parse cache, in memory and on disk; returns the entries deleted from disk. */
  async clearParseCache(): Promise<number> {
    this.files = this.fileCache();
    await this.disk.flush();
    return this.disk.clear();
  }

  get(root: string): Promise<RootSummary> {
    return this.cache.get(root, () => this.load(root));
  }

  /** The connection_stats of a test in the profile set (undefined for an unknown test). */
  async connectionStats(root: string, test: string): Promise<ConnectionStatsResult | undefined> {
    const summary = await this.get(root);
    let byTest = this.stats.get(summary);
    if (!byTest) this.stats.set(summary, (byTest = new Map()));
    const settings = readSettings();
    if (!byTest.has(test))
      byTest.set(
        test,
        testConnectionStats(
          summary,
          test,
          settings.logTimezone,
          settings.profile,
          settings.recordingDelaySeconds,
        ),
      );
    return byTest.get(test);
  }

  /**
   * The eight QoS tables of a test (every user's stats.json, default profile), read on the
   * workers when asked; not kept here (the caller keeps what it derives). Undefined without stats.
   */
  async qosTables(root: string, test: string): Promise<QosTables | undefined> {
    const summary = await this.get(root);
    const statsDir = summary.tests.find(t => t.name === test)?.location.statsDir;
    if (!statsDir) return undefined;
    const tables = await separateStats(statsDir, this.runner(), 'default');
    // The samples of the run the log describes, when another run's were left in the files.
    const window = summary.data?.tests.find(t => t.location.name === test)?.runWindow;
    return tables && qosInRun(tables, window);
  }

  /**
   * The tests picked for a comparison, loaded on the store's worker pool through its file cache
   * (files the views already parsed are not read again), in the order picked.
   */
  async compareTests(picked: readonly { root: string; test: string }[]): Promise<CompareTest[]> {
    const byRoot = new Map<string, string[]>();
    for (const p of picked) byRoot.set(p.root, [...(byRoot.get(p.root) ?? []), p.test]);
    const loaded = await Promise.all(
      [...byRoot].map(([root, tests]) =>
        loadRoot(root, { runner: this.runner(), cache: this.files, tests }),
      ),
    );
    const all = loaded.flatMap(l => l.tests);
    return picked.flatMap(p => all.filter(t => t.root === p.root && t.name === p.test));
  }

  /**
   * The knees and capacities of compared tests (`testLoad`: bootstraps of model fits, seconds
   * on big tests), fitted on the worker pool, every test's at once, so the extension host stays
   * responsive; in the order of `tests`.
   */
  testLoads(
    tests: readonly CompareTest[],
    config: CompareConfig,
    load: LoadConfig,
  ): Promise<TestLoad[]> {
    return testLoadsOn(this.runner(), tests, config, load);
  }

  /**
   * A run of today's controller in `folder` (report-<id>.html / results-<id>.txt), read once
   * and kept until the folder changes; undefined when the run is not there.
   */
  run(folder: string, id: string): Promise<RunData | undefined> {
    return this.runs.get(`${folder}\u0000${id}`, async () => {
      const files = (await listRuns(folder)).find(f => f.id === id);
      return files && loadRun(files, { zone: readSettings().reportTimezone });
    });
  }

  invalidate(root?: string): void {
    this.cache.drop(root);
    this.runs.dropWhere(key => root === undefined || key.startsWith(`${root}\u0000`));
    this.changed.fire(root);
  }

  private runner(): WorkerPool {
    const max = readSettings().maxWorkers;
    this.pool ??= new WorkerPool(this.workerScript, defaultWorkerCount(max > 0 ? max : Infinity));
    return this.pool;
  }

  private async resetPool(): Promise<void> {
    const old = this.pool;
    this.pool = undefined;
    await old?.dispose();
  }

  private load(root: string): Promise<RootSummary> {
    const settings = readSettings();
    const title = vscode.l10n.t(
      'Load Test Lens: reading {0}',
      vscode.workspace.asRelativePath(root),
    );
    const options = { location: vscode.ProgressLocation.Notification, title, cancellable: true };
    return Promise.resolve(
      vscode.window.withProgress(options, async (progress, token) => {
        const abort = new AbortController();
        token.onCancellationRequested(() => abort.abort());
        const started = Date.now();
        let reported = 0;
        const summary = await summarizeRoot(root, {
          logTimezone: settings.logTimezone,
          keepOtherRuns: settings.profile === 'notebook',
          runner: this.runner(),
          cache: this.files,
          signal: abort.signal,
          keepData: true,
          onProgress: p => {
            const percent = p.bytesTotal > 0 ? (100 * p.bytesDone) / p.bytesTotal : 100;
            const message = `${p.filesDone}/${p.filesTotal} files, ${megabytes(p.bytesDone)} of ${megabytes(p.bytesTotal)} MB`;
            progress.report({ message, increment: percent - reported });
            reported = percent;
          },
        });
        const ms = Date.now() - started;
        this.output.info(
          `read ${root}: ${summary.tests.length} tests in ${ms} ms (file cache: ${this.files.hits} hits, ${this.files.misses} misses; parse cache on disk: ${this.disk.hits} hits, ${this.disk.misses} misses)`,
        );
        this.loaded.fire(summary);
        return summary;
      }),
    );
  }

  dispose(): void {
    this.subscriptions.forEach(s => s.dispose());
    this.changed.dispose();
    this.loaded.dispose();
    void this.pool?.dispose();
  }
}
