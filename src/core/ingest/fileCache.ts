/**
 * Parsed results keyed on (task, path), valid while the file's size and mtime are unchanged:
 * reopening an unchanged root reuses everything, and a changed file is re-read alone. With a
 * DiskCache behind it, what a previous session parsed is read back from disk instead of parsed.
 */
import type { DiskCache } from './diskCache';

export interface FileStamp {
  readonly size: number;
  readonly mtimeMs: number;
}

interface Entry {
  readonly stamp: FileStamp;
  readonly value: Promise<unknown>;
}

export class FileCache {
  private readonly entries = new Map<string, Entry>();
  hits = 0;
  misses = 0;

  constructor(
    private readonly maxEntries = 200_000,
    /** The second level: parse results kept between sessions. */
    readonly disk?: DiskCache,
  ) {}

  /** The cached result for `key` if `stamp` still matches, else `load()`'s (which is then cached). */
  get<T>(key: string, stamp: FileStamp, load: () => Promise<T>): Promise<T> {
    const entry = this.entries.get(key);
    if (entry && entry.stamp.size === stamp.size && entry.stamp.mtimeMs === stamp.mtimeMs) {
      this.hits++;
      return entry.value as Promise<T>;
    }
    this.misses++;
    const value = this.disk ? this.fromDisk(key, stamp, load) : load();
    this.entries.set(key, { stamp, value });
    value.catch(() => this.entries.delete(key)); // failures (e.g. cancellation) are not cached
    if (this.entries.size > this.maxEntries) {
      const oldest = this.entries.keys().next().value;
      if (oldest !== undefined) this.entries.delete(oldest);
    }
    return value;
  }

  private async fromDisk<T>(key: string, stamp: FileStamp, load: () => Promise<T>): Promise<T> {
    const disk = this.disk as DiskCache;
    const kept = await disk.read(key, stamp);
    if (kept !== undefined) return kept as T;
    const value = await load();
    disk.put(key, stamp, value);
    return value;
  }

  clear(): void {
    this.entries.clear();
  }

  get size(): number {
    return this.entries.size;
  }
}
