/**
 * One line of the loadtest-controller's console log, taken apart without backtracking: every
 * function here scans its line a bounded number of times (indexOf / startsWith), so a line of
 * any length costs time proportional to its length. The message shapes are those of every
 * controller generation (docs/controller-logs.md), e.g.
 *   `Participant User2 in session LoadTestSession1 failed 1 times`   (2024-03 →)
 *   `There was an EXCEPTION: {"event":"exception",…}`                  (2021-04 → 2024-03)
 *   `Creating PUBLISHER 'User1' in session` / `… in session LoadTestSession1`
 *   `Creating participant 1 in session 1`, `Connecting user: 'User0' into session: 'S1'`
 *   `Connection con_… created` (`… for user U and session S`)
 */
import { latinDigits } from './jvmLocale';

/** A failure cause read from the log (a subset of the failure taxonomy's causes). */
export type LogCause = 'ice' | 'exception' | 'disconnected' | 'no browser event';

/** A stamped log line: the stamp text is parsed by `parseLogStamp`; here its parts after it. */
export interface LogLineParts {
  readonly level: string;
  readonly thread: string;
  /** The logger as the pattern printed it (`i.o.l.config.LoadTestConfig`). */
  readonly logger: string;
  readonly message: string;
}

/**
 * The time at the start of a console line: `yyyy-MM-dd HH:mm:ss.SSS` (Spring Boot 2) or
 * `yyyy-MM-dd'T'HH:mm:ss.SSSXXX` (3.2+), followed by blanks and the level.
 */
export const LOG_STAMP =
  /^(\d{4})-(\d{2})-(\d{2})([ T])(\d{2}):(\d{2}):(\d{2})[.,](\d{3})(Z|[+-]\d{2}:?\d{2})?(?=\s)/;

const LEVELS = new Set(['TRACE', 'DEBUG', 'INFO', 'WARN', 'ERROR']);

/** Counts characters scanned, for the linearity test (no timing). */
export interface ScanSteps {
  n: number;
}

/** `lastIndexOf` that adds what it scanned to `steps`. */
function findLast(text: string, needle: string, before: number, steps?: ScanSteps): number {
  const at = text.lastIndexOf(needle, before);
  if (steps) steps.n += before - Math.max(at, 0) + needle.length;
  return at;
}

/**
 * Level, thread and message of a Spring Boot console line whose stamp ends at `afterStamp`:
 * `<stamp> <LEVEL> <pid> --- [app] [thread] <logger> : <message>`. Undefined when the line does
 * not have that shape.
 */
export function splitLogLine(text: string, afterStamp: number): LogLineParts | undefined {
  let p = afterStamp;
  while (text.charCodeAt(p) === 32 || text.charCodeAt(p) === 9) p++;
  const levelEnd = text.indexOf(' ', p);
  const level = levelEnd < 0 ? '' : text.slice(p, levelEnd);
  if (!LEVELS.has(level)) return undefined;
  const dashes = text.indexOf(' --- ', levelEnd);
  if (dashes < 0) return undefined;
  const colon = text.indexOf(' : ', dashes);
  if (colon < 0) return undefined;
  const close = text.lastIndexOf(']', colon);
  const open = close > dashes ? text.lastIndexOf('[', close) : -1;
  const thread = open > dashes ? text.slice(open + 1, close).trim() : '';
  const logger = text.slice(close > dashes ? close + 1 : dashes + 5, colon).trim();
  return { level, thread, logger, message: text.slice(colon + 3) };
}

/** Characters of the longest stamp (`2026-07-01T10:00:00.000+03:00`). */
const STAMP_CHARS = 29;

/**
 * A line whose stamp the JVM printed in the digits of its locale (logback 1.2's
 * `SimpleDateFormat` in ar-EG, fa-IR, bn, mr…: `٢٠٢٤-٠٦-٢٠ ١٢:١٥:٠٠.٠٠٠`), its stamp in 0–9; other
 * lines as they are. The message keeps its own digits: SLF4J prints numbers with `String.valueOf`.
 */
export function latinStamp(text: string): string {
  if (text.length === 0 || text.charCodeAt(0) < 0x80) return text;
  const head = latinDigits(text.slice(0, STAMP_CHARS));
  return head.examples.length > 0 ? head.text + text.slice(STAMP_CHARS) : text;
}

/** Level, thread, logger and message of a line in the controller's console pattern, else undefined. */
export function consoleParts(text: string): LogLineParts | undefined {
  const t = latinStamp(text);
  const m = LOG_STAMP.exec(t);
  return m ? splitLogLine(t, m[0].length) : undefined;
}

export interface FailedTimes {
  readonly user: string;
  readonly session: string;
  readonly attempts: number;
}

/**
 * `Participant <user> in session <session> failed <n> times` anywhere in the line, as the
 * notebook's `Participant (.*) in session (.*) failed (\d+) times` reads it (greedy groups: the
 * last ` in session ` before the last ` failed <n> times`), in linear time.
 */
export function matchFailedTimes(text: string, steps?: ScanSteps): FailedTimes | undefined {
  const failed = lastFailedTimes(text, steps);
  if (failed < 0) return undefined;
  const inSession = findLast(text, ' in session ', failed, steps);
  if (inSession < 0) return undefined;
  const start = findLast(text, 'Participant ', inSession, steps);
  if (start < 0) return undefined;
  const digitsEnd = text.indexOf(' times', failed + 8);
  if (steps) steps.n += digitsEnd - failed;
  return {
    user: text.slice(start + 'Participant '.length, inSession),
    session: text.slice(inSession + ' in session '.length, failed),
    attempts: Number(text.slice(failed + 8, digitsEnd)),
  };
}

/**
 * Start of the last ` failed <digits> times` of the line, or -1. Each candidate is checked over
 * its own digit run, and the runs of distinct candidates do not overlap: linear in all.
 */
function lastFailedTimes(text: string, steps?: ScanSteps): number {
  let failed = findLast(text, ' failed ', text.length, steps);
  while (failed >= 0) {
    let p = failed + 8;
    while (p < text.length && text.charCodeAt(p) >= 48 && text.charCodeAt(p) <= 57) p++;
    if (steps) steps.n += p - failed - 8 + 6;
    if (p > failed + 8 && text.startsWith(' times', p)) return failed;
    failed = failed > 0 ? findLast(text, ' failed ', failed - 1, steps) : -1;
  }
  return -1;
}

/** The text between the first `open` and the next `close` after it. */
function between(text: string, open: string, close: string, from = 0): string | undefined {
  const a = text.indexOf(open, from);
  if (a < 0) return undefined;
  const b = text.indexOf(close, a + open.length);
  return b < 0 ? undefined : text.slice(a + open.length, b);
}

export interface CreatedUser {
  /** `User1`, or a bare number (`Creating participant 1 in session 1`) that needs the prefix. */
  readonly user: string;
  /** Undefined when the line names no session (v2: `… in session` and nothing after). */
  readonly session?: string;
  /** The line gave numbers only. */
  readonly numbers: boolean;
  /** `Creating PUBLISHER` / `Creating SUBSCRIBER`; undefined when the line does not say. */
  readonly role?: 'publisher' | 'subscriber';
}

/** A user creation line of any generation, or undefined. */
export function matchCreatedUser(message: string): CreatedUser | undefined {
  if (message.startsWith('Connecting user: ')) {
    const user = between(message, "'", "'");
    const session = between(message, "into session: '", "'");
    return user !== undefined && session !== undefined
      ? { user, session, numbers: false }
      : undefined;
  }
  if (message.startsWith('Creating participant ')) {
    const rest = message.slice('Creating participant '.length).trim();
    const at = rest.indexOf(' in session ');
    const user = rest.slice(0, at);
    const session = rest.slice(at + ' in session '.length).trim();
    return at > 0 && /^\d+$/.test(user) && /^\d+$/.test(session)
      ? { user, session, numbers: true }
      : undefined;
  }
  const role =
    message.startsWith('Creating PUBLISHER ') || message.startsWith('Creating SUBSCRIBER ');
  if (!role) return undefined;
  const open = message.indexOf("'");
  const close = open < 0 ? -1 : message.indexOf("' in session", open + 1);
  if (close < 0) return undefined;
  const session = message.slice(close + "' in session".length).trim();
  return {
    user: message.slice(open + 1, close),
    session: session === '' ? undefined : session,
    numbers: false,
    role: message.startsWith('Creating PUBLISHER') ? 'publisher' : 'subscriber',
  };
}

export interface CreatedConnection {
  readonly connectionId: string;
  readonly user?: string;
  readonly session?: string;
}

/** `Connection <id> created` or `Connection <id> created for user <u> and session <s>`. */
export function matchConnection(message: string): CreatedConnection | undefined {
  if (!message.startsWith('Connection ')) return undefined;
  const rest = message.slice('Connection '.length);
  const space = rest.indexOf(' ');
  if (space <= 0) return undefined;
  const connectionId = rest.slice(0, space);
  const after = rest.slice(space + 1).trim();
  if (after === 'created') return { connectionId };
  if (!after.startsWith('created for user ')) return undefined;
  const and = after.lastIndexOf(' and session ');
  if (and < 0) return undefined;
  return {
    connectionId,
    user: after.slice('created for user '.length, and),
    session: after.slice(and + ' and session '.length),
  };
}

/** What a browser event forwarded in the log says (fields absent in older generations). */
export interface ExceptionBody {
  readonly event?: string;
  readonly name?: string;
  readonly reason?: string;
  readonly connectionId?: string;
  readonly participant?: string;
  readonly session?: string;
  /** The browser's own ISO time of the event (2022 → ; v2.1.0 forwarded none). */
  readonly timestamp?: string;
}

function stringField(o: Record<string, unknown>, key: string): string | undefined {
  const v = o[key];
  return typeof v === 'string' ? v : undefined;
}

/** The JSON object that starts at the first `{` of `text`, or undefined. */
export function parseEventBody(text: string): ExceptionBody | undefined {
  const brace = text.indexOf('{');
  if (brace < 0) return undefined;
  try {
    const o: unknown = JSON.parse(text.slice(brace));
    if (typeof o !== 'object' || o === null || Array.isArray(o)) return undefined;
    const r = o as Record<string, unknown>;
    return {
      event: stringField(r, 'event'),
      name: stringField(r, 'name'),
      reason: stringField(r, 'reason'),
      connectionId: stringField(r, 'connectionId'),
      participant: stringField(r, 'participant'),
      session: stringField(r, 'session'),
      timestamp: stringField(r, 'timestamp'),
    };
  } catch {
    return undefined;
  }
}

/**
 * Cause of a forwarded browser event. openvidu-browser names its ICE exceptions
 * ICE_CANDIDATE_ERROR / ICE_CONNECTION_FAILED; before 2024 the browser-emulator sent no `name`,
 * only `reason`, whose text for ICE_CANDIDATE_ERROR is "…processing an ICE candidate…".
 */
export function causeOf(body: ExceptionBody | undefined, raw: string): LogCause {
  const name = body?.name ?? '';
  if (name.startsWith('ICE_')) return 'ice';
  const event = body?.event ?? '';
  if (event === 'sessionDisconnected' || event === 'Disconnected') return 'disconnected';
  const reason = body?.reason ?? (body ? '' : raw);
  if (/\bICE candidate\b|IceConnectionState/i.test(reason)) return 'ice';
  return 'exception';
}
