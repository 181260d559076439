/**
 * The runs of the workspace, found once for the Results view and the run history: the
 * notebook-layout result roots and the run folders of today's controller below each workspace
 * folder, and the history entries of both (src/extension/history.ts groups and orders them).
 * Tests come from the shared summary of their root; a controller run's configuration and start
 * from the store's reading of the run (cached; dropped when its folder changes).
 */
import * as vscode from 'vscode';
import { listRuns } from '../core/runs/run';
import { summarizeRun } from '../core/runs/summary';
import { findRootsBelow, findRunFoldersBelow } from '../core/source/resultRoot';
import { recordedControllerRun, recordedTest, type RecordedRun } from '../core/compare/configLens';
import { minOf } from '../shared/arrays';
import {
  runGroup,
  runIdStart,
  runKey,
  runPlace,
  testGroup,
  type HistoryRun,
  type RunFacts,
} from './history';
import { readSettings } from './settings';
import type { SummaryStore } from './summaryStore';
import { plural } from '../shared/format';
import { connectedOrNull } from '../core/analysis/testSummary';

const DISCOVERY_DEPTH = 3;

/** A run of today's tool: its folder and `<ts>`. */
export interface RunRef {
  readonly folder: string;
  readonly id: string;
}

export interface WorkspaceRuns {
  readonly roots: readonly string[];
  readonly runs: readonly RunRef[];
}

/** The result roots and controller runs below the workspace folders (none when discovery is off). */
export async function discoverRuns(): Promise<WorkspaceRuns> {
  if (!readSettings().discoverRoots) return { roots: [], runs: [] };
  const folders = (vscode.workspace.workspaceFolders ?? []).map(f => f.uri.fsPath);
  const roots = await Promise.all(folders.map(f => findRootsBelow(f, DISCOVERY_DEPTH)));
  const runFolders = await Promise.all(folders.map(f => findRunFoldersBelow(f, DISCOVERY_DEPTH)));
  const runs = await Promise.all(
    runFolders
      .flat()
      .map(async folder => (await listRuns(folder)).map(r => ({ folder, id: r.id }))),
  );
  return { roots: roots.flat(), runs: runs.flat() };
}

/** The history entries of the notebook tests of `root` (none when it cannot be read). */
async function testsOf(store: SummaryStore, root: string): Promise<HistoryRun[]> {
  const summary = await store.get(root).catch(() => undefined);
  return (summary?.tests ?? []).map(t => ({
    kind: 'test',
    root,
    test: t.name,
    group: testGroup(t.name),
    start: t.start,
  }));
}

/** The history entry of a controller run: its configuration's group, its first window start. */
async function runOf(store: SummaryStore, ref: RunRef): Promise<HistoryRun> {
  const data = await store.run(ref.folder, ref.id).catch(() => undefined);
  const starts = (data?.scenarios ?? []).flatMap(s =>
    s.windowStart === undefined ? [] : [s.windowStart],
  );
  return {
    kind: 'run',
    folder: ref.folder,
    id: ref.id,
    group: runGroup(data?.config?.rows, ref.folder),
    start: starts.length > 0 ? minOf(starts) : runIdStart(ref.id),
  };
}

/** Every run of the workspace, as history entries (unordered: see historyGroups). */
export async function collectHistory(
  store: SummaryStore,
  found?: WorkspaceRuns,
): Promise<HistoryRun[]> {
  const { roots, runs } = found ?? (await discoverRuns());
  const tests = await Promise.all(roots.map(root => testsOf(store, root)));
  const controller = await Promise.all(runs.map(ref => runOf(store, ref)));
  return [...tests.flat(), ...controller];
}

/** A run's validity or counts, for the new-run notification. */
export async function runFacts(
  store: SummaryStore,
  run: HistoryRun,
): Promise<RunFacts | undefined> {
  if (run.kind === 'run') {
    const data = await store.run(run.folder, run.id).catch(() => undefined);
    if (!data) return undefined;
    const verdict = summarizeRun(data).verdict.toUpperCase();
    return { summary: verdict, numbers: { validity: verdict } };
  }
  const summary = await store.get(run.root).catch(() => undefined);
  const t = summary?.tests.find(s => s.name === run.test);
  if (!t) return undefined;
  return {
    summary: `${plural(t.userCount, 'user')}, ${t.failedUsers} failed`,
    numbers: {
      users: t.userCount,
      ...(connectedOrNull(t) === null ? {} : { connected: t.connectedUsers }),
      'failed users': t.failedUsers,
    },
  };
}

/**
 * What a run recorded about what it ran, for the configuration's CodeLens and hover
 * (recordedTest / recordedControllerRun of src/core/compare/configLens.ts).
 */
export async function recordedRun(
  store: SummaryStore,
  run: HistoryRun,
): Promise<RecordedRun | undefined> {
  const id = { key: runKey(run), name: runPlace(run), start: run.start };
  if (run.kind === 'test') {
    const summary = await store.get(run.root).catch(() => undefined);
    const t = summary?.tests.find(s => s.name === run.test);
    return t && recordedTest(id, t);
  }
  const data = await store.run(run.folder, run.id).catch(() => undefined);
  return data && recordedControllerRun(id, data, summarizeRun(data));
}
