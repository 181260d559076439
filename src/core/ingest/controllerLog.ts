/**
 * The loadtest-controller's console log (FORMATS.md §2). Lines look like
 *   [2024] `2024-05-31 10:52:06.426  INFO 4695 --- [   main] i.o.l.c.LoadTestController : …` (local time, no zone)
 *   [HEAD] `2026-03-20T12:53:18.123+01:00  INFO 1 --- [main] i.o.l.s.c.LoadTestTopologyOrchestrator : …`
 * We read the three lines the notebook relies on (`process_log_file`): the first
 * `Starting test with …`, the first `Saved result in …`, and every
 * `Participant <user> in session <session> failed <n> times` ERROR, each with its line number
 * and byte offset.
 */
import { diagnostic, type Diagnostic } from '../model/diagnostic';
import { ConfigBlockReader, type ConfigEntry } from './configBlock';
import { scanLines } from './lineReader';
import { readFailure } from './readFailure';
import { parseOffset } from './timezone';

/** A log time as written: wall-clock fields read as if UTC, plus the offset when the line has one. */
export interface LogStamp {
  /** `Date.UTC(...)` of the written wall-clock time. */
  readonly wallClock: number;
  /** Minutes east of UTC written in the line ([HEAD] format), or undefined ([2024] format). */
  readonly offsetMinutes?: number;
  readonly line: number;
  readonly offset: number;
}

export interface RawLogFailure {
  readonly user: string;
  readonly session: string;
  readonly attempts: number;
  readonly stamp: LogStamp;
}

export interface ControllerLog {
  /** The start-up configuration block, secrets redacted; empty when the log has none. */
  readonly config: ConfigEntry[];
  readonly start?: LogStamp;
  readonly end?: LogStamp;
  readonly failures: RawLogFailure[];
  readonly lines: number;
  readonly bytes: number;
  readonly diagnostics: Diagnostic[];
}

const ANSI = /\x1b\[[0-9;]*m/g; // eslint-disable-line no-control-regex
const STAMP =
  /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2}):(\d{2})[.,](\d{3})(Z|[+-]\d{2}:?\d{2})?\s+(TRACE|DEBUG|INFO|WARN|ERROR)\s/;
/** The message of a log line: what follows the logger name and ' : '. */
const MESSAGE = / --- .*?\S\s+:\s(.*)$/;
const FAILURE = / ERROR .* Participant (.*) in session (.*) failed (\d+) times/;
const START = / INFO .* Starting test with /;
const END = / INFO .* Saved result in /;

export function parseLogStamp(text: string, line: number, offset: number): LogStamp | undefined {
  const m = STAMP.exec(text);
  if (!m) return undefined;
  const [, y, mo, d, h, mi, s, ms, zone] = m;
  const wallClock = Date.UTC(
    Number(y),
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

/** Incremental parser: feed lines in order, then `finish`. Kept separate from file I/O for tests. */
export class ControllerLogParser {
  private start?: LogStamp;
  private end?: LogStamp;
  private readonly failures: RawLogFailure[] = [];
  private readonly diagnostics: Diagnostic[] = [];
  private readonly config = new ConfigBlockReader();
  /**
   * Every line the parser can still use contains one of these (the config block's inner lines
   * aside). The start and end needles go once found; the config block is printed before the test
   * starts, so its needle goes with the start line.
   */
  needles(): string[] {
    const needles = ['Participant'];
    if (!this.start) needles.push('Starting test with');
    if (!this.end) needles.push('Saved result in');
    if (!this.start && !this.config.done) needles.push('Load Test Parameters');
    return needles;
  }

  invalidUtf8(line: number): void {
    const message = 'The log has bytes that are not UTF-8 (first on this line); they read as �.';
    this.diagnostics.push(diagnostic('warning', 'file.notUtf8', this.file, message, { line }));
  }

  get wantsEveryLine(): boolean {
    return this.config.inside;
  }

  constructor(private readonly file: string) {}

  accept(raw: string, line: number, offset: number): void {
    if (!this.config.done) this.acceptConfig(raw, line);
    const hasFailure = raw.includes('Participant');
    const maybeStart = this.start === undefined && raw.includes('Starting test with');
    const maybeEnd = this.end === undefined && raw.includes('Saved result in');
    if (!hasFailure && !maybeStart && !maybeEnd) return;
    const text = raw.includes('\x1b') ? raw.replace(ANSI, '') : raw;
    if (hasFailure) this.acceptFailure(text, line, offset);
    if (maybeStart && START.test(text)) this.start = this.stampOrWarn(text, line, offset, 'start');
    if (maybeEnd && END.test(text)) this.end = this.stampOrWarn(text, line, offset, 'end');
  }

  private acceptConfig(raw: string, line: number): void {
    const text = raw.includes('\x1b') ? raw.replace(ANSI, '') : raw;
    const isLogLine = STAMP.test(text);
    const message = isLogLine ? (MESSAGE.exec(text)?.[1] ?? '') : text;
    this.config.accept(message, line, isLogLine);
  }

  private acceptFailure(text: string, line: number, offset: number): void {
    const m = FAILURE.exec(text);
    if (!m) return;
    const stamp = this.stampOrWarn(text, line, offset, 'failure');
    if (!stamp) return;
    this.failures.push({
      user: m[1] as string,
      session: m[2] as string,
      attempts: Number(m[3]),
      stamp,
    });
  }

  private stampOrWarn(
    text: string,
    line: number,
    offset: number,
    what: string,
  ): LogStamp | undefined {
    const stamp = parseLogStamp(text, line, offset);
    if (!stamp) {
      this.diagnostics.push(
        diagnostic(
          'warning',
          'log.badTimestamp',
          this.file,
          `The ${what} line has no timestamp the controller's log pattern allows; ignored.`,
          {
            line,
          },
        ),
      );
    }
    return stamp;
  }

  finish(lines: number, bytes: number): ControllerLog {
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
    return {
      config: this.config.entries,
      start: this.start,
      end: this.end,
      failures: this.failures,
      lines,
      bytes,
      diagnostics: this.diagnostics,
    };
  }
}

export function parseControllerLogText(text: string, file: string): ControllerLog {
  const parser = new ControllerLogParser(file);
  let offset = 0;
  const lines = text.split('\n');
  lines.forEach((l, i) => {
    parser.accept(l.endsWith('\r') ? l.slice(0, -1) : l, i + 1, offset);
    offset += Buffer.byteLength(l, 'utf8') + 1;
  });
  return parser.finish(lines.length, Buffer.byteLength(text, 'utf8'));
}

export async function readControllerLog(
  file: string,
  signal?: AbortSignal,
): Promise<ControllerLog> {
  const parser = new ControllerLogParser(file);
  try {
    const { lines, bytes } = await scanLines(file, {
      needles: () => parser.needles(),
      visit: (t, l, o) => parser.accept(t, l, o),
      wantsEveryLine: () => parser.wantsEveryLine,
      onInvalidUtf8: line => parser.invalidUtf8(line),
      signal,
    });
    return parser.finish(lines, bytes);
  } catch (err) {
    const result = parser.finish(0, 0);
    result.diagnostics.push(readFailure(file, err, 'log'));
    return result;
  }
}
