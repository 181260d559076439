/** Summaries of every test of a result root, from one ingest. */
import { diagnostic, type Diagnostic } from '../model/diagnostic';
import { ingestRoot, type IngestOptions } from '../ingest/ingestRoot';
import { InlineRunner } from '../ingest/runner';
import { isResultRoot } from '../source/resultRoot';
import { folderSource } from '../source/resultSource';
import { summarizeTest, type SummaryOptions, type TestSummary } from './testSummary';

export interface RootSummary {
  readonly root: string;
  readonly tests: readonly TestSummary[];
  /** Findings about the root itself (not about one test). */
  readonly diagnostics: readonly Diagnostic[];
}

export interface RootSummaryOptions extends SummaryOptions, Partial<Omit<IngestOptions, 'runner'>> {
  /** Where files are parsed; in-process when absent. */
  readonly runner?: IngestOptions['runner'];
}

export async function summarizeRoot(
  root: string,
  options: RootSummaryOptions,
): Promise<RootSummary> {
  const diagnostics: Diagnostic[] = [];
  if (!(await isResultRoot(root))) {
    diagnostics.push(
      diagnostic(
        'error',
        'layout.notRoot',
        root,
        'Not a result root: expected a stats/ folder, or logs/ next to dfs_final/ or qoe/.',
      ),
    );
  }
  const source = await folderSource(root);
  const known = new Set((await source.tests()).map(t => t.name));
  for (const name of options.tests ?? []) {
    if (!known.has(name))
      diagnostics.push(
        diagnostic('error', 'layout.unknownTest', root, `No test named "${name}" in this root.`),
      );
  }
  const runner = options.runner ?? new InlineRunner();
  const data = await ingestRoot(source, { ...options, runner });
  diagnostics.push(...(data.batches?.diagnostics ?? []));
  return { root, tests: data.tests.map(t => summarizeTest(t, options)), diagnostics };
}
