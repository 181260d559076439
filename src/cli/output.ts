/**
 * `--out` is checked at once, before any analysis: it must be creatable and writable, and it
 * must not lie inside a folder being analysed (nothing is ever written into the user's result
 * folders). A problem is a sentence for the user and exit 2. `--out -` is standard output.
 */
import { constants } from 'node:fs';
import { access, mkdir, realpath, stat } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { isWithin } from '../core/source/insideRoot';
import { detectFolder } from '../core/source/resultRoot';
import { OutputRefused, OutputWriter } from '../core/report/analyzeOutput';
import type { CliIo } from './io';

/** `--out -`: the document on standard output instead of a file. */
export const STDOUT = '-';

/** Why `--out -` cannot be a command's output: it writes a folder of files. */
export function folderNotStdout(what: string): string {
  return `--out takes a folder (${what}); - (standard output) cannot hold one`;
}

/**
 * Writes one document: `name` in the folder `out` (created; never through a link planted in it,
 * docs/reliability.md), or on standard output when `out` is `-`. A string is why it was refused.
 */
export async function writeDocument(
  out: string,
  name: string,
  text: string,
  io: CliIo,
): Promise<string | undefined> {
  if (out === STDOUT) {
    io.stdout(text);
    return undefined;
  }
  try {
    await mkdir(out, { recursive: true });
    await new OutputWriter(out).write(name, text);
    return undefined;
  } catch (e) {
    if (e instanceof OutputRefused) return e.message;
    throw e;
  }
}

/** The deepest existing path on the way to `path` (itself when it exists), and what lies below. */
async function nearestExisting(path: string): Promise<{ existing: string; rest: string[] }> {
  const rest: string[] = [];
  let current = resolve(path);
  for (;;) {
    try {
      await stat(current);
      return { existing: current, rest };
    } catch {
      const parent = dirname(current);
      if (parent === current) return { existing: current, rest };
      rest.unshift(basename(current));
      current = parent;
    }
  }
}

/** `path` with every link of its existing part followed. */
async function realPathOf(path: string): Promise<string> {
  const { existing, rest } = await nearestExisting(path);
  const real = await realpath(existing).catch(() => existing);
  return join(real, ...rest);
}

/**
 * Why `out` (a folder, or a file for `report`) cannot be written, or undefined when it can.
 * `inputs` are the folders the command reads.
 */
export async function outputProblem(
  out: string,
  kind: 'folder' | 'file',
  inputs: readonly string[],
): Promise<string | undefined> {
  const realOut = await realPathOf(out);
  for (const given of inputs) {
    // A test folder is read as part of its root: the whole root is the user's folder.
    const input = (await detectFolder(given)).enclosingRoot ?? given;
    const realInput = await realPathOf(input);
    if (isWithin(realInput, realOut))
      return `--out ${out} is inside the folder being read (${input}); nothing is written into input folders: choose a folder outside it.`;
  }
  const { existing, rest } = await nearestExisting(out);
  const info = await stat(existing);
  if (rest.length === 0) {
    if (kind === 'folder' && !info.isDirectory()) return `--out ${out} is a file, not a folder.`;
    if (kind === 'file' && info.isDirectory()) return `--out ${out} is a folder; give a file name.`;
  } else if (!info.isDirectory()) {
    return `--out ${out} cannot be created: ${existing} is a file, not a folder.`;
  }
  try {
    await access(existing, constants.W_OK);
  } catch (err) {
    return `--out ${out} cannot be written: ${existing} is not writable (${(err as NodeJS.ErrnoException).code ?? String(err)}).`;
  }
  return undefined;
}
