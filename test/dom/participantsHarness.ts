/**
 * The host side of the participants webview, without VS Code: the messages ParticipantsSession
 * sends (participants and the heatmap of each metric), built by the core from a result root, and
 * each test's connection_stats rows and per-user bytes (core) for the DOM test to compare with.
 */
import { summarizeRoot } from '../../src/core/analysis/rootSummary';
import { separateStats } from '../../src/core/analysis/downstream';
import type { ConnectionStatsRow } from '../../src/core/analysis/types';
import { InlineRunner } from '../../src/core/pipeline/runner';
import {
  heatmapVM,
  participantsInput,
  participantsVM,
  userBytes,
} from '../../src/core/viewmodel/participants';
import { testConnectionStats } from '../../src/core/viewmodel/swimlane';
/** A host → webview message as it goes on the wire. */
type HostMessage = { readonly type: string } & Record<string, unknown>;
import type { HeatmapMetricVM } from '../../src/shared/views/participants';

export async function participantsHost(root: string) {
  const summary = await summarizeRoot(root, { logTimezone: 'auto', keepData: true });
  const out: Record<
    string,
    {
      participants: HostMessage;
      heatmaps: Record<HeatmapMetricVM, HostMessage>;
      rows: ConnectionStatsRow[];
      bytes: Record<string, Record<string, number>>;
    }
  > = {};
  for (const t of summary.tests) {
    const rows = testConnectionStats(summary, t.name, 'auto')?.rows ?? [];
    const qos = t.location.statsDir
      ? await separateStats(t.location.statsDir, new InlineRunner(), 'default')
      : undefined;
    const input = participantsInput(t, rows, qos);
    const heat = (m: HeatmapMetricVM): HostMessage => ({
      type: 'heatmap',
      heatmap: heatmapVM(input, m),
    });
    out[t.name] = {
      participants: { type: 'participants', participants: participantsVM(input) },
      heatmaps: {
        state: heat('state'),
        bitrate: heat('bitrate'),
        jitter: heat('jitter'),
        qoe: heat('qoe'),
      },
      rows,
      bytes: qos ? Object.fromEntries(userBytes(qos)) : {},
    };
  }
  return { tests: summary.tests.map(t => t.name), byTest: out };
}
