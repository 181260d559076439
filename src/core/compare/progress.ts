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

const RETRY_MODE = /^Controller started in RETRY MODE\b/i;

/**
 * What the config block says of retries: `off` (the block has no RETRY MODE line: the first
 * failure stops the test), `on` (`Controller started in RETRY MODE`: the controller retries a
 * user until its failures reach RETRY_TIMES, which no generation prints), or `unknown` (no block).
 */
export type RetryMode = 'off' | 'on' | 'unknown';

export function retryMode(config: readonly ConfigEntry[]): RetryMode {
  if (config.length === 0) return 'unknown';
  return config.some(e => RETRY_MODE.test(e.key)) ? 'on' : 'off';
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

/** The first failure line with the highest count (the retries it used up are the most). */
function mostFailed(log: ControllerLog): ControllerLog['failures'][number] | undefined {
  let most: ControllerLog['failures'][number] | undefined;
  for (const f of log.failures) if (!most || f.attempts > most.attempts) most = f;
  return most;
}

function failureLine(f: ControllerLog['failures'][number]): string {
  return `Participant ${f.user} in session ${f.session} failed ${f.attempts} times (log line ${f.stamp.line}`;
}

/**
 * Why the test ended before its plan: the controller's own `Max participant errors reached`
 * line (2026-07 →), the failure line that used up the retries (the controller then stops), or a
 * log without the controller's end line. Without retry mode the first failure
 * stops the test. In retry mode the retry times are not in the log, so a test that started
 * fewer users than planned names its most-failed user's line as the likely stop, saying so.
 * With `infinite` sessions a failure stop is how the test is meant to end, so it is said but is
 * no early stop.
 */
function stopOf(
  log: ControllerLog | undefined,
  short: boolean,
): { reason: string | null; early: boolean } {
  if (!log) return { reason: null, early: false };
  const early = log.topology?.sessions !== null;
  if (log.errorLimit) {
    const { reached, max, line } = log.errorLimit;
    return {
      reason: `Max participant errors reached: ${reached}/${max} (log line ${line})`,
      early,
    };
  }
  const mode = retryMode(log.config);
  const first = log.failures[0];
  if (mode === 'off' && first) return { reason: `${failureLine(first)}, no retry mode)`, early };
  const most = mode === 'on' && short ? mostFailed(log) : undefined;
  if (most)
    return {
      reason: `probably ${failureLine(most)}, the most; retry mode, whose retry times the log does not print)`,
      early,
    };
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
  const stop = stopOf(log, planned !== null && started < planned);
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
