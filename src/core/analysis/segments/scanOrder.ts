/**
 * The notebook lists a test's folders with `os.scandir`, in the file system's own order; only
 * the pandas labels of B5 depend on it. `fs.opendir` reads entries in that same raw order
 * (`readdir`, unsorted), unlike `fs.readdir`, which libuv sorts.
 */
import { opendir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { FolderBoundary } from '../../source/insideRoot';
import type { ScanOrder } from './users';

/**
 * Entries in raw order. A link counts as a folder when it names one inside the boundary, as
 * `os.scandir`'s `is_dir()` follows links; one leading out is left out (and reported there).
 */
async function rawEntries(
  dir: string,
  boundary: FolderBoundary,
): Promise<Array<{ name: string; isDir: boolean }>> {
  const out: Array<{ name: string; isDir: boolean }> = [];
  try {
    for await (const e of await opendir(dir)) {
      if (!e.isSymbolicLink()) {
        out.push({ name: e.name, isDir: e.isDirectory() });
        continue;
      }
      const real = await boundary.resolve(join(dir, e.name));
      if (real !== undefined) out.push({ name: e.name, isDir: (await stat(real)).isDirectory() });
    }
  } catch {
    // a missing or unreadable folder lists nothing, as the ingest reports it already
  }
  return out;
}

/**
 * `"<sessionDir>/<userDir>"` of every user folder under `statsDir`, in `os.scandir` order; links
 * follow the symlink policy within `boundary` (the test's stats folder unless given).
 */
export async function readScanOrder(
  statsDir: string,
  boundary = new FolderBoundary(statsDir),
): Promise<ScanOrder> {
  const order: string[] = [];
  for (const s of await rawEntries(statsDir, boundary)) {
    if (!s.isDir) continue;
    for (const u of await rawEntries(join(statsDir, s.name), boundary))
      if (u.isDir) order.push(`${s.name}/${u.name}`);
  }
  return order;
}
