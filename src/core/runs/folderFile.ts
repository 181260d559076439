/**
 * The one way a run folder's files are read (issue 19: a FIFO named config.yaml blocked `run`
 * forever; `config.yaml -> /dev/zero` grew to 6.9 GB). Only regular files are read — a FIFO,
 * device or socket is a diagnostic, never opened for a blocking read — and a whole-file read
 * stops at a size cap (the file is skipped, and a diagnostic says so and why). Large line-based
 * files (NDJSON exports) are streamed line by line instead, with bounded memory: one chunk plus
 * the longest line kept (a longer line is skipped with a diagnostic).
 *
 * The open uses O_NONBLOCK so that a FIFO swapped in after a check cannot block either: the
 * file type is checked on the open descriptor (`fstat`), not on the path.
 */
import { constants, type FileHandle, open } from 'node:fs/promises';
import { diagnostic, type Diagnostic } from '../model/diagnostic';
import { decodeUtf8 } from '../ingest/readFile';
import { readFailure } from '../ingest/readFailure';

const MiB = 1024 * 1024;

/** Caps for whole-file reads, per kind of file (bytes). */
export const WHOLE_FILE_CAP = {
  /** A controller configuration is a few KiB; 4 MiB is far beyond any real one. */
  config: 4 * MiB,
  /** report-<ts>.html, results-<ts>.txt, the controller log, errors.json, connections.json. */
  default: 256 * MiB,
  /** A JSON-array or search-response export, parsed whole (V8 strings stop at ~512 MiB). */
  jsonExport: 256 * MiB,
} as const;

/** Longest NDJSON line kept when streaming (a Metricbeat document is a few KiB). */
export const MAX_LINE_BYTES = 16 * MiB;

function mib(bytes: number): string {
  return `${(bytes / MiB).toFixed(bytes < 10 * MiB ? 1 : 0)} MiB`;
}

/** What a path that is no regular file is, in words: `a FIFO (named pipe)`, `a folder` … */
export function kindOf(stat: {
  isFIFO(): boolean;
  isCharacterDevice(): boolean;
  isSocket(): boolean;
  isBlockDevice(): boolean;
  isDirectory(): boolean;
}): string {
  if (stat.isFIFO()) return 'a FIFO (named pipe)';
  if (stat.isCharacterDevice() || stat.isBlockDevice()) return 'a device';
  if (stat.isSocket()) return 'a socket';
  if (stat.isDirectory()) return 'a folder';
  return 'not a regular file';
}

/** Opens `file` if it is a regular file; else a diagnostic (nothing blocks on a FIFO). */
export async function openRegularFile(
  file: string,
): Promise<{ handle: FileHandle; size: number } | { diagnostic: Diagnostic }> {
  let handle: FileHandle;
  try {
    handle = await open(file, constants.O_RDONLY | constants.O_NONBLOCK);
  } catch (err) {
    return { diagnostic: readFailure(file, err) };
  }
  try {
    const st = await handle.stat();
    if (st.isFile()) return { handle, size: st.size };
    await handle.close();
    return {
      diagnostic: diagnostic(
        'error',
        'file.notRegular',
        file,
        `Not read: it is ${kindOf(st)}, not a regular file (only regular files of a run folder are read).`,
      ),
    };
  } catch (err) {
    await handle.close().catch(() => undefined);
    return { diagnostic: readFailure(file, err) };
  }
}

export function tooLarge(file: string, size: number, cap: number, what: string): Diagnostic {
  return diagnostic(
    'error',
    'file.tooLarge',
    file,
    `Not read: ${mib(size)} is over the ${mib(cap)} limit for ${what}; the file is skipped.`,
  );
}

/**
 * Runs `read` on `file` opened, when it is a regular file; an open or read failure goes to `out`
 * (undefined then), and the file is closed whatever happens.
 */
async function withRegularFile<T>(
  file: string,
  out: Diagnostic[],
  read: (handle: FileHandle, size: number) => Promise<T | undefined>,
): Promise<T | undefined> {
  const opened = await openRegularFile(file);
  if ('diagnostic' in opened) {
    out.push(opened.diagnostic);
    return undefined;
  }
  try {
    return await read(opened.handle, opened.size);
  } catch (err) {
    out.push(readFailure(file, err));
    return undefined;
  } finally {
    await opened.handle.close().catch(() => undefined);
  }
}

/**
 * A regular file's whole text, when it is at most `cap` bytes; findings go to `out`.
 * Reads at most cap + 1 bytes, so a file that grows while read (or lies about its size) is caught.
 */
export function readFolderText(
  file: string,
  out: Diagnostic[],
  cap: number = WHOLE_FILE_CAP.default,
  what = 'a file read whole',
): Promise<string | undefined> {
  return withRegularFile(file, out, async (handle, size) => {
    if (size > cap) {
      out.push(tooLarge(file, size, cap, what));
      return undefined;
    }
    const buffer = Buffer.alloc(Math.min(size, cap) + 1);
    let filled = 0;
    for (;;) {
      const { bytesRead } = await handle.read(buffer, filled, buffer.length - filled, filled);
      if (bytesRead === 0) break;
      filled += bytesRead;
      if (filled === buffer.length) {
        out.push(tooLarge(file, filled, cap, what));
        return undefined;
      }
    }
    const { text, diagnostics } = decodeUtf8(buffer.subarray(0, filled), file);
    out.push(...diagnostics);
    return text;
  });
}

/**
 * The last `n` bytes of a regular file (fewer when it is shorter), or undefined when they cannot
 * be read; the failure goes to `out`.
 */
export function readFolderTail(
  file: string,
  out: Diagnostic[],
  n: number,
): Promise<Buffer | undefined> {
  return withRegularFile(file, out, async (handle, size) => {
    const length = Math.min(n, size);
    const buffer = Buffer.alloc(length);
    const { bytesRead } = await handle.read(buffer, 0, length, size - length);
    return buffer.subarray(0, bytesRead);
  });
}

export interface StreamOptions {
  /** Bytes per read (default 1 MiB); tests pass a small one. */
  readonly chunkSize?: number;
  /** Longest line kept, in bytes; a longer one is skipped with a diagnostic. */
  readonly maxLineBytes?: number;
  /** Filled while reading: chunks read and the most bytes of one line held at once. */
  readonly probe?: { chunks: number; maxHeldBytes: number };
}

/**
 * Calls `onLine(text, lineNumber)` for every line of an open regular file, reading it in chunks:
 * memory holds one chunk and the current line (its pieces, joined once at its end). CR LF and LF
 * end lines; a UTF-8 BOM is dropped. Returns false when the file could not be read to its end.
 */
export async function streamLines(
  handle: FileHandle,
  file: string,
  onLine: (line: string, lineNumber: number) => void,
  out: Diagnostic[],
  options: StreamOptions = {},
): Promise<boolean> {
  const chunkSize = options.chunkSize ?? MiB;
  const maxLine = options.maxLineBytes ?? MAX_LINE_BYTES;
  const probe = options.probe;
  const decoder = new TextDecoder('utf-8', { fatal: false, ignoreBOM: false });
  const buffer = Buffer.alloc(chunkSize);
  let pieces: Buffer[] = [];
  let held = 0;
  let overlong = false;
  let lineNumber = 0;
  let position = 0;
  const endLine = (): void => {
    lineNumber++;
    if (overlong) {
      out.push(
        diagnostic('warning', 'file.lineTooLong', file, `Line is over ${mib(maxLine)}; skipped.`, {
          line: lineNumber,
        }),
      );
    } else {
      let text = decoder.decode(Buffer.concat(pieces, held));
      if (text.endsWith('\r')) text = text.slice(0, -1);
      onLine(text, lineNumber);
    }
    pieces = [];
    held = 0;
    overlong = false;
  };
  const keep = (bytes: Buffer): void => {
    if (overlong || bytes.length === 0) return;
    if (held + bytes.length > maxLine) {
      overlong = true;
      pieces = [];
      held = 0;
      return;
    }
    pieces.push(Buffer.from(bytes));
    held += bytes.length;
    if (probe) probe.maxHeldBytes = Math.max(probe.maxHeldBytes, held);
  };
  try {
    for (;;) {
      const { bytesRead } = await handle.read(buffer, 0, chunkSize, position);
      if (bytesRead === 0) break;
      position += bytesRead;
      if (probe) probe.chunks++;
      const chunk = buffer.subarray(0, bytesRead);
      let from = 0;
      for (let nl = chunk.indexOf(10, from); nl >= 0; nl = chunk.indexOf(10, from)) {
        keep(chunk.subarray(from, nl));
        endLine();
        from = nl + 1;
      }
      keep(chunk.subarray(from));
    }
    if (held > 0 || overlong) endLine();
    return true;
  } catch (err) {
    out.push(readFailure(file, err));
    return false;
  }
}
