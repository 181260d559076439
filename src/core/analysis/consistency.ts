/**
 * Findings that no single file shows: files that disagree with each other. Each names the file
 * (and line) a user should open to see the problem.
 */
import { DiagnosticList, diagnostic, type Diagnostic } from '../model/diagnostic';
import type { NodeSeries } from '../model/test';
import type { LogFailure, UserSummary } from '../model/session';
import { eventsFileOf, userFolderName, type TestData, type UserData } from '../ingest/ingestRoot';
import { firstNames } from '../../shared/format';
import type { LogStamp } from '../ingest/controllerLog';
import { configEntry } from '../ingest/configBlock';
import { stampToUtc, type EventTimes, type ResolvedTimezone } from '../ingest/timezone';
import { logRunWindow, outsideCounts, outsideText } from './currentRun';
import { trailingNumber } from '../source/naming';
import { concentrationFinding, failureConcentration } from './workerFailures';

/** The notebook treats no CPU sample for 10 s as a crashed media server (cell 12). */
export const CPU_GAP_SECONDS = 10;
/** Beyond this, the log's start line and the first event disagree by more than a time zone explains. */
export const CLOCK_SKEW_SECONDS = 120;

/** A folder `User3`/`u3` whose events.json speaks for another user or session. */
function folderMismatch(u: UserData): Diagnostic | undefined {
  const e = u.events;
  if (!e?.participant || !e.session) return undefined;
  const sameUser = trailingNumber(u.location.dirName) === trailingNumber(e.participant);
  const sameSession = trailingNumber(u.sessionDir) === trailingNumber(e.session);
  if (sameUser && sameSession) return undefined;
  const file = eventsFileOf(u);
  const message = `events.json in ${userFolderName(u)} is written by ${e.participant} in ${e.session}; the content's names are used.`;
  return diagnostic('warning', 'events.folderMismatch', file, message, {
    jsonPath: '[0].participant',
  });
}

/** Two folders that stand for the same user (e.g. `User3` and `u3`, or a copied folder). */
function duplicateUsers(users: readonly UserData[], key: (u: UserData) => string): Diagnostic[] {
  const seen = new Map<string, UserData>();
  const out: Diagnostic[] = new DiagnosticList();
  for (const u of users) {
    const k = key(u);
    const first = seen.get(k);
    if (!first) seen.set(k, u);
    else
      out.push(
        diagnostic(
          'warning',
          'layout.duplicateUser',
          u.location.dir,
          `Same user as ${first.location.dir}; both are counted.`,
        ),
      );
  }
  return out;
}

function unknownFailureUsers(
  log: string | undefined,
  unmatched: readonly LogFailure[],
): Diagnostic[] {
  if (!log) return [];
  return unmatched.map(f =>
    diagnostic(
      'warning',
      'log.unknownUser',
      log,
      `Failure of ${f.user} in ${f.session}, who has no folder under stats/.`,
      { line: f.line },
    ),
  );
}

/** Keys a user folder answers to: by content names, by folder names, and by their numbers. */
function folderKeys(input: ConsistencyInput): Set<string> {
  const keys = new Set<string>();
  for (const u of input.data.users) {
    keys.add(input.userKey(input.sessionOf(u), input.userOf(u)));
    keys.add(input.userKey(u.sessionDir, u.location.dirName));
    const numbers = numberKey(u.sessionDir, u.location.dirName);
    if (numbers) keys.add(numbers);
  }
  return keys;
}

/** `#<session number>/<user number>`: `LoadTestSession2`/`User3` and `s2`/`u3` are one user. */
function numberKey(session: string, user: string): string | undefined {
  const s = trailingNumber(session);
  const u = trailingNumber(user);
  return s === undefined || u === undefined ? undefined : `#${s}/${u}`;
}

/**
 * Users the controller log creates that have no folder under stats/ (a worker's results never
 * collected, folders deleted): one warning at the first one's creation line, since every count
 * and table covers only the users with a folder, as the notebook's do. A folder answers to its
 * content's names, its own names, or their numbers (today's `s2/u3` for `LoadTestSession2`,
 * `User3`), so a user whose events.json cannot be read is not taken for a missing folder.
 */
function logUsersWithoutFolder(input: ConsistencyInput): Diagnostic[] {
  const log = input.data.location.logFile;
  const users = input.data.log?.users ?? [];
  if (!log || users.length === 0) return [];
  const keys = folderKeys(input);
  const missing = users.filter(
    u =>
      !keys.has(input.userKey(u.session, u.user)) && !keys.has(numberKey(u.session, u.user) ?? ''),
  );
  const first = missing[0];
  if (!first) return [];
  const names = missing.map(u => `${u.user} in ${u.session}`);
  const message = `The controller log creates ${users.length} user(s); ${missing.length} of them have no folder under stats/ (${firstNames(names)}): their events, stats and QoE are missing, and the counts and tables cover the ${users.length - missing.length} with a folder.`;
  return [diagnostic('warning', 'log.userWithoutFolder', log, message, { line: first.line })];
}

/**
 * Why a QoE file names no known users when the analyser garbled its name: it splits a recording's
 * name (`QOE_<session>_<from>_<to>.webm`) on `_`, so a session or user name with a `_` of its own
 * (SESSION_NAME_PREFIX / USER_NAME_PREFIX) is cut apart and which user recorded whom is lost.
 */
function cutAtUnderscore(
  q: TestData['qoe'][number],
  known: ReadonlySet<string>,
  sessions: ReadonlySet<string>,
  key: (session: string, user: string) => string,
): string | undefined {
  const session = `${q.session}_${q.userFrom}`;
  const user = `${q.userFrom}_${q.userTo}`;
  const name =
    !sessions.has(q.session) && sessions.has(session)
      ? `session "${session}"`
      : known.has(key(q.session, user))
        ? `user "${user}"`
        : undefined;
  return (
    name &&
    `The QoE analyser splits a recording's name (QOE_<session>_<user>_<user>.webm) on "_", and the ${name} has one: this file's session and users were cut apart at the source, so who recorded whom is lost; not joined to any user.`
  );
}

function unknownQoeUsers(
  data: TestData,
  known: ReadonlySet<string>,
  sessions: ReadonlySet<string>,
  key: (session: string, user: string) => string,
): Diagnostic[] {
  return data.qoe.flatMap(q => {
    const missing = [q.userFrom, q.userTo].filter(u => !known.has(key(q.session, u)));
    if (missing.length === 0) return [];
    const cut = cutAtUnderscore(q, known, sessions, key);
    if (cut) return [diagnostic('warning', 'qoe.nameCutAtUnderscore', q.file, cut)];
    return [
      diagnostic(
        'warning',
        'qoe.unknownUser',
        q.file,
        `QoE for ${firstNames(missing)} in ${q.session}, who has no folder under stats/.`,
      ),
    ];
  });
}

/**
 * The log says the users' views were recorded for QoE (`QoE recordings: true`), but the test
 * has no QoE file: the recordings (`QOE_*.webm`, uploaded to the bucket) were not analysed, or
 * the analysis' `_cuts.json` not copied into qoe/<test>/, so the test has no VMAF or ViSQOL.
 */
function qoeNotAnalysed(data: TestData): Diagnostic[] {
  const { log, location } = data;
  if (!log || !location.logFile || data.users.length === 0 || data.qoe.length > 0) return [];
  const recorded = configEntry(log.config, 'QOE_ANALYSIS_RECORDINGS');
  if (recorded?.value !== 'true') return [];
  return [
    diagnostic(
      'warning',
      'qoe.notAnalysed',
      location.logFile,
      `The controller recorded the users' views for QoE ("QoE recordings: true"), but qoe/${location.name}/ holds no _cuts.json: the recordings (QOE_*.webm in the bucket) were not analysed, or the results not copied there, so this test has no VMAF or ViSQOL.`,
      { line: recorded.line },
    ),
  ];
}

function cpuGaps(file: string | undefined, node: NodeSeries | undefined): Diagnostic[] {
  if (!file || !node) return [];
  const gaps: string[] = [];
  for (let i = 1; i < node.time.length; i++) {
    const seconds = ((node.time[i] as number) - (node.time[i - 1] as number)) / 1000;
    if (seconds > CPU_GAP_SECONDS)
      gaps.push(`${new Date(node.time[i - 1] as number).toISOString()} (+${seconds.toFixed(0)} s)`);
  }
  if (gaps.length === 0) return [];
  const message = `${gaps.length} gap(s) of more than ${CPU_GAP_SECONDS} s between CPU samples (the notebook reads that as a crashed media server): ${firstNames(gaps)}.`;
  return [diagnostic('warning', 'csv.gap', file, message)];
}

/**
 * Events far outside the log's test window (its start to its end line) that are still counted:
 * the notebook profile keeps them (the default profile has left them out, `keepCurrentRun`), or
 * none lies inside, so the log's zone is wrong or the log is of another run. Said with how many
 * and which way.
 */
function eventsOutsideLog(
  data: TestData,
  zone: ResolvedTimezone,
  events: EventTimes,
): Diagnostic[] {
  const { log, location } = data;
  const window = logRunWindow(log, zone);
  if (!log || !window || !location.logFile || events.first === undefined) return [];
  const counts = outsideCounts(events, window);
  if (counts.before + counts.after === 0) return [];
  const message = `${outsideText(log, zone, counts)}: the events.json files also hold events of another test or run (the browser-emulator, 2024 and today, appends to files that exist and never clears stats/), or the log's time zone is wrong (set it). Counts and tables use every event in the files: clear the workers' stats/ between runs.`;
  return [
    diagnostic('warning', 'events.outsideLog', location.logFile, message, {
      line: log.start?.line,
    }),
  ];
}

function clockSkew(
  log: string | undefined,
  start: LogStamp | undefined,
  zone: ResolvedTimezone,
  firstEvent: number | undefined,
): Diagnostic[] {
  if (!log || !start || firstEvent === undefined) return [];
  const startUtc = stampToUtc(start, zone);
  const skew = (firstEvent - startUtc) / 1000;
  if (Math.abs(skew) <= CLOCK_SKEW_SECONDS) return [];
  const message = `The first event is ${skew.toFixed(0)} s ${skew > 0 ? 'after' : 'before'} the log's start line with the log in ${zone.source} time zone; check the time zone setting or the clocks.`;
  return [diagnostic('warning', 'log.clockSkew', log, message, { line: start.line })];
}

/** Failures whose cause the browser reported: its event went to events.json as it went to the log. */
const BROWSER_CAUSES: ReadonlySet<LogFailure['cause']> = new Set([
  'ice',
  'exception',
  'disconnected',
]);
/** Slack between the controller's and the worker's clocks before a failure counts as before the events. */
const ATTEMPT_SLACK_MS = 1000;

/**
 * Where a failure's browser event lies on the clock of events.json: the event's own timestamp
 * when the log forwarded it (exact: the same browser clock), else the log line's time with a
 * second of slack, only in a verified zone (the notebook's unverified +02:00 may be hours off).
 */
function eventBefore(f: LogFailure, first: number, zoneVerified: boolean): boolean {
  if (!BROWSER_CAUSES.has(f.cause)) return false;
  if (f.eventTime !== undefined) return f.eventTime < first;
  return zoneVerified && f.time + ATTEMPT_SLACK_MS < first;
}

/**
 * A user whose events.json begins after a failure its browser reported: the browser posted that
 * failure's event to events.json as it sent it to the controller (events.controller.ts), so the
 * failed attempt's events are gone. Browser-emulator builds of 2024-04-22 → 2024-05-29 (and of
 * 2024-06-12) emptied a user's files whenever the controller created the user again
 * (`createFileAndLock`, fixed in 1abae0ed and 0394645c). A user's failures come from the
 * controller log: without one there are none.
 */
export function lostAttempts(
  users: readonly UserSummary[],
  timezone: ResolvedTimezone,
): Diagnostic[] {
  const verified = timezone.source !== 'default';
  const out: Diagnostic[] = [];
  for (const u of users) {
    const first = u.firstEvent;
    if (first === undefined || !u.eventsFile) continue;
    const before = u.failures.filter(f => eventBefore(f, first, verified));
    const last = before.at(-1);
    if (!last) continue;
    const seconds = ((first - (last.eventTime ?? last.time)) / 1000).toFixed(1);
    out.push(
      diagnostic(
        'warning',
        'events.lostAttempts',
        u.eventsFile,
        `Begins ${seconds} s after this user's failure at line ${last.line} of the log (${last.cause}, reported by its browser, whose event should be here) and holds no event of the ${before.length === 1 ? 'attempt' : `${before.length} attempts`} that failed: browser-emulator builds of 22 April to 29 May 2024 (and of 12 June 2024) emptied a user's files each time the controller created it again. This user's connection durations and attempts count only what is left.`,
      ),
    );
  }
  return out;
}

export interface ConsistencyInput {
  readonly data: TestData;
  readonly userKey: (session: string, user: string) => string;
  readonly userOf: (u: UserData) => string;
  readonly sessionOf: (u: UserData) => string;
  readonly unmatchedFailures: readonly LogFailure[];
  readonly timezone: ResolvedTimezone;
  /** Every event time of the test's users. */
  readonly events: EventTimes;
  /** `userKey`s of the users with a failure line. */
  readonly failedUsers: ReadonlySet<string>;
}

/** Failures gathered on one worker far beyond chance (workerFailures.ts). */
function failuresOnOneWorker(input: ConsistencyInput): Diagnostic[] {
  const { log, location } = input.data;
  if (!log || !location.logFile) return [];
  const users = log.users.flatMap(u =>
    u.worker === undefined
      ? []
      : [
          {
            worker: u.worker,
            line: u.line,
            failed: input.failedUsers.has(input.userKey(u.session, u.user)),
          },
        ],
  );
  const c = failureConcentration(users);
  return c ? [concentrationFinding(location.logFile, c)] : [];
}

export function consistencyFindings(input: ConsistencyInput): Diagnostic[] {
  const { data } = input;
  const key = (u: UserData) => input.userKey(input.sessionOf(u), input.userOf(u));
  const known = new Set(data.users.map(key));
  return [
    ...data.users.flatMap(u => folderMismatch(u) ?? []),
    ...duplicateUsers(data.users, key),
    // A test with no user under stats/ at all (logs only) is counted from the log instead: one
    // note says so (summary.countsFromLog) rather than a warning per failure.
    ...(data.users.length > 0
      ? [
          ...unknownFailureUsers(data.location.logFile, input.unmatchedFailures),
          ...logUsersWithoutFolder(input),
        ]
      : []),
    ...unknownQoeUsers(data, known, new Set(data.users.map(input.sessionOf)), input.userKey),
    ...qoeNotAnalysed(data),
    ...cpuGaps(data.location.medianodeCsv, data.node?.series),
    ...clockSkew(data.location.logFile, data.log?.start, input.timezone, input.events.first),
    ...eventsOutsideLog(data, input.timezone, input.events),
    ...failuresOnOneWorker(input),
  ];
}
