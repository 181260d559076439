/**
 * The host side of the overview webview, without VS Code: builds the same messages the
 * extension's OverviewSession sends, from the core, for the DOM tests. Bundled by esbuild at
 * test time.
 */
import { basename } from 'node:path';
import { summarizeRoot } from '../../src/core/analysis/rootSummary';
import { nodeSeriesVM, overviewVM } from '../../src/core/viewmodel/overview';
/** A host → webview message as it goes on the wire. */
type HostMessage = { readonly type: string } & Record<string, unknown>;

export async function overviewMessages(
  root: string,
): Promise<{ overview: HostMessage; series: Record<string, HostMessage> }> {
  const summary = await summarizeRoot(root, { logTimezone: 'auto' });
  const overview: HostMessage = {
    type: 'overview',
    overview: overviewVM(basename(root), root, summary.tests),
  };
  const series: Record<string, HostMessage> = {};
  for (const t of summary.tests)
    series[t.name] = { type: 'nodeSeries', test: t.name, series: nodeSeriesVM(t) };
  return { overview, series };
}
