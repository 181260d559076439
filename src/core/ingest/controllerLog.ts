/**
 * The loadtest-controller's console log (FORMATS.md §2, docs/controller-logs.md). Every controller
 * generation from 2021 on is read: lines look like
 *   [2.4] `2024-05-31 10:52:06.426  INFO 4695 --- [   main] i.o.l.c.LoadTestController : …` (local time, no zone)
 *   [3.2+] `2026-03-20T12:53:18.123+01:00  INFO 1 --- [main] i.o.l.s.c.LoadTestTopologyOrchestrator : …`
 * plus `System.out` lines without a prefix (the config block; `Saved result in a …` until 2024-04).
 * We keep the first `Starting test with …` and the first end marker, the users, sessions and
 * connections the controller created, the browser exceptions it forwarded (with their times and
 * causes) and its failures — `Participant <u> in session <s> failed <n> times` (2024-03 →),
 * `There was an EXCEPTION: {…}` (2021-04 → 2024-03) or an HTTP error status (2021-01/02) — each
 * with its line number and byte offset. Lines that look like one of these but cannot be read
 * are counted and reported, never dropped silently.
 */
import { DiagnosticList, diagnostic, type Diagnostic } from '../model/diagnostic';
import { ConfigBlockReader, opensConfigBlock, type ConfigEntry } from './configBlock';
import { LogCollector } from './logCollector';
import { readFailure } from './readFailure';
import { describeText, MAX_LINE_BYTES, scanLines, textLines, type TextShape } from './lineReader';
import {
  causeOf,
  consoleParts,
  latinStamp,
  LOG_STAMP,
  matchConnection,
  matchCreatedUser,
  matchFailedTimes,
  parseEventBody,
  splitLogLine,
  type LogCause,
  type LogLineParts,
} from './logLine';
import { parseOffset } from './timezone';
import { BUDDHIST_OFFSET, gregorianYear } from './jvmLocale';

export type { LogCause } from './logLine';

/** A log time as written: wall-clock fields read as if UTC, plus the offset when the line has one. */
export interface LogStamp {
  /** `Date.UTC(...)` of the written wall-clock time. */
  readonly wallClock: number;
  /** Minutes east of UTC written in the line ([HEAD] format), or undefined ([2024] format). */
  readonly offsetMinutes?: number;
  readonly line: number;
  readonly offset: number;
}

/** The controller generations this reader knows (docs/controller-logs.md), oldest first. */
export const LOG_GENERATIONS = ['2021-01', '2021-v2', '2022', '2024', '2026'] as const;
export type LogGeneration = (typeof LOG_GENERATIONS)[number];

/** How a failure was written. */
export type FailureVia = 'failedTimes' | 'exception' | 'httpStatus';

export interface RawLogFailure {
  readonly user: string;
  readonly session: string;
  readonly attempts: number;
  readonly stamp: LogStamp;
  /** Cause read from the log itself (the forwarded exception), when it says. */
  readonly cause?: LogCause;
  /**
   * Epoch ms of the forwarded browser event behind the failure, on the browser's own clock (the
   * one events.json is written with), when the log carries it.
   */
  readonly eventTime?: number;
  readonly via?: FailureVia;
}

/** A browser exception (or session loss) the controller forwarded into its log. */
export interface LogException {
  readonly stamp: LogStamp;
  readonly cause: LogCause;
  readonly name?: string;
  readonly reason?: string;
  readonly connectionId?: string;
  /** The user it belongs to: named in the event (2024 →) or through its connection id. */
  readonly user?: string;
  readonly session?: string;
  /** Epoch ms of the forwarded event on the browser's clock (its `timestamp`), when it has one. */
  readonly eventTime?: number;
}

export interface LogUser {
  readonly user: string;
  readonly session: string;
  /** Line of the first creation line. */
  readonly line: number;
  /** A `Connection … created` line followed its creation. */
  readonly connected: boolean;
  /** From `Creating PUBLISHER|SUBSCRIBER`; undefined when the generation does not say. */
  readonly role?: 'publisher' | 'subscriber';
  /**
   * The worker its first creation was sent to: `Selected worker: <host>` just before `Creating
   * participant N in session M` on the same thread (BrowserEmulatorClient, 2022 on).
   */
  readonly worker?: string;
}

/**
 * The test's planned size from the lines after `Starting test with`: `The number of session that
 * will be created are N` (or `infinite`) and `Each session will be composed by K USERS…`.
 */
export interface LogTopology {
  /** Sessions planned; null for `infinite` (the test runs until it stops). */
  readonly sessions: number | null;
  /** Users per session (publishers and subscribers); null when the line is missing. */
  readonly usersPerSession: number | null;
  /** Line of the first of the two. */
  readonly line: number;
}

export interface ControllerLog {
  /** The start-up configuration block, secrets redacted; empty when the log has none. */
  readonly config: ConfigEntry[];
  /** Planned sessions and users per session; undefined when the log has neither line. */
  readonly topology?: LogTopology;
  readonly start?: LogStamp;
  readonly end?: LogStamp;
  /** The second `Starting test with`, when the log holds more test cases (`log.moreTestCases`). */
  readonly nextStart?: LogStamp;
  /**
   * When the log holds more than one test case: each read on its own, from its `Starting test
   * with` line to the next one (the first from the log's first line), in order. A case's
   * `nextStart` is the next case's start; its `config`, `lines` and `bytes` are the whole log's
   * and it has no findings of its own (the whole log's are said once, here).
   */
  readonly cases?: readonly ControllerLog[];
  readonly failures: RawLogFailure[];
  /** The newest generation whose lines were seen; undefined when no line told. */
  readonly generation?: LogGeneration;
  /** Users the controller created, in order (user and session names as in the stats folders). */
  readonly users: readonly LogUser[];
  /** Sessions started or named by a user line, in order. */
  readonly sessions: readonly string[];
  /** `Connection … created` lines; undefined when the generation logs none (2024 →, emulated users). */
  readonly connections?: number;
  readonly exceptions: readonly LogException[];
  /**
   * ERROR `Max participant errors reached: N/M` (2026-07 →, `advanced.maxParticipantErrors`,
   * BrowserEmulatorClient): N distinct participants failed, so the controller stops the test.
   */
  readonly errorLimit?: { readonly reached: number; readonly max: number; readonly line: number };
  /** Lines that looked like controller lines but could not be read. */
  readonly skipped: number;
  readonly lines: number;
  readonly bytes: number;
  readonly diagnostics: Diagnostic[];
}

const ANSI = /\x1b\[[0-9;]*m/g; // eslint-disable-line no-control-regex

/** A line's LOG_STAMP match (its stamp in 0–9 first: latinStamp) and the level after it. */
function stampAndLevel(text: string): { m: RegExpExecArray; level: string } | undefined {
  const t = latinStamp(text);
  const m = LOG_STAMP.exec(t);
  const level = m ? splitLevel(t, m[0].length) : undefined;
  return m && level ? { m, level } : undefined;
}

export function parseLogStamp(text: string, line: number, offset: number): LogStamp | undefined {
  const s = stampAndLevel(text);
  return s && stampOf(s.m, line, offset);
}

/**
 * The instant of a LOG_STAMP match (its wall clock, and its offset when the line has one). A
 * Buddhist-era year (a th-TH JVM's logback 1.2 `SimpleDateFormat`) is read 543 years back.
 */
function stampOf(m: RegExpExecArray, line: number, offset: number): LogStamp {
  const [, y, mo, d, , h, mi, s, ms, zone] = m;
  const wallClock = Date.UTC(
    gregorianYear(Number(y)),
    Number(mo) - 1,
    Number(d),
    Number(h),
    Number(mi),
    Number(s),
    Number(ms),
  );
  return {
    wallClock,
    offsetMinutes: zone === undefined ? undefined : parseOffset(zone),
    line,
    offset,
  };
}

/** The level word after the stamp, or undefined. */
function splitLevel(text: string, afterStamp: number): string | undefined {
  const rest = text.slice(afterStamp, afterStamp + 8).trimStart();
  const level = rest.slice(0, rest.indexOf(' ') < 0 ? rest.length : rest.indexOf(' '));
  return ['TRACE', 'DEBUG', 'INFO', 'WARN', 'ERROR'].includes(level) ? level : undefined;
}

/** The level of a stamped log line (either stamp format), or undefined. */
export function logLevel(text: string): string | undefined {
  return stampAndLevel(text)?.level;
}

/**
 * The message of a log line (after the logger and ' : '); for a line whose stamp is not one the
 * pattern allows, what follows ` --- … : `; else the line itself.
 */
export function logMessage(text: string): string {
  const parts = consoleParts(text);
  if (parts) return parts.message;
  const dashes = text.indexOf(' --- ');
  const colon = dashes < 0 ? -1 : text.indexOf(' : ', dashes);
  return colon < 0 ? text : text.slice(colon + 3);
}

/** Needles of the lines this reader uses (the config block's inner lines aside). */
const NEEDLES = [
  'Participant',
  'EXCEPTION',
  'Received ',
  'Creating ',
  'Connecting user',
  'Connection ',
  'Starting session',
  'Http Status Response',
  'Error: ',
  'Selected worker: ',
  'Starting one session',
];

const ERROR_LIMIT = 'Max participant errors reached: ';
const LOADTEST_MARK = '[LOADTEST mode] ';
/** Needle of the start-up configuration block's opening line (opensConfigBlock). */
const CONFIG_NEEDLE = 'Load Test Parameters';
const ERROR_LIMIT_COUNTS = /^Max participant errors reached: (\d+)\/(\d+)$/;

const PLANNED_SESSIONS = /^The number of session that will be created are (\d+|infinite)\b/;
const USERS_PER_SESSION = /^Each session will be composed by (\d+) users\b/i;

/** Messages that claim to be one of the lines we read; when they do not parse, they count as skipped. */
function claimedKind(message: string): string | undefined {
  if (message.startsWith('Participant ') && message.includes(' failed ')) return 'failure';
  if (message.startsWith('There was an EXCEPTION')) return 'exception';
  if (
    message.startsWith('Creating PUBLISHER') ||
    message.startsWith('Creating SUBSCRIBER') ||
    message.startsWith('Creating participant ') ||
    message.startsWith('Connecting user')
  )
    return 'user';
  if (message.startsWith('Connection ') && message.includes(' created')) return 'connection';
  if (message.startsWith("Starting session '") || message.startsWith("Starting one session '"))
    return 'session';
  if (message.includes('Http Status Response')) return 'http';
  if (message.startsWith(ERROR_LIMIT)) return 'error limit';
  if (message.startsWith('Selected worker:')) return 'worker';
  return undefined;
}

const RANK: Record<LogGeneration, number> = {
  '2021-01': 0,
  '2021-v2': 1,
  '2022': 2,
  '2024': 3,
  '2026': 4,
};

/** A stamped line, taken apart. */
interface Stamped extends LogLineParts {
  readonly stamp: LogStamp;
  readonly iso: boolean;
}

/** Incremental parser: feed lines in order, then `finish`. Kept separate from file I/O for tests. */
export class ControllerLogParser {
  private start?: LogStamp;
  private end?: LogStamp;
  private endWithoutStamp?: number;
  private lastStamp?: LogStamp;
  /** The first line whose stamp was in another script's digits (latinStamp). */
  private nativeDigitsLine?: number;
  /** The first line stamped with a Buddhist-era year, and that year. */
  private buddhistLine?: { readonly line: number; readonly year: number };
  private readonly failures: RawLogFailure[] = [];
  private readonly diagnostics: Diagnostic[] = new DiagnosticList();
  private readonly config: ConfigBlockReader;
  /** Docker, Kubernetes or journald parts before each line (logCollector.ts). */
  private readonly collector: LogCollector;
  private generation?: LogGeneration;
  private readonly users = new Map<string, { user: LogUser; connected: boolean }>();
  private readonly sessions = new Set<string>();
  private connections = 0;
  private readonly exceptions: LogException[] = [];
  private topology?: { sessions?: number | null; usersPerSession?: number; line: number };
  private skipped = 0;
  private firstSkipped?: { line: number; kind: string; text: string };
  private currentSession?: string;
  /** Last user created, per thread (2022 → creates users on pool threads) and overall. */
  private readonly userOfThread = new Map<string, string>();
  private lastUser?: string;
  private readonly userOfConnection = new Map<string, string>();
  /** The worker last selected, per thread (`Selected worker: …`). */
  private readonly workerOfThread = new Map<string, string>();
  /** Failures so far per user key (attempt numbers where the line gives none). */
  private readonly failureCount = new Map<string, number>();
  /** Last forwarded exception per user key, not yet taken by a failure. */
  private readonly pendingCause = new Map<string, { cause: LogCause; eventTime?: number }>();
  private errorLimit?: ControllerLog['errorLimit'];
  /** Lines of the `Starting test with` lines after the first (further test cases). */
  private readonly laterStarts: number[] = [];
  private nextStart: LogStamp | undefined;
  /** The first configuration block after the test started (readLaterConfig). */
  private laterConfigLine?: number;
  /** The last such block, not yet in force: the next test case is read with it. */
  private laterConfig?: ConfigBlockReader;
  /** The first `[LOADTEST mode] …` line (withoutLoadTestMark). */
  private loadTestModeLine?: number;
  /** The test cases read so far, when a second `Starting test with` came (`cases`). */
  private readonly caseLogs: ControllerLog[] = [];
  /** The parser of the current test case from the second on, fed the lines this one reads. */
  private caseParser?: ControllerLogParser;

  /**
   * `shared`: the whole log's configuration block and collector, for the parser of one of its
   * test cases (`caseParser`): the block is printed once, before the first case.
   */
  constructor(
    private readonly file: string,
    shared?: { readonly config: ConfigBlockReader; readonly collector: LogCollector },
  ) {
    this.config = shared?.config ?? new ConfigBlockReader();
    this.collector = shared?.collector ?? new LogCollector();
  }

  /**
   * Every line the parser can still use contains one of these (the config block's inner lines
   * aside). The start and end needles go once found; the config block is printed before the test
   * starts, so its needle goes with the start line.
   */
  needles(): string[] {
    const needles = [...NEEDLES];
    needles.push('Starting test with'); // every one: a log may hold several test cases
    // A later test case's parser needs the lines this one is done with.
    const later = this.caseParser !== undefined;
    if (!this.end || later) needles.push('Saved result in', 'Load Test finished');
    // Every block: a second one means the controller was started again (laterConfigNote).
    needles.push(CONFIG_NEEDLE);
    if (this.topology?.sessions === undefined || later) needles.push('The number of session');
    if (this.topology?.usersPerSession === undefined || later)
      needles.push('Each session will be composed');
    if (!this.errorLimit || later) needles.push(ERROR_LIMIT);
    return needles;
  }

  invalidUtf8(line: number): void {
    const message = 'The log has bytes that are not UTF-8 (first on this line); they read as �.';
    this.diagnostics.push(diagnostic('warning', 'file.notUtf8', this.file, message, { line }));
  }

  /** A line past the line reader's cap: only its first MAX_LINE_BYTES were read. */
  longLine(line: number, bytes: number): void {
    const mib = (n: number) => `${(n / 1048576).toFixed(1)} MiB`;
    const message = `Line of ${mib(bytes)}: only its first ${mib(MAX_LINE_BYTES)} were read (a line that long is not a controller message; anything after that point on it is not counted).`;
    this.diagnostics.push(diagnostic('warning', 'log.longLine', this.file, message, { line }));
  }

  /**
   * The log ends inside its last line: logback ends every line, so the file was copied while the
   * controller wrote it, or cut; that line is read as it is (a failure line cut before its count
   * is not counted).
   */
  cutLastLine(line: number): void {
    this.diagnostics.push(
      diagnostic(
        'warning',
        'log.noFinalLineEnd',
        this.file,
        'The log ends inside this line (no line end, which the controller writes after every line): it was copied while being written, or cut; this line was read as it is.',
        { line },
      ),
    );
  }

  /** Says which encoding and line ends were read, when not plain UTF-8 with LF. */
  textShape(shape: TextShape): void {
    const note = describeText(shape);
    if (note) this.diagnostics.push(diagnostic('info', 'file.encoding', this.file, note));
  }

  get wantsEveryLine(): boolean {
    return this.config.inside || (this.laterConfig?.inside ?? false) || this.collector.deciding;
  }

  /**
   * A configuration block after the test started: the controller was started again in this log
   * (a restart, logs appended). It is read for the test cases that start after it (nextCase).
   */
  private readLaterConfig(message: string, line: number, logger: string | undefined): void {
    if (this.laterConfig?.inside) {
      this.laterConfig.accept(message, line, logger);
      return;
    }
    if (!this.start || !opensConfigBlock(message)) return;
    this.laterConfigLine ??= line;
    this.laterConfig = new ConfigBlockReader();
    this.laterConfig.accept(message, line, logger);
  }

  /** `previous` gives the line before, for a line without a time of its own. */
  accept(raw: string, line: number, offset: number, previous?: () => string | undefined): void {
    const taken = this.collector.take(withoutAnsi(raw), line);
    if (taken === undefined) return;
    const text = latinStamp(taken);
    if (text !== taken) this.nativeDigitsLine ??= line;
    const stamped = this.stamped(text, line, offset);
    const message = stamped?.message ?? text;
    if (!this.config.done) this.config.accept(message, line, stamped?.logger);
    else this.readLaterConfig(message, line, stamped?.logger);
    const at = { line, offset, previous };
    this.read(text, stamped, at);
    // Created by `read` at a later test case's start line, which it reads too.
    this.caseParser?.read(text, stamped, at);
  }

  /** A line already taken apart (`accept`): by this parser, or by one of its test cases'. */
  private read(
    text: string,
    stamped: Stamped | undefined,
    at: { line: number; offset: number; previous?: () => string | undefined },
  ): void {
    if (stamped) {
      this.lastStamp = stamped.stamp;
      this.acceptStamped(stamped);
    } else this.acceptUnstamped(text, at.line, at.offset, at.previous);
  }

  private stamped(text: string, line: number, offset: number): Stamped | undefined {
    // One match per line: splitLogLine checks the level that parseLogStamp would check again.
    const m = LOG_STAMP.exec(text);
    const parts = m ? splitLogLine(text, m[0].length) : undefined;
    if (!m || !parts) return undefined;
    const stamp = stampOf(m, line, offset);
    const year = Number(m[1]);
    if (gregorianYear(year) !== year) this.buddhistLine ??= { line, year };
    return {
      level: parts.level,
      thread: parts.thread,
      logger: parts.logger,
      message: parts.message,
      stamp,
      iso: m[4] === 'T',
    };
  }

  private seen(generation: LogGeneration): void {
    if (this.generation === undefined || RANK[generation] > RANK[this.generation])
      this.generation = generation;
  }

  /** A line without a log prefix: the v2–2024 `System.out` end line, or something unreadable. */
  private acceptUnstamped(
    text: string,
    line: number,
    offset: number,
    previous?: () => string | undefined,
  ): void {
    if (text.startsWith('Saved result in ')) {
      this.seen('2021-v2');
      this.endFromPrevious(text, line, offset, previous);
      return;
    }
    const message = logMessage(text);
    const kind = claimedKind(message) ?? (matchFailedTimes(text) ? 'failure' : undefined);
    if (!kind) return;
    if (kind === 'failure')
      this.diagnostics.push(
        diagnostic(
          'warning',
          'log.badTimestamp',
          this.file,
          "The failure line has no timestamp the controller's log pattern allows; ignored.",
          { line },
        ),
      );
    this.skip(line, kind, text);
  }

  /** `Saved result in a …` printed by System.out: its time is that of the log line before it. */
  private endFromPrevious(
    text: string,
    line: number,
    offset: number,
    previous?: () => string | undefined,
  ): void {
    if (this.end) return;
    const before = previous?.();
    const clean = before === undefined ? undefined : this.collector.own(withoutAnsi(before));
    const stamp = (clean && parseLogStamp(clean, line - 1, 0)) || this.lastStamp;
    if (!stamp) {
      this.skip(line, 'end', text);
      return;
    }
    this.end = { ...stamp, line, offset };
    this.endWithoutStamp = line;
  }

  private skip(line: number, kind: string, text: string): void {
    this.skipped++;
    this.firstSkipped ??= { line, kind, text: text.length > 160 ? `${text.slice(0, 160)}…` : text };
  }

  private acceptStamped(stamped: Stamped): void {
    const l = this.withoutLoadTestMark(stamped);
    if (l.iso) this.seen('2026');
    const m = l.message;
    if (m.startsWith('Starting test with ')) {
      if (this.start) {
        this.laterStarts.push(l.stamp.line);
        this.nextStart ??= l.stamp;
        this.nextCase();
      } else this.start = l.stamp;
      return;
    }
    if (!this.end && (m.startsWith('Saved result in ') || m.startsWith('Load Test finished'))) {
      this.end = l.stamp;
      if (m.startsWith('Saved result in a ')) this.seen('2024');
      return;
    }
    if (!this.readMessage(l)) {
      const kind = claimedKind(m);
      if (kind) this.skip(l.stamp.line, kind, m);
    }
  }

  /**
   * LOADTEST mode (2026-07 →, LoadTestModeOrchestrator: LiveKit's `lk load-test` makes the
   * participants) marks its one-session start lines and its rooms `[LOADTEST mode] …`: read
   * without the mark, and said once (`log.loadTestMode`).
   */
  private withoutLoadTestMark(l: Stamped): Stamped {
    if (!l.message.startsWith(LOADTEST_MARK)) return l;
    this.loadTestModeLine ??= l.stamp.line;
    return { ...l, message: l.message.slice(LOADTEST_MARK.length) };
  }

  /** True when the message was one of ours and was read. */
  private readMessage(l: Stamped): boolean {
    const m = l.message;
    if (m.startsWith('Starting session ') || m.startsWith('Starting one session '))
      return this.readSession(m);
    if (m.startsWith('The number of session') || m.startsWith('Each session will be composed'))
      return this.readTopology(m, l.stamp.line);
    if (m.startsWith('Creating ') || m.startsWith('Connecting user')) return this.readUser(l);
    if (m.startsWith('Selected worker: ')) {
      const worker = m.slice('Selected worker: '.length).trim();
      if (worker) this.workerOfThread.set(l.thread, worker);
      else this.workerOfThread.delete(l.thread);
      return worker !== '';
    }
    if (m.startsWith('Connection ')) return this.readConnection(l);
    if (m.startsWith('Received ')) return this.readReceived(l);
    if (m.startsWith('There was an EXCEPTION')) return this.readExceptionFailure(l);
    if (m.includes('Http Status Response')) return this.readHttpFailure(l);
    if (m.startsWith('Participant ')) return this.readFailedTimes(l);
    if (m.startsWith('Error: ') && l.level === 'WARN') this.workerRefused(l);
    if (m.startsWith(ERROR_LIMIT)) return this.readErrorLimit(m, l.stamp.line);
    return false;
  }

  /** The first `Max participant errors reached: N/M`: the controller stops the test there. */
  private readErrorLimit(m: string, line: number): boolean {
    const counts = ERROR_LIMIT_COUNTS.exec(m.trimEnd());
    if (!counts) return false;
    this.errorLimit ??= { reached: Number(counts[1]), max: Number(counts[2]), line };
    return true;
  }

  private readSession(m: string): boolean {
    const close = m.lastIndexOf("'");
    const open = m.indexOf("'");
    if (open < 0 || close <= open) return false;
    const name = m.slice(open + 1, close);
    this.currentSession = name;
    this.sessions.add(name);
    return true;
  }

  /** The planned sessions or users per session (the first line of each kind counts). */
  private readTopology(m: string, line: number): boolean {
    const t = (this.topology ??= { line });
    const sessions = PLANNED_SESSIONS.exec(m);
    if (sessions && t.sessions === undefined) {
      t.sessions = sessions[1] === 'infinite' ? null : Number(sessions[1]);
      return true;
    }
    const users = USERS_PER_SESSION.exec(m);
    if (users && t.usersPerSession === undefined) t.usersPerSession = Number(users[1]);
    return true;
  }

  private configValue(key: string): string | undefined {
    return this.config.entries.find(e => e.key === key)?.value || undefined;
  }

  private readUser(l: Stamped): boolean {
    const created = matchCreatedUser(l.message);
    if (!created) return false;
    const userPrefix = created.numbers ? (this.configValue('Username Prefix') ?? 'User') : '';
    const sessionPrefix = created.numbers
      ? (this.configValue('Session Name Prefix') ?? 'LoadTestSession')
      : '';
    const user = userPrefix + created.user;
    const session =
      created.session !== undefined ? sessionPrefix + created.session : this.currentSession;
    if (l.message.startsWith('Connecting user')) this.seen('2021-01');
    else if (created.numbers) this.seen('2022');
    else this.seen(created.session === undefined ? '2021-v2' : '2024');
    if (session === undefined) return false;
    this.sessions.add(session);
    const key = userKey(session, user);
    const worker = created.numbers ? this.workerOfThread.get(l.thread) : undefined;
    const known = this.users.get(key);
    // `Creating PUBLISHER 'User1' in session S` (the controller) comes first, then the client's
    // `Creating participant 1 in session 1` after its `Selected worker`.
    if (known && worker && known.user.worker === undefined) known.user = { ...known.user, worker };
    if (!known)
      this.users.set(key, {
        user: {
          user,
          session,
          line: l.stamp.line,
          connected: false,
          role: created.role,
          ...(worker ? { worker } : {}),
        },
        connected: false,
      });
    this.userOfThread.set(l.thread, key);
    this.lastUser = key;
    return true;
  }

  private readConnection(l: Stamped): boolean {
    const c = matchConnection(l.message);
    if (!c) return l.message.includes(' created') ? false : true;
    this.connections++;
    const key =
      c.user !== undefined && c.session !== undefined
        ? userKey(c.session, c.user)
        : (this.userOfThread.get(l.thread) ?? this.lastUser);
    if (key === undefined) return true;
    this.userOfConnection.set(c.connectionId, key);
    const u = this.users.get(key);
    if (u) u.connected = true;
    return true;
  }

  /** `Received message: {…}` (v2, INFO), `Received exception[ from …]: {…}`, `Received sessionDisconnected from …: {…}`. */
  private readReceived(l: Stamped): boolean {
    const m = l.message;
    const exception = m.startsWith('Received exception');
    const lost = m.startsWith('Received sessionDisconnected');
    if (m.startsWith('Received message: ')) this.seen('2021-v2');
    else if (exception) this.seen('2022');
    const body = parseEventBody(m);
    const isException = exception || lost || body?.event === 'exception';
    if (!isException) return true;
    const key =
      body?.participant !== undefined && body.session !== undefined
        ? userKey(body.session, body.participant)
        : body?.connectionId !== undefined
          ? this.userOfConnection.get(body.connectionId)
          : undefined;
    const cause = lost && !body ? 'disconnected' : causeOf(body, m);
    const owner = key ? this.users.get(key)?.user : undefined;
    const eventTime = body?.timestamp === undefined ? NaN : Date.parse(body.timestamp);
    const timed = Number.isFinite(eventTime) ? { eventTime } : {};
    this.exceptions.push({
      stamp: l.stamp,
      cause,
      name: body?.name,
      reason: body?.reason,
      connectionId: body?.connectionId,
      user: owner?.user ?? body?.participant,
      session: owner?.session ?? body?.session,
      ...timed,
    });
    if (key) this.pendingCause.set(key, { cause, ...timed });
    return true;
  }

  /** v2 → 2024-03: the exception stops the next user's creation; the failure is the exception's user. */
  private readExceptionFailure(l: Stamped): boolean {
    this.seen('2021-v2');
    const body = parseEventBody(l.message);
    const byConnection =
      body?.connectionId !== undefined ? this.userOfConnection.get(body.connectionId) : undefined;
    const key = byConnection ?? this.userOfThread.get(l.thread) ?? this.lastUser;
    return this.addFailure(l, key, causeOf(body, l.message), 'exception');
  }

  /** 2021-01/02: `Http Status Response <code>` for the user being connected. */
  private readHttpFailure(l: Stamped): boolean {
    if (!/Http Status Response \d{3}\b/.test(l.message)) return false;
    const key = this.userOfThread.get(l.thread) ?? this.lastUser;
    return this.addFailure(l, key, 'no browser event', 'httpStatus');
  }

  /** WARN `Error: <body>`: the worker refused the user created on this thread (the cause of the next failure). */
  private workerRefused(l: Stamped): void {
    const key = this.userOfThread.get(l.thread);
    if (key) this.pendingCause.set(key, { cause: 'no browser event' });
  }

  private readFailedTimes(l: Stamped): boolean {
    const f = matchFailedTimes(l.message);
    if (!f) return !l.message.includes(' failed ');
    this.seen(l.iso ? '2026' : '2024');
    const key = userKey(f.session, f.user);
    const pending = this.pendingCause.get(key);
    this.pendingCause.delete(key);
    this.failureCount.set(key, f.attempts);
    this.failures.push({
      user: f.user,
      session: f.session,
      attempts: f.attempts,
      stamp: l.stamp,
      cause: pending?.cause,
      ...(pending?.eventTime !== undefined ? { eventTime: pending.eventTime } : {}),
      via: 'failedTimes',
    });
    return true;
  }

  private addFailure(
    l: Stamped,
    key: string | undefined,
    cause: LogCause,
    via: FailureVia,
  ): boolean {
    const u = key ? this.users.get(key)?.user : undefined;
    if (!key || !u) return false;
    const attempts = (this.failureCount.get(key) ?? 0) + 1;
    this.failureCount.set(key, attempts);
    this.pendingCause.delete(key);
    this.failures.push({ user: u.user, session: u.session, attempts, stamp: l.stamp, cause, via });
    return true;
  }

  finish(lines: number, bytes: number): ControllerLog {
    this.finishDiagnostics();
    const cases = this.caseParser
      ? [...this.caseLogs, this.caseParser.caseLog()].map((c, i, all) => ({
          ...c,
          nextStart: all[i + 1]?.start,
          lines,
          bytes,
        }))
      : undefined;
    return {
      ...this.result(lines, bytes),
      diagnostics: this.diagnostics,
      ...(cases ? { cases } : {}),
    };
  }

  /** At a later test case's start line: the case read so far is done, the next one begins. */
  private nextCase(): void {
    const current = this.caseParser ?? this;
    this.caseLogs.push(current.caseLog());
    // The block in force: a later one printed since, else the current case's.
    const config = this.laterConfig ?? current.config;
    this.laterConfig = undefined;
    this.caseParser = new ControllerLogParser(this.file, { config, collector: this.collector });
  }

  /** What this parser has read so far, as one test case's log (copied: reading goes on). */
  private caseLog(): ControllerLog {
    const read = this.result(0, 0);
    return {
      ...read,
      failures: [...read.failures],
      exceptions: [...read.exceptions],
      diagnostics: [],
    };
  }

  /** The log read so far, its findings aside. */
  private result(lines: number, bytes: number): Omit<ControllerLog, 'diagnostics'> {
    return {
      config: this.config.entries,
      ...(this.topology
        ? {
            topology: {
              sessions: this.topology.sessions ?? null,
              usersPerSession: this.topology.usersPerSession ?? null,
              line: this.topology.line,
            },
          }
        : {}),
      start: this.start,
      end: this.end,
      ...(this.nextStart ? { nextStart: this.nextStart } : {}),
      failures: this.failures,
      generation: this.generation,
      users: [...this.users.values()].map(u => ({ ...u.user, connected: u.connected })),
      sessions: [...this.sessions],
      connections:
        this.connections > 0 || (this.generation && RANK[this.generation] < RANK['2024'])
          ? this.connections
          : undefined,
      exceptions: this.exceptions,
      ...(this.errorLimit ? { errorLimit: this.errorLimit } : {}),
      skipped: this.skipped,
      lines,
      bytes,
    };
  }

  /**
   * The controller runs every test case of its `test_cases.json` in one process, each from its
   * `Starting test with` to its `Saved result in`; a result root has one test case per log.
   */
  private moreTestCases(): Diagnostic {
    const lines = this.laterStarts;
    const shown = lines.slice(0, 5).join(', ') + (lines.length > 5 ? ', …' : '');
    const first = `line ${this.start?.line}${this.end ? `–${this.end.line}` : ''}`;
    return diagnostic(
      'warning',
      'log.moreTestCases',
      this.file,
      `This log holds ${lines.length + 1} test cases ("Starting test with" also on line${lines.length > 1 ? 's' : ''} ${shown}); a result root has one per log. The notebook profile reads them as one test, as the notebook does: the first one's start and end (${first}), with the failure lines, users and events of all of them. The default profile reads each test case as a test of its own (the later ones named after the test with #2, #3, …).`,
      { line: lines[0] as number },
    );
  }

  /**
   * The controller printed its configuration again after the test started: a second process
   * in the same log (a restart, logs appended).
   */
  private laterConfigNote(): Diagnostic[] {
    if (this.laterConfigLine === undefined) return [];
    const first = this.config.entries[0]?.line;
    const message = `A second configuration block starts here: the controller was started again, with a configuration of its own, in this log. The test cases that start after it are read with it (the default profile's tests); the whole log, as the notebook profile reads it, keeps the first block${first === undefined ? '' : ` (line ${first})`}, also for the user and session name prefixes of a 2022-2024 log's "Creating participant N in session M" lines.`;
    return [
      diagnostic('info', 'log.laterConfig', this.file, message, { line: this.laterConfigLine }),
    ];
  }

  /** A LOADTEST-mode log names rooms, not users (withoutLoadTestMark). */
  private loadTestModeNote(): Diagnostic[] {
    if (this.loadTestModeLine === undefined) return [];
    const message =
      "The test ran in LOADTEST mode (2026-07 on: LiveKit's lk load-test makes the participants, one process per room): the controller logs its rooms and load-test chunks, not its users, so users, connections and failures of those participants are not counted from this log. The run folder's reports (report-<ts>.html, results-<ts>.txt) hold them: open the run folder.";
    return [
      diagnostic('info', 'log.loadTestMode', this.file, message, { line: this.loadTestModeLine }),
    ];
  }

  /** What the JVM's locale did to the stamps, once each (jvmLocale.ts). */
  private localeDiagnostics(): Diagnostic[] {
    const out: Diagnostic[] = [];
    if (this.nativeDigitsLine !== undefined)
      out.push(
        diagnostic(
          'info',
          'log.nativeDigits',
          this.file,
          "The log's times are written in the digits of the controller JVM's locale (logback's SimpleDateFormat); they are read as 0–9.",
          { line: this.nativeDigitsLine },
        ),
      );
    const b = this.buddhistLine;
    if (b)
      out.push(
        diagnostic(
          'info',
          'log.buddhistEra',
          this.file,
          `The log's times are in the Thai Buddhist calendar (a th-TH JVM's SimpleDateFormat): ${b.year} is read as ${b.year - BUDDHIST_OFFSET}, every year ${BUDDHIST_OFFSET} years back.`,
          { line: b.line },
        ),
      );
    return out;
  }

  private finishDiagnostics(): void {
    this.diagnostics.push(...this.collector.diagnostics(this.file));
    this.diagnostics.push(
      ...this.localeDiagnostics(),
      ...this.loadTestModeNote(),
      ...this.laterConfigNote(),
    );
    if (this.skipped > 0 && this.firstSkipped) {
      const f = this.firstSkipped;
      this.diagnostics.push(
        diagnostic(
          'warning',
          'log.skippedLines',
          this.file,
          `${this.skipped} line(s) look like controller lines but could not be read and are not counted ` +
            `(first on line ${f.line}, a ${f.kind} line: "${f.text}").`,
          { line: f.line },
        ),
      );
    }
    if (this.laterStarts.length > 0) this.diagnostics.push(this.moreTestCases());
    if (this.endWithoutStamp !== undefined)
      this.diagnostics.push(
        diagnostic(
          'info',
          'log.endWithoutTime',
          this.file,
          '"Saved result in …" is printed without a time by this controller generation (System.out); ' +
            'the test end is taken from the log line before it.',
          { line: this.endWithoutStamp },
        ),
      );
    if (!this.start) {
      this.diagnostics.push(
        diagnostic(
          'warning',
          'log.noStartLine',
          this.file,
          'No "Starting test with …" line: the test start is taken from the first event instead.',
        ),
      );
    }
    if (!this.end) {
      this.diagnostics.push(
        diagnostic(
          'warning',
          'log.noEndLine',
          this.file,
          'No "Saved result in …" line (test stopped early?): the test end is taken from the last event instead.',
        ),
      );
    }
  }
}

function withoutAnsi(text: string): string {
  return text.includes('\x1b') ? text.replace(ANSI, '') : text;
}

function userKey(session: string, user: string): string {
  return `${session}\u0000${user}`;
}

export function parseControllerLogText(text: string, file: string): ControllerLog {
  const parser = new ControllerLogParser(file);
  const lines = textLines(text.startsWith('\ufeff') ? text.slice(1) : text);
  lines.forEach((l, i) => parser.accept(l.text, l.line, l.offset, () => lines[i - 1]?.text));
  if (/[^\r\n]$/.test(text)) parser.cutLastLine(lines.length);
  return parser.finish(lines.length, Buffer.byteLength(text, 'utf8'));
}

export async function readControllerLog(
  file: string,
  signal?: AbortSignal,
): Promise<ControllerLog> {
  const parser = new ControllerLogParser(file);
  try {
    const { lines, bytes, cutLine, ...shape } = await scanLines(file, {
      needles: () => parser.needles(),
      visit: (t, l, o, previous) => parser.accept(t, l, o, previous),
      wantsEveryLine: () => parser.wantsEveryLine,
      onInvalidUtf8: line => parser.invalidUtf8(line),
      onLongLine: (line, _offset, bytes) => parser.longLine(line, bytes),
      signal,
    });
    parser.textShape(shape);
    if (cutLine !== undefined) parser.cutLastLine(cutLine);
    return parser.finish(lines, bytes);
  } catch (err) {
    const result = parser.finish(0, 0);
    result.diagnostics.push(readFailure(file, err, 'log'));
    return result;
  }
}
