/**
 * How far a notebook-layout test got: users started against users planned, the stop reason the
 * controller log gives, and whether the test stopped early. An aborted candidate must say so,
 * and its never-started user folders must not dilute its failure rate (docs/compare.md,
 * "Aborted and partial runs").
 */
import type { ConfigEntry } from '../ingest/configBlock';
import type { ControllerLog } from '../ingest/controllerLog';
import type { CompareTest } from './source';
import type { RunProgress } from '../../shared/loadResults';
import { plural } from '../../shared/format';

export type { RunProgress } from '../../shared/loadResults';

const RETRY_MODE = /RETRY MODE \(retry times: (\d+)\)/i;

/**
 * Failures after which the 2024 controller stops the test: the config block's
 * `Controller started in RETRY MODE (retry times: N)` gives N; a block without it means no retry
 * mode, so the first failure stops the test. Null without a config block (unknown).
 */
export function retryLimit(config: readonly ConfigEntry[]): number | null {
  if (config.length === 0) return null;
  for (const e of config) {
    const m = RETRY_MODE.exec(e.key);
    if (m) return Number(m[1]);
  }
  return 1;
}

const userKey = (session: string, user: string): string => `${session}\u0000${user}`;

/**
 * Users that started: a user folder whose events.json has an event, or a user the controller log
 * created (`Creating …`). A folder with an empty events.json and no creation line never started.
 */
export function startedUsers(t: CompareTest): Set<string> {
  const out = new Set<string>();
  for (const s of t.summary.sessions)
    for (const u of s.users) if (u.eventCount > 0) out.add(userKey(u.session, u.user));
  for (const u of t.data.log?.users ?? []) out.add(userKey(u.session, u.user));
  return out;
}

/** Users started, or the summary's count for a logs-only test (which counts the log's users). */
export function startedCount(t: CompareTest): number {
  return t.summary.sessions.length > 0 ? startedUsers(t).size : t.summary.userCount;
}

function plannedOf(log: ControllerLog | undefined): Pick<RunProgress, 'planned' | 'plannedFrom'> {
  const top = log?.topology;
  if (!top) return { planned: null, plannedFrom: 'no topology lines in the controller log' };
  if (top.sessions === null)
    return { planned: null, plannedFrom: `infinite sessions (log line ${top.line})` };
  if (top.usersPerSession === null)
    return { planned: null, plannedFrom: `no users-per-session line (log line ${top.line})` };
  return {
    planned: top.sessions * top.usersPerSession,
    plannedFrom: `${top.sessions} sessions × ${top.usersPerSession} users (log line ${top.line})`,
  };
}

/**
 * Why the test ended before its plan: the failure line that used up the retries (the controller
 * then stops), or a log without the controller's end line. With `infinite` sessions a failure
 * stop is how the test is meant to end, so it is said but is no early stop.
 */
function stopOf(log: ControllerLog | undefined): { reason: string | null; early: boolean } {
  if (!log) return { reason: null, early: false };
  const limit = retryLimit(log.config);
  const stop = limit === null ? undefined : log.failures.find(f => f.attempts >= limit);
  if (stop) {
    const retry = limit !== null && limit > 1 ? `retry times ${limit}` : 'no retry mode';
    return {
      reason: `Participant ${stop.user} in session ${stop.session} failed ${stop.attempts} times (log line ${stop.stamp.line}, ${retry})`,
      early: log.topology?.sessions !== null,
    };
  }
  if (log.start && !log.end)
    return {
      reason: 'the log ends without the controller’s end line (Saved result …)',
      early: true,
    };
  return { reason: null, early: false };
}

export function runProgress(t: CompareTest, maxConnected: number): RunProgress {
  const log = t.data.log;
  const { planned, plannedFrom } = plannedOf(log);
  const started = startedCount(t);
  const stop = stopOf(log);
  return {
    planned,
    plannedFrom,
    started,
    maxConnected,
    stopReason: stop.reason,
    stoppedEarly: (planned !== null && started < planned) || stop.early,
  };
}

/** "32 of 96 users started (stopped: …)" */
export function progressText(p: RunProgress): string {
  const of =
    p.planned === null
      ? `${plural(p.started, 'user')} started`
      : `${p.started} of ${plural(p.planned, 'user')} started`;
  const stop = p.stopReason
    ? `; stopped: ${p.stopReason}`
    : p.stoppedEarly
      ? '; stopped early'
      : '';
  return `${of}, at most ${p.maxConnected} connected at once${stop}`;
}
