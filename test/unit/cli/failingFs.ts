/**
 * node:fs/promises for the CLI tests, with two changes: `readFile` and `open` fail with EIO on
 * paths that match `failing.pattern` (tests run as root, where chmod 000 does not stop a read), and the
 * report page (built into dist/ next to the CLI bundle) reads as a stand-in from the sources.
 * Use: vi.mock('node:fs/promises', async o => (await import('./failingFs')).withFailures(await o())).
 * node:fs's callback `readFile` (what the ingest reads whole small files with) fails the same way:
 * vi.mock('node:fs', async o => (await import('./failingFs')).withCallbackFailures(await o())).
 */
import type * as Fs from 'node:fs';
import type * as FsPromises from 'node:fs/promises';

export const failing: { pattern?: RegExp } = {};

function failIfChosen(path: unknown): void {
  const name = String(path);
  if (failing.pattern?.test(name))
    throw Object.assign(new Error(`EIO: i/o error, read '${name}'`), { code: 'EIO' });
}

export function withFailures(fs: typeof FsPromises): typeof FsPromises {
  const open = (async (path: unknown, ...rest: unknown[]) => {
    failIfChosen(path);
    return (fs.open as (...a: unknown[]) => Promise<unknown>)(path, ...rest);
  }) as typeof fs.open;
  const readFile = (async (path: unknown, ...rest: unknown[]) => {
    const name = String(path);
    failIfChosen(path);
    if (/src[\\/]cli[\\/]report-page\.(js|css)$/.test(name)) return '/* page */';
    return (fs.readFile as (...a: unknown[]) => Promise<unknown>)(path, ...rest);
  }) as typeof fs.readFile;
  return { ...fs, open, readFile, default: { ...fs, open, readFile } } as typeof FsPromises;
}

export function withCallbackFailures(fs: typeof Fs): typeof Fs {
  const readFile = ((path: unknown, ...rest: unknown[]) => {
    const callback = rest.at(-1) as (err: unknown) => void;
    try {
      failIfChosen(path);
    } catch (err) {
      process.nextTick(callback, err);
      return;
    }
    (fs.readFile as (...a: unknown[]) => void)(path, ...rest);
  }) as typeof fs.readFile;
  return { ...fs, readFile, default: { ...fs, readFile } } as typeof Fs;
}
