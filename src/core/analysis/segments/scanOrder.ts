/**
 * The notebook lists a test's folders with `os.scandir`, in the file system's own order; only
 * the pandas labels of B5 depend on it. `fs.opendir` reads entries in that same raw order
 * (`readdir`, unsorted), unlike `fs.readdir`, which libuv sorts.
 */
import { opendir } from 'node:fs/promises';
import { join } from 'node:path';
import type { ScanOrder } from './users';

async function rawEntries(dir: string): Promise<Array<{ name: string; isDir: boolean }>> {
  const out: Array<{ name: string; isDir: boolean }> = [];
  try {
    for await (const e of await opendir(dir)) out.push({ name: e.name, isDir: e.isDirectory() });
  } catch {
    // a missing or unreadable folder lists nothing, as the ingest reports it already
  }
  return out;
}

/** `"<sessionDir>/<userDir>"` of every user folder under `statsDir`, in `os.scandir` order. */
export async function readScanOrder(statsDir: string): Promise<ScanOrder> {
  const order: string[] = [];
  for (const s of await rawEntries(statsDir)) {
    if (!s.isDir) continue;
    for (const u of await rawEntries(join(statsDir, s.name)))
      if (u.isDir) order.push(`${s.name}/${u.name}`);
  }
  return order;
}
