/**
 * The controller's console log of a run, kept only for what validity needs: WARN and ERROR
 * lines (set-up failures, request timeouts, refused participants) and the test-case markers.
 * Every log format is read (FORMATS.md §2.1, docs/controller-logs.md), with LF, CRLF or CR-only
 * line ends; a line without an offset is read in the run's zone (DST-correct for an IANA zone).
 * Lines are taken apart without backtracking regular expressions (linear in the line's length).
 */
import { logLevel, logMessage, parseLogStamp } from '../ingest/controllerLog';
import { textLines } from '../ingest/lineReader';
import { isControllerLine, LogCollector } from '../ingest/logCollector';
import type { Diagnostic } from '../model/diagnostic';
import { maxOf, minOf } from '../../shared/arrays';
import { stampToUtc } from '../ingest/timezone';
import type { Zone } from '../../shared/zone';
import type { LogRecord } from '../model/run';

const LEVELS = new Set(['TRACE', 'DEBUG', 'INFO', 'WARN', 'ERROR']);
const KEEP_INFO = [
  'Starting test with',
  'Saved result in',
  'Participants disconnected',
  'Deleting all participants',
];

/**
 * Spring Boot's first line of a controller process (`StartupInfoLogger`): `Starting
 * LoadTestApplication v5.0.1 using Java 21.0.8 with PID 1 (…)`; 2.4 adds `on <host>`.
 */
const PROCESS_START = /^Starting \S+ (?:v\S+ )?using Java /;

const ANSI = /\x1b\[[0-9;]*m/g; // eslint-disable-line no-control-regex

/** The level after the stamp (either format), else the word after the first run of non-blanks. */
function levelOf(line: string): string | undefined {
  const stamped = logLevel(line);
  if (stamped) return stamped;
  const stampEnd = line.search(/\s/);
  if (stampEnd <= 0) return undefined;
  const rest = line.slice(stampEnd, stampEnd + 8).trimStart();
  const level = rest.split(' ', 1)[0] ?? '';
  return LEVELS.has(level) ? level : undefined;
}

/** A run folder's log as read: the records validity needs and what the reading found. */
export interface RunLogText {
  readonly records: LogRecord[];
  readonly diagnostics: Diagnostic[];
  /** The log holds a loadtest-controller line (its console pattern and one of its loggers). */
  readonly fromController: boolean;
}

/**
 * The records validity needs; a log captured through Docker, Kubernetes or journald is read
 * without the collector's part of each line, and the diagnostics say so.
 */
export function readRunLog(text: string, zone: Zone, file: string): RunLogText {
  const records: LogRecord[] = [];
  const collector = new LogCollector();
  let fromController = false;
  for (const { text: whole, line } of textLines(text.replace(ANSI, ''))) {
    const raw = collector.take(whole, line);
    if (raw === undefined) continue;
    fromController ||= isControllerLine(raw);
    const level = levelOf(raw);
    if (!level) continue;
    const message = logMessage(raw);
    const kept = KEEP_INFO.some(k => message.includes(k)) || PROCESS_START.test(message);
    if (level !== 'WARN' && level !== 'ERROR' && !kept) continue;
    const stamp = parseLogStamp(raw, line, 0);
    const t = stamp ? stampToUtc(stamp, zone) : undefined;
    const local = stamp !== undefined && stamp.offsetMinutes === undefined;
    records.push({ t, level, message, line, ...(local ? { local } : {}) });
  }
  return { records, diagnostics: collector.diagnostics(file), fromController };
}

/** `readRunLog`'s records alone. */
export function parseRunLog(text: string, zone: Zone): LogRecord[] {
  return readRunLog(text, zone, '').records;
}

/** The lines of one controller process: from its start line to the next one. */
interface ProcessLines {
  /** Its `Starting … using Java` record; none for the lines before the log's first. */
  readonly start?: LogRecord;
  readonly records: readonly LogRecord[];
}

/** The log cut at each controller start (lines before the first one make a process too). */
function processesOf(records: readonly LogRecord[]): ProcessLines[] {
  const out: { start?: LogRecord; records: LogRecord[] }[] = [{ records: [] }];
  for (const r of records) {
    if (r.level === 'INFO' && PROCESS_START.test(r.message)) out.push({ start: r, records: [] });
    out[out.length - 1]!.records.push(r);
  }
  return out.filter(p => p.records.length > 0);
}

/** How far outside a run's span its process's lines may be (the start line comes at its start). */
const SLACK_MS = 60_000;

/** The span of a run: its first test case's start and its last one's padded end, when known. */
export interface RunSpan {
  readonly start?: number;
  readonly end?: number;
  /**
   * How far off both may be: when the run's zone was assumed (no file told it), its report times
   * may be off by any offset there is, up to 14 hours.
   */
  readonly uncertainMs?: number;
}

/** Some of the process's timed lines fall in the run's span (give or take SLACK_MS). */
function overlaps(p: ProcessLines, span: RunSpan): boolean {
  const times = p.records.flatMap(r => (r.t === undefined ? [] : [r.t]));
  if (times.length === 0 || span.start === undefined) return true;
  const first = minOf(times);
  const last = maxOf(times);
  const slack = SLACK_MS + (span.uncertainMs ?? 0);
  return last >= span.start - slack && (span.end === undefined || first <= span.end + slack);
}

export interface RunProcess {
  /** The run's own lines: every line when the log cannot tell. */
  readonly records: readonly LogRecord[];
  /** Controller processes the log holds (with the lines before its first start, if any). */
  readonly processes: number;
  /** The run's process; undefined when none of the log is the run's. */
  readonly own?: ProcessLines;
}

/**
 * The lines of the controller process that ran a run. A log may hold several: a container
 * restarted keeps its log (`docker compose logs` gives every start), a capture appended to; and a
 * folder that keeps earlier runs' reports (the e2e script's `--keep-results`) holds the last
 * run's log only. The run's process is the last one started by the run's start; its lines must
 * reach into the run's span, else the log holds none of the run. Lines read in an assumed zone
 * (no offset in them) are not placed in time: the whole log is kept, as before.
 */
export function runProcess(records: readonly LogRecord[], span: RunSpan): RunProcess {
  const processes = processesOf(records);
  const all = { records, processes: processes.length, own: { records } };
  if (
    span.start === undefined ||
    records.some(r => r.local) ||
    records.every(r => r.t === undefined)
  )
    return all;
  const latest = span.start + (span.uncertainMs ?? 0);
  const startedBy = processes.filter(p => p.start?.t === undefined || p.start.t <= latest);
  const own = startedBy[startedBy.length - 1];
  if (!own || !overlaps(own, span)) return { records: [], processes: processes.length };
  return { records: own.records, processes: processes.length, own };
}
