/**
 * The notebook's `dfs_stats_processed/<test>_<table>.csv` (`separate_stats`) from the columnar
 * QoS tables of the stats ingest, with pandas' dtypes: a number column is int64 when every row
 * has an integer (JSON integers parse to Python ints), otherwise float64; booleans `True`/`False`;
 * objects and lists as Python's `str()`; mixed columns cell by cell.
 */
import { isNumberColumn, type Column, type QosTable } from '../ingest/stats';
import { unparse } from './csv';
import { boolCell, floatCell, intCell, pyReprOfJson } from './pandasText';

function numberTexts(values: Float64Array, kind: 'number' | 'boolean'): string[] {
  const out: string[] = new Array<string>(values.length);
  if (kind === 'boolean') {
    for (let i = 0; i < values.length; i++) {
      const v = values[i] as number;
      out[i] = Number.isNaN(v) ? '' : boolCell(v === 1);
    }
    return out;
  }
  let ints = true;
  for (let i = 0; i < values.length && ints; i++) ints = Number.isInteger(values[i]);
  for (let i = 0; i < values.length; i++) {
    const v = values[i] as number;
    out[i] = ints ? intCell(v) : floatCell(v);
  }
  return out;
}

/** `str()` of the Python value of one JSON text (a cell of a mixed column). */
function mixedText(json: string): string {
  if (json.startsWith('"')) return JSON.parse(json) as string;
  return pyReprOfJson(json);
}

export function columnTexts(c: Column): string[] {
  if (isNumberColumn(c)) return numberTexts(c.values, c.kind);
  const convert =
    c.kind === 'string' ? (s: string) => s : c.kind === 'json' ? pyReprOfJson : mixedText;
  const dict = c.dict.map(convert);
  return Array.from(c.ids, id => (id < 0 ? '' : (dict[id] as string)));
}

export function qosCsv(table: QosTable): string {
  if (table.rows === 0 || table.columns.length === 0) return unparse([], []);
  const texts = table.columns.map(columnTexts);
  const rows: string[][] = [];
  for (let r = 0; r < table.rows; r++) rows.push(texts.map(t => t[r] as string));
  return unparse(
    table.columns.map(c => c.name),
    rows,
  );
}
