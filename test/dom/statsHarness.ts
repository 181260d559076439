/**
 * The host side of the statistics webview, without VS Code: the messages StatsSession sends,
 * built from a result root, and — for the DOM test to compare with — what the `analyze` command
 * computes for each test (analyzeTestDownstream: CPU-band tables and the notebook's comparison
 * rows), plus each test's connection_stats rows. Bundled by esbuild at test time.
 */
import { summarizeRoot } from '../../src/core/analysis/rootSummary';
import { analyzeTestDownstream } from '../../src/core/analysis/downstream';
import type { ConnectionStatsRow } from '../../src/core/analysis/types';
import { statsVM } from '../../src/core/viewmodel/stats';
import { testConnectionStats } from '../../src/core/viewmodel/swimlane';
/** A host → webview message as it goes on the wire. */
type HostMessage = { readonly type: string } & Record<string, unknown>;
import type { CpuRangeVM, StatsSectionVM } from '../../src/shared/views/stats';

export async function statsHost(root: string) {
  const summary = await summarizeRoot(root, { logTimezone: 'auto', keepData: true });
  const tests = summary.tests.map(t => ({
    name: t.name,
    rows: testConnectionStats(summary, t.name, 'auto')?.rows ?? [],
  }));
  const rows: Record<string, ConnectionStatsRow[]> = {};
  for (const t of tests) rows[t.name] = t.rows;
  /** What the host sends for a test (or null = all), a section and a custom case. */
  const message = (
    test: string | null,
    section?: StatsSectionVM,
    custom?: { x: CpuRangeVM; y: CpuRangeVM } | null,
  ): HostMessage => ({
    type: 'stats',
    stats: statsVM(
      { root, test, tests: test === null ? tests : tests.filter(t => t.name === test) },
      { section, custom },
    ),
  });
  /** The analyze command's per-test results (JSON-safe: NaN stays NaN inside node). */
  const analyze = (test: string) => analyzeTestDownstream(test, rows[test] ?? [], 'default');
  return { tests: tests.map(t => t.name), rows, message, analyze };
}
