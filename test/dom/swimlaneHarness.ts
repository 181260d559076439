/**
 * The host side of the swimlane webview, without VS Code: the messages SwimlaneSession sends,
 * built by the core from a result root, plus the core's connection_stats rows of each test for
 * the DOM test to compare the drawing with. Bundled by esbuild at test time.
 */
import { summarizeRoot } from '../../src/core/analysis/rootSummary';
import type { ConnectionStatsRow } from '../../src/core/analysis/types';
import { swimlaneInput, swimlaneVM, testConnectionStats } from '../../src/core/viewmodel/swimlane';
import type { HostMessage } from '../../src/shared/protocol';

export async function swimlaneMessages(root: string): Promise<{
  messages: Record<string, HostMessage>;
  rows: Record<string, ConnectionStatsRow[]>;
}> {
  const summary = await summarizeRoot(root, { logTimezone: 'auto', keepData: true });
  const messages: Record<string, HostMessage> = {};
  const rows: Record<string, ConnectionStatsRow[]> = {};
  for (const t of summary.tests) {
    const stats = testConnectionStats(summary, t.name, 'auto')?.rows ?? [];
    rows[t.name] = stats;
    messages[t.name] = { type: 'swimlane', swimlane: swimlaneVM(swimlaneInput(t, stats)) };
  }
  return { messages, rows };
}
