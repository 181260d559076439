/**
 * Cell 5 (`process_log_file`) and the time bases of cells 11–15: the test start and end from
 * the controller log, the log failures, and the CPU samples (`cpu_filtered`).
 */
import { diagnostic, type Diagnostic } from '../../model/diagnostic';
import type { NodeSeries } from '../../model/test';
import type { ControllerLog, LogStamp } from '../../ingest/controllerLog';
import { fixedZone, wallToUtc } from '../../../shared/zone';
import {
  NOTEBOOK_OFFSET_MINUTES,
  eventTimes,
  resolveTimezone,
  stampToUtc,
  type ResolvedTimezone,
  type TimezoneSetting,
} from '../../ingest/timezone';
import type { Profile } from '../types';
import { strippedName } from '../../source/naming';
import type { CpuSeconds, FailureRow, NotebookUser } from './model';

/** The log's zone: the notebook's hard-coded `+0200` for every line (B2), else the ingest's. */
export function logZone(
  profile: Profile,
  log: ControllerLog | undefined,
  users: readonly NotebookUser[],
  setting: TimezoneSetting = 'auto',
): ResolvedTimezone {
  if (profile === 'notebook')
    return { zone: fixedZone(NOTEBOOK_OFFSET_MINUTES), source: 'default' };
  return resolveTimezone(setting, log, eventTimes(users.map(u => u.events.map(e => e.time))));
}

/** A log stamp in epoch ms: `strptime(text + " +0200")` ignores any written offset (B2). */
export function stampTime(profile: Profile, stamp: LogStamp, zone: ResolvedTimezone): number {
  return profile === 'notebook' ? wallToUtc(zone.zone, stamp.wallClock) : stampToUtc(stamp, zone);
}

/** `process_log_file`: every failure line as a `failures[test]` row (user/session prefixes stripped). */
export function processLogFailures(
  profile: Profile,
  log: ControllerLog | undefined,
  zone: ResolvedTimezone,
): FailureRow[] {
  return (log?.failures ?? []).map((f, label) => ({
    fullUser: `${strippedName(f.user, 'User')}-${strippedName(f.session, 'LoadTestSession')}`,
    attempts: f.attempts,
    time: stampTime(profile, f.stamp, zone),
    label,
  }));
}

export interface TestWindow {
  /** Epoch ms of `Starting test with`, else the first event (C2). */
  readonly start: number;
  /** Epoch ms of `Saved result in a`, else the last event (C2). */
  readonly end: number;
}

/** `start_end_times[test]`; a missing line (C2) falls back to the events, with a diagnostic. */
export function testWindow(
  profile: Profile,
  log: ControllerLog | undefined,
  zone: ResolvedTimezone,
  span: { first: number; last: number },
  file: string,
  out: Diagnostic[],
): TestWindow {
  const start = log?.start ? stampTime(profile, log.start, zone) : undefined;
  const end = log?.end ? stampTime(profile, log.end, zone) : undefined;
  if (start === undefined || end === undefined) {
    const missing = [
      start === undefined ? '"Starting test with"' : '',
      end === undefined ? '"Saved result in a"' : '',
    ]
      .filter(Boolean)
      .join(' and ');
    out.push(
      diagnostic(
        'warning',
        'analysis.C2.noStartEnd',
        file,
        `The log has no ${missing} line: the notebook stops here (KeyError in start_end_times, C2); ` +
          'the test window is taken from the first and last event instead.',
      ),
    );
  }
  return { start: start ?? span.first, end: end ?? span.last };
}

/** Indices of the samples with both a time and a CPU value (the notebook's `dropna`). */
function validSamples(node: NodeSeries | undefined): number[] {
  const out: number[] = [];
  if (!node) return out;
  for (let i = 0; i < node.time.length; i++) {
    if (!Number.isNaN(node.time[i] as number) && !Number.isNaN(node.cpu[i] as number)) out.push(i);
  }
  return out;
}

/**
 * `cpu_filtered`: samples with `from ≤ time ≤ to`, as seconds since `origin`. The notebook uses
 * the first and last event for all three (B1); the default profile passes the test window and
 * the test start, so CPU and segments share one time origin.
 */
export function cpuFiltered(
  node: NodeSeries | undefined,
  from: number,
  to: number,
  origin: number,
): CpuSeconds {
  const keep = validSamples(node).filter(i => {
    const t = node?.time[i] as number;
    return t >= from && t <= to;
  });
  const t = Float64Array.from(keep, i => ((node?.time[i] as number) - origin) / 1000);
  const cpu = Float64Array.from(keep, i => node?.cpu[i] as number);
  return { t, cpu };
}

/**
 * Cell 12's cap: `min(log end, last CPU row + 10 s)`. The notebook takes the last row
 * (`cpu.iloc[-1]`, our series is time-sorted, so the latest sample); no CPU at all would raise
 * (IndexError), and then the log end stands.
 */
export function cappedEnd(node: NodeSeries | undefined, end: number): number {
  const valid = validSamples(node);
  const last = valid[valid.length - 1];
  if (last === undefined || !node) return end;
  return Math.min(end, (node.time[last] as number) + 10_000);
}
