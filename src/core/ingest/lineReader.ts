/**
 * Streams a text file and hands over lines with their 1-based line number and the byte offset
 * where they start, so a finding can later be opened at its exact place without reading the whole
 * file again. Handles `\n` and `\r\n`; holds one chunk plus one partial line in memory.
 *
 * Speed matters (controller logs pass 1 GB): native `Buffer.indexOf` jumps straight to the lines
 * that contain one of the needles and counts line breaks in between; only those lines are
 * decoded as UTF-8. A visitor that needs every line for a
 * while (e.g. inside a block) says so through `wantsEveryLine`.
 */
import { isUtf8 } from 'node:buffer';
import { createReadStream } from 'node:fs';

export interface LineVisitor {
  (text: string, line: number, offset: number): void;
}

export interface LineScan {
  /**
   * Substrings (ASCII) that make a line interesting, asked again at every chunk so a parser can
   * drop the ones it no longer needs; every line is visited when empty.
   */
  readonly needles: () => readonly string[];
  readonly visit: LineVisitor;
  /** Checked before each line: when true the next line is visited whatever it contains. */
  readonly wantsEveryLine?: () => boolean;
  readonly signal?: AbortSignal;
  /** Bytes read at a time (tests use tiny chunks to exercise the boundaries). */
  readonly chunkSize?: number;
  /** Called once, for the first line holding bytes that are not UTF-8. */
  readonly onInvalidUtf8?: (line: number, offset: number) => void;
}

const CHUNK = 1 << 20;
const NL = 10;

/** Finds, in a chunk, the next needle hit at or after a position. */
class NeedleFinder {
  private readonly next: number[];
  private readonly needles: Buffer[];

  constructor(
    private readonly buf: Buffer,
    needles: readonly string[],
  ) {
    this.needles = needles.map(n => Buffer.from(n, 'latin1'));
    this.next = this.needles.map(() => -2); // -2: not searched yet
  }

  /** Start of the earliest needle hit at or after `from`, or -1. */
  after(from: number): number {
    let best = -1;
    for (let i = 0; i < this.needles.length; i++) {
      let at = this.next[i] as number;
      if (at === -2 || (at >= 0 && at < from)) {
        at = this.buf.indexOf(this.needles[i] as Buffer, from);
        this.next[i] = at;
      }
      if (at >= 0 && (best < 0 || at < best)) best = at;
    }
    return best;
  }
}

interface Position {
  line: number;
  offset: number;
}

/** Lines ended in `buf` between `from` and `to` (exclusive). */
function countLines(buf: Buffer, from: number, to: number): number {
  let n = 0;
  for (let p = buf.indexOf(NL, from); p >= 0 && p < to; p = buf.indexOf(NL, p + 1)) n++;
  return n;
}

/** First line (number and offset) of `buf` that is not valid UTF-8; `buf` ends at a line break. */
function firstInvalidLine(buf: Buffer, base: Position): Position {
  let start = 0;
  let line = base.line + 1;
  for (let nl = buf.indexOf(NL); nl >= 0; nl = buf.indexOf(NL, start)) {
    if (!isUtf8(buf.subarray(start, nl))) break;
    start = nl + 1;
    line++;
  }
  return { line, offset: base.offset + start };
}

/** Visits the wanted lines of `buf` (which ends at a line break); returns the lines it holds. */
function scanChunk(buf: Buffer, base: Position, scan: LineScan): number {
  const needles = scan.needles();
  const finder = new NeedleFinder(buf, needles);
  const all = needles.length === 0;
  let lineStart = 0;
  let line = base.line;
  while (lineStart < buf.length) {
    const every = all || (scan.wantsEveryLine?.() ?? false);
    const hit = every ? lineStart : finder.after(lineStart);
    if (hit < 0) return line - base.line + countLines(buf, lineStart, buf.length);
    const start = every ? lineStart : buf.lastIndexOf(NL, hit) + 1;
    line += countLines(buf, lineStart, start) + 1;
    const nl = buf.indexOf(NL, start);
    const end = nl < 0 ? buf.length : nl;
    const stop = end > start && buf[end - 1] === 13 ? end - 1 : end;
    scan.visit(buf.toString('utf8', start, stop), line, base.offset + start);
    lineStart = end + 1;
  }
  return line - base.line;
}

export async function scanLines(
  file: string,
  scan: LineScan,
): Promise<{ lines: number; bytes: number }> {
  const stream = createReadStream(file, {
    highWaterMark: scan.chunkSize ?? CHUNK,
    signal: scan.signal,
  });
  let carry: Buffer = Buffer.alloc(0);
  const pos: Position = { line: 0, offset: 0 };
  let bytes = 0;
  let reportedInvalid = false;
  const checkUtf8 = (complete: Buffer) => {
    if (reportedInvalid || !scan.onInvalidUtf8 || isUtf8(complete)) return;
    reportedInvalid = true;
    const at = firstInvalidLine(complete, pos);
    scan.onInvalidUtf8(at.line, at.offset);
  };
  for await (const chunk of stream as AsyncIterable<Buffer>) {
    bytes += chunk.length;
    const data = carry.length > 0 ? Buffer.concat([carry, chunk]) : chunk;
    const lastNl = data.lastIndexOf(NL);
    if (lastNl < 0) {
      carry = Buffer.from(data);
      continue;
    }
    const complete = data.subarray(0, lastNl + 1);
    checkUtf8(complete);
    pos.line += scanChunk(complete, pos, scan);
    pos.offset += complete.length;
    carry = Buffer.from(data.subarray(lastNl + 1));
  }
  if (carry.length > 0) {
    // A last line without a line break.
    const last = Buffer.concat([carry, Buffer.from('\n')]);
    checkUtf8(last);
    pos.line += scanChunk(last, pos, scan);
  }
  return { lines: pos.line, bytes };
}

/** Every line of a file. */
export function forEachLine(
  file: string,
  visit: LineVisitor,
  signal?: AbortSignal,
): Promise<{ lines: number; bytes: number }> {
  return scanLines(file, { needles: () => [], visit, signal });
}
