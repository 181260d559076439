/**
 * The events of the run the log describes, without those another run left in the same files.
 *
 * The browser-emulator (2024, 4a110720, and today, d6a49f73) creates each stats file with flag
 * `wx`, appends to it (`utils/stats-files.ts`) and never clears `stats/`: a worker reused for a
 * second run appends the second run's events to the first's, under the same session and user
 * folders. The notebook reads them all. The default profile keeps the events that lie in the
 * log's test (its start to its end line, with OUTSIDE_LOG_MS of slack each side) and leaves the
 * others out, saying how many and which user folders held nothing else; stats.json samples of
 * those times go with them (`qosInRun`). When no event lies in the window the log and the files
 * do not belong together (or the zone is wrong): nothing is left out, and the consistency check
 * says so. A log of several test cases is read as one test per case instead (testCases.ts).
 */
import { diagnostic, type Diagnostic } from '../model/diagnostic';
import { inRunWindow, type RunWindow } from '../model/test';
import { zoneName } from '../../shared/zone';
import { userFolderName, type TestData, type UserData } from '../ingest/ingestRoot';
import { firstNames } from '../../shared/format';
import { qosInRun } from '../ingest/stats';
import type { ControllerLog, LogStamp } from '../ingest/controllerLog';
import {
  eventTimes,
  resolveTimezone,
  stampToUtc,
  type EventTimes,
  type ResolvedTimezone,
  type TimezoneSetting,
} from '../ingest/timezone';

/** Beyond this outside the log's test window, an event belongs to another test or run. */
export const OUTSIDE_LOG_MS = 5 * 60_000;

/**
 * The log's test (start to end line) widened by OUTSIDE_LOG_MS, up to the next test case's start
 * line when the log holds more; undefined without both lines.
 */
export function logRunWindow(
  log: ControllerLog | undefined,
  zone: ResolvedTimezone,
): RunWindow | undefined {
  if (!log?.start || !log.end) return undefined;
  const to = stampToUtc(log.end, zone) + OUTSIDE_LOG_MS;
  const next = log.nextStart ? stampToUtc(log.nextStart, zone) - 1 : Infinity;
  return { from: stampToUtc(log.start, zone) - OUTSIDE_LOG_MS, to: Math.min(to, next) };
}

/** How many events lie before and after the window, of how many. */
export interface OutsideCounts {
  readonly before: number;
  readonly after: number;
  readonly total: number;
}

export function outsideCounts(events: EventTimes, window: RunWindow): OutsideCounts {
  return {
    before: events.inside(-Infinity, window.from - 1),
    after: events.inside(window.to + 1, Infinity),
    total: events.inside(-Infinity, Infinity),
  };
}

/** Where the window ends: more than the slack after the end line, or the next test case's start. */
function afterEnd(log: ControllerLog, zone: ResolvedTimezone): string {
  const next = log.nextStart;
  if (next && log.end && stampToUtc(next, zone) <= stampToUtc(log.end, zone) + OUTSIDE_LOG_MS)
    return `at or after the next test case's start line (line ${next.line})`;
  return `more than ${OUTSIDE_LOG_MS / 60_000} minutes after the log's end line (line ${log.end?.line})`;
}

/**
 * "Of the test's 16 events, 8 lie more than 5 minutes before the log's start line (line 1) and 2
 * more than 5 minutes after the log's end line (line 34); log times read as +02:00 (inferred)".
 */
export function outsideText(log: ControllerLog, zone: ResolvedTimezone, c: OutsideCounts): string {
  const before = `${c.before} lie more than ${OUTSIDE_LOG_MS / 60_000} minutes before the log's start line (line ${log.start?.line})`;
  const after = `${c.after} ${c.before > 0 ? '' : 'lie '}${afterEnd(log, zone)}`;
  const where = [c.before > 0 ? before : '', c.after > 0 ? after : '']
    .filter(Boolean)
    .join(' and ');
  return `Of the test's ${c.total} events, ${where}; log times read as ${zoneName(zone.zone)} (${zone.source})`;
}

/** Every event time of the users' events.json files. */
export function userEventTimes(users: readonly UserData[]): EventTimes {
  return eventTimes(users.map(u => (u.events?.events ?? []).map(e => e.time)));
}

/** The user's browser errors of the window (those without a time are kept). */
function errorsInRun(u: UserData, window: RunWindow): UserData['errors'] {
  if (!u.errors) return undefined;
  const errors = u.errors.errors.filter(e => inRunWindow(window, e.time));
  return errors.length === u.errors.errors.length ? u.errors : { ...u.errors, errors };
}

/** The user's events of the window; undefined when there is no events.json. */
function eventsInWindow(u: UserData, window: RunWindow): UserData['events'] {
  if (!u.events) return undefined;
  const events = u.events.events.filter(e => inRunWindow(window, e.time));
  return events.length === u.events.events.length ? u.events : { ...u.events, events };
}

/** The user with only its events and errors inside the window; undefined when it had events, none inside. */
export function userInRun(u: UserData, window: RunWindow): UserData | undefined {
  const events = eventsInWindow(u, window);
  const errors = errorsInRun(u, window);
  if (events === u.events && errors === u.errors) return u;
  if (u.events?.events.length && !events?.events.length) return undefined;
  return { ...u, ...(events ? { events } : {}), ...(errors ? { errors } : {}) };
}

function leftOutNote(
  data: TestData,
  zone: ResolvedTimezone,
  counts: OutsideCounts,
  gone: readonly UserData[],
): Diagnostic {
  const log = data.log as ControllerLog;
  const folders =
    gone.length > 0
      ? ` ${gone.length} user folder(s) held only such events and are not counted as users of this test: ${firstNames(gone.map(userFolderName))}.`
      : '';
  const message = `${outsideText(log, zone, counts)}: the events.json files also hold events of another test or run (the browser-emulator, 2024 and today, appends to files that exist and never clears stats/). They are left out of every count, table and view, and so are the stats.json samples of those times.${folders} The notebook profile keeps them; clear the workers' stats/ between runs.`;
  return diagnostic('warning', 'events.otherRun', data.location.logFile as string, message, {
    line: log.start?.line,
  });
}

/** The log's failure lines and forwarded exceptions of its window, and how many were left out. */
interface LogInRun {
  readonly log: ControllerLog;
  readonly failuresLeft: number;
  readonly exceptionsLeft: number;
}

/** The log with only the failure lines and forwarded exceptions of its test; undefined when none lies outside. */
function logInRun(
  log: ControllerLog,
  zone: ResolvedTimezone,
  window: RunWindow,
): LogInRun | undefined {
  const inside = (stamp: LogStamp) => inRunWindow(window, stampToUtc(stamp, zone));
  const failures = log.failures.filter(f => inside(f.stamp));
  const exceptions = log.exceptions.filter(e => inside(e.stamp));
  const failuresLeft = log.failures.length - failures.length;
  const exceptionsLeft = log.exceptions.length - exceptions.length;
  if (failuresLeft === 0 && exceptionsLeft === 0) return undefined;
  return { log: { ...log, failures, exceptions }, failuresLeft, exceptionsLeft };
}

function logLinesNote(data: TestData, left: LogInRun): Diagnostic {
  const log = data.log as ControllerLog;
  // A log of several test cases is split before (testCases.ts): this is a log of one.
  const lines = `lines ${log.start?.line}–${log.end?.line}`;
  const where = `more than ${OUTSIDE_LOG_MS / 60_000} minutes outside the log's test (${lines})`;
  const what = [
    left.failuresLeft > 0 ? `${left.failuresLeft} failure line(s)` : '',
    left.exceptionsLeft > 0 ? `${left.exceptionsLeft} forwarded exception(s)` : '',
  ]
    .filter(Boolean)
    .join(' and ');
  const message = `${what} lie ${where}: they are left out of this test's failures and their causes (the notebook profile counts them).`;
  return diagnostic(
    'warning',
    'log.failuresOutsideTest',
    data.location.logFile as string,
    message,
    { line: log.end?.line },
  );
}

/**
 * A test with only the events, users and failure lines of the run its log describes; `runWindow`
 * set when events were left out. Nothing is left out when no event lies in the window.
 */
export function keepCurrentRun(data: TestData, setting: TimezoneSetting = 'auto'): TestData {
  if (!data.location.logFile || !data.log) return data;
  const events = userEventTimes(data.users);
  const zone = resolveTimezone(setting, data.log, events);
  const window = logRunWindow(data.log, zone);
  if (!window) return data;
  const counts = outsideCounts(events, window);
  const outside = counts.before + counts.after;
  if (outside === counts.total && counts.total > 0) return data;
  const left = logInRun(data.log, zone, window);
  const withFailures: TestData = left
    ? { ...data, log: left.log, diagnostics: [...data.diagnostics, logLinesNote(data, left)] }
    : data;
  return outside === 0 ? withFailures : eventsInRun(withFailures, zone, window, counts);
}

function eventsInRun(
  data: TestData,
  zone: ResolvedTimezone,
  window: RunWindow,
  counts: OutsideCounts,
): TestData {
  const kept: UserData[] = [];
  const gone: UserData[] = [];
  for (const u of data.users) {
    const inRun = userInRun(u, window);
    if (inRun) kept.push(inRun);
    else gone.push(u);
  }
  // What the parser found in a set-aside user's events.json is still said.
  const found = gone.flatMap(u => [
    ...(u.events?.diagnostics ?? []),
    ...(u.errors?.diagnostics ?? []),
  ]);
  return {
    ...data,
    users: kept,
    ...(data.qos ? { qos: qosInRun(data.qos, window) } : {}),
    runWindow: window,
    diagnostics: [...data.diagnostics, ...found, leftOutNote(data, zone, counts, gone)],
  };
}
