/**
 * Headline of one test: who took part, who connected, who failed, how long it ran, and the
 * media node's CPU and memory. This is what the overview view and the results tree show; the
 * full notebook analysis (segments, QoE, statistics) builds on the same ingest.
 */
import { join } from 'node:path';
import { diagnostic, type Diagnostic } from '../model/diagnostic';
import type { CountSources, EventFamily, NodeSeries, Platform } from '../model/test';
import type { LogFailure, Role, SessionSummary, UserSummary } from '../model/session';
import type { ConfigEntry } from '../ingest/configBlock';
import type { ControllerLog, LogGeneration, LogTopology } from '../ingest/controllerLog';
import { familyOfEvent, type UserEvent } from '../ingest/events';
import { eventsFileOf, userFolderName, type TestData, type UserData } from '../ingest/ingestRoot';
import { firstNames } from '../../shared/format';
import {
  resolveTimezone,
  stampToUtc,
  type ResolvedTimezone,
  type TimezoneSetting,
} from '../ingest/timezone';
import type { TestLocation } from '../source/resultRoot';
import { trailingNumber } from '../source/naming';
import { consistencyFindings, lostAttempts } from './consistency';
import { isSuccessEvent } from './segments/connectionStats';
import { parseTestName } from './testName';
import { userEventTimes } from './currentRun';

export interface TestSummary {
  readonly name: string;
  readonly root: string;
  readonly platform: Platform;
  readonly family?: EventFamily;
  /** Users under stats/ by session (empty for a logs-only test: its counts come from the log). */
  readonly sessions: readonly SessionSummary[];
  readonly sessionCount: number;
  readonly userCount: number;
  readonly publisherCount: number;
  readonly subscriberCount: number;
  readonly connectedUsers: number;
  /** Every `failed N times` line of the log (retries and reconnections included). */
  readonly failureLines: number;
  /** Distinct users with at least one failure line. */
  readonly failedUsers: number;
  /** Where userCount, sessionCount, connectedUsers and failureLines come from. */
  readonly countSources: CountSources;
  /** The controller generation the log was recognised as (docs/controller-logs.md). */
  readonly logGeneration?: LogGeneration;
  /** Failure lines that name no user found under `stats/`. */
  readonly unmatchedFailures: readonly LogFailure[];
  /** Epoch ms (UTC): the log's start line, else the first event. */
  readonly start?: number;
  readonly end?: number;
  readonly durationSeconds?: number;
  readonly timeSource: 'log' | 'events' | 'none';
  readonly timezone: ResolvedTimezone;
  readonly node?: NodeSeries;
  /** The controller's start-up configuration, secrets redacted. */
  readonly config: readonly ConfigEntry[];
  /** Sessions planned and users per session (the log's start-up lines), when it has them. */
  readonly topology?: LogTopology;
  readonly qoeFiles: number;
  readonly location: TestLocation;
  readonly diagnostics: readonly Diagnostic[];
}

export interface SummaryOptions {
  readonly logTimezone: TimezoneSetting;
}

const PUBLISHER_EVENTS = new Set([
  'connectedPublisher',
  'accessAllowed-local',
  'streamCreated-local',
  'LocalTrackPublished-local',
]);

/** The notebook's `is_publisher`: every user of an `8p` test, otherwise user number ≤ 3. */
export function isPublisherByName(testName: string, user: string): boolean {
  return testName.includes('8p') || (trailingNumber(user) ?? Infinity) <= 3;
}

function userEvents(u: UserData): UserEvent[] {
  return u.events?.events ?? [];
}

function detectFamily(
  users: readonly UserData[],
  fromName: EventFamily | undefined,
): EventFamily | undefined {
  for (const u of users) {
    for (const e of userEvents(u)) {
      const f = familyOfEvent(e.event);
      if (f) return f;
    }
  }
  return fromName;
}

function userName(u: UserData): string {
  return u.events?.participant ?? u.location.dirName;
}

function sessionName(u: UserData): string {
  return u.events?.session ?? u.sessionDir;
}

function summarizeUser(
  testName: string,
  u: UserData,
  failures: readonly LogFailure[],
): UserSummary {
  const events = userEvents(u);
  const ownPublish = events.some(e => PUBLISHER_EVENTS.has(e.key));
  const name = userName(u);
  const role: Role = ownPublish || isPublisherByName(testName, name) ? 'publisher' : 'subscriber';
  return {
    user: name,
    session: sessionName(u),
    dir: u.location.dir,
    eventsFile: u.events ? eventsFileOf(u) : undefined,
    role,
    roleSource: ownPublish ? 'events' : 'name',
    connected: events.some(e => isSuccessEvent(e.key)),
    eventCount: events.length,
    firstEvent: events[0]?.time,
    lastEvent: events[events.length - 1]?.time,
    failures,
  };
}

function userKey(session: string, user: string): string {
  return `${session}\u0000${user}`;
}

function toFailures(log: ControllerLog | undefined, zone: ResolvedTimezone): LogFailure[] {
  return (log?.failures ?? []).map(f => ({
    user: f.user,
    session: f.session,
    attempts: f.attempts,
    time: stampToUtc(f.stamp, zone),
    line: f.stamp.line,
    offset: f.stamp.offset,
    ...(f.cause ? { cause: f.cause } : {}),
    ...(f.eventTime !== undefined ? { eventTime: f.eventTime } : {}),
  }));
}

function testWindow(
  log: ControllerLog | undefined,
  zone: ResolvedTimezone,
  firstEvent?: number,
  lastEvent?: number,
) {
  const logStart = log?.start ? stampToUtc(log.start, zone) : undefined;
  const logEnd = log?.end ? stampToUtc(log.end, zone) : undefined;
  const start = logStart ?? firstEvent;
  const end = logEnd ?? lastEvent;
  const timeSource: TestSummary['timeSource'] =
    logStart !== undefined ? 'log' : start !== undefined ? 'events' : 'none';
  const durationSeconds =
    start !== undefined && end !== undefined ? (end - start) / 1000 : undefined;
  return { start, end, durationSeconds, timeSource };
}

/**
 * One note per test naming the event kinds no known page emits (they are kept, not dropped),
 * placed on the first events.json that has one.
 */
function unknownEventsNote(data: TestData): Diagnostic[] {
  const counts = new Map<string, number>();
  let first: UserData | undefined;
  let users = 0;
  for (const u of data.users) {
    const unknown = Object.entries(u.events?.unknown ?? {});
    if (unknown.length === 0) continue;
    first ??= u;
    users++;
    for (const [name, n] of unknown) counts.set(name, (counts.get(name) ?? 0) + n);
  }
  if (!first) return [];
  const list = [...counts.entries()].map(([name, n]) => `${name} (${n})`).join(', ');
  const message = `Events with names Load Test Lens does not know, kept as they are, in ${users} user(s): ${list}.`;
  return [diagnostic('info', 'events.unknownNames', eventsFileOf(first), message)];
}

/**
 * Users whose events.json is a whole, empty array. The browser-emulator writes the user's four
 * files as `[]` when it creates the user (browser-manager.service.ts, 2024 and today), and the
 * browser posts every event it emits: none means the browser never started or never loaded the
 * page, or, when no user has any, a run of the 2026 emulated modes (no browser pages: FORMATS
 * §1.2.3). One finding per test, on the first such file.
 */
function silentUsersNote(data: TestData): Diagnostic[] {
  // A browser that reported errors did load the page: it is named by browserErrorsNote instead.
  const silent = data.users.filter(
    u =>
      u.events &&
      u.events.events.length === 0 &&
      u.events.diagnostics.length === 0 &&
      (u.errors?.errors.length ?? 0) === 0,
  );
  const first = silent[0];
  if (!first) return [];

  const all = silent.length === data.users.length;
  const why = all
    ? 'no browser posted anything: a run of the emulated modes (2026: no browser pages, only errors.json is written), or every browser failed to start'
    : 'their browser posted nothing (it did not start, or never loaded the page)';
  const message = `${silent.length} user(s) have an events.json that holds no event ([], as the browser-emulator creates it with the user): ${why}, so they count as users that never connected: ${firstNames(silent.map(userFolderName))}.`;
  return [diagnostic('warning', 'events.none', eventsFileOf(first), message)];
}

/** The distinct texts of reports, most frequent first: `"OPENVIDU_PERMISSION_DENIED: …" ×3`. */
function errorTexts(users: readonly UserData[]): string {
  const counts = new Map<string, number>();
  for (const u of users)
    for (const e of u.errors?.errors ?? []) counts.set(e.text, (counts.get(e.text) ?? 0) + 1);
  const texts = [...counts].sort((a, b) => b[1] - a[1]);
  const shown = texts.slice(0, 3).map(([text, n]) => `"${text}" ×${n}`);
  return shown.join(', ') + (texts.length > 3 ? ` and ${texts.length - 3} other(s)` : '');
}

/**
 * Users whose browser reported errors (errors.json), which the notebook never reads: one note
 * per test naming them and what the reports say, on the first such file.
 */
function browserErrorsNote(data: TestData): Diagnostic[] {
  const reporting = data.users.filter(u => (u.errors?.errors.length ?? 0) > 0);
  const first = reporting[0];
  if (!first) return [];
  const count = (u: UserData) => u.errors?.errors.length ?? 0;
  const total = reporting.reduce((n, u) => n + count(u), 0);
  const named = firstNames(reporting.map(u => `${userFolderName(u)} (${count(u)})`));
  const message = `${reporting.length} user(s)' browsers reported ${total} error(s) in errors.json, which the notebook does not read: ${named}. They say: ${errorTexts(reporting)}.`;
  return [
    diagnostic('info', 'events.browserErrors', join(first.location.dir, 'errors.json'), message),
  ];
}

/** Every finding of a test: layout, then each parser's. */
function testDiagnostics(data: TestData): Diagnostic[] {
  return [
    ...data.diagnostics,
    ...unknownEventsNote(data),
    ...silentUsersNote(data),
    ...browserErrorsNote(data),
    ...(data.log?.diagnostics ?? []),
    ...(data.node?.diagnostics ?? []),
    ...data.users.flatMap(u => [
      ...(u.events?.diagnostics ?? []),
      ...(u.errors?.diagnostics ?? []),
    ]),
    ...data.qoe.flatMap(q => q.diagnostics),
  ];
}

function failuresByUser(failures: readonly LogFailure[]): Map<string, LogFailure[]> {
  const byUser = new Map<string, LogFailure[]>();
  for (const f of failures) {
    const k = userKey(f.session, f.user);
    byUser.set(k, [...(byUser.get(k) ?? []), f]);
  }
  return byUser;
}

export function summarizeTest(data: TestData, options: SummaryOptions): TestSummary {
  const { location, users, log } = data;
  const events = userEventTimes(users);
  const timezone = resolveTimezone(options.logTimezone, log, events);
  const failures = toFailures(log, timezone);
  const byUser = failuresByUser(failures);
  const matched = new Set<string>();
  const summaries = users.map(u => {
    const k = userKey(sessionName(u), userName(u));
    matched.add(k);
    return summarizeUser(location.name, u, byUser.get(k) ?? []);
  });
  const unmatchedFailures = failures.filter(f => !matched.has(userKey(f.session, f.user)));
  const findings = consistencyFindings({
    data,
    userKey,
    userOf: userName,
    sessionOf: sessionName,
    unmatchedFailures,
    timezone,
    events,
    failedUsers: new Set(byUser.keys()),
  });
  const info = parseTestName(location.name);
  const counts =
    summaries.length > 0
      ? statsCounts(summaries, log)
      : log
        ? logCounts(location.name, log)
        : NO_COUNTS;
  return {
    name: location.name,
    root: location.root,
    platform: info.platform,
    family: detectFamily(users, info.family),
    sessions: groupBySession(summaries),
    ...counts,
    logGeneration: log?.generation,
    failureLines: failures.length,
    failedUsers: byUser.size,
    unmatchedFailures,
    ...testWindow(log, timezone, events.first, events.last),
    timezone,
    node: data.node?.series,
    config: log?.config ?? [],
    topology: log?.topology,
    qoeFiles: data.qoe.length,
    location,
    diagnostics: [
      ...testDiagnostics(data),
      ...findings,
      ...lostAttempts(summaries, timezone),
      ...countsNote(data, counts),
    ],
  };
}

interface Counts {
  readonly sessionCount: number;
  readonly userCount: number;
  readonly publisherCount: number;
  readonly subscriberCount: number;
  readonly connectedUsers: number;
  readonly countSources: CountSources;
}

/** A test with no user under stats/ and no controller log: nothing is known. */
const NO_COUNTS: Counts = {
  sessionCount: 0,
  userCount: 0,
  publisherCount: 0,
  subscriberCount: 0,
  connectedUsers: 0,
  countSources: { users: 'none', sessions: 'none', connected: 'none', failures: 'none' },
};

/** Counts from the users' stats folders. */
function statsCounts(summaries: readonly UserSummary[], log: ControllerLog | undefined): Counts {
  return {
    sessionCount: new Set(summaries.map(s => s.session)).size,
    userCount: summaries.length,
    publisherCount: summaries.filter(s => s.role === 'publisher').length,
    subscriberCount: summaries.filter(s => s.role === 'subscriber').length,
    connectedUsers: summaries.filter(s => s.connected).length,
    countSources: {
      users: 'stats',
      sessions: 'stats',
      connected: 'stats',
      failures: log ? 'log' : 'none',
    },
  };
}

/**
 * Counts from the controller log, for a test with no user under stats/: the users it created,
 * the sessions it started, the users a `Connection … created` line followed (generations that
 * log none leave connected unknown).
 */
function logCounts(testName: string, log: ControllerLog): Counts {
  const users = log.users;
  const role = (u: (typeof users)[number]) =>
    u.role ?? (isPublisherByName(testName, u.user) ? 'publisher' : 'subscriber');
  const knowsConnections = log.connections !== undefined;
  return {
    sessionCount: log.sessions.length,
    userCount: users.length,
    publisherCount: users.filter(u => role(u) === 'publisher').length,
    subscriberCount: users.filter(u => role(u) === 'subscriber').length,
    connectedUsers: knowsConnections ? users.filter(u => u.connected).length : 0,
    countSources: {
      users: 'log',
      sessions: 'log',
      connected: knowsConnections ? 'log' : 'none',
      failures: 'log',
    },
  };
}

function countsNote(data: TestData, counts: Counts): Diagnostic[] {
  if (counts.countSources.users !== 'log' || !data.location.logFile) return [];
  const connected =
    counts.countSources.connected === 'log'
      ? ''
      : ' This controller generation logs no connection per user, so connected users are unknown (shown as 0).';
  // One test case of a log whose stats/ holds other cases' events only (testCases.ts).
  const where = data.location.testCase
    ? `No user folder under stats/ has an event of this test case's time (test case ${data.location.testCase.index} of ${data.location.testCase.of} of the log; its stats may have been cleared or copied elsewhere)`
    : 'No user under stats/';
  return [
    diagnostic(
      'info',
      'summary.countsFromLog',
      data.location.logFile,
      `${where}: users, sessions, connections and failures are counted from the controller log.${connected}`,
    ),
  ];
}

function groupBySession(users: readonly UserSummary[]): SessionSummary[] {
  const map = new Map<string, UserSummary[]>();
  for (const u of users) map.set(u.session, [...(map.get(u.session) ?? []), u]);
  return [...map.entries()].map(([session, list]) => ({ session, users: list }));
}

/** The headline counts of a test with their sources (analyze's summary.json, `summary --json`). */
export interface TestCounts {
  readonly name: string;
  readonly users: number;
  readonly sessions: number;
  readonly connected: number;
  readonly failures: number;
  readonly sources: CountSources;
  readonly logGeneration?: LogGeneration;
}

export function testCounts(s: TestSummary): TestCounts {
  return {
    name: s.name,
    users: s.userCount,
    sessions: s.sessionCount,
    connected: s.connectedUsers,
    failures: s.failureLines,
    sources: s.countSources,
    ...(s.logGeneration ? { logGeneration: s.logGeneration } : {}),
  };
}

/** Users connected, or null where the counts' source cannot tell (a log alone, 2024 on). */
export function connectedOrNull(t: TestSummary): number | null {
  return t.countSources.connected === 'none' ? null : t.connectedUsers;
}
