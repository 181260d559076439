/**
 * Columnar tables built from a stream of JSON objects, in the column order pandas gives
 * `DataFrame(list_of_dicts)`: order of first appearance. Typing rules (docs/ingest-stats.md):
 *
 * - `number`: every value seen is a JSON number.
 * - `boolean`: every value is `true`/`false`, stored as 1/0.
 * - `string`: every value is a string → dictionary-encoded (ids into `dict`).
 * - `json`: every value is an object or array (e.g. `track: {}`) → dictionary of JSON texts.
 * - `mixed`: values of more than one of the kinds above → dictionary of each value's JSON text
 *   (`"abc"` with quotes, `12`, `true`, `{…}`), so `JSON.parse(dict[id])` gives the value back.
 *
 * `null` and an absent key are both missing (pandas writes both as an empty CSV cell). A column
 * that only ever saw `null` is a `number` column of missing values. Numbers and ids are stored in
 * the narrowest typed array that holds them exactly (narrow.ts); read them with `numberAt` /
 * `idAt` (NaN / -1 = missing). Built tables are plain objects and typed arrays:
 * structured-cloneable, and the arrays are transferable.
 */
import { GrowableFloat64, GrowableInt32 } from './growable';
import {
  missingIdOf,
  narrowIds,
  narrowNumbers,
  numberIn,
  type IdArray,
  type NumberArray,
} from './narrow';

export type ColumnKind = 'number' | 'boolean' | 'string' | 'json' | 'mixed';

export interface NumberColumn {
  readonly name: string;
  readonly kind: 'number' | 'boolean';
  /** Narrow exact storage: read with `numberAt`. */
  readonly values: NumberArray;
}

export interface TextColumn {
  readonly name: string;
  readonly kind: 'string' | 'json' | 'mixed';
  /** Index into `dict` per row, narrow storage: read with `idAt` (-1 = missing). */
  readonly ids: IdArray;
  readonly dict: string[];
}

export type Column = NumberColumn | TextColumn;

export interface ColumnTable {
  readonly rows: number;
  readonly columns: Column[];
}

export function isNumberColumn(c: Column): c is NumberColumn {
  return c.kind === 'number' || c.kind === 'boolean';
}

/** Row `r` of a number column; NaN when missing. */
export function numberAt(c: NumberColumn, r: number): number {
  return numberIn(c.values, r);
}

/** Row `r`'s index into `c.dict`; -1 when missing. */
export function idAt(c: TextColumn, r: number): number {
  const id = c.ids[r] as number;
  return id === missingIdOf(c.ids) ? -1 : id;
}

/** The kind a single JSON value would give a column. */
export function kindOfValue(v: unknown): ColumnKind {
  switch (typeof v) {
    case 'number':
      return 'number';
    case 'boolean':
      return 'boolean';
    case 'string':
      return 'string';
    default:
      return 'json';
  }
}

/** The text a cell of kind `kind` is stored as inside a `mixed` column. */
export function mixedText(kind: ColumnKind, text: string): string {
  return kind === 'string' ? JSON.stringify(text) : text;
}

/** A string dictionary with a one-entry cache for runs of the same value. */
export class Dictionary {
  readonly values: string[] = [];
  private readonly ids = new Map<string, number>();
  private lastText = '';
  private lastId = -1;

  idOf(text: string): number {
    if (text === this.lastText && this.lastId >= 0) return this.lastId;
    let id = this.ids.get(text);
    if (id === undefined) {
      id = this.values.length;
      this.values.push(text);
      this.ids.set(text, id);
    }
    this.lastText = text;
    this.lastId = id;
    return id;
  }
}

export class ColumnBuilder {
  kind: ColumnKind | 'empty' = 'empty';
  private nums: GrowableFloat64 | undefined;
  private ids: GrowableInt32 | undefined;
  private dict = new Dictionary();

  constructor(readonly name: string) {}

  set(row: number, v: unknown): void {
    if (typeof v === 'number' && this.nums && this.kind === 'number') this.nums.set(row, v);
    else if (typeof v === 'string' && this.kind === 'string')
      (this.ids as GrowableInt32).set(row, this.dict.idOf(v));
    else if (v !== null && v !== undefined) this.setOther(row, v);
  }

  private setOther(row: number, v: unknown): void {
    const kind = kindOfValue(v);
    if (this.kind === 'empty') this.start(kind);
    else if (this.kind !== kind && this.kind !== 'mixed') this.toMixed();
    if (this.nums) this.nums.set(row, v === true ? 1 : v === false ? 0 : (v as number));
    else (this.ids as GrowableInt32).set(row, this.dict.idOf(this.textOf(kind, v)));
  }

  private textOf(kind: ColumnKind, v: unknown): string {
    if (this.kind === 'mixed') return JSON.stringify(v);
    return kind === 'string' ? (v as string) : JSON.stringify(v);
  }

  private start(kind: ColumnKind): void {
    this.kind = kind;
    if (kind === 'number' || kind === 'boolean') this.nums = new GrowableFloat64();
    else this.ids = new GrowableInt32(-1);
  }

  /** Re-encodes the values so far as JSON texts. Rare: only on a type conflict. */
  private toMixed(): void {
    const old = this.kind as ColumnKind;
    const ids = new GrowableInt32(-1);
    const dict = new Dictionary();
    if (this.nums) {
      const data = this.nums.data;
      for (let r = 0; r < data.length; r++) {
        const x = data[r] as number;
        if (!Number.isNaN(x))
          ids.set(r, dict.idOf(old === 'boolean' ? String(x === 1) : String(x)));
      }
    } else if (this.ids) {
      const remap = this.dict.values.map(t => dict.idOf(mixedText(old, t)));
      const data = this.ids.data;
      for (let r = 0; r < data.length; r++) {
        const id = data[r] as number;
        if (id >= 0) ids.set(r, remap[id] as number);
      }
    }
    this.kind = 'mixed';
    this.nums = undefined;
    this.ids = ids;
    this.dict = dict;
  }

  finish(rows: number): Column {
    if (this.kind === 'empty' || this.nums) {
      const values = narrowNumbers(
        this.nums ? this.nums.prefix(rows) : new Float64Array(rows).fill(NaN),
      );
      return { name: this.name, kind: this.kind === 'boolean' ? 'boolean' : 'number', values };
    }
    const ids = narrowIds((this.ids as GrowableInt32).prefix(rows), this.dict.values.length);
    const kind = this.kind as TextColumn['kind'];
    return { name: this.name, kind, ids, dict: this.dict.values };
  }
}

/**
 * Rows of objects → columns. Keeps the key order of the last row as a "shape": rows of the same
 * shape (nearly all of them) find each key's column by position, without a map lookup.
 */
export class TableBuilder {
  rows = 0;
  private readonly columns: ColumnBuilder[] = [];
  private readonly byName = new Map<string, ColumnBuilder>();
  private readonly shapeKeys: string[] = [];
  private readonly shapeColumns: ColumnBuilder[] = [];

  column(name: string): ColumnBuilder {
    let c = this.byName.get(name);
    if (!c) {
      c = new ColumnBuilder(name);
      this.byName.set(name, c);
      this.columns.push(c);
    }
    return c;
  }

  /** Appends a row with every own key of `o`; returns its row number. */
  addObject(o: Record<string, unknown>): number {
    const row = this.rows++;
    const keys = this.shapeKeys;
    const cols = this.shapeColumns;
    let i = 0;
    for (const key in o) {
      let c = cols[i];
      if (keys[i] !== key || !c) {
        c = this.column(key);
        keys[i] = key;
        cols[i] = c;
      }
      c.set(row, o[key]);
      i++;
    }
    return row;
  }

  finish(): ColumnTable {
    return { rows: this.rows, columns: this.columns.map(c => c.finish(this.rows)) };
  }
}
