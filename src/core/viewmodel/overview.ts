/** Builds the overview view models from test summaries. */
import { relative } from 'node:path';
import type { Diagnostic } from '../model/diagnostic';
import { connectedOrNull, type TestSummary } from '../analysis/testSummary';
import { describeZone, offsetAt } from '../../shared/zone';
import { countOrUnknown } from '../../shared/format';
import type { TimeZoneVM, Point } from '../../shared/views/common';
import type {
  DiagnosticVM,
  NodeSeriesVM,
  OverviewVM,
  TestRowVM,
} from '../../shared/views/overview';

const ZONE_SOURCE: Record<TestSummary['timezone']['source'], string> = {
  log: 'written in the log',
  setting: 'from settings',
  inferred: 'inferred from events',
  default: "notebook's default",
};

/** `+02:00 (inferred from events)`, `Europe/Madrid (+01:00) (from settings)` at the test start. */
export function timezoneLabel(s: TestSummary): string {
  return `${describeZone(s.timezone.zone, s.start)} (${ZONE_SOURCE[s.timezone.source]})`;
}

/** The log's zone for wall-clock axes: the IANA name travels so each instant gets its offset. */
export function timezoneVM(s: TestSummary): TimeZoneVM {
  const zone = s.timezone.zone;
  return {
    offsetMinutes: offsetAt(zone, s.start ?? 0),
    name: zone.kind === 'iana' ? zone.name : undefined,
    label: timezoneLabel(s),
  };
}

function count(diagnostics: readonly Diagnostic[], severity: Diagnostic['severity']): number {
  return diagnostics.filter(d => d.severity === severity).length;
}

export function testRow(s: TestSummary): TestRowVM {
  return {
    name: s.name,
    platform: s.platform,
    family: s.family,
    users: s.userCount,
    sessions: s.sessionCount,
    publishers: s.publisherCount,
    subscribers: s.subscriberCount,
    connected: s.connectedUsers,
    failures: s.failureLines,
    failedUsers: s.failedUsers,
    sources: s.countSources,
    ...(s.logGeneration ? { logGeneration: s.logGeneration } : {}),
    durationSeconds: s.durationSeconds,
    start: s.start,
    timeSource: s.timeSource,
    timezone: timezoneLabel(s),
    hasNodeSeries: (s.node?.time.length ?? 0) > 0,
    errors: count(s.diagnostics, 'error'),
    warnings: count(s.diagnostics, 'warning'),
  };
}

export function diagnosticVM(root: string, d: Diagnostic, test?: string): DiagnosticVM {
  return {
    severity: d.severity,
    test,
    file: relative(root, d.file) || '.',
    line: d.line,
    message: d.message,
  };
}

export function overviewVM(
  rootName: string,
  root: string,
  summaries: readonly TestSummary[],
  selected?: string,
): OverviewVM {
  return {
    rootName,
    tests: summaries.map(testRow),
    selected: selected ?? summaries[0]?.name,
    diagnostics: summaries.flatMap(s => s.diagnostics.map(d => diagnosticVM(root, d, s.name))),
  };
}

/** Non-missing samples as [seconds since origin, value]. */
function points(time: Float64Array, values: Float64Array, origin: number): Point[] {
  const out: Point[] = [];
  for (let i = 0; i < time.length; i++) {
    const v = values[i] as number;
    if (!Number.isNaN(v)) out.push([((time[i] as number) - origin) / 1000, v]);
  }
  return out;
}

/** CPU and memory of a test, on a time axis starting at the test start (else the first sample). */
export function nodeSeriesVM(s: TestSummary): NodeSeriesVM | null {
  const node = s.node;
  if (!node || node.time.length === 0) return null;
  const origin = s.start ?? (node.time[0] as number);
  const window: [number, number] | undefined =
    s.start !== undefined && s.end !== undefined ? [0, (s.end - s.start) / 1000] : undefined;
  return {
    test: s.name,
    origin,
    cpu: points(node.time, node.cpu, origin),
    memory: points(node.time, node.memory, origin),
    window,
  };
}

/** Highest CPU sample of a test (0–1), or undefined without samples. */
export function peakCpu(s: TestSummary): number | undefined {
  let peak: number | undefined;
  for (const v of s.node?.cpu ?? [])
    if (!Number.isNaN(v) && (peak === undefined || v > peak)) peak = v;
  return peak;
}

/** One line for the status bar: `kurento-2p: 24/24 connected · 12 failed · CPU peak 100%`. */
export function headline(s: TestSummary): string {
  const cpu = peakCpu(s);
  const connected = countOrUnknown(s.connectedUsers, connectedOrNull(s) !== null);
  const parts = [`${connected}/${s.userCount} connected`, `${s.failedUsers} failed`];
  if (cpu !== undefined) parts.push(`CPU peak ${Math.round(cpu * 100)}%`);
  return `${s.name}: ${parts.join(' · ')}`;
}
