/**
 * The host side of the swimlane webview, without VS Code: the messages SwimlaneSession sends,
 * built by the core from a result root, plus the core's connection_stats rows of each test for
 * the DOM test to compare the drawing with. Bundled by esbuild at test time.
 */
import { summarizeRoot } from '../../src/core/analysis/rootSummary';
import { separateStats } from '../../src/core/analysis/downstream';
import type { ConnectionStatsRow } from '../../src/core/analysis/types';
import { InlineRunner } from '../../src/core/pipeline/runner';
import {
  SWIMLANE_LIMITS,
  swimlaneInput,
  swimlaneSegmentsVM,
  swimlaneVM,
  testConnectionStats,
  type SwimlaneInput,
  type SwimlaneLimits,
} from '../../src/core/viewmodel/swimlane';
import {
  qosVariant,
  swimQosVM,
  userQosIntervals,
  userQosVM,
} from '../../src/core/viewmodel/swimlaneQos';
import type { TimeRange } from '../../src/shared/views/checks';

/** A host → webview message as it goes on the wire. */
type HostMessage = { readonly type: string } & Record<string, unknown>;
import type { SwimlaneVM } from '../../src/shared/views/swimlane';

export async function swimlaneMessages(root: string): Promise<{
  messages: Record<string, HostMessage>;
  rows: Record<string, ConnectionStatsRow[]>;
  inputs: Record<string, SwimlaneInput>;
  statsDirs: Record<string, string | undefined>;
}> {
  const summary = await summarizeRoot(root, { logTimezone: 'auto', keepData: true });
  const messages: Record<string, HostMessage> = {};
  const rows: Record<string, ConnectionStatsRow[]> = {};
  const inputs: Record<string, SwimlaneInput> = {};
  const statsDirs: Record<string, string | undefined> = {};
  for (const t of summary.tests) {
    const stats = testConnectionStats(summary, t.name, 'auto')?.rows ?? [];
    rows[t.name] = stats;
    inputs[t.name] = swimlaneInput(t, stats);
    statsDirs[t.name] = t.location.statsDir;
    messages[t.name] = { type: 'swimlane', swimlane: swimlaneVM(inputs[t.name]!) };
  }
  return { messages, rows, inputs, statsDirs };
}

/** The view model under tighter limits (to exercise merging and finer data on zoom). */
export function tightVM(input: SwimlaneInput, limits: SwimlaneLimits): SwimlaneVM {
  return swimlaneVM(input, limits);
}

/** What SwimlaneSession answers to `swimlaneSegments`. */
export function segmentsMessage(
  input: SwimlaneInput,
  vm: SwimlaneVM,
  range: TimeRange,
  limits: SwimlaneLimits = SWIMLANE_LIMITS,
): HostMessage {
  return { type: 'swimlaneSegments', segments: swimlaneSegmentsVM(input, vm, range, limits) };
}

/**
 * What SwimlaneSession answers to `swimlaneQos`, and each row's 1 s intervals as the core
 * computes them (for the test to compare the drawing with).
 */
export async function qosMessage(
  statsDir: string,
  input: SwimlaneInput,
  vm: SwimlaneVM,
  key: string,
  range: TimeRange | null,
): Promise<{ message: HostMessage; intervals: Record<string, number[]> }> {
  const variant = qosVariant(key);
  if (!variant) throw new Error(`unknown variant ${key}`);
  const tables = await separateStats(statsDir, new InlineRunner(), 'default');
  const all = tables && userQosIntervals(tables, variant, input.origin ?? 0);
  const intervals: Record<string, number[]> = {};
  for (const [k, v] of all ?? []) intervals[k.replace('\u0000', '-')] = Array.from(v);
  const qos = swimQosVM(vm, variant, all, range, SWIMLANE_LIMITS);
  return { message: { type: 'swimlaneQos', qos }, intervals };
}

/** What SwimlaneSession answers to `swimlaneUserQos`. */
export async function userQosMessage(
  statsDir: string | undefined,
  test: string,
  session: string,
  user: string,
): Promise<HostMessage> {
  const tables = statsDir
    ? await separateStats(statsDir, new InlineRunner(), 'default')
    : undefined;
  return { type: 'swimlaneUserQos', userQos: userQosVM(tables, test, session, user) };
}
