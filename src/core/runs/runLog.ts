/**
 * The controller's console log of a run, kept only for what validity needs: WARN and ERROR
 * lines (set-up failures, request timeouts, refused participants) and the test-case markers.
 * Every log format is read (FORMATS.md §2.1, docs/controller-logs.md), with LF, CRLF or CR-only
 * line ends; a line without an offset is read in the run's zone (DST-correct for an IANA zone).
 * Lines are taken apart without backtracking regular expressions (linear in the line's length).
 */
import { logLevel, logMessage, parseLogStamp } from '../ingest/controllerLog';
import { textLines } from '../ingest/lineReader';
import { LogCollector } from '../ingest/logCollector';
import type { Diagnostic } from '../model/diagnostic';
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

/**
 * The records validity needs; a log captured through Docker, Kubernetes or journald is read
 * without the collector's part of each line, and `diagnostics` (given the file) says so.
 */
export function parseRunLog(
  text: string,
  zone: Zone,
  file?: string,
  diagnostics?: Diagnostic[],
): LogRecord[] {
  const records: LogRecord[] = [];
  const collector = new LogCollector();
  for (const { text: whole, line } of textLines(text.replace(ANSI, ''))) {
    const raw = collector.take(whole, line);
    if (raw === undefined) continue;
    const level = levelOf(raw);
    if (!level) continue;
    const message = logMessage(raw);
    if (level !== 'WARN' && level !== 'ERROR' && !KEEP_INFO.some(k => message.includes(k)))
      continue;
    const stamp = parseLogStamp(raw, line, 0);
    const t = stamp ? stampToUtc(stamp, zone) : undefined;
    const local = stamp !== undefined && stamp.offsetMinutes === undefined;
    records.push({ t, level, message, line, ...(local ? { local } : {}) });
  }
  if (file !== undefined) diagnostics?.push(...collector.diagnostics(file));
  return records;
}
