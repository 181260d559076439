// Failure taxonomy: each `failed N times` line of the controller log, classified by what the
// user's events.json shows just before it, with the test time, users connected and CPU then.
import type { BrowserError } from '../ingest/browserErrors';
import type { UserEvent } from '../ingest/events';
import type { UserData } from '../ingest/ingestRoot';
import type { NodeSeries } from '../model/test';
import { median } from '../stats';
import type { CompareTest } from './source';
import { connectedTimeline, countAtMost, usersConnectedAt } from './timeline';
import type { CauseLoad, FailureCause, FailurePoint, Taxonomy } from '../../shared/loadResults';

export type { CauseLoad, FailureCause, FailurePoint, Taxonomy } from '../../shared/loadResults';

/** What each cause means (report legend). */
export const CAUSE_NOTES: Record<FailureCause, string> = {
  ice: 'OpenVidu 2 ICE exception (ICE_CONNECTION_FAILED, ICE_CANDIDATE_ERROR, or an unnamed one about an ICE candidate)',
  exception:
    'another OpenVidu 2 exception, or an error the browser reported in errors.json (it could not connect or publish)',
  'reconnection failed': 'reconnecting / Reconnecting, then the session was lost',
  disconnected: 'sessionDisconnected / Disconnected without a reconnection attempt',
  'no browser event':
    'no event in events.json and no report in errors.json: the worker request failed or timed out',
};

/** How far before a log line the causing browser event may be (ms). */
export const CAUSE_WINDOW_MS = 30_000;

const LOST = new Set(['sessionDisconnected', 'Disconnected']);
const RECONNECTING = new Set(['reconnecting', 'Reconnecting']);
const RECONNECTED = new Set(['reconnected', 'Reconnected']);

/**
 * openvidu-browser's ICE exceptions: named ICE_CONNECTION_FAILED / ICE_CANDIDATE_ERROR, or (before
 * 2024 the browser-emulator forwarded no name) a reason about an ICE candidate.
 */
export function isIceException(e: Pick<UserEvent, 'name' | 'reason'>): boolean {
  if (e.name) return e.name.startsWith('ICE_');
  return /\bICE candidate\b|IceConnectionState/i.test(e.reason ?? '');
}

/** The events' cause, unless the log's own forwarded exception says more (an ICE one, or any when the events say nothing). */
export function withLogCause(
  byEvents: FailureCause,
  fromLog: FailureCause | undefined,
): FailureCause {
  if (fromLog === 'ice') return 'ice';
  return byEvents === 'no browser event' && fromLog ? fromLog : byEvents;
}

const inCauseWindow = (time: number, at: number): boolean =>
  time <= at + 1000 && time >= at - CAUSE_WINDOW_MS;

/**
 * Cause of a failure logged at `at`, from the user's events in the window before it; without
 * one, a report of the browser's errors.json in that window (the page's `sendError`: it could not
 * connect or publish) is an exception.
 */
export function classify(
  events: readonly UserEvent[],
  at: number,
  errors: readonly BrowserError[] = [],
): FailureCause {
  const recent = events.filter(e => inCauseWindow(e.time, at));
  const last = [...recent].reverse().find(e => e.event === 'exception' || LOST.has(e.event));
  if (!last)
    return errors.some(e => e.time !== undefined && inCauseWindow(e.time, at))
      ? 'exception'
      : 'no browser event';
  if (last.event === 'exception') return isIceException(last) ? 'ice' : 'exception';
  const before = recent.filter(e => e.time <= last.time);
  const lastReconnecting = [...before]
    .reverse()
    .find(e => RECONNECTING.has(e.event) || RECONNECTED.has(e.event));
  return lastReconnecting && RECONNECTING.has(lastReconnecting.event)
    ? 'reconnection failed'
    : 'disconnected';
}

/** CPU sample at or just before t (epoch ms); null without a node series. */
export function cpuAt(node: NodeSeries | undefined, t: number): number | null {
  if (!node || node.time.length === 0) return null;
  const i = Math.max(0, countAtMost(node.time, t) - 1);
  const v = node.cpu[i] as number;
  return Number.isFinite(v) ? v : null;
}

function userOf(test: CompareTest, session: string, user: string): UserData | undefined {
  return test.data.users.find(
    x =>
      (x.events?.participant ?? x.location.dirName) === user &&
      (x.events?.session ?? x.sessionDir) === session,
  );
}

export function failureTaxonomy(test: CompareTest): Taxonomy {
  const counts: Record<FailureCause, number> = {
    ice: 0,
    exception: 0,
    'reconnection failed': 0,
    disconnected: 0,
    'no browser event': 0,
  };
  const tl = connectedTimeline(test.rows);
  const start = test.testStart ?? test.summary.start ?? 0;
  const points: FailurePoint[] = [];
  for (const s of test.summary.sessions)
    for (const u of s.users)
      for (const f of u.failures) {
        const u = userOf(test, f.session, f.user);
        const byBrowser = classify(u?.events?.events ?? [], f.time, u?.errors?.errors);
        const cause = withLogCause(byBrowser, f.cause);
        counts[cause]++;
        const time = (f.time - start) / 1000;
        points.push({
          cause,
          user: f.user,
          session: f.session,
          line: f.line,
          time,
          users: usersConnectedAt(tl, time),
          cpu: cpuAt(test.summary.node, f.time),
        });
      }
  let recovered = 0;
  for (const u of test.data.users)
    for (const e of u.events?.events ?? []) if (RECONNECTED.has(e.event)) recovered++;
  points.sort((p, q) => p.time - q.time);
  return { counts, medians: causeMedians(points), recoveredReconnections: recovered, points };
}

function causeMedians(points: readonly FailurePoint[]): Partial<Record<FailureCause, CauseLoad>> {
  const out: Partial<Record<FailureCause, CauseLoad>> = {};
  for (const cause of new Set(points.map(p => p.cause))) {
    const of = points.filter(p => p.cause === cause);
    const cpu = of.map(p => p.cpu).filter((c): c is number => c !== null);
    out[cause] = {
      time: median(of.map(p => p.time)),
      users: median(of.map(p => p.users)),
      cpu: cpu.length ? median(cpu) : null,
    };
  }
  return out;
}
