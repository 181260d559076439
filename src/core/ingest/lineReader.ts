/**
 * Streams a text file and hands over lines with their 1-based line number and the byte offset
 * where they start, so a finding can later be opened at its exact place without reading the whole
 * file again. Handles `\n`, `\r\n` and CR-only (`\r`, old Mac tools) line ends, and UTF-8 (a BOM
 * is skipped), UTF-16LE and UTF-16BE files with a BOM (what Windows PowerShell's `>` writes):
 * UTF-16 is transcoded to UTF-8 as it streams, and offsets then count bytes of that UTF-8 text.
 * Holds one chunk plus one partial line in memory.
 *
 * Speed matters (controller logs pass 1 GB): native `Buffer.indexOf` jumps straight to the lines
 * that contain one of the needles and counts line breaks in between; only those lines are
 * decoded as UTF-8. A visitor that needs every line for a
 * while (e.g. inside a block) says so through `wantsEveryLine`.
 */
import { isUtf8 } from 'node:buffer';
import { createReadStream } from 'node:fs';
import { TextDecoder } from 'node:util';

export interface LineVisitor {
  /** `previous` gives the line before (its first 4 KiB), for lines that carry no time of their own. */
  (text: string, line: number, offset: number, previous: () => string | undefined): void;
}

/** How much of the line before a visited line `previous` can give. */
const PREVIOUS_MAX = 4096;

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
  /** Called for each line longer than {@link MAX_LINE_BYTES}: only its first bytes were visited. */
  readonly onLongLine?: (line: number, offset: number, bytes: number) => void;
  /** The longest line kept whole (tests use a small one); MAX_LINE_BYTES by default. */
  readonly maxLineBytes?: number;
}

/**
 * The longest line kept whole: a longer one is visited with its first MAX_LINE_BYTES only (the
 * rest is counted, so offsets stay true, but not held), and `onLongLine` says so.
 */
export const MAX_LINE_BYTES = 16 * 1024 * 1024;

/**
 * The bytes of the line still open at a chunk's end, kept as pieces and joined once when the
 * line ends (joining at every chunk made a 200 MB line cost 170 s and 889 MB), at most `cap`.
 */
class OpenLine {
  private pieces: Buffer[] = [];
  private kept = 0;
  /** Bytes past the cap: counted, not kept. */
  dropped = 0;

  constructor(private readonly cap: number) {}

  get empty(): boolean {
    return this.kept === 0 && this.dropped === 0;
  }

  /** The last kept piece (its last byte is the line's last byte while nothing was dropped). */
  last(): Buffer {
    return this.dropped === 0 ? (this.pieces[this.pieces.length - 1] ?? EMPTY) : EMPTY;
  }

  add(bytes: Buffer): void {
    if (bytes.length === 0) return;
    const room = this.cap - this.kept;
    if (bytes.length <= room) {
      this.pieces.push(Buffer.from(bytes));
      this.kept += bytes.length;
      return;
    }
    if (room > 0) this.pieces.push(Buffer.from(bytes.subarray(0, room)));
    this.kept += Math.max(room, 0);
    this.dropped += bytes.length - Math.max(room, 0);
  }

  /** The kept bytes, joined; the line is then closed. */
  take(): Buffer {
    const all = this.pieces.length === 1 ? this.pieces[0]! : Buffer.concat(this.pieces, this.kept);
    this.pieces = [];
    this.kept = 0;
    this.dropped = 0;
    return all;
  }
}

const EMPTY = Buffer.alloc(0);
const NL_BYTE = Buffer.from('\n');

const CHUNK = 1 << 20;
const NL = 10;
const CR = 13;

export type TextEncodingName = 'utf-8' | 'utf-8-bom' | 'utf-16le' | 'utf-16be';
export type LineEnd = 'lf' | 'crlf' | 'cr' | 'none';

/** What a text file turned out to be. */
export interface TextShape {
  readonly encoding: TextEncodingName;
  readonly lineEnd: LineEnd;
}

/** A note on a text that is not plain UTF-8 with LF line ends (for an info diagnostic), or undefined. */
export function describeText(shape: TextShape): string | undefined {
  const parts: string[] = [];
  if (shape.encoding !== 'utf-8') parts.push(`encoding ${shape.encoding.toUpperCase()}`);
  if (shape.lineEnd === 'crlf') parts.push('CRLF line ends');
  if (shape.lineEnd === 'cr') parts.push('CR-only line ends');
  if (parts.length === 0) return undefined;
  const utf16 = shape.encoding.startsWith('utf-16')
    ? ' (decoded; byte offsets count the UTF-8 form of the text)'
    : '';
  return `Read with ${parts.join(' and ')}${utf16}.`;
}

/** Encoding from the first bytes of a file, and how many BOM bytes to skip. */
export function sniffEncoding(head: Uint8Array): { encoding: TextEncodingName; bom: number } {
  if (head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf)
    return { encoding: 'utf-8-bom', bom: 3 };
  if (head[0] === 0xff && head[1] === 0xfe) return { encoding: 'utf-16le', bom: 2 };
  if (head[0] === 0xfe && head[1] === 0xff) return { encoding: 'utf-16be', bom: 2 };
  return { encoding: 'utf-8', bom: 0 };
}

/** Swaps the bytes of each UTF-16 code unit (BE → LE), in a copy. */
export function swap16(bytes: Uint8Array): Buffer {
  const out = Buffer.alloc(bytes.length - (bytes.length % 2));
  for (let i = 0; i + 1 < bytes.length; i += 2) {
    out[i] = bytes[i + 1] as number;
    out[i + 1] = bytes[i] as number;
  }
  return out;
}

/**
 * Turns the raw chunks of a file into UTF-8 chunks: drops a BOM, transcodes UTF-16 (an odd byte
 * at a chunk's end waits for the next chunk).
 */
async function* utf8Chunks(
  source: AsyncIterable<Buffer>,
  found: { encoding: TextEncodingName },
): AsyncGenerator<Buffer> {
  let head: Buffer | undefined = Buffer.alloc(0);
  let decoder: TextDecoder | undefined;
  let odd: Buffer | undefined;
  let bigEndian = false;
  const start = (bytes: Buffer): Buffer => {
    const { encoding, bom } = sniffEncoding(bytes);
    found.encoding = encoding;
    if (encoding.startsWith('utf-16')) decoder = new TextDecoder('utf-16le');
    bigEndian = encoding === 'utf-16be';
    return bytes.subarray(bom);
  };
  const convert = (chunk: Buffer): Buffer => {
    if (!decoder) return chunk;
    const data: Buffer = odd ? Buffer.concat([odd, chunk]) : chunk;
    const even = data.length - (data.length % 2);
    odd = even < data.length ? Buffer.from(data.subarray(even)) : undefined;
    const units = bigEndian ? swap16(data.subarray(0, even)) : data.subarray(0, even);
    return Buffer.from(decoder.decode(units, { stream: true }), 'utf8');
  };
  for await (const chunk of source) {
    if (head) {
      // The BOM may come split over tiny chunks: sniff once three bytes are in.
      head = Buffer.concat([head, chunk]);
      if (head.length < 3) continue;
      const first = start(head);
      head = undefined;
      yield convert(first);
    } else yield convert(chunk);
  }
  if (head && head.length > 0) yield convert(start(head));
  if (decoder) yield Buffer.from(decoder.decode(), 'utf8');
}

/**
 * Decides the line ends from the first line break, and in CR-only files turns each lone CR into
 * LF (same length, so offsets stay true). A CR at a chunk's end is settled with the next chunk.
 */
class LineEnds {
  lineEnd: LineEnd = 'none';
  /** The previous chunk ended with a CR whose next byte was unknown. */
  private trailingCr = false;

  /** Normalises `chunk` in place; `carry` holds the bytes before it (its last byte the trailing CR). */
  accept(chunk: Buffer, carry: Buffer): void {
    if (this.trailingCr && chunk.length > 0) {
      this.trailingCr = false;
      if (this.lineEnd === 'none') this.lineEnd = chunk[0] === NL ? 'crlf' : 'cr';
      if (this.lineEnd === 'cr' && chunk[0] !== NL && carry.length > 0)
        carry[carry.length - 1] = NL;
    }
    if (this.lineEnd === 'none') this.decide(chunk);
    if (this.lineEnd === 'cr') this.convert(chunk);
  }

  /** At the end of the file: a last lone CR is a line end too. */
  finish(carry: Buffer): void {
    if (this.trailingCr && carry.length > 0) {
      if (this.lineEnd === 'none') this.lineEnd = 'cr';
      if (this.lineEnd === 'cr') carry[carry.length - 1] = NL;
    }
  }

  private decide(chunk: Buffer): void {
    const nl = chunk.indexOf(NL);
    const cr = chunk.indexOf(CR);
    if (cr < 0 || (nl >= 0 && nl < cr)) {
      if (nl >= 0) this.lineEnd = 'lf';
      return;
    }
    if (cr === chunk.length - 1) this.trailingCr = true;
    else this.lineEnd = chunk[cr + 1] === NL ? 'crlf' : 'cr';
  }

  private convert(chunk: Buffer): void {
    for (let p = chunk.indexOf(CR); p >= 0; p = chunk.indexOf(CR, p + 1)) {
      if (p === chunk.length - 1) this.trailingCr = true;
      else if (chunk[p + 1] !== NL) chunk[p] = NL;
    }
  }
}

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

/** The line that ends just before `start` in `buf`, else the last line of the previous chunk. */
function previousLine(buf: Buffer, start: number, before: Buffer | undefined): string | undefined {
  if (start === 0) return before?.toString('utf8');
  const from = Math.max(buf.lastIndexOf(NL, start - 2) + 1, start - 1 - PREVIOUS_MAX);
  const end = start - 1 > from && buf[start - 2] === CR ? start - 2 : start - 1;
  return buf.toString('utf8', from, end);
}

/** The last line of `complete` (which ends at a line break), at most its first 4 KiB, copied. */
function lastLineOf(complete: Buffer): Buffer {
  const from = complete.lastIndexOf(NL, complete.length - 2) + 1;
  let end = complete.length - 1;
  if (end > from && complete[end - 1] === CR) end--;
  return Buffer.from(complete.subarray(from, Math.min(end, from + PREVIOUS_MAX)));
}

/** Visits the wanted lines of `buf` (which ends at a line break); returns the lines it holds. */
function scanChunk(buf: Buffer, base: Position, scan: LineScan, before?: Buffer): number {
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
    scan.visit(buf.toString('utf8', start, stop), line, base.offset + start, () =>
      previousLine(buf, start, before),
    );
    lineStart = end + 1;
  }
  return line - base.line;
}

/**
 * What `scanLines` read: lines, bytes, the text's shape, and `cutLine`, the number of a last line
 * that has no line end (a file copied while it was written, or cut).
 */
export type ScannedText = { lines: number; bytes: number; cutLine?: number } & TextShape;

export async function scanLines(file: string, scan: LineScan): Promise<ScannedText> {
  const stream = createReadStream(file, {
    highWaterMark: scan.chunkSize ?? CHUNK,
    signal: scan.signal,
  });
  let bytes = 0;
  const raw = (async function* () {
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      bytes += chunk.length;
      yield chunk;
    }
  })();
  const found: { encoding: TextEncodingName } = { encoding: 'utf-8' };
  const ends = new LineEnds();
  const open = new OpenLine(scan.maxLineBytes ?? MAX_LINE_BYTES);
  const pos: Position = { line: 0, offset: 0 };
  let reportedInvalid = false;
  let first = true;
  let before: Buffer | undefined;
  const checkUtf8 = (complete: Buffer) => {
    if (reportedInvalid || !scan.onInvalidUtf8 || isUtf8(complete)) return;
    reportedInvalid = true;
    const at = firstInvalidLine(complete, pos);
    scan.onInvalidUtf8(at.line, at.offset);
  };
  /** Visits `complete` (which ends at a line break) and moves past it and `skipped` more bytes. */
  const visitComplete = (complete: Buffer, skipped = 0) => {
    checkUtf8(complete);
    pos.line += scanChunk(complete, pos, scan, before);
    pos.offset += complete.length + skipped;
    before = lastLineOf(complete);
  };
  for await (const chunk of utf8Chunks(raw, found)) {
    if (first) {
      first = false;
      if (found.encoding === 'utf-8-bom') pos.offset = 3;
    }
    ends.accept(chunk, open.last());
    let rest = chunk;
    if (open.dropped > 0) {
      // A line past the cap: it ends at this chunk's first line break, or goes on.
      const nl = chunk.indexOf(NL);
      if (nl < 0) {
        open.add(chunk);
        continue;
      }
      const skipped = open.dropped + nl;
      const head = Buffer.concat([open.take(), NL_BYTE]);
      scan.onLongLine?.(pos.line + 1, pos.offset, head.length + skipped);
      visitComplete(head, skipped);
      rest = chunk.subarray(nl + 1);
    }
    const lastNl = rest.lastIndexOf(NL);
    if (lastNl < 0) {
      // The open line may just have ended: a trailing CR settled by this chunk as a line end.
      if (open.last()[open.last().length - 1] === NL) visitComplete(open.take());
      open.add(rest);
      continue;
    }
    const data = open.empty ? rest : Buffer.concat([open.take(), rest]);
    const end = data.length - (rest.length - lastNl - 1);
    visitComplete(data.subarray(0, end));
    open.add(data.subarray(end));
  }
  const tail = open.empty ? EMPTY : open.last();
  ends.finish(tail);
  let cutLine: number | undefined;
  if (!open.empty) {
    // A last line without a line break (or ended by the CR that `finish` just turned into LF).
    const skipped = open.dropped;
    const carry = open.take();
    if (skipped > 0) scan.onLongLine?.(pos.line + 1, pos.offset, carry.length + skipped);
    const ended = carry[carry.length - 1] === NL;
    if (!ended) cutLine = pos.line + 1;
    const last = ended ? carry : Buffer.concat([carry, Buffer.from('\n')]);
    checkUtf8(last);
    pos.line += scanChunk(last, pos, scan, before);
  }
  return {
    lines: pos.line,
    bytes,
    encoding: found.encoding,
    lineEnd: ends.lineEnd,
    ...(cutLine !== undefined ? { cutLine } : {}),
  };
}

/** Every line of a file. */
export function forEachLine(
  file: string,
  visit: LineVisitor,
  signal?: AbortSignal,
): Promise<{ lines: number; bytes: number } & TextShape> {
  return scanLines(file, { needles: () => [], visit, signal });
}

/** A line of an in-memory text: its text (no line end), 1-based number and UTF-8 byte offset. */
export interface TextLine {
  readonly text: string;
  readonly line: number;
  readonly offset: number;
}

/**
 * The lines of a decoded text, ended by `\n`, `\r\n` or a lone `\r` (the same rule as
 * `scanLines`), with their byte offsets. A text ending in a line end has no extra empty line.
 */
export function textLines(text: string): TextLine[] {
  const out: TextLine[] = [];
  let start = 0;
  let offset = 0;
  const push = (end: number, next: number) => {
    const t = text.slice(start, end);
    out.push({ text: t, line: out.length + 1, offset });
    offset += Buffer.byteLength(text.slice(start, next), 'utf8');
    start = next;
  };
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === NL) push(i, i + 1);
    else if (c === CR) {
      const next = text.charCodeAt(i + 1) === NL ? i + 2 : i + 1;
      push(i, next);
      i = next - 1;
    }
  }
  if (start < text.length) push(text.length, text.length);
  return out;
}
