/**
 * Reading a window of lines of a text file by byte offset, for logs too large to open as a
 * document. Nothing holds the whole file: a sparse index keeps the byte offset of every
 * `every`-th line (built by one streaming pass), and a window is read from the nearest
 * checkpoint before it, one chunk at a time. The ingest's failure index (line number and byte
 * offset of each failure line) gives exact starting points without any scan.
 */
import { createReadStream } from 'node:fs';
import { open, stat, type FileHandle } from 'node:fs/promises';

const NL = 10;
const CHUNK = 64 * 1024;
/** Longer lines are cut when shown (the rest is skipped, never decoded). */
export const MAX_LINE_CHARS = 4000;

/** Byte offsets of lines 1, 1+every, 1+2·every, … and the file's line count. */
export interface SparseLineIndex {
  readonly every: number;
  /** `checkpoints[k]` = byte offset where line `1 + k·every` starts. */
  readonly checkpoints: readonly number[];
  /** Lines in the file (a final line without a newline counts; an empty last line does not). */
  readonly lines: number;
  readonly bytes: number;
}

/** One streaming pass over the file; memory is one chunk plus `lines / every` numbers. */
export async function buildSparseIndex(
  file: string,
  every = 1024,
  signal?: AbortSignal,
): Promise<SparseLineIndex> {
  const checkpoints = [0];
  let line = 1; // the line that starts at `lineStart`
  let bytes = 0;
  let lastByte = NL;
  const stream = createReadStream(file, { highWaterMark: 1 << 20, signal });
  for await (const chunk of stream as AsyncIterable<Buffer>) {
    let at = chunk.indexOf(NL);
    while (at !== -1) {
      line++;
      if ((line - 1) % every === 0) checkpoints.push(bytes + at + 1);
      at = chunk.indexOf(NL, at + 1);
    }
    bytes += chunk.length;
    if (chunk.length > 0) lastByte = chunk[chunk.length - 1] as number;
  }
  // `line` counts the line after the last newline; it exists only if it has bytes.
  const lines = lastByte === NL ? line - 1 : line;
  if (checkpoints.length > 1 && checkpoints[checkpoints.length - 1] === bytes) checkpoints.pop();
  return { every, checkpoints, lines, bytes };
}

/** The checkpoint at or before `line` (1-based): its line number and byte offset. */
export function checkpointFor(
  index: SparseLineIndex,
  line: number,
): { line: number; offset: number } {
  const k = Math.max(
    0,
    Math.min(index.checkpoints.length - 1, Math.floor((line - 1) / index.every)),
  );
  return { line: 1 + k * index.every, offset: index.checkpoints[k] as number };
}

export interface LineWindow {
  /** Line number of `lines[0]` (1-based). */
  readonly firstLine: number;
  readonly lines: readonly string[];
  /** Byte offset of each line of `lines`. */
  readonly offsets: readonly number[];
}

function decodeLine(bytes: Buffer): string {
  const end = bytes.length > 0 && bytes[bytes.length - 1] === 13 ? bytes.length - 1 : bytes.length;
  const text = bytes.toString('utf8', 0, end);
  return text.length > MAX_LINE_CHARS ? `${text.slice(0, MAX_LINE_CHARS)} …` : text;
}

/**
 * Reads up to `count` lines starting at line `first`, given a known start (a line number and the
 * byte offset where that line begins, at or before `first`). Lines between the start and
 * `first` are skipped by counting newlines; a line longer than MAX_LINE_CHARS keeps only its
 * head in memory.
 */
export async function readLinesFrom(
  file: string,
  start: { line: number; offset: number },
  first: number,
  count: number,
): Promise<LineWindow> {
  const handle = await open(file, 'r');
  try {
    return await readWithHandle(handle, start, Math.max(first, start.line), count);
  } finally {
    await handle.close();
  }
}

async function readWithHandle(
  handle: FileHandle,
  start: { line: number; offset: number },
  first: number,
  count: number,
): Promise<LineWindow> {
  const buffer = Buffer.alloc(CHUNK);
  const lines: string[] = [];
  const offsets: number[] = [];
  let line = start.line;
  let lineStart = start.offset;
  let position = start.offset;
  let pending: Buffer[] = []; // bytes of the current line kept so far (capped)
  let kept = 0;
  const keepLimit = MAX_LINE_CHARS * 4 + 4;
  const finishLine = (): void => {
    if (line >= first) {
      lines.push(decodeLine(Buffer.concat(pending)));
      offsets.push(lineStart);
    }
    pending = [];
    kept = 0;
  };
  while (lines.length < count) {
    const { bytesRead } = await handle.read(buffer, 0, CHUNK, position);
    if (bytesRead === 0) {
      if (kept > 0 || position > lineStart) finishLine();
      break;
    }
    let from = 0;
    while (from < bytesRead && lines.length < count) {
      const nl = buffer.indexOf(NL, from);
      const end = nl === -1 || nl >= bytesRead ? bytesRead : nl;
      if (line >= first && kept < keepLimit) {
        const take = Math.min(end - from, keepLimit - kept);
        pending.push(Buffer.from(buffer.subarray(from, from + take)));
        kept += take;
      }
      if (end === bytesRead) break;
      finishLine();
      line++;
      lineStart = position + end + 1;
      from = end + 1;
    }
    position += bytesRead;
  }
  return { firstLine: first, lines, offsets };
}

/** A line whose start is known exactly (the ingest's failure index: line number and byte offset). */
export interface KnownLine {
  readonly line: number;
  readonly offset: number;
}

/** The nearest known start at or before `line`: a checkpoint, or a known line closer to it. */
export function startFor(
  index: SparseLineIndex,
  line: number,
  known: readonly KnownLine[] = [],
): KnownLine {
  let best: KnownLine = checkpointFor(index, line);
  for (const k of known) if (k.line <= line && k.line > best.line) best = k;
  return best;
}

/**
 * Reads lines `first … first+count-1`, starting from the sparse index or from a known line
 * (e.g. a failure's byte offset from the ingest) when one is nearer.
 */
export function readWindow(
  file: string,
  index: SparseLineIndex,
  first: number,
  count: number,
  known: readonly KnownLine[] = [],
): Promise<LineWindow> {
  const line = Math.max(1, Math.min(first, Math.max(1, index.lines)));
  return readLinesFrom(file, startFor(index, line, known), line, count);
}

/** VS Code does not hand files above this size to extensions as text documents. */
export const LARGE_FILE_BYTES = 50 * 1024 * 1024;

/** Whether `file` is past LARGE_FILE_BYTES (opened in the log view, not as a document). */
export async function isLargeFile(file: string): Promise<boolean> {
  const info = await stat(file);
  return info.size > LARGE_FILE_BYTES;
}
