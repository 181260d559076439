/**
 * Reading the browser-emulator's JSON array files held as text (events.json, QoE cuts,
 * errors.json …; stats.json streams through `stats/arrayStream.ts`). The writer overwrites the
 * trailing `]` with `,<element>]` on every append (FORMATS.md §1.1), so a crash mid-write leaves
 * an array cut inside its last element; a hand edit or a buggy writer can leave one bad element
 * (`NaN`) in the middle. Both are read element by element with the stats.json splitter, so one
 * bad element costs only itself, and the cut only the unfinished element.
 */
import {
  cappedDiagnostics,
  DiagnosticList,
  diagnostic,
  type Diagnostic,
} from '../model/diagnostic';
import { JsonArraySplitter } from './stats/arrayStream';

export interface JsonArrayResult {
  readonly elements: unknown[];
  /**
   * Position of each element in the file's array. A skipped bad element keeps its position, so
   * the elements after it keep theirs (diagnostics and "open at this event" use them).
   */
  readonly indexes: number[];
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

/** Every element of the array `text` holds, through the byte-exact splitter of stats.json. */
function recoverElements(text: string, file: string): JsonArrayResult {
  const splitter = new JsonArraySplitter(file);
  const elements: unknown[] = [];
  const indexes: number[] = [];
  for (const batch of [splitter.push(Buffer.from(text, 'utf8')), splitter.end()]) {
    for (let k = 0; k < batch.values.length; k++) {
      elements.push(batch.values[k]);
      indexes.push(batch.indexes[k] as number);
    }
  }
  return { elements, indexes, diagnostics: splitter.diagnostics };
}

/** Positions 0 … n − 1 of a file read without damage. */
function positions(n: number): number[] {
  const out = new Array<number>(n);
  for (let i = 0; i < n; i++) out[i] = i;
  return out;
}

/**
 * Parses a JSON array file's text; never throws. Text that is not one valid array is read
 * element by element (`JsonArraySplitter`, linear in the text): an element that is not valid
 * JSON (`NaN`, a broken string, garbage) is skipped with a diagnostic naming its index and line,
 * and every other element is kept; a file cut mid-write keeps every complete element and says
 * where it is cut.
 */
export function parseJsonArray(text: string, file: string): JsonArrayResult {
  if (text.trim() === '') {
    return {
      elements: [],
      indexes: [],
      diagnostics: cappedDiagnostics([
        diagnostic('warning', 'json.empty', file, 'File is empty (expected a JSON array).'),
      ]),
    };
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return recoverElements(text, file);
  }
  if (Array.isArray(value))
    return { elements: value, indexes: positions(value.length), diagnostics: new DiagnosticList() };
  return {
    elements: [],
    indexes: [],
    diagnostics: cappedDiagnostics([
      diagnostic('error', 'json.notArray', file, `Expected a JSON array, found ${typeof value}.`),
    ]),
  };
}
