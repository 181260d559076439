/**
 * A log of several test cases, read as one test each (default profile).
 *
 * One controller process runs every test case of its test_cases.json
 * (LoadTestController.startLoadTests, 2024 and today), so its console log holds each case from
 * its `Starting test with` line to the next; the browser-emulator appends every case's events
 * and stats to the same files under the same session and user names (utils/stats-files.ts), and
 * never clears stats/. The notebook reads such a root as one test. Here each test case is a test
 * of its own: the first keeps the folder's name, the later ones are `<test>#2`, `<test>#3`, …,
 * each with its own part of the log (ControllerLog.cases) and the users, events and stats.json
 * samples of its time. The times are cut where the cases meet, so that no event counts twice.
 */
import { diagnostic, type Diagnostic } from '../model/diagnostic';
import type { RunWindow } from '../model/test';
import { firstNames } from '../../shared/format';
import { zoneName } from '../../shared/zone';
import { userFolderName, type TestData, type UserData } from '../ingest/ingestRoot';
import type { ControllerLog, LogStamp } from '../ingest/controllerLog';
import { qosInRun } from '../ingest/stats';
import {
  resolveTimezone,
  stampToUtc,
  type ResolvedTimezone,
  type TimezoneSetting,
} from '../ingest/timezone';
import {
  keepCurrentRun,
  OUTSIDE_LOG_MS,
  outsideCounts,
  userEventTimes,
  userInRun,
} from './currentRun';

/** Between a test's name and its test case's number: `loadtest-webrtc-2024-kurento-2p#2`. */
export const CASE_MARK = '#';

/** The test of the `index`-th test case (1-based) of test `test`'s log: the first keeps its name. */
export function caseTestName(test: string, index: number): string {
  return index <= 1 ? test : `${test}${CASE_MARK}${index}`;
}

/**
 * The folder test a test name reads: `T#2` is T's second test case when T is one of `folders`
 * and `T#2` itself is not (a folder may have `#` in its name).
 */
export function folderTestName(name: string, folders: ReadonlySet<string>): string {
  if (folders.has(name)) return name;
  const mark = name.lastIndexOf(CASE_MARK);
  const base = mark > 0 ? name.slice(0, mark) : name;
  return /^\d+$/.test(name.slice(mark + 1)) && folders.has(base) ? base : name;
}

/**
 * Each test case's span of time: the first from OUTSIDE_LOG_MS before its start line; each up to
 * OUTSIDE_LOG_MS after its end line but not past the next case's start line, from which the next
 * one begins (so the spans meet and never overlap). A case without an end line (the controller
 * was stopped) runs up to the next start, the last one without end.
 */
export function caseWindows(cases: readonly ControllerLog[], zone: ResolvedTimezone): RunWindow[] {
  const windows: RunWindow[] = [];
  cases.forEach((c, i) => {
    const next = c.nextStart ? stampToUtc(c.nextStart, zone) - 1 : Infinity;
    const end = c.end ? stampToUtc(c.end, zone) + OUTSIDE_LOG_MS : Infinity;
    const previous = windows[i - 1];
    // Every test case has its start line: a case begins at one (ControllerLogParser.nextCase).
    const from = previous
      ? previous.to + 1
      : stampToUtc(c.start as LogStamp, zone) - OUTSIDE_LOG_MS;
    windows.push({ from, to: Math.min(end, next) });
  });
  return windows;
}

/** A user with at least one event: its events place it in time. */
function hasEvents(u: UserData): boolean {
  return (u.events?.events.length ?? 0) > 0;
}

/** The user without the findings of its files (they are said with the first test case that has it). */
function withoutFileFindings(u: UserData): UserData {
  return {
    ...u,
    ...(u.events ? { events: { ...u.events, diagnostics: [] } } : {}),
    ...(u.errors ? { errors: { ...u.errors, diagnostics: [] } } : {}),
  };
}

/**
 * Users of each window: a user's events decide where it belongs (in several cases when it has
 * events in several: the same session and user names are used again); a user without any event
 * cannot be placed in time and stays with the first case. A user folder's findings go with the
 * first case that has it.
 */
function usersOfCases(
  users: readonly UserData[],
  windows: readonly RunWindow[],
): {
  readonly byCase: UserData[][];
  readonly timeless: readonly UserData[];
  /** Findings of the files of users in no case (all their events lie outside). */
  readonly unplacedFindings: readonly Diagnostic[];
} {
  const byCase = windows.map(() => [] as UserData[]);
  const timeless = users.filter(u => !hasEvents(u));
  const placed = new Set<UserData>();
  windows.forEach((w, k) => {
    for (const u of users) {
      const inCase = hasEvents(u) ? userInRun(u, w) : k === 0 ? u : undefined;
      if (!inCase) continue;
      byCase[k]?.push(placed.has(u) ? withoutFileFindings(inCase) : inCase);
      placed.add(u);
    }
  });
  const unplacedFindings = users
    .filter(u => !placed.has(u))
    .flatMap(u => [...(u.events?.diagnostics ?? []), ...(u.errors?.diagnostics ?? [])]);
  return { byCase, timeless, unplacedFindings };
}

/** Lines of the k-th test case: its start line to the line before the next case's. */
function caseLines(c: ControllerLog): string {
  const last = c.nextStart ? c.nextStart.line - 1 : c.lines;
  return `lines ${c.start?.line ?? 1}–${last}`;
}

function splitNote(
  data: TestData,
  cases: readonly ControllerLog[],
  timeless: readonly UserData[],
): Diagnostic {
  const name = data.location.name;
  const tests = cases.map((c, i) => `${caseTestName(name, i + 1)} (${caseLines(c)})`).join(', ');
  const unplaced =
    timeless.length > 0
      ? ` ${timeless.length} user folder(s) have no event to place them in time and are counted in ${name} only: ${firstNames(timeless.map(userFolderName))}.`
      : '';
  const message = `This log holds ${cases.length} test cases, read as ${cases.length} tests: ${tests}. Each has its own log lines (users created, failures and forwarded exceptions) and the users, events and stats.json samples of its time: from ${OUTSIDE_LOG_MS / 60_000} minutes before the first start line, each test case up to ${OUTSIDE_LOG_MS / 60_000} minutes after its end line and never past the next one's start line.${unplaced} The notebook profile reads the log as one test, as the notebook does.`;
  return diagnostic('info', 'log.testCasesSplit', data.location.logFile as string, message, {
    line: cases[1]?.start?.line,
  });
}

/** QoE files name no test case: they stay with the first one, and may mix cases (said). */
function qoeNote(data: TestData): Diagnostic[] {
  const first = data.qoe[0];
  if (!first) return [];
  const message = `The test's ${data.qoe.length} QoE file(s) name sessions and users but no test case, and every test case uses the same names again; the browser-emulator appends a later recording to the file of the same name (qoe.controller.ts, 2024), so their scores may mix test cases. They are laid on ${data.location.name} (the first test case) only.`;
  return [diagnostic('warning', 'qoe.testCases', first.file, message)];
}

/** Events before the first case or after the last: another run's, left out (as keepCurrentRun does). */
function outsideNote(data: TestData, zone: ResolvedTimezone, span: RunWindow): Diagnostic[] {
  const counts = outsideCounts(userEventTimes(data.users), span);
  const outside = counts.before + counts.after;
  if (outside === 0) return [];
  const message = `Of the test's ${counts.total} events, ${outside} lie outside its test cases (${counts.before} more than ${OUTSIDE_LOG_MS / 60_000} minutes before the first start line, ${counts.after} more than ${OUTSIDE_LOG_MS / 60_000} minutes after the last one's end line); log times read as ${zoneName(zone.zone)} (${zone.source}). They are events of another run (the browser-emulator appends to files that exist and never clears stats/) and are left out of every test case, with their stats.json samples.`;
  return [
    diagnostic('warning', 'events.otherRun', data.location.logFile as string, message, {
      line: data.log?.start?.line,
    }),
  ];
}

/** The first test case's log: the whole log's findings (said once), but for the one this split answers. */
function firstCaseLog(whole: ControllerLog, first: ControllerLog): ControllerLog {
  return { ...first, diagnostics: whole.diagnostics.filter(d => d.code !== 'log.moreTestCases') };
}

/** The first test case whose start line is not later than the one before it, with that one. */
function startGoingBack(
  cases: readonly ControllerLog[],
  zone: ResolvedTimezone,
): { readonly earlier: LogStamp; readonly later: LogStamp } | undefined {
  for (let k = 1; k < cases.length; k++) {
    const later = cases[k - 1]?.start;
    const earlier = cases[k]?.start;
    if (later && earlier && stampToUtc(earlier, zone) <= stampToUtc(later, zone))
      return { earlier, later };
  }
  return undefined;
}

function backwardsNote(
  data: TestData,
  at: { readonly earlier: LogStamp; readonly later: LogStamp },
): Diagnostic {
  const time = (s: LogStamp) => new Date(s.wallClock).toISOString().slice(0, 23).replace('T', ' ');
  const message = `The test cases' start lines go back in time: line ${at.earlier.line} (${time(at.earlier)}) starts no later than line ${at.later.line} (${time(at.later)}) before it, so the log was put together out of order (or the controller's clock moved back). Its test cases cannot be told apart by time: it is read as one test, the first case's lines setting its start and end, with every event of the files.`;
  return diagnostic(
    'warning',
    'log.testCasesOutOfOrder',
    data.location.logFile as string,
    message,
    {
      line: at.earlier.line,
    },
  );
}

/**
 * One test per test case of the test's log; undefined when the log holds one (or none), or when
 * no event lies in any case (the log and the files do not belong together: the consistency check
 * says so, and nothing is split).
 */
export function splitTestCases(
  data: TestData,
  setting: TimezoneSetting = 'auto',
): TestData[] | undefined {
  const log = data.log;
  const cases = log?.cases;
  if (!log || !cases || cases.length < 2 || !data.location.logFile) return undefined;
  const events = userEventTimes(data.users);
  const zone = resolveTimezone(setting, log, events);
  const backwards = startGoingBack(cases, zone);
  if (backwards) {
    const read = keepCurrentRun(data, setting);
    return [{ ...read, diagnostics: [...read.diagnostics, backwardsNote(data, backwards)] }];
  }
  const windows = caseWindows(cases, zone);
  const span = { from: windows[0]?.from ?? -Infinity, to: windows.at(-1)?.to ?? Infinity };
  const counts = outsideCounts(events, span);
  if (counts.total > 0 && counts.before + counts.after === counts.total) return undefined;
  const { byCase, timeless, unplacedFindings } = usersOfCases(data.users, windows);
  return cases.map((c, k) => {
    const name = data.location.name;
    const testCase = { index: k + 1, of: cases.length };
    const location =
      k > 0
        ? { ...data.location, name: caseTestName(name, k + 1), folderTest: name, testCase }
        : { ...data.location, testCase };
    const users = byCase[k] ?? [];
    const runWindow = windows[k] as RunWindow;
    const qos = data.qos && qosInRun(data.qos, runWindow);
    if (k > 0) {
      // The files' findings are said once, with the first test case.
      const node = data.node && { ...data.node, diagnostics: [] };
      return {
        location,
        users,
        log: c,
        qoe: [],
        runWindow,
        diagnostics: [],
        ...(node ? { node } : {}),
        ...(qos ? { qos: { ...qos, diagnostics: [] } } : {}),
      };
    }
    const notes = [
      ...unplacedFindings,
      splitNote(data, cases, timeless),
      ...outsideNote(data, zone, span),
      ...qoeNote(data),
    ];
    return {
      ...data,
      location,
      users,
      log: firstCaseLog(log, c),
      ...(qos ? { qos } : {}),
      runWindow,
      diagnostics: [...data.diagnostics, ...notes],
    };
  });
}
