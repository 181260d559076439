/**
 * Reading the browser-emulator's JSON array files (events.json, stats.json, errors.json …).
 * The writer overwrites the trailing `]` with `,<element>]` on every append (FORMATS.md §1.1),
 * so a crash mid-write leaves an array cut inside its last element. We recover every complete
 * element before the cut and say so, instead of losing the whole file.
 */
import { diagnostic, type Diagnostic } from '../model/diagnostic';

export interface JsonArrayResult {
  readonly elements: unknown[];
  readonly diagnostics: Diagnostic[];
}

/** 1-based line and column of a character offset. */
export function lineColumnAt(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < offset && i < text.length; i++) {
    if (text.charCodeAt(i) === 10) {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: offset - lineStart + 1 };
}

/**
 * Offsets just after each complete top-level element of an array text, found by scanning
 * brackets outside strings. Stops at the first point the text is cut.
 */
function completeElementEnds(text: string): number[] {
  const ends: number[] = [];
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (inString) {
      if (c === '\\') i++;
      else if (c === '"') inString = false;
      continue;
    }
    if (c === '"') inString = true;
    else if (c === '{' || c === '[') depth++;
    else if (c === '}' || c === ']') {
      depth--;
      if (depth === 1) ends.push(i + 1);
    }
  }
  return ends;
}

function recoverTruncated(text: string, file: string): JsonArrayResult | undefined {
  const start = text.indexOf('[');
  if (start < 0) return undefined;
  const ends = completeElementEnds(text.slice(start));
  for (let k = ends.length - 1; k >= 0; k--) {
    try {
      const elements = JSON.parse(
        text.slice(start, start + (ends[k] as number)) + ']',
      ) as unknown[];
      const at = lineColumnAt(text, text.length);
      return {
        elements,
        diagnostics: [
          diagnostic(
            'warning',
            'json.truncated',
            file,
            `File is cut off (a write was interrupted); kept the ${elements.length} complete element(s) before the cut.`,
            at,
          ),
        ],
      };
    } catch {
      // An element that scanned as complete may still be invalid: try the one before.
    }
  }
  return undefined;
}

function syntaxErrorPosition(err: unknown, text: string): { line?: number; column?: number } {
  const m = /position (\d+)/.exec(err instanceof Error ? err.message : '');
  return m ? lineColumnAt(text, Number(m[1])) : {};
}

/** Parses a JSON array file's text; never throws. */
export function parseJsonArray(text: string, file: string): JsonArrayResult {
  if (text.trim() === '') {
    return {
      elements: [],
      diagnostics: [
        diagnostic('warning', 'json.empty', file, 'File is empty (expected a JSON array).'),
      ],
    };
  }
  try {
    const value: unknown = JSON.parse(text);
    if (Array.isArray(value)) return { elements: value, diagnostics: [] };
    return {
      elements: [],
      diagnostics: [
        diagnostic('error', 'json.notArray', file, `Expected a JSON array, found ${typeof value}.`),
      ],
    };
  } catch (err) {
    const recovered = recoverTruncated(text, file);
    if (recovered) return recovered;
    return {
      elements: [],
      diagnostics: [
        diagnostic(
          'error',
          'json.invalid',
          file,
          `Invalid JSON: ${err instanceof Error ? err.message : String(err)}`,
          syntaxErrorPosition(err, text),
        ),
      ],
    };
  }
}
