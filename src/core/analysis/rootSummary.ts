/** Summaries of every test of a result root. */
import { diagnostic, type Diagnostic } from '../model/diagnostic';
import { isResultRoot, listTests } from '../source/resultRoot';
import { mapLimit } from '../util/async';
import { summarizeTest, type SummaryOptions, type TestSummary } from './testSummary';

export interface RootSummary {
  readonly root: string;
  readonly tests: readonly TestSummary[];
  /** Findings about the root itself (not about one test). */
  readonly diagnostics: readonly Diagnostic[];
}

export interface RootSummaryOptions extends SummaryOptions {
  /** Only these tests (by name); all when absent. */
  readonly tests?: readonly string[];
  readonly onTestDone?: (test: string, done: number, total: number) => void;
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
  const all = await listTests(root);
  const wanted = options.tests ? all.filter(t => options.tests?.includes(t.name)) : all;
  for (const name of options.tests ?? []) {
    if (!all.some(t => t.name === name))
      diagnostics.push(
        diagnostic('error', 'layout.unknownTest', root, `No test named "${name}" in this root.`),
      );
  }
  let done = 0;
  const tests = await mapLimit(wanted, 2, async t => {
    options.signal?.throwIfAborted();
    const s = await summarizeTest(t, options);
    options.onTestDone?.(t.name, ++done, wanted.length);
    return s;
  });
  return { root, tests, diagnostics };
}
