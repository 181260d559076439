/**
 * Byte-exact helpers over UTF-8 JSON text in a Buffer. JSON's structural characters are all
 * ASCII and every byte of a multi-byte UTF-8 sequence is ≥ 0x80, so scanning bytes is exact.
 * These run only where the fast batch parse of `arrayStream.ts` cannot be used.
 */

export const QUOTE = 0x22;
export const BACKSLASH = 0x5c;
export const COMMA = 0x2c;
export const OPEN_BRACKET = 0x5b;
export const CLOSE_BRACKET = 0x5d;
export const OPEN_BRACE = 0x7b;
export const CLOSE_BRACE = 0x7d;
export const NEWLINE = 0x0a;

/** `scanValue` result when the value is not complete before `end`. */
export const INCOMPLETE = -1;

export function isWhitespace(byte: number | undefined): boolean {
  return byte === 0x20 || byte === NEWLINE || byte === 0x0d || byte === 0x09;
}

/** First position ≥ `from` (and < `end`) that is not JSON whitespace, or `end`. */
export function skipWhitespace(buf: Uint8Array, from: number, end: number): number {
  let i = from;
  while (i < end && isWhitespace(buf[i])) i++;
  return i;
}

function isScalarEnd(byte: number | undefined): boolean {
  return byte === COMMA || byte === CLOSE_BRACKET || byte === CLOSE_BRACE || isWhitespace(byte);
}

/** End (exclusive) of the string starting with the quote at `start`, or INCOMPLETE. */
function scanString(buf: Uint8Array, start: number, end: number): number {
  for (let i = start + 1; i < end; i++) {
    const c = buf[i];
    if (c === BACKSLASH) i++;
    else if (c === QUOTE) return i + 1;
  }
  return INCOMPLETE;
}

/** End (exclusive) of the object or array starting at `start`, or INCOMPLETE. */
function scanContainer(buf: Uint8Array, start: number, end: number): number {
  let depth = 0;
  for (let i = start; i < end; i++) {
    const c = buf[i];
    if (c === QUOTE) {
      const close = scanString(buf, i, end);
      if (close === INCOMPLETE) return INCOMPLETE;
      i = close - 1;
    } else if (c === OPEN_BRACE || c === OPEN_BRACKET) depth++;
    else if (c === CLOSE_BRACE || c === CLOSE_BRACKET) {
      depth--;
      if (depth === 0) return i + 1;
    }
  }
  return INCOMPLETE;
}

/**
 * End (exclusive) of the JSON value that starts at `start`, found by bracket and string
 * matching only (JSON.parse validates it afterwards). INCOMPLETE when `end` comes first. A
 * scalar (number, literal) ends at the next separator; at `end` it is INCOMPLETE too, since more
 * digits may follow in the next chunk.
 */
export function scanValue(buf: Uint8Array, start: number, end: number): number {
  const first = buf[start];
  if (first === OPEN_BRACE || first === OPEN_BRACKET) return scanContainer(buf, start, end);
  if (first === QUOTE) return scanString(buf, start, end);
  let i = start;
  while (i < end && !isScalarEnd(buf[i])) i++;
  return i < end ? i : INCOMPLETE;
}

/** Number of `\n` in `buf[from, to)` and the position of the last one (-1 if none). */
export function countNewlines(
  buf: Buffer,
  from: number,
  to: number,
): { count: number; last: number } {
  const view = buf.subarray(from, to);
  let count = 0;
  let last = -1;
  for (let i = view.indexOf(NEWLINE); i >= 0; i = view.indexOf(NEWLINE, i + 1)) {
    count++;
    last = from + i;
  }
  return { count, last };
}

/**
 * Resumable `scanValue` for a value too large to buffer: feed it the value's bytes in any
 * chunking (after its first byte, given to the constructor) and it returns where the value ends,
 * keeping only its bracket depth and string state between calls. Strings are crossed with a
 * native `indexOf` of the next quote, so skipping a huge string costs about one pass over it.
 */
export class ValueSkipper {
  private depth = 0;
  private inString = false;
  /** The previous chunk ended inside a string on an unpaired backslash. */
  private escaped = false;
  private readonly scalar: boolean;

  constructor(first: number) {
    if (first === QUOTE) this.inString = true;
    else if (first === OPEN_BRACE || first === OPEN_BRACKET) this.depth = 1;
    this.scalar = !this.inString && this.depth === 0;
  }

  /** End (exclusive) of the value within `buf[from, to)`, or INCOMPLETE (state kept). */
  feed(buf: Buffer, from: number, to: number): number {
    let i = from;
    while (i < to) {
      if (this.inString) {
        const close = this.stringEnd(buf, i, to);
        if (close === INCOMPLETE) return INCOMPLETE;
        this.inString = false;
        if (this.depth === 0) return close;
        i = close;
        continue;
      }
      const c = buf[i];
      if (this.scalar) {
        if (isScalarEnd(c)) return i;
      } else if (c === QUOTE) this.inString = true;
      else if (c === OPEN_BRACE || c === OPEN_BRACKET) this.depth++;
      else if ((c === CLOSE_BRACE || c === CLOSE_BRACKET) && --this.depth === 0) return i + 1;
      i++;
    }
    return INCOMPLETE;
  }

  /** Inside a string at `i`: the position after its closing quote, or INCOMPLETE. */
  private stringEnd(buf: Buffer, from: number, to: number): number {
    let i = from;
    if (this.escaped) {
      if (i >= to) return INCOMPLETE;
      this.escaped = false;
      i++;
    }
    for (;;) {
      const q = i < to ? buf.indexOf(QUOTE, i) : -1;
      if (q < 0 || q >= to) {
        this.escaped = trailingBackslashes(buf, i, to) % 2 === 1;
        return INCOMPLETE;
      }
      if (trailingBackslashes(buf, i, q) % 2 === 0) return q + 1;
      i = q + 1;
    }
  }
}

/** Number of consecutive backslashes that end `buf[from, to)`. */
function trailingBackslashes(buf: Buffer, from: number, to: number): number {
  let n = 0;
  while (to - n - 1 >= from && buf[to - n - 1] === BACKSLASH) n++;
  return n;
}
