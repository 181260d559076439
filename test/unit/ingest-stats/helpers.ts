import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Diagnostic } from '../../../src/core/model/diagnostic';
import {
  JsonArraySplitter,
  idAt,
  isNumberColumn,
  numberAt,
  type Column,
  type ColumnTable,
} from '../../../src/core/ingest/stats';

export const FIXTURES = join(__dirname, '../../fixtures/stats');

let dir: string | undefined;

/** Writes `content` to a fresh temporary file and returns its path. */
export function tempFile(name: string, content: string | Buffer): string {
  dir ??= mkdtempSync(join(tmpdir(), 'ltl-stats-'));
  const file = join(dir, name);
  writeFileSync(file, content);
  return file;
}

export function column(table: ColumnTable, name: string): Column {
  const c = table.columns.find(x => x.name === name);
  if (!c) throw new Error(`no column ${name}; have ${table.columns.map(x => x.name).join(',')}`);
  return c;
}

export function columnNames(table: ColumnTable): string[] {
  return table.columns.map(c => c.name);
}

/** Cell values of a column: numbers (NaN = missing) or strings (undefined = missing). */
export function cells(table: ColumnTable, name: string): (number | string | undefined)[] {
  const c = column(table, name);
  const rows = Array.from({ length: table.rows }, (_, r) => r);
  if (isNumberColumn(c)) return rows.map(r => numberAt(c, r));
  return rows.map(r => {
    const id = idAt(c, r);
    return id < 0 ? undefined : c.dict[id];
  });
}

export interface SplitResult {
  values: unknown[];
  indexes: number[];
  offsets: number[];
  diagnostics: Diagnostic[];
}

/** Runs the splitter over `bytes` cut into chunks of `chunk` bytes. */
export function split(
  bytes: Buffer,
  chunk: number,
  batchBytes: number,
  maxElementBytes?: number,
  parseBytes?: number,
): SplitResult {
  const s = new JsonArraySplitter('mem.json', batchBytes, maxElementBytes, parseBytes);
  const out: SplitResult = { values: [], indexes: [], offsets: [], diagnostics: s.diagnostics };
  const take = (b: { values: unknown[]; indexes: number[]; offsets: number[] }): void => {
    out.values.push(...b.values);
    out.indexes.push(...b.indexes);
    out.offsets.push(...b.offsets);
  };
  for (let i = 0; i < bytes.length; i += chunk) take(s.push(bytes.subarray(i, i + chunk)));
  take(s.end());
  return out;
}

export function codes(diagnostics: readonly Diagnostic[]): string[] {
  return diagnostics.map(d => d.code);
}
