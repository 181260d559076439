/**
 * Concatenating columnar tables (per-user → per-test): rows one after the other, columns the
 * union in order of first appearance, dictionaries re-mapped. Each merged column is allocated
 * once, in the narrowest storage that holds every part's values exactly (narrow.ts), and each
 * part is copied straight into it: a memcpy where the storage matches, else one pass.
 */
import {
  Dictionary,
  idAt,
  isNumberColumn,
  mixedText,
  numberAt,
  type Column,
  type ColumnKind,
  type ColumnTable,
  type NumberColumn,
  type TextColumn,
} from './columns';
import { addRange, copyNumbers, emptyRange, idArrayFor, numberArrayFor } from './narrow';

interface Part {
  readonly column: Column;
  readonly offset: number;
}

function totalLength(parts: readonly ArrayLike<number>[]): number {
  return parts.reduce((n, p) => n + p.length, 0);
}

function concatInto<T extends Float64Array | Int32Array>(out: T, parts: readonly T[]): T {
  let offset = 0;
  for (const p of parts) {
    out.set(p, offset);
    offset += p.length;
  }
  return out;
}

/** The parts one after another in one array. */
export function concatFloat64(parts: readonly Float64Array[]): Float64Array {
  return concatInto(new Float64Array(totalLength(parts)), parts);
}

export function concatInt32(parts: readonly Int32Array[]): Int32Array {
  return concatInto(new Int32Array(totalLength(parts)), parts);
}

function mergedKind(parts: readonly Part[]): ColumnKind {
  const first = (parts[0] as Part).column.kind;
  return parts.every(p => p.column.kind === first) ? first : 'mixed';
}

function mergeNumbers(
  name: string,
  kind: NumberColumn['kind'],
  parts: readonly Part[],
  rows: number,
): Column {
  let range = emptyRange();
  for (const p of parts) range = addRange(range, (p.column as NumberColumn).values);
  const values = numberArrayFor(range, rows);
  for (const p of parts) copyNumbers(values, p.offset, (p.column as NumberColumn).values);
  return { name, kind, values };
}

/** A number cell's text inside a mixed column. */
function numberText(c: NumberColumn, x: number): string {
  return c.kind === 'boolean' ? String(x === 1) : String(x);
}

/** Per part, the merged dictionary id of each of its dictionary entries (undefined for numbers). */
function remapParts(
  parts: readonly Part[],
  dict: Dictionary,
  mixed: boolean,
): (number[] | undefined)[] {
  return parts.map(({ column: c }) => {
    if (!isNumberColumn(c)) return c.dict.map(t => dict.idOf(mixed ? mixedText(c.kind, t) : t));
    for (let r = 0; r < c.values.length; r++) {
      const x = numberAt(c, r);
      if (!Number.isNaN(x)) dict.idOf(numberText(c, x));
    }
    return undefined;
  });
}

function mergeTexts(
  name: string,
  kind: TextColumn['kind'],
  parts: readonly Part[],
  rows: number,
): Column {
  // First every part's entries into the merged dictionary, so the ids' storage fits its size.
  const dict = new Dictionary();
  const remaps = remapParts(parts, dict, kind === 'mixed');
  const ids = idArrayFor(dict.values.length, rows);
  parts.forEach(({ column: c, offset }, k) => {
    const remap = remaps[k];
    if (isNumberColumn(c)) {
      for (let r = 0; r < c.values.length; r++) {
        const x = numberAt(c, r);
        if (!Number.isNaN(x)) ids[offset + r] = dict.idOf(numberText(c, x));
      }
    } else if (remap) {
      for (let r = 0; r < c.ids.length; r++) {
        const id = idAt(c, r);
        if (id >= 0) ids[offset + r] = remap[id] as number;
      }
    }
  });
  return { name, kind, ids, dict: dict.values };
}

/** Rows of `tables` one after another; columns in order of first appearance. */
export function concatTables(tables: readonly ColumnTable[]): ColumnTable {
  const byName = new Map<string, Part[]>();
  let rows = 0;
  for (const t of tables) {
    for (const column of t.columns) {
      let parts = byName.get(column.name);
      if (!parts) byName.set(column.name, (parts = []));
      parts.push({ column, offset: rows });
    }
    rows += t.rows;
  }
  const columns = [...byName].map(([name, parts]) => {
    const kind = mergedKind(parts);
    return kind === 'number' || kind === 'boolean'
      ? mergeNumbers(name, kind, parts, rows)
      : mergeTexts(name, kind, parts, rows);
  });
  return { rows, columns };
}
