/**
 * The one diagnostic for input that exists but could not be read (EMFILE, EACCES, EIO, EISDIR,
 * a folder that cannot be listed …): `read.unreadable`, an error naming the file and the OS
 * error. The CLI exits 2 when any is present, so a run that lost input never looks complete.
 * A file that is simply not there stays `file.missing`.
 */
import { diagnostic, type Diagnostic } from '../model/diagnostic';
import type { FolderBoundary } from '../source/insideRoot';
import { statOf } from '../util/readCalls';
import type { FileStamp } from './fileCache';

export const UNREADABLE = 'read.unreadable';

function osError(err: unknown): string {
  const code = (err as NodeJS.ErrnoException | undefined)?.code;
  const message = err instanceof Error ? err.message : String(err);
  return code && !message.startsWith(code) ? `${code}: ${message}` : message;
}

/** `read.unreadable` for `file` (a file, or a folder when `what` says so). */
export function unreadable(file: string, err: unknown, what = 'file'): Diagnostic {
  return diagnostic(
    'error',
    UNREADABLE,
    file,
    `Cannot read this ${what} (${osError(err)}); its data is missing from the results.`,
  );
}

/** A failed read: `file.missing` when the file is gone (ENOENT), else `read.unreadable`. */
export function readFailure(file: string, err: unknown, what = 'file'): Diagnostic {
  if ((err as NodeJS.ErrnoException | undefined)?.code === 'ENOENT')
    return diagnostic('error', 'file.missing', file, 'File not found.');
  return unreadable(file, err, what);
}

/**
 * Size and mtime of a file to read; undefined when there is none, or when the boundary does not
 * let us read it (symlink policy; the boundary reports the link). A path that exists but cannot
 * be read (stat fails other than ENOENT, or it is a folder, a FIFO, a device) is reported to
 * `problems` as `read.unreadable`, never taken for a missing file.
 */
export async function stampOf(
  file: string,
  boundary: FolderBoundary,
  problems: Diagnostic[],
): Promise<FileStamp | undefined> {
  try {
    if (!(await boundary.allows(file))) return undefined;
    const s = await statOf(file);
    if (s.isFile()) return { size: s.size, mtimeMs: s.mtimeMs };
    problems.push(
      unreadable(
        file,
        new Error(s.isDirectory() ? 'EISDIR: a folder, not a file' : 'not a regular file'),
      ),
    );
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code !== 'ENOENT' && code !== 'ENOTDIR') problems.push(unreadable(file, err));
  }
  return undefined;
}
