/**
 * Headline of one test: who took part, who connected, who failed, how long it ran, and the
 * media node's CPU and memory. This is what the overview view and the results tree show; the
 * full notebook analysis (segments, QoE, statistics) builds on the same ingest.
 */
import { join } from 'node:path';
import { diagnostic, type Diagnostic } from '../model/diagnostic';
import type { EventFamily, LogFailure, NodeSeries, Platform, Role } from '../model/types';
import { readControllerLog, type ControllerLog } from '../ingest/controllerLog';
import { familyOfEvent, parseEvents, type UserEvent } from '../ingest/events';
import { parseMedianodeCsv } from '../ingest/medianodeCsv';
import { readTextFile } from '../ingest/readFile';
import {
  resolveTimezone,
  stampToUtc,
  type ResolvedTimezone,
  type TimezoneSetting,
} from '../ingest/timezone';
import { listSessions, type TestLocation, type UserLocation } from '../source/resultRoot';
import { trailingNumber } from '../source/naming';
import { mapLimit } from '../util/async';
import { parseTestName } from './testName';

export interface UserSummary {
  /** Full names from the JSON content when present (`User3`, `LoadTestSession1`), else the folder names. */
  readonly user: string;
  readonly session: string;
  readonly dir: string;
  readonly eventsFile?: string;
  readonly role: Role;
  /** `events`: the user's own events show it published; `name`: the notebook's rule on the test name and user number. */
  readonly roleSource: 'events' | 'name';
  readonly connected: boolean;
  readonly eventCount: number;
  readonly firstEvent?: number;
  readonly lastEvent?: number;
  /** The user's `failed N times` lines in the controller log. */
  readonly failures: readonly LogFailure[];
}

export interface SessionSummary {
  readonly session: string;
  readonly users: readonly UserSummary[];
}

export interface TestSummary {
  readonly name: string;
  readonly root: string;
  readonly platform: Platform;
  readonly family?: EventFamily;
  readonly sessions: readonly SessionSummary[];
  readonly userCount: number;
  readonly publisherCount: number;
  readonly subscriberCount: number;
  readonly connectedUsers: number;
  /** Every `failed N times` line of the log (retries and reconnections included). */
  readonly failureLines: number;
  /** Distinct users with at least one failure line. */
  readonly failedUsers: number;
  /** Failure lines that name no user found under `stats/`. */
  readonly unmatchedFailures: readonly LogFailure[];
  /** Epoch ms (UTC): the log's start line, else the first event. */
  readonly start?: number;
  readonly end?: number;
  readonly durationSeconds?: number;
  readonly timeSource: 'log' | 'events' | 'none';
  readonly timezone: ResolvedTimezone;
  readonly node?: NodeSeries;
  readonly location: TestLocation;
  readonly diagnostics: readonly Diagnostic[];
}

export interface SummaryOptions {
  readonly logTimezone: TimezoneSetting;
  /** Concurrent file reads. */
  readonly concurrency?: number;
  readonly signal?: AbortSignal;
}

const PUBLISHER_EVENTS = new Set([
  'connectedPublisher',
  'accessAllowed-local',
  'streamCreated-local',
  'LocalTrackPublished-local',
]);

/** Success markers of the notebook (FORMATS.md §7.4), any role. */
function isSuccess(e: UserEvent): boolean {
  return (
    /^(streamCreated|streamPlaying|LocalTrackPublished|TrackSubscribed)/.test(e.key) &&
    !e.key.startsWith('TrackSubscriptionStatusChanged')
  );
}

/** The notebook's `is_publisher`: every user of an `8p` test, otherwise user number ≤ 3. */
export function isPublisherByName(testName: string, user: string): boolean {
  return testName.includes('8p') || (trailingNumber(user) ?? Infinity) <= 3;
}

interface LoadedUser {
  readonly location: UserLocation;
  readonly sessionDir: string;
  readonly events: UserEvent[];
  readonly participant?: string;
  readonly session?: string;
  readonly eventsFile?: string;
}

async function loadUser(
  location: UserLocation,
  sessionDir: string,
  diagnostics: Diagnostic[],
): Promise<LoadedUser> {
  const eventsFile = join(location.dir, 'events.json');
  const read = await readTextFile(eventsFile);
  if (read.text === undefined) {
    diagnostics.push(
      ...read.diagnostics.map(d =>
        d.code === 'file.missing'
          ? { ...d, severity: 'warning' as const, message: 'User has no events.json.' }
          : d,
      ),
    );
    return { location, sessionDir, events: [] };
  }
  const parsed = parseEvents(read.text, eventsFile);
  diagnostics.push(...parsed.diagnostics);
  return {
    location,
    sessionDir,
    events: parsed.events,
    participant: parsed.participant,
    session: parsed.session,
    eventsFile,
  };
}

function detectFamily(
  users: readonly LoadedUser[],
  fromName: EventFamily | undefined,
): EventFamily | undefined {
  for (const u of users) {
    for (const e of u.events) {
      const f = familyOfEvent(e.event);
      if (f) return f;
    }
  }
  return fromName;
}

async function loadNode(
  location: TestLocation,
  diagnostics: Diagnostic[],
): Promise<NodeSeries | undefined> {
  if (!location.medianodeCsv) return undefined;
  const read = await readTextFile(location.medianodeCsv);
  diagnostics.push(...read.diagnostics);
  if (read.text === undefined) return undefined;
  const parsed = parseMedianodeCsv(read.text, location.medianodeCsv);
  diagnostics.push(...parsed.diagnostics);
  return parsed.series;
}

function summarizeUser(
  testName: string,
  u: LoadedUser,
  failures: readonly LogFailure[],
): UserSummary {
  const ownPublish = u.events.some(e => PUBLISHER_EVENTS.has(e.key));
  const name = u.participant ?? u.location.dirName;
  const role: Role = ownPublish || isPublisherByName(testName, name) ? 'publisher' : 'subscriber';
  return {
    user: name,
    session: u.session ?? u.sessionDir,
    dir: u.location.dir,
    eventsFile: u.eventsFile,
    role,
    roleSource: ownPublish ? 'events' : 'name',
    connected: u.events.some(isSuccess),
    eventCount: u.events.length,
    firstEvent: u.events[0]?.time,
    lastEvent: u.events[u.events.length - 1]?.time,
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

export async function summarizeTest(
  location: TestLocation,
  options: SummaryOptions,
): Promise<TestSummary> {
  const diagnostics: Diagnostic[] = [];
  const concurrency = options.concurrency ?? 16;
  const sessions = location.statsDir ? await listSessions(location.statsDir) : [];
  const flat = sessions.flatMap(s => s.users.map(u => ({ u, sessionDir: s.dirName })));
  const [users, log, node] = await Promise.all([
    mapLimit(flat, concurrency, ({ u, sessionDir }) => loadUser(u, sessionDir, diagnostics)),
    location.logFile
      ? readControllerLog(location.logFile, options.signal)
      : Promise.resolve(undefined),
    loadNode(location, diagnostics),
  ]);
  if (log) diagnostics.push(...log.diagnostics);
  if (!location.statsDir)
    diagnostics.push(
      diagnostic(
        'warning',
        'layout.noStats',
        location.root,
        `Test "${location.name}" has no stats/${location.name} folder.`,
      ),
    );
  if (!location.logFile)
    diagnostics.push(
      diagnostic(
        'warning',
        'layout.noLog',
        location.root,
        `Test "${location.name}" has no logs/${location.name}.log.`,
      ),
    );
  if (!location.medianodeCsv)
    diagnostics.push(
      diagnostic(
        'info',
        'layout.noCpu',
        location.root,
        `Test "${location.name}" has no dfs_final/${location.name}-medianode.csv.`,
      ),
    );

  const eventTimes = users.flatMap(u =>
    u.events.length ? [u.events[0]!.time, u.events[u.events.length - 1]!.time] : [],
  );
  const firstEvent = eventTimes.length ? Math.min(...eventTimes) : undefined;
  const lastEvent = eventTimes.length ? Math.max(...eventTimes) : undefined;
  const timezone = resolveTimezone(options.logTimezone, log?.start, firstEvent);
  const failures = toFailures(log, timezone);
  const byUser = new Map<string, LogFailure[]>();
  for (const f of failures) {
    const k = userKey(f.session, f.user);
    byUser.set(k, [...(byUser.get(k) ?? []), f]);
  }
  const matched = new Set<string>();
  const summaries = users.map(u => {
    const k = userKey(u.session ?? u.sessionDir, u.participant ?? u.location.dirName);
    matched.add(k);
    return summarizeUser(location.name, u, byUser.get(k) ?? []);
  });
  const info = parseTestName(location.name);
  return {
    name: location.name,
    root: location.root,
    platform: info.platform,
    family: detectFamily(users, info.family),
    sessions: groupBySession(summaries),
    userCount: summaries.length,
    publisherCount: summaries.filter(s => s.role === 'publisher').length,
    subscriberCount: summaries.filter(s => s.role === 'subscriber').length,
    connectedUsers: summaries.filter(s => s.connected).length,
    failureLines: failures.length,
    failedUsers: byUser.size,
    unmatchedFailures: failures.filter(f => !matched.has(userKey(f.session, f.user))),
    ...testWindow(log, timezone, firstEvent, lastEvent),
    timezone,
    node,
    location,
    diagnostics,
  };
}

function groupBySession(users: readonly UserSummary[]): SessionSummary[] {
  const map = new Map<string, UserSummary[]>();
  for (const u of users) map.set(u.session, [...(map.get(u.session) ?? []), u]);
  return [...map.entries()].map(([session, list]) => ({ session, users: list }));
}
