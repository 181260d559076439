/**
 * The file-system calls of the ingest's per-file path (stat, lstat, whole small files), blocking
 * or not by thread. A pool worker and the CLI block: their thread has nothing else to do
 * meanwhile, and each async call is a round trip through libuv's thread pool (a wake-up and a
 * context switch on each side) that costs more than the call itself; a root has thousands of
 * small files, each stat'ed, checked and read. The extension host never blocks: it must stay
 * responsive, and a result folder may sit on a network drive.
 */
import {
  lstatSync,
  readFile as readFileCallback,
  readFileSync,
  statSync,
  type Stats,
} from 'node:fs';
import { lstat, stat } from 'node:fs/promises';
import { promisify } from 'node:util';

let blocking = false;

/** From now on this thread reads with blocking calls (the CLI's entry point, a pool worker). */
export function readWithBlockingCalls(): void {
  blocking = true;
}

/** Whether this thread reads with blocking calls. */
export function readsBlocking(): boolean {
  return blocking;
}

/**
 * `fs.readFile` with a callback, promisified: the same bytes and errors as `fs/promises`'
 * readFile at about a third of its CPU on small files (Node 20 reads those in several promise
 * round trips).
 */
const readFileAsync = promisify(readFileCallback);

/** A whole file's bytes; rejects as `readFile` does. */
export async function fileBytes(file: string): Promise<Buffer> {
  return blocking ? readFileSync(file) : readFileAsync(file);
}

/** `stat`; rejects as `fs/promises` does. */
export async function statOf(path: string): Promise<Stats> {
  return blocking ? statSync(path) : stat(path);
}

/** `lstat`; rejects as `fs/promises` does. */
export async function lstatOf(path: string): Promise<Stats> {
  return blocking ? lstatSync(path) : lstat(path);
}
