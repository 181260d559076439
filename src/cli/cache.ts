/**
 * `loadtest-lens cache [info|clear]` and the CLI's ingest cache: parse results kept between runs
 * in the user's cache folder, so that re-analysing an unchanged root reads nothing it already
 * read (src/core/ingest/diskCache.ts). LOADTEST_LENS_CACHE_DIR moves the folder;
 * LOADTEST_LENS_CACHE=off turns the cache off. The cache never writes into a result folder.
 */
import { homedir } from 'node:os';
import { join } from 'node:path';
import { buildStamp, DiskCache } from '../core/ingest/diskCache';
import { FileCache } from '../core/ingest/fileCache';
import { EXIT } from './exit';
import type { CliIo } from './io';
import { parseCommandArgs } from './args';
import { commandOptions } from './command';

const HELP = `Usage: loadtest-lens cache [info|clear]

The files summary, analyze, compare and report parse are kept in a cache folder, keyed on each
file's path, size and modification time, so that an unchanged root is not parsed again.
  info   where the cache is, and how many entries and bytes it holds (the default)
  clear  delete every entry
Environment: LOADTEST_LENS_CACHE_DIR=<folder> moves the cache; LOADTEST_LENS_CACHE=off turns it
off. The cache folder is never inside a result root, and is kept under 1 GiB.`;

/** The cache folder: LOADTEST_LENS_CACHE_DIR, else the platform's user cache folder. */
export function cacheDir(env: NodeJS.ProcessEnv = process.env): string {
  const given = env['LOADTEST_LENS_CACHE_DIR'];
  if (given) return given;
  if (process.platform === 'win32')
    return join(
      env['LOCALAPPDATA'] ?? join(homedir(), 'AppData', 'Local'),
      'loadtest-lens',
      'cache',
    );
  if (process.platform === 'darwin') return join(homedir(), 'Library', 'Caches', 'loadtest-lens');
  return join(env['XDG_CACHE_HOME'] || join(homedir(), '.cache'), 'loadtest-lens');
}

function diskCache(env: NodeJS.ProcessEnv = process.env): DiskCache {
  return new DiskCache(join(cacheDir(env), 'ingest'), {
    version: buildStamp(__dirname, ['cli.js', 'worker.js']),
  });
}

/** The disk caches this process opened: their writes land before it exits (`flushCaches`). */
const opened: DiskCache[] = [];

/** The two-level file cache a command reads through; undefined when the cache is turned off. */
export function createFileCache(env: NodeJS.ProcessEnv = process.env): FileCache | undefined {
  if (env['LOADTEST_LENS_CACHE'] === 'off') return undefined;
  const disk = diskCache(env);
  opened.push(disk);
  return new FileCache(undefined, disk);
}

/** Waits for every cache write of this process (main calls it before the exit code is returned). */
export async function flushCaches(): Promise<void> {
  await Promise.all(opened.splice(0).map(d => d.flush()));
}

/** The action: `info` (default) or `clear`; a string is the usage error. */
function parseCacheArgs(argv: readonly string[]): { action: 'info' | 'clear' } | string {
  const args = parseCommandArgs(argv, {});
  if (typeof args === 'string') return args;
  const [action = 'info', ...rest] = args.positionals;
  if (rest.length > 0 || (action !== 'info' && action !== 'clear'))
    return `unknown arguments ${args.positionals.join(' ')}`;
  return { action };
}

export async function cacheCommand(argv: string[], io: CliIo): Promise<number> {
  const o = commandOptions('cache', HELP, argv, io, parseCacheArgs);
  if (typeof o === 'number') return o;
  const { action } = o;
  const cache = diskCache();
  if (action === 'clear') {
    const removed = await cache.clear();
    io.stdout(`removed ${removed} cache entries from ${cache.dir}\n`);
    return EXIT.done;
  }
  const info = await cache.info();
  const state = process.env['LOADTEST_LENS_CACHE'] === 'off' ? ' (turned off)' : '';
  io.stdout(
    `${info.dir}${state}\n${info.entries} entries, ${(info.bytes / 1048576).toFixed(1)} MiB\n`,
  );
  return EXIT.done;
}

/** `{ cache }` for an ingest's options, or nothing when the cache is turned off. */
export function cacheOption(): { cache?: FileCache } {
  const cache = createFileCache();
  return cache ? { cache } : {};
}
