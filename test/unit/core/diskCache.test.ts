// The parse cache on disk: a second session (new FileCache and DiskCache on the same folder)
// parses none of the files the first one parsed, and gets the same data back; a changed file is
// parsed alone; another parser version, a damaged entry or a cache folder that cannot be written
// are misses, never errors; the folder stays under its limit, least recently used out first.
import { chmodSync, mkdtempSync, readdirSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DiskCache } from '../../../src/core/ingest/diskCache';
import { FileCache } from '../../../src/core/ingest/fileCache';
import { ingestRoot } from '../../../src/core/ingest/ingestRoot';
import { InlineRunner } from '../../../src/core/pipeline/runner';
import { KURENTO, makeMiniRoot } from './miniRoot';

/** Files of the mini root the ingest parses (the file cache test counts the same 9). */
const FILES = 9;

function folder(): string {
  return mkdtempSync(join(tmpdir(), 'ltl-parse-cache-'));
}

async function session(root: string, dir: string, version = 'v1') {
  const disk = new DiskCache(dir, { version });
  const data = await ingestRoot(root, {
    runner: new InlineRunner(),
    cache: new FileCache(undefined, disk),
  });
  await disk.flush();
  return { disk, data };
}

const STAMP = { size: 10, mtimeMs: 1000 };

describe('parse cache on disk', () => {
  it('a second session parses nothing and reads the same data back', async () => {
    const root = makeMiniRoot();
    const dir = folder();
    const first = await session(root, dir);
    expect([first.disk.hits, first.disk.misses]).toEqual([0, FILES]);
    const second = await session(root, dir);
    expect([second.disk.hits, second.disk.misses]).toEqual([FILES, 0]);
    expect(second.data.tests).toEqual(first.data.tests);
    // Typed arrays come back as typed arrays.
    expect(second.data.tests[0]?.node?.series.cpu).toBeInstanceOf(Float64Array);
  });

  it('a changed file is parsed again, alone', async () => {
    const root = makeMiniRoot();
    const dir = folder();
    await session(root, dir);
    const csv = join(root, 'dfs_final', `${KURENTO}-medianode.csv`);
    writeFileSync(csv, '@timestamp,cpu,memory\n2024-06-20T10:15:00.000Z,0.9,0.2\n');
    utimesSync(csv, new Date(), new Date(Date.now() + 5000));
    const again = await session(root, dir);
    expect([again.disk.hits, again.disk.misses]).toEqual([FILES - 1, 1]);
    expect(Array.from(again.data.tests[0]!.node!.series.cpu)).toEqual([0.9]);
  });

  it('entries of another parser version are not read', async () => {
    const root = makeMiniRoot();
    const dir = folder();
    await session(root, dir, 'v1');
    const other = await session(root, dir, 'v2');
    expect([other.disk.hits, other.disk.misses]).toEqual([0, FILES]);
  });

  it('a damaged entry is a miss', async () => {
    const dir = folder();
    const cache = new DiskCache(dir, { version: 'v1' });
    await cache.write('k', STAMP, { a: 1 });
    const [entry] = readdirSync(dir);
    writeFileSync(join(dir, entry as string), 'not a V8 serialization');
    expect(await cache.read('k', STAMP)).toBeUndefined();
    expect(cache.misses).toBe(1);
  });

  it('a stamp that differs in size or mtime is a miss', async () => {
    const cache = new DiskCache(folder(), { version: 'v1' });
    await cache.write('k', STAMP, [1, 2, 3]);
    expect(await cache.read('k', { size: 11, mtimeMs: 1000 })).toBeUndefined();
    expect(await cache.read('k', { size: 10, mtimeMs: 1001 })).toBeUndefined();
    expect(await cache.read('k', STAMP)).toEqual([1, 2, 3]);
  });

  it.skipIf(process.getuid?.() === 0)(
    'a folder that cannot be written: the parse goes on',
    async () => {
      const dir = folder();
      chmodSync(dir, 0o500);
      const cache = new DiskCache(join(dir, 'sub'), { version: 'v1' });
      await cache.write('k', STAMP, 1);
      expect(cache.writeFailures).toBe(1);
      expect(await cache.read('k', STAMP)).toBeUndefined();
    },
  );

  it('a folder that is a file: writes fail quietly and reads miss', async () => {
    const file = join(folder(), 'not-a-folder');
    writeFileSync(file, 'x');
    const cache = new DiskCache(file, { version: 'v1' });
    await cache.write('k', STAMP, 1);
    expect(cache.writeFailures).toBe(1);
    expect(await cache.read('k', STAMP)).toBeUndefined();
  });

  it('stays under its limit, the least recently used entries out first', async () => {
    const dir = folder();
    const value = new Float64Array(5_000); // about 40 kB an entry
    const writer = new DiskCache(dir, { version: 'v1' });
    for (const key of ['first', ...Array.from({ length: 30 }, (_, i) => `k${i}`)])
      await writer.write(key, STAMP, value);
    const past = new Date(Date.now() - 60_000);
    for (const name of readdirSync(dir)) utimesSync(join(dir, name), past, past);
    expect(await writer.read('first', STAMP)).toEqual(value); // used now: the last to go
    const small = new DiskCache(dir, { version: 'v1', maxBytes: 500_000 });
    await small.prune();
    const info = await small.info();
    expect(info.bytes).toBeLessThanOrEqual(500_000);
    expect(info.entries).toBeGreaterThanOrEqual(10);
    expect(info.entries).toBeLessThan(31);
    expect(await small.read('first', STAMP)).toEqual(value);
  });

  it('clear deletes its entries and nothing else', async () => {
    const dir = folder();
    writeFileSync(join(dir, 'notes.txt'), 'keep me');
    const cache = new DiskCache(dir, { version: 'v1' });
    await cache.write('a', STAMP, 1);
    await cache.write('b', STAMP, 2);
    expect(await cache.clear()).toBe(2);
    expect(readdirSync(dir)).toEqual(['notes.txt']);
  });
});
