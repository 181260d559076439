import { readFile } from 'node:fs/promises';
import { diagnostic, type Diagnostic } from '../model/diagnostic';
import { lineColumnAt } from './jsonArray';
import { readFailure } from './readFailure';

const strictUtf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false });
const lenientUtf8 = new TextDecoder('utf-8', { fatal: false, ignoreBOM: false });

/**
 * Decodes UTF-8 (dropping a BOM). Bytes that are not UTF-8 (a file from a Windows tool, a
 * binary blob) become U+FFFD and a warning with the position of the first one; the rest reads.
 */
export function decodeUtf8(
  bytes: Uint8Array,
  file: string,
): { text: string; diagnostics: Diagnostic[] } {
  try {
    return { text: strictUtf8.decode(bytes), diagnostics: [] };
  } catch {
    const text = lenientUtf8.decode(bytes);
    const at = lineColumnAt(text, text.indexOf('\ufffd'));
    const message = 'File has bytes that are not UTF-8; they are shown as � and the rest is read.';
    return { text, diagnostics: [diagnostic('warning', 'file.notUtf8', file, message, at)] };
  }
}

/** Reads a whole text file; a failure becomes a diagnostic instead of a throw. */
export async function readTextFile(
  file: string,
): Promise<{ text?: string; diagnostics: Diagnostic[] }> {
  try {
    return decodeUtf8(await readFile(file), file);
  } catch (err) {
    return { diagnostics: [readFailure(file, err)] };
  }
}
