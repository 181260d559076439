import { readFile } from 'node:fs/promises';
import { diagnostic, type Diagnostic } from '../model/diagnostic';

/** Reads a whole text file; a failure becomes a diagnostic instead of a throw. */
export async function readTextFile(
  file: string,
): Promise<{ text?: string; diagnostics: Diagnostic[] }> {
  try {
    return { text: await readFile(file, 'utf8'), diagnostics: [] };
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    const message =
      code === 'ENOENT'
        ? 'File not found.'
        : `Cannot read file: ${err instanceof Error ? err.message : String(err)}`;
    return {
      diagnostics: [
        diagnostic('error', code === 'ENOENT' ? 'file.missing' : 'file.unreadable', file, message),
      ],
    };
  }
}
