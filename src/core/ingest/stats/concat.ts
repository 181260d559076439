/**
 * Concatenating columnar tables (per-user → per-test): rows one after the other, columns the
 * union in order of first appearance, dictionaries re-mapped. Typed arrays are copied with
 * `set`, so the cost is a memcpy per column plus one lookup per dictionary entry.
 */
import {
  Dictionary,
  isNumberColumn,
  mixedText,
  type Column,
  type ColumnKind,
  type ColumnTable,
  type NumberColumn,
  type TextColumn,
} from './columns';

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
  const values = new Float64Array(rows).fill(NaN);
  for (const p of parts) values.set((p.column as NumberColumn).values, p.offset);
  return { name, kind, values };
}

function copyNumbersAsText(
  c: NumberColumn,
  offset: number,
  ids: Int32Array,
  dict: Dictionary,
): void {
  for (let r = 0; r < c.values.length; r++) {
    const x = c.values[r] as number;
    if (Number.isNaN(x)) continue;
    ids[offset + r] = dict.idOf(c.kind === 'boolean' ? String(x === 1) : String(x));
  }
}

function copyText(
  c: TextColumn,
  offset: number,
  ids: Int32Array,
  dict: Dictionary,
  mixed: boolean,
): void {
  const remap = c.dict.map(t => dict.idOf(mixed ? mixedText(c.kind, t) : t));
  for (let r = 0; r < c.ids.length; r++) {
    const id = c.ids[r] as number;
    if (id >= 0) ids[offset + r] = remap[id] as number;
  }
}

function mergeTexts(
  name: string,
  kind: TextColumn['kind'],
  parts: readonly Part[],
  rows: number,
): Column {
  const ids = new Int32Array(rows).fill(-1);
  const dict = new Dictionary();
  for (const p of parts) {
    if (isNumberColumn(p.column)) copyNumbersAsText(p.column, p.offset, ids, dict);
    else copyText(p.column, p.offset, ids, dict, kind === 'mixed');
  }
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
