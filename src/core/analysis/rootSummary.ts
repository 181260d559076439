/** Summaries of every test of a result root, from one ingest. */
import { diagnostic, type Diagnostic } from '../model/diagnostic';
import { ingestRoot, type IngestOptions, type RootData, type TestData } from '../ingest/ingestRoot';
import { inlineParser } from '../ingest/tasks';
import { detectFolder } from '../source/resultRoot';
import { folderSource } from '../source/resultSource';
import { keepCurrentRun } from './currentRun';
import { folderTestName, splitTestCases } from './testCases';
import { summarizeTest, type SummaryOptions, type TestSummary } from './testSummary';
import { pushAll } from '../../shared/arrays';

export interface RootSummary {
  readonly root: string;
  readonly tests: readonly TestSummary[];
  /** Findings about the root itself (not about one test). */
  readonly diagnostics: readonly Diagnostic[];
  /** The ingested files, when `keepData` was asked: later analyses reuse them, never re-read. */
  readonly data?: RootData;
}

export interface RootSummaryOptions extends SummaryOptions, Partial<Omit<IngestOptions, 'runner'>> {
  /** Where files are parsed; in-process when absent. */
  readonly runner?: IngestOptions['runner'];
  /** Keep the ingested `RootData` on the result (the views' connection_stats build on it). */
  readonly keepData?: boolean;
  /**
   * Keep the events another run left in the files (the notebook profile); by default each
   * test keeps the events of the run its log describes (`keepCurrentRun`).
   */
  readonly keepOtherRuns?: boolean;
}

/**
 * The tests asked for (all when none were named). Default profile: each with the events of the
 * run its log describes, a log of several test cases read as one test each (`T`, `T#2`, …).
 */
function askedTests(read: RootData, options: RootSummaryOptions): readonly TestData[] {
  const tests = options.keepOtherRuns
    ? read.tests
    : read.tests.flatMap(
        t => splitTestCases(t, options.logTimezone) ?? [keepCurrentRun(t, options.logTimezone)],
      );
  const asked = options.tests && new Set(options.tests);
  return asked ? tests.filter(t => asked.has(t.location.name)) : tests;
}

export async function summarizeRoot(
  root: string,
  options: RootSummaryOptions,
): Promise<RootSummary> {
  const diagnostics: Diagnostic[] = [];
  const folder = await detectFolder(root);
  if (folder.kind === 'none' || folder.kind === 'run') {
    diagnostics.push(
      diagnostic(
        'error',
        'layout.notRoot',
        root,
        `Not a result root: the folder ${folder.kind === 'run' ? `is ${folder.reason}` : folder.reason}; expected stats/, logs/, dfs_final/ or qoe/.`,
      ),
    );
  }
  const source = await folderSource(root);
  const known = new Set((await source.tests()).map(t => t.name));
  // `T#2` (a later test case of T's log) reads the folder T.
  const folders = options.tests?.map(name => folderTestName(name, known));
  const runner = options.runner ?? inlineParser;
  const read = await ingestRoot(source, {
    ...options,
    runner,
    ...(folders ? { tests: [...new Set(folders)] } : {}),
  });
  const data = { ...read, tests: askedTests(read, options) };
  for (const name of options.tests ?? []) {
    if (!data.tests.some(t => t.location.name === name))
      diagnostics.push(
        diagnostic('error', 'layout.unknownTest', root, `No test named "${name}" in this root.`),
      );
  }
  pushAll(pushAll(diagnostics, data.diagnostics), data.batches?.diagnostics ?? []);
  const tests = data.tests.map(t => summarizeTest(t, options));
  return { root, tests, diagnostics, ...(options.keepData ? { data } : {}) };
}
