/**
 * The controller's console log of a run, kept only for what validity needs: WARN and ERROR
 * lines (set-up failures, request timeouts, refused participants) and the test-case markers.
 * Both log formats are read (FORMATS.md §2.1); a line without an offset is read in the
 * run's zone (DST-correct for an IANA zone).
 */
import { parseLogStamp } from '../ingest/controllerLog';
import { stampToUtc } from '../ingest/timezone';
import type { Zone } from '../../shared/zone';
import type { LogRecord } from './model';

/** `<stamp> LEVEL` [HEAD] or `<date> <time>  LEVEL` [2024]. */
const LEVEL = /^\S+(?:\s+\d{2}:\d{2}:\d{2}\S*)?\s+(TRACE|DEBUG|INFO|WARN|ERROR)\s/;
const MESSAGE = / --- .*?\S\s+:\s(.*)$/;
const KEEP_INFO =
  /Starting test with|Saved result in|Participants disconnected|Deleting all participants/;

const ANSI = /\x1b\[[0-9;]*m/g; // eslint-disable-line no-control-regex

export function parseRunLog(text: string, zone: Zone): LogRecord[] {
  const records: LogRecord[] = [];
  text
    .replace(ANSI, '')
    .split(/\r?\n/)
    .forEach((raw, i) => {
      const level = LEVEL.exec(raw)?.[1];
      if (!level) return;
      const message = MESSAGE.exec(raw)?.[1] ?? raw;
      if (level !== 'WARN' && level !== 'ERROR' && !KEEP_INFO.test(message)) return;
      const stamp = parseLogStamp(raw, i + 1, 0);
      const t = stamp ? stampToUtc(stamp, zone) : undefined;
      const local = stamp !== undefined && stamp.offsetMinutes === undefined;
      records.push({ t, level, message, line: i + 1, ...(local ? { local } : {}) });
    });
  return records;
}
