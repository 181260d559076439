/**
 * Whole-file text reading: UTF-8 (a BOM dropped), or UTF-16LE / UTF-16BE with a BOM (what
 * Windows PowerShell's `>` writes), decoded; anything else becomes a diagnostic, not a throw.
 */
import { diagnostic, type Diagnostic } from '../model/diagnostic';
import { lineColumnAt } from './jsonArray';
import { sniffEncoding, swap16 } from './lineReader';
import { readFailure } from './readFailure';
import { fileBytes } from '../util/readCalls';

const strictUtf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false });
const lenientUtf8 = new TextDecoder('utf-8', { fatal: false, ignoreBOM: false });

/**
 * Decodes a text file's bytes. A UTF-16 BOM selects UTF-16 (with an info note naming it);
 * otherwise UTF-8 (dropping a BOM). Bytes that are not UTF-8 (a file from a Windows tool, a
 * binary blob) become U+FFFD and a warning with the position of the first one; the rest reads.
 */
export function decodeUtf8(
  bytes: Uint8Array,
  file: string,
): { text: string; diagnostics: Diagnostic[] } {
  const { encoding, bom } = sniffEncoding(bytes);
  if (encoding === 'utf-16le' || encoding === 'utf-16be') {
    const body = bytes.subarray(bom);
    const text = new TextDecoder('utf-16le').decode(
      encoding === 'utf-16be' ? swap16(body) : body.subarray(0, body.length - (body.length % 2)),
    );
    const message = `Read as ${encoding.toUpperCase()} (the file starts with its byte order mark).`;
    return { text, diagnostics: [diagnostic('info', 'file.encoding', file, message)] };
  }
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
    return decodeUtf8(await fileBytes(file), file);
  } catch (err) {
    return { diagnostics: [readFailure(file, err)] };
  }
}
