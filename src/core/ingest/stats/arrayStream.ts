/**
 * Streaming reader for the browser-emulator's JSON-array files (FORMATS.md §1.1), built for
 * stats.json, which reaches hundreds of MB or more: V8 cannot hold a string past ~512 MB, so the
 * file is never read as one string.
 *
 * Fast path: bytes are gathered into batches of a few MB (a small file whole), parsed in runs of
 * at most `PARSE_BYTES`: the last element boundary of a run is found with one native
 * `lastIndexOf` of `},{"<first key>":` (the writer puts no whitespace between elements and every
 * element starts with the same key), and one `JSON.parse('[' + run + ']')` parses and validates
 * all the run's elements at once.
 * Slow path, only where a batch fails to parse or no boundary pattern is known: a byte-exact
 * bracket/string scanner (`byteScan.ts`) splits the bytes into elements, each parsed on its own,
 * so a bad element costs only itself. Resynchronisation after garbage uses the same first-key
 * pattern. Never throws on data: every problem becomes a diagnostic.
 * Memory is bounded: an element still unfinished after `MAX_ELEMENT_BYTES` of buffered bytes (a
 * stats.json holding one 600 MB value crashed V8's string limit) is crossed with a resumable
 * scanner that keeps none of its bytes, reported with its index and byte offset, and the
 * elements after it are read as usual.
 */
import { isAscii } from 'node:buffer';
import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { basename } from 'node:path';
import { DiagnosticList, diagnostic, type Diagnostic } from '../../model/diagnostic';
import {
  CLOSE_BRACE,
  CLOSE_BRACKET,
  COMMA,
  INCOMPLETE,
  OPEN_BRACKET,
  countNewlines,
  isWhitespace,
  ValueSkipper,
  scanValue,
  skipWhitespace,
} from './byteScan';
import { readFailure } from '../readFailure';
import { readsBlocking } from '../../util/readCalls';

/** Elements parsed from one stretch of the file, in file order. */
export interface JsonArrayBatch {
  readonly values: unknown[];
  /** Position of each element in the top-level array (an invalid element still uses its index). */
  readonly indexes: number[];
  /** Byte offset in the file of each element's first byte. */
  readonly offsets: number[];
}

export interface JsonArrayEnd {
  /** Elements parsed and yielded. */
  readonly elements: number;
  /** Top-level positions seen, including invalid elements that were skipped. */
  readonly positions: number;
  readonly bytes: number;
  readonly diagnostics: Diagnostic[];
}

export interface JsonArrayStreamOptions {
  readonly signal?: AbortSignal;
  /** Bytes per read (the stream's highWaterMark). Default 4 MiB. */
  readonly readChunkBytes?: number;
  /** Bytes gathered before a batch is split and parsed. Default 4 MiB. */
  readonly batchBytes?: number;
  /** An element still unfinished after this many buffered bytes is skipped. Default `MAX_ELEMENT_BYTES`. */
  readonly maxElementBytes?: number;
  /**
   * Read a file of at most one chunk with blocking calls. Default: as this thread reads
   * (`readsBlocking`, src/core/util/readCalls.ts: a pool worker and the CLI block).
   */
  readonly blockingReads?: boolean;
}

const DEFAULT_READ_CHUNK = 4 << 20;
const DEFAULT_BATCH = 4 << 20;
/**
 * Bytes one `JSON.parse` of the fast path takes at most (unless one element is longer). V8 puts
 * a string over 128 KiB in its large-object space, a fresh memory mapping each, which made the
 * decoding and parsing of a whole 768 KB stats.json about 4× as slow as of the same bytes in
 * runs of 60 KB; 60,000 bytes stay under 128 KiB even decoded to two-byte (non-Latin-1) text.
 */
export const PARSE_BYTES = 60_000;
const BOM = Buffer.from([0xef, 0xbb, 0xbf]);
const EMPTY = Buffer.alloc(0);
/** `{"key":` at the start of an element: the key becomes the boundary pattern. */
const FIRST_KEY = /^\{"[A-Za-z0-9_@$.-]{1,64}":/;
const FIRST_KEY_MAX = 70;
/**
 * An element still incomplete after this many buffered bytes is not kept: when another element
 * starts after it, it is taken as broken (e.g. an unterminated string) and skipped to there;
 * otherwise it is crossed without keeping its bytes and skipped whole (`json.elementTooLarge`).
 * 64 MiB is far above any real stats element (a few KB) and far below V8's ~512 MB string limit.
 */
export const MAX_ELEMENT_BYTES = 64 << 20;
/** Bytes a JSON value can start with: { [ " - 0-9 t f n. */
const VALUE_START = new Set(Array.from('{["-0123456789tfn', ch => ch.charCodeAt(0)));

type Phase = 'header' | 'elements' | 'done' | 'failed';
/** `open`: more bytes may follow the buffer; `final`: the buffer ends at the end of the file. */
type Mode = 'open' | 'final';

const FAILED: unique symbol = Symbol('failed');

function parseOrFail(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return FAILED;
  }
}

/** Text of `buf[a, b)`: pure ASCII (the usual case) is copied as latin1, about twice as fast. */
function decode(buf: Buffer, a: number, b: number): string {
  const view = buf.subarray(a, b);
  return isAscii(view) ? view.toString('latin1') : view.toString('utf8');
}

/**
 * Memory only this reader's reads fill (a whole file, a stream chunk, their concatenation), whose
 * bytes may be borrowed: not Node's shared Buffer pool (8 KiB slabs, from which small Buffers of
 * any code are cut and which an async read elsewhere may be filling), nor memory shared with
 * another thread.
 */
const OWN_MEMORY_MIN_BYTES = 64 << 10;

function isOwnMemory(memory: ArrayBufferLike): memory is ArrayBuffer {
  return memory instanceof ArrayBuffer && memory.byteLength >= OWN_MEMORY_MIN_BYTES;
}

/**
 * `JSON.parse('[' + buf[a, b) + (close ? ']' : ''))` without joining strings (V8 copies a joined
 * string once more before parsing it, as long again as the parse itself): the bytes either side
 * of the range, in the buffer's own memory, are set to the brackets for the decoding and put back
 * (nothing else runs meanwhile). Joined as before where the range touches the memory's ends, or
 * the memory is not this reader's own (`isOwnMemory`).
 */
function parseArrayRun(buf: Buffer, a: number, b: number, close: boolean): unknown {
  const start = buf.byteOffset + a - 1;
  const end = buf.byteOffset + b + (close ? 1 : 0);
  const memory = buf.buffer;
  if (!isOwnMemory(memory) || start < 0 || end > memory.byteLength)
    return parseOrFail('[' + decode(buf, a, b) + (close ? ']' : ''));
  const bytes = Buffer.from(buf.buffer, start, end - start);
  const first = bytes[0] as number;
  const last = bytes[bytes.length - 1] as number;
  bytes[0] = OPEN_BRACKET;
  if (close) bytes[bytes.length - 1] = CLOSE_BRACKET;
  let text: string;
  try {
    text = decode(bytes, 0, bytes.length);
  } finally {
    bytes[0] = first;
    bytes[bytes.length - 1] = last;
  }
  return parseOrFail(text);
}

function newBatch(): { values: unknown[]; indexes: number[]; offsets: number[] } {
  return { values: [], indexes: [], offsets: [] };
}

/**
 * Push-based splitter: feed it the file's bytes in any chunking with `push`, then call `end`.
 * Each call returns the elements completed by that call. Independent of `fs`, so tests can feed
 * it arbitrary chunkings.
 */
/**
 * Why a stats.json is not read as a JSON array: a UTF-16 byte-order mark (a copy re-encoded on
 * Windows; the browser-emulator writes UTF-8) is named as such, an unprintable first byte by its
 * value, anything else by its character.
 */
function notArrayMessage(buf: Buffer, i: number): string {
  const b0 = buf[0];
  const b1 = buf[1];
  if ((b0 === 0xff && b1 === 0xfe) || (b0 === 0xfe && b1 === 0xff))
    return `Expected a JSON array in UTF-8; the file is UTF-16 (it starts with the byte-order mark ${b0 === 0xff ? 'FF FE' : 'FE FF'}) and was not read. Convert it to UTF-8 (e.g. iconv -f UTF-16 -t UTF-8).`;
  const b = buf[i] as number;
  const shown =
    b >= 0x20 && b < 0x7f
      ? JSON.stringify(String.fromCharCode(b))
      : `the byte 0x${b.toString(16).toUpperCase().padStart(2, '0')}`;
  return `Expected a JSON array; the file starts with ${shown}.`;
}

export class JsonArraySplitter {
  readonly diagnostics: Diagnostic[] = new DiagnosticList();
  private parts: Buffer[] = [];
  private partsBytes = 0;
  private buf: Buffer = EMPTY;
  /** Absolute file offset of `buf[0]`. */
  private base = 0;
  private phase: Phase = 'header';
  private expect: 'value' | 'separator' = 'value';
  private nextIndex = 0;
  private emitted = 0;
  private bytesSeen = 0;
  private sig: Buffer | undefined;
  /** `},` + sig: a top-level element boundary. */
  private pattern: Buffer | undefined;
  private learnedNow = false;
  private resyncing = false;
  /** Buffer length at which draining is worth trying again after a no-progress drain. */
  private drainAt = 0;
  private truncatedAt: { offset: number; line: number; column: number } | undefined;
  private trailingReported = false;
  private consumedLines = 0;
  private consumedLastNewline = -1;
  private out = newBatch();
  /** The element being crossed for its size (`skipOversized`), or undefined. */
  private oversized:
    | { index: number; offset: number; line: number; column: number; skipper: ValueSkipper }
    | undefined;
  /** While crossing: bytes at the start of `buf` the skipper has already seen. */
  private skipScanned = 0;
  /** While crossing: where in `buf` the next element start may be (1 while `buf[0]` is ours). */
  private skipSearchFrom = 0;

  constructor(
    private readonly file: string,
    private readonly batchBytes = DEFAULT_BATCH,
    /** An element still unfinished after this many bytes is taken as broken (see above). */
    private readonly maxElementBytes = MAX_ELEMENT_BYTES,
    /** Bytes one parse of the fast path takes at most (`PARSE_BYTES`). */
    private readonly parseBytes = PARSE_BYTES,
  ) {}

  /** True once the array is closed or the file is known not to be an array. */
  get done(): boolean {
    return this.phase === 'done' || this.phase === 'failed';
  }

  /** True when the file is not a JSON array: nothing more will be read from it. */
  get failed(): boolean {
    return this.phase === 'failed';
  }

  get bytes(): number {
    return this.bytesSeen;
  }

  /** Bytes held right now (kept for the next parse): bounded by about twice the element cap. */
  get buffered(): number {
    return this.buf.length + this.partsBytes;
  }

  push(chunk: Buffer): JsonArrayBatch {
    this.bytesSeen += chunk.length;
    if (this.done) {
      this.checkTrailing(chunk, this.bytesSeen - chunk.length);
      return this.takeBatch();
    }
    if (this.oversized) {
      this.buf = this.buf.length > 0 ? Buffer.concat([this.buf, chunk]) : chunk;
      if (!this.skipOversized(false)) return this.takeBatch();
    } else {
      this.parts.push(chunk);
      this.partsBytes += chunk.length;
    }
    const pending = this.buf.length + this.partsBytes;
    if (this.phase === 'header' || (pending >= this.batchBytes && pending >= this.drainAt)) {
      this.merge();
      this.drain(false);
    }
    return this.takeBatch();
  }

  end(): JsonArrayBatch {
    this.merge();
    if (this.oversized) this.skipOversized(true);
    if (!this.done) this.drain(true);
    this.reportTruncation();
    if (this.phase === 'elements') this.phase = 'done';
    return this.takeBatch();
  }

  summary(): JsonArrayEnd {
    return {
      elements: this.emitted,
      positions: this.nextIndex,
      bytes: this.bytesSeen,
      diagnostics: this.diagnostics,
    };
  }

  // ---- buffer bookkeeping -------------------------------------------------------------------

  private takeBatch(): JsonArrayBatch {
    const batch = this.out;
    this.out = newBatch();
    return batch;
  }

  private merge(): void {
    if (this.parts.length === 0) return;
    const list = this.buf.length > 0 ? [this.buf, ...this.parts] : this.parts;
    this.buf = list.length === 1 ? (list[0] as Buffer) : Buffer.concat(list);
    this.parts = [];
    this.partsBytes = 0;
  }

  private consume(n: number): void {
    if (n <= 0) return;
    const nl = countNewlines(this.buf, 0, n);
    this.consumedLines += nl.count;
    if (nl.last >= 0) this.consumedLastNewline = this.base + nl.last;
    this.base += n;
    this.buf = this.buf.subarray(n);
  }

  /** 1-based line and byte column of a position in the current buffer. */
  private where(pos: number): { line: number; column: number } {
    const nl = countNewlines(this.buf, 0, pos);
    const lastNewline = nl.last >= 0 ? this.base + nl.last : this.consumedLastNewline;
    return { line: this.consumedLines + nl.count + 1, column: this.base + pos - lastNewline };
  }

  private report(
    severity: 'error' | 'warning',
    code: string,
    pos: number,
    message: string,
    index?: number,
  ): void {
    const at = this.where(pos);
    const where = index === undefined ? at : { ...at, jsonPath: `[${index}]` };
    this.diagnostics.push(diagnostic(severity, code, this.file, message, where));
  }

  // ---- driving ------------------------------------------------------------------------------

  private drain(eof: boolean): void {
    for (;;) {
      if (this.phase === 'header' && !this.header(eof)) break;
      if (this.phase !== 'elements' || !this.step(eof)) break;
    }
    if (this.done) {
      this.checkTrailing(this.buf, this.base);
      this.consume(this.buf.length);
    }
  }

  /** Skips a BOM and whitespace and expects `[`; false when more bytes are needed. */
  private header(eof: boolean): boolean {
    const buf = this.buf;
    if (!eof && buf.length < BOM.length && BOM.subarray(0, buf.length).equals(buf)) return false;
    const start = buf.subarray(0, BOM.length).equals(BOM) ? BOM.length : 0;
    const i = skipWhitespace(buf, start, buf.length);
    if (i >= buf.length) {
      if (eof) {
        this.phase = 'done';
        this.consume(buf.length);
        this.diagnostics.push(
          diagnostic('warning', 'json.empty', this.file, 'File is empty (expected a JSON array).'),
        );
      }
      return false;
    }
    if (buf[i] !== OPEN_BRACKET) {
      this.phase = 'failed';
      this.report('error', 'json.notArray', i, notArrayMessage(buf, i));
      return false;
    }
    this.consume(i + 1);
    this.phase = 'elements';
    return true;
  }

  /** One unit of progress over the buffer; false when more bytes are needed (or at the end). */
  private step(eof: boolean): boolean {
    if (this.oversized) return this.skipOversized(eof);
    if (this.resyncing) return this.skipToResync(eof);
    if (this.expect === 'separator') return this.separator(eof);
    const cut = this.boundaryCut();
    if (cut >= 0 && this.batch(0, cut + 1)) {
      this.consume(cut + 2);
      this.expect = 'value';
      return true;
    }
    if (eof) {
      this.tail();
      return false;
    }
    // The rest of a batch is the start of the next element: wait for its boundary, unless the
    // buffer has grown past two batches without one (whitespace between elements, huge elements).
    if (this.pattern && cut < 0 && this.buf.length < 2 * this.batchBytes) return false;
    const consumed = cut >= 0 ? this.salvage('open') : this.scanRun(0, this.buf.length, 'open');
    if (consumed > 0) {
      this.consume(consumed);
      this.drainAt = 0;
      return !this.done;
    }
    // Wait for twice the bytes before scanning again (linear overall), but scan no later than at
    // the element cap, so an oversized element is found before it is buffered much further.
    this.drainAt = Math.min(this.buf.length * 2, this.maxElementBytes);
    return false;
  }

  /**
   * Where the next fast-path run ends: the last element boundary (`},` of the pattern) within
   * `parseBytes` of the buffer's start, else the first one after (an element that long is parsed
   * alone); -1 when the buffer holds none.
   */
  private boundaryCut(): number {
    const pattern = this.pattern;
    if (!pattern) return -1;
    if (this.buf.length <= this.parseBytes) return this.buf.lastIndexOf(pattern);
    const before = this.buf.lastIndexOf(pattern, this.parseBytes);
    return before >= 0 ? before : this.buf.indexOf(pattern, this.parseBytes);
  }

  /** After a value, expects `,` or `]` (handles the slow path stopping between the two). */
  private separator(eof: boolean): boolean {
    const buf = this.buf;
    const s = skipWhitespace(buf, 0, buf.length);
    if (s >= buf.length) {
      this.consume(s);
      if (eof) this.tail();
      return false;
    }
    if (buf[s] === COMMA) {
      this.consume(s + 1);
      this.expect = 'value';
      return true;
    }
    const consumed = this.scanRun(0, buf.length, eof ? 'final' : 'open');
    this.consume(consumed);
    if (eof && !this.done) this.tail();
    return consumed > 0 && !this.done;
  }

  private skipToResync(eof: boolean): boolean {
    const r = this.resyncPoint(0, this.buf.length);
    if (r >= 0) {
      this.consume(r);
      this.resyncing = false;
      this.expect = 'value';
      return true;
    }
    if (eof) this.phase = 'done';
    else this.consume(this.buf.length - (this.sig?.length ?? 1) + 1);
    return false;
  }

  /** End of file: the rest should be `<elements>]`. */
  private tail(): void {
    const buf = this.buf;
    let last = buf.length - 1;
    while (last >= 0 && isWhitespace(buf[last])) last--;
    if (last >= 0 && buf[last] === CLOSE_BRACKET) {
      const values = parseArrayRun(buf, 0, last + 1, false);
      if (Array.isArray(values)) {
        this.emitAll(values, this.elementStarts(0, last, values.length));
        this.consume(buf.length);
        this.phase = 'done';
        return;
      }
    }
    this.consume(this.salvage('final'));
    if (this.phase === 'elements') {
      this.markTruncated(this.buf.length);
      this.phase = 'done';
    }
  }

  // ---- regions, pieces and the exact scanner --------------------------------------------------

  /**
   * After a failed batch parse: elements one by one between boundary patterns while they parse
   * (a run of bytes from an element start that parses is exactly that element), then, from the
   * first one that does not, the exact scanner over the rest of the buffer (so an element that
   * merely contains the pattern in a nested object is still read whole). Returns how far it got.
   */
  private salvage(mode: Mode): number {
    let start = 0;
    const pattern = this.pattern;
    if (pattern) {
      let p = this.buf.indexOf(pattern, 0);
      while (p >= 0 && this.piece(start, p + 1)) {
        start = p + 2;
        p = this.buf.indexOf(pattern, start);
      }
    }
    this.expect = 'value';
    return this.scanRun(start, this.buf.length, mode);
  }

  /** Parses `[a, b)` as a comma-separated run of elements; false if it is not valid JSON. */
  private batch(a: number, b: number): boolean {
    const values = parseArrayRun(this.buf, a, b, true);
    if (!Array.isArray(values)) return false;
    this.emitAll(values, this.elementStarts(a, b, values.length));
    return true;
  }

  /** Emits `[a, b)` if it is exactly one valid element. */
  private piece(a: number, b: number): boolean {
    const value = parseOrFail(decode(this.buf, a, b));
    if (value === FAILED) return false;
    this.emit(value, skipWhitespace(this.buf, a, b));
    return true;
  }

  /**
   * The exact path: element by element with the byte scanner, each parsed on its own. `open`:
   * the buffer may end mid-element (stop there and return the position reached, unless the
   * element is already implausibly long); `final`: `b` is the end of the file, so an unfinished
   * element is either broken (when another element starts after it) or the cut. Returns how far
   * it got.
   */
  private scanRun(a: number, b: number, mode: Mode): number {
    const buf = this.buf;
    let pos = a;
    for (;;) {
      const s = skipWhitespace(buf, pos, b);
      if (s >= b) return s;
      if (this.expect === 'separator') {
        const next = this.afterValue(s, b, mode);
        if (next < 0) return b;
        if (this.resyncing || this.done) return next;
        pos = next;
        continue;
      }
      if (buf[s] === CLOSE_BRACKET) {
        this.phase = 'done';
        return s + 1;
      }
      if (!VALUE_START.has(buf[s] as number)) {
        const token = this.loneToken(s, b);
        if (token === INCOMPLETE && mode === 'open') return s;
        if (token > s) {
          // `NaN`, `undefined`, `Infinity` alone between two separators: one bad element.
          this.badElement(s);
          this.expect = 'separator';
          pos = token;
          continue;
        }
        const next = this.garbage(s, b, mode);
        if (next < 0 || this.resyncing) return next < 0 ? b : next;
        pos = next;
        continue;
      }
      if (!this.sig) this.learnSignature(s, b);
      const e = scanValue(buf, s, b);
      if (e === INCOMPLETE) {
        if (mode === 'open' && b - s < this.maxElementBytes) return s;
        const r = this.resyncPoint(s + 1, b);
        if (r < 0) {
          if (mode === 'final') this.markTruncated(s);
          return mode === 'final' ? b : this.startOversized(s);
        }
        this.badElement(s);
        pos = r;
        continue;
      }
      const value = parseOrFail(decode(buf, s, e));
      if (value === FAILED) {
        this.badElement(s);
        // A broken element may have swallowed the ones after it: resume at the next one inside.
        const r = this.resyncPoint(s + 1, e);
        if (r >= 0) {
          pos = r;
          continue;
        }
      } else this.emit(value, s);
      this.expect = 'separator';
      pos = e;
      if (mode === 'open' && this.learnedNow) {
        this.learnedNow = false;
        return e;
      }
    }
  }

  /**
   * End of the bare token at `s` (not a JSON value start) when it fills an element's place on
   * its own, up to the next `,` or `]`; `s` when it does not (garbage); INCOMPLETE when the
   * buffer ends first.
   */
  private loneToken(s: number, b: number): number {
    const buf = this.buf;
    const c = buf[s];
    if (c === COMMA || c === CLOSE_BRACE || c === 0x3a /* : */) return s;
    const e = scanValue(buf, s, b);
    if (e === INCOMPLETE) return INCOMPLETE;
    const next = skipWhitespace(buf, e, b);
    if (next >= b) return INCOMPLETE;
    return buf[next] === COMMA || buf[next] === CLOSE_BRACKET ? e : s;
  }

  /** At `s`, after a value: `,` continues, `]` ends, anything else is garbage. */
  private afterValue(s: number, b: number, mode: Mode): number {
    const c = this.buf[s];
    if (c === COMMA) {
      this.expect = 'value';
      return s + 1;
    }
    if (c === CLOSE_BRACKET) {
      this.phase = 'done';
      return s + 1;
    }
    return this.garbage(s, b, mode);
  }

  /** Bytes at `s` that cannot start or follow an element: report, then find the next element. */
  private garbage(s: number, b: number, mode: Mode): number {
    const after = this.nextIndex > 0 ? ` after element [${this.nextIndex - 1}]` : '';
    this.report(
      'error',
      'json.garbage',
      s,
      `Unexpected data at byte ${this.base + s}${after}; skipped to the next element.`,
    );
    this.expect = 'value';
    const r = this.resyncPoint(s, b);
    if (r >= 0) return r;
    if (mode === 'open') {
      this.resyncing = true;
      return s;
    }
    return -1;
  }

  private badElement(s: number): void {
    const index = this.nextIndex++;
    this.report(
      'error',
      'json.badElement',
      s,
      `Element [${index}] at byte ${this.base + s} is not valid JSON; skipped.`,
      index,
    );
  }

  /**
   * The element at `s` is unfinished after the cap and no element starts after it: from here on
   * it is crossed with a resumable scanner instead of buffered (`skipOversized`). Returns `s`:
   * the caller consumes up to the element, which then starts the buffer.
   */
  private startOversized(s: number): number {
    const at = this.where(s);
    const skipper = new ValueSkipper(this.buf[s] as number);
    this.oversized = { index: this.nextIndex++, offset: this.base + s, ...at, skipper };
    this.skipScanned = 1;
    this.skipSearchFrom = 1;
    return s;
  }

  /**
   * Feeds the buffer to the skipper, keeping only a tail short enough to find the next element
   * start across chunks. True once the element is behind us (the buffer then holds what
   * follows it); false while it goes on, or at the end of the file.
   */
  private skipOversized(eof: boolean): boolean {
    const big = this.oversized;
    if (!big) return true;
    const buf = this.buf;
    const end = big.skipper.feed(buf, this.skipScanned, buf.length);
    // Valid JSON cannot hold `{"key":` inside a string, so an element start before the end means
    // the element is broken: resume there, as for a short broken element.
    const r = this.resyncPoint(this.skipSearchFrom, end === INCOMPLETE ? buf.length : end);
    if (r >= 0 || end !== INCOMPLETE) {
      const stop = r >= 0 ? r : end;
      this.reportOversized(big, this.base + stop, r >= 0 ? 'broken' : 'whole');
      this.oversized = undefined;
      this.consume(stop);
      this.expect = r >= 0 ? 'value' : 'separator';
      this.drainAt = 0;
      return true;
    }
    if (eof) {
      this.reportOversized(big, this.base + buf.length, 'cut');
      this.oversized = undefined;
      this.truncatedAt ??= { offset: big.offset, line: big.line, column: big.column };
      this.consume(buf.length);
      this.phase = 'done';
      return false;
    }
    const keep = Math.min(buf.length, (this.sig?.length ?? 1) - 1);
    this.consume(buf.length - keep);
    this.skipScanned = this.buf.length;
    this.skipSearchFrom = 0;
    return false;
  }

  private reportOversized(
    big: { index: number; offset: number; line: number; column: number },
    until: number,
    how: 'whole' | 'broken' | 'cut',
  ): void {
    const cap = this.maxElementBytes;
    const limit = cap % (1 << 20) === 0 ? `${cap / (1 << 20)} MiB` : `${cap} bytes`;
    const size = `${until - big.offset} bytes`;
    const what =
      how === 'whole'
        ? `is ${size} long, more than the ${limit} one element may take; skipped without keeping it`
        : how === 'broken'
          ? `ran past the ${limit} one element may take and is unfinished after ${size}, where the next element starts; skipped`
          : `ran past the ${limit} one element may take and the file ends inside it after ${size}; skipped`;
    this.diagnostics.push(
      diagnostic(
        'error',
        'json.elementTooLarge',
        this.file,
        `Element [${big.index}] at byte ${big.offset} ${what}.`,
        { line: big.line, column: big.column, jsonPath: `[${big.index}]` },
      ),
    );
  }

  /** Start of the next element after garbage: the next `{"<first key>":`, or -1. */
  private resyncPoint(from: number, to: number): number {
    if (!this.sig || from >= to) return -1;
    const i = this.buf.indexOf(this.sig, from);
    return i >= 0 && i < to ? i : -1;
  }

  private learnSignature(s: number, b: number): void {
    const head = this.buf.toString('latin1', s, Math.min(b, s + FIRST_KEY_MAX));
    const m = FIRST_KEY.exec(head);
    if (!m) return;
    this.sig = Buffer.from(m[0], 'latin1');
    this.pattern = Buffer.concat([Buffer.from('},', 'latin1'), this.sig]);
    this.learnedNow = true;
  }

  /** Start of each of the `n` elements of the valid run `[a, b)`. */
  private elementStarts(a: number, b: number, n: number): number[] {
    const buf = this.buf;
    const starts = [skipWhitespace(buf, a, b)];
    if (n <= 1) return starts;
    if (this.pattern) {
      for (let p = buf.indexOf(this.pattern, a); p >= 0 && p < b - 1;) {
        starts.push(p + 2);
        p = buf.indexOf(this.pattern, p + 2);
      }
      if (starts.length === n) return starts;
    }
    starts.length = 0;
    let pos = a;
    while (starts.length < n) {
      const s = skipWhitespace(buf, pos, b);
      starts.push(s);
      pos = skipWhitespace(buf, scanValue(buf, s, b + 1), b) + 1;
    }
    return starts;
  }

  private emitAll(values: unknown[], starts: number[]): void {
    for (let k = 0; k < values.length; k++) this.emit(values[k], starts[k] ?? 0);
    if (values.length > 0) this.expect = 'separator';
  }

  private emit(value: unknown, pos: number): void {
    this.out.values.push(value);
    this.out.indexes.push(this.nextIndex++);
    this.out.offsets.push(this.base + pos);
    this.emitted++;
  }

  // ---- end-of-file findings ----------------------------------------------------------------

  private checkTrailing(bytes: Buffer, offset: number): void {
    if (this.trailingReported || this.phase === 'failed') return;
    const i = skipWhitespace(bytes, 0, bytes.length);
    if (i >= bytes.length) return;
    this.trailingReported = true;
    this.diagnostics.push(
      diagnostic(
        'warning',
        'json.trailingData',
        this.file,
        `Data after the closing ] at byte ${offset + i} was ignored.`,
      ),
    );
  }

  /** Remembers the first place the file is cut (an element start, or the end of the file). */
  private markTruncated(pos: number): void {
    this.truncatedAt ??= { offset: this.base + pos, ...this.where(pos) };
  }

  private reportTruncation(): void {
    const at = this.truncatedAt;
    if (at === undefined) return;
    this.diagnostics.push(
      diagnostic(
        'warning',
        'json.truncated',
        this.file,
        `File is cut off at byte ${at.offset} (a write was interrupted); kept the ${this.emitted} complete element(s) before the cut.${lostAtSource(this.file)}`,
        { line: at.line, column: at.column },
      ),
    );
  }
}

/** The files the browser-emulator writes for each user (utils/stats-files.ts). */
const EMULATOR_FILES = new Set(['events.json', 'stats.json', 'errors.json', 'connections.json']);

/**
 * What a cut means for a browser-emulator file: it adds an element only while the file ends in
 * `]` (2024-08 on, `saveStatsToFileAux`), or rewrote the whole array (April to August 2024), so
 * nothing it received after the cut is in the file, here or anywhere else on disk.
 */
function lostAtSource(file: string): string {
  return EMULATOR_FILES.has(basename(file))
    ? ' The browser-emulator adds to a file only while it ends in "]", so nothing it received after the cut was written: this record ends there.'
    : '';
}

function isAbort(err: unknown, signal: AbortSignal | undefined): boolean {
  return signal?.aborted === true || (err instanceof Error && err.name === 'AbortError');
}

/** Spare read buffers a thread keeps (each up to one read chunk, 4 MiB, plus a byte). */
const SPARE_READS = 4;
const spareReads: Buffer[] = [];

/**
 * The memory one file's blocking read fills, held from the read to its last element's parse,
 * then kept for the next file of this thread: reading into fresh memory cost 4–8× as much CPU
 * (every page mapped and faulted in again, then unmapped), more than the whole parse.
 */
class ReadLease {
  private held: Buffer | undefined;

  /** A buffer of at least `size` bytes of this reader's own memory (`isOwnMemory`). */
  take(size: number): Buffer {
    const i = spareReads.findIndex(b => b.length >= size);
    const buffer =
      i >= 0
        ? (spareReads.splice(i, 1)[0] as Buffer)
        : Buffer.allocUnsafeSlow(Math.max(size, OWN_MEMORY_MIN_BYTES));
    this.release();
    this.held = buffer;
    return buffer;
  }

  release(): void {
    if (this.held && spareReads.length < SPARE_READS) spareReads.push(this.held);
    this.held = undefined;
  }
}

/**
 * The whole file when it holds at most `maxBytes` (blocking reads into the lease's memory), else
 * undefined; undefined too when it grows past that while read (it is streamed then).
 */
function smallFileBlocking(file: string, maxBytes: number, lease: ReadLease): Buffer | undefined {
  const fd = openSync(file, 'r');
  try {
    const size = fstatSync(fd).size;
    if (size > maxBytes) return undefined;
    const buffer = lease.take(size + 1);
    let at = 0;
    for (;;) {
      const n = readSync(fd, buffer, at, buffer.length - at, at);
      if (n === 0) return buffer.subarray(0, at);
      at += n;
      if (at === buffer.length) return undefined;
    }
  } finally {
    closeSync(fd);
  }
}

/**
 * The file's bytes: a file of at most one chunk (a user's stats.json is usually a few hundred KB)
 * in one read of its exact size, a bigger one streamed in chunks of `chunkBytes`. (A stream
 * allocates a whole chunk per read: 4 MiB for each small file cost more in garbage collection
 * than its parsing.)
 */
async function* fileChunks(
  file: string,
  chunkBytes: number,
  signal: AbortSignal | undefined,
  lease: ReadLease | undefined,
): AsyncGenerator<Buffer, void, undefined> {
  const whole = lease ? smallFileBlocking(file, chunkBytes, lease) : undefined;
  if (whole) {
    yield whole;
    return;
  }
  const handle = await open(file, 'r');
  try {
    if ((await handle.stat()).size <= chunkBytes) {
      yield await handle.readFile({ signal });
      return;
    }
    const stream = handle.createReadStream({ highWaterMark: chunkBytes, signal, autoClose: false });
    try {
      yield* stream as AsyncIterable<Buffer>;
    } finally {
      stream.destroy();
    }
  } finally {
    await handle.close();
  }
}

/**
 * Streams the top-level elements of a JSON-array file in batches. The generator's return value
 * (`JsonArrayEnd`) carries the counts and diagnostics; `forEachJsonArrayBatch` collects it for
 * you. Rejects only when `signal` aborts (with the signal's reason).
 */
export async function* streamJsonArray(
  file: string,
  options: JsonArrayStreamOptions = {},
): AsyncGenerator<JsonArrayBatch, JsonArrayEnd, undefined> {
  const { signal } = options;
  signal?.throwIfAborted();
  const splitter = new JsonArraySplitter(
    file,
    options.batchBytes ?? DEFAULT_BATCH,
    options.maxElementBytes ?? MAX_ELEMENT_BYTES,
  );
  const lease = (options.blockingReads ?? readsBlocking()) ? new ReadLease() : undefined;
  const chunks = fileChunks(file, options.readChunkBytes ?? DEFAULT_READ_CHUNK, signal, lease);
  let last: JsonArrayBatch;
  try {
    try {
      for await (const chunk of chunks) {
        const batch = splitter.push(chunk);
        if (batch.values.length > 0) yield batch;
        signal?.throwIfAborted();
        if (splitter.failed) break;
      }
    } catch (err) {
      if (isAbort(err, signal)) throw signal?.reason ?? err;
      splitter.diagnostics.push(readFailure(file, err));
      if (splitter.bytes === 0) return splitter.summary();
    } finally {
      await chunks.return(undefined);
    }
    last = splitter.end();
  } finally {
    // The splitter may hold the read bytes until its end: only then may another file have them.
    lease?.release();
  }
  if (last.values.length > 0) yield last;
  return splitter.summary();
}

/** Runs `visit` on every batch and resolves with the end summary. */
export async function forEachJsonArrayBatch(
  file: string,
  visit: (batch: JsonArrayBatch) => void,
  options: JsonArrayStreamOptions = {},
): Promise<JsonArrayEnd> {
  const it = streamJsonArray(file, options);
  for (;;) {
    const r = await it.next();
    if (r.done) return r.value;
    visit(r.value);
  }
}
