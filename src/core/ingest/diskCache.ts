/**
 * Parsed files kept on disk between sessions, so that reopening or re-analysing an unchanged
 * root reads none of the files it already read: an entry is one parse result, keyed on the
 * task and the file's path and valid while the file's size and mtime are unchanged (the same
 * rule as the in-memory FileCache, which uses this as its second level).
 *
 * Where: a folder the caller names (the extension's global storage; the CLI's cache folder),
 * never the user's result folders. Each entry is one file named by a hash of the key and of the
 * `version` (the product and its parsers: a new build starts afresh), holding the key, the
 * stamp and the value in V8's serialization (what the worker threads already send: typed
 * arrays, maps and plain objects survive it). The folder is kept under `maxBytes` by deleting
 * the entries least recently used. Nothing here throws: a cache that cannot be read or written
 * is a miss, and the parse happens as without it.
 */
import { createHash } from 'node:crypto';
import { statSync } from 'node:fs';
import { mkdir, readdir, readFile, rename, rm, stat, utimes, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { deserialize, serialize } from 'node:v8';
import type { FileStamp } from './fileCache';

/** Bumped when what an entry holds changes shape. */
const FORMAT = 1;
const SUFFIX = '.ltlcache';

export interface DiskCacheOptions {
  /** The product and parser version: entries of another version are never read. */
  readonly version: string;
  /** The folder's size is kept under this (default 1 GiB). */
  readonly maxBytes?: number;
}

interface Stored {
  readonly format: number;
  readonly version: string;
  readonly key: string;
  readonly size: number;
  readonly mtimeMs: number;
  readonly value: unknown;
}

export interface DiskCacheInfo {
  readonly dir: string;
  readonly entries: number;
  readonly bytes: number;
}

export class DiskCache {
  hits = 0;
  misses = 0;
  /** Entries that could not be written (full disk, no permission); the parse went on. */
  writeFailures = 0;
  /** Writes under way (awaited by `flush`, before a CLI exits). */
  private readonly pending = new Set<Promise<void>>();
  /** Bytes written since the folder's size was last checked (checked first on the first write). */
  private unchecked = Infinity;
  private readonly maxBytes: number;

  constructor(
    readonly dir: string,
    private readonly options: DiskCacheOptions,
  ) {
    this.maxBytes = options.maxBytes ?? 2 ** 30;
  }

  private fileOf(key: string): string {
    const hash = createHash('sha256').update(`${FORMAT}\u0000${this.options.version}\u0000${key}`);
    return join(this.dir, hash.digest('hex').slice(0, 40) + SUFFIX);
  }

  /** The value stored for `key` at this `stamp`, or undefined (a miss). */
  async read(key: string, stamp: FileStamp): Promise<unknown> {
    const file = this.fileOf(key);
    try {
      const stored = deserialize(await readFile(file)) as Stored;
      if (!matches(stored, this.options.version, key, stamp)) {
        this.misses++;
        return undefined;
      }
      this.hits++;
      const now = new Date();
      await utimes(file, now, now).catch(() => undefined); // recently used: pruned last
      return stored.value;
    } catch {
      this.misses++;
      return undefined;
    }
  }

  /** Starts storing `value` (see `write`); `flush` waits for it. */
  put(key: string, stamp: FileStamp, value: unknown): void {
    const done = this.write(key, stamp, value);
    this.pending.add(done);
    void done.finally(() => this.pending.delete(done));
  }

  /** Resolves when every write started so far has landed (or failed). */
  async flush(): Promise<void> {
    while (this.pending.size > 0) await Promise.all([...this.pending]);
  }

  /**
   * Stores `value` for `key` at `stamp`: serialized at once (the caller may go on using the
   * value), written whole, then renamed (never half an entry). An entry over a quarter of the
   * limit is not kept.
   */
  async write(key: string, stamp: FileStamp, value: unknown): Promise<void> {
    const file = this.fileOf(key);
    let bytes: Buffer;
    try {
      bytes = serialize({
        format: FORMAT,
        version: this.options.version,
        key,
        size: stamp.size,
        mtimeMs: stamp.mtimeMs,
        value,
      } satisfies Stored);
    } catch {
      this.writeFailures++; // a value V8 cannot serialize: never expected of a parse result
      return;
    }
    if (bytes.length > this.maxBytes / 4) return;
    try {
      await mkdir(this.dir, { recursive: true });
      const temporary = `${file}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
      await writeFile(temporary, bytes);
      await rename(temporary, file);
      this.unchecked += bytes.length;
    } catch {
      this.writeFailures++;
      return;
    }
    // The folder is listed again only after an eighth of the limit was written since.
    if (this.unchecked > this.maxBytes / 8) {
      this.unchecked = 0;
      await this.prune();
    }
  }

  /** Deletes the least recently used entries until the folder is under its limit. */
  async prune(): Promise<void> {
    const entries = await this.entries();
    let total = entries.reduce((sum, e) => sum + e.bytes, 0);
    entries.sort((a, b) => a.usedMs - b.usedMs);
    for (const e of entries) {
      if (total <= this.maxBytes) break;
      await rm(e.file, { force: true }).catch(() => undefined);
      total -= e.bytes;
    }
  }

  /** How many entries and bytes the folder holds. */
  async info(): Promise<DiskCacheInfo> {
    const entries = await this.entries();
    return {
      dir: this.dir,
      entries: entries.length,
      bytes: entries.reduce((sum, e) => sum + e.bytes, 0),
    };
  }

  /** Deletes every entry (and only entries: other files in the folder stay). */
  async clear(): Promise<number> {
    const entries = await this.entries();
    await Promise.all(entries.map(e => rm(e.file, { force: true }).catch(() => undefined)));
    return entries.length;
  }

  private async entries(): Promise<Array<{ file: string; bytes: number; usedMs: number }>> {
    const names = await readdir(this.dir).catch(() => [] as string[]);
    const found = await Promise.all(
      names
        .filter(n => n.includes(SUFFIX)) // entries, and temporaries a crash left
        .map(async name => {
          const file = join(this.dir, name);
          const s = await stat(file).catch(() => undefined);
          return s?.isFile() ? { file, bytes: s.size, usedMs: s.mtimeMs } : undefined;
        }),
    );
    return found.filter((e): e is { file: string; bytes: number; usedMs: number } => !!e);
  }
}

function matches(stored: Stored, version: string, key: string, stamp: FileStamp): boolean {
  return (
    stored.format === FORMAT &&
    stored.version === version &&
    stored.key === key &&
    stored.size === stamp.size &&
    stored.mtimeMs === stamp.mtimeMs
  );
}

/**
 * A version for the cache from the bundles that parse (`names` in `dir`): their sizes and
 * modification times, so that a new version, or any rebuild, starts a new cache rather than
 * trusting results of other parsers.
 */
export function buildStamp(dir: string, names: readonly string[]): string {
  return names
    .map(name => statSync(join(dir, name), { throwIfNoEntry: false }))
    .map(s => (s ? `${s.size}:${Math.round(s.mtimeMs)}` : '-'))
    .join('/');
}
