/**
 * The notebook's `dfs_stats_processed/<test>_<table>.csv` (`separate_stats`) from the columnar
 * QoS tables of the stats ingest, with pandas' dtypes: a number column is int64 when every row
 * has an integer (JSON integers parse to Python ints), otherwise float64; booleans `True`/`False`;
 * objects and lists as Python's `str()`; mixed columns cell by cell.
 */
import {
  idAt,
  isNumberColumn,
  numberAt,
  type Column,
  type NumberColumn,
  type QosTable,
} from '../ingest/stats';
import { unparse } from './csv';
import { boolCell, floatCell, intCell, pyReprOfJson } from './pandasText';

/** Writes one cell of row `r` of a column; decided once per column, used for every row. */
type CellWriter = (r: number) => string;

function numberCells(c: NumberColumn): CellWriter {
  if (c.kind === 'boolean') {
    return r => {
      const v = numberAt(c, r);
      return Number.isNaN(v) ? '' : boolCell(v === 1);
    };
  }
  // pandas: int64 when every row holds an integer (JSON integers parse to Python ints).
  let ints = true;
  for (let i = 0; i < c.values.length && ints; i++) ints = Number.isInteger(numberAt(c, i));
  return ints ? r => intCell(numberAt(c, r)) : r => floatCell(numberAt(c, r));
}

/** `str()` of the Python value of one JSON text (a cell of a mixed column). */
function mixedText(json: string): string {
  if (json.startsWith('"')) return JSON.parse(json) as string;
  return pyReprOfJson(json);
}

function cellWriter(c: Column): CellWriter {
  if (isNumberColumn(c)) return numberCells(c);
  const convert =
    c.kind === 'string' ? (s: string) => s : c.kind === 'json' ? pyReprOfJson : mixedText;
  const dict = c.dict.map(convert);
  return r => {
    const id = idAt(c, r);
    return id < 0 ? '' : (dict[id] as string);
  };
}

/** Rows formatted and written at a time: a table of millions of rows never becomes one string. */
export const QOS_CSV_CHUNK_ROWS = 20_000;

/** The table's CSV as pandas writes it, in chunks (the header with the first). */
export function* qosCsvChunks(table: QosTable): Generator<string> {
  if (table.rows === 0 || table.columns.length === 0) {
    yield unparse([], []);
    return;
  }
  const header = table.columns.map(c => c.name);
  const writers = table.columns.map(cellWriter);
  for (let start = 0; start < table.rows; start += QOS_CSV_CHUNK_ROWS) {
    const end = Math.min(table.rows, start + QOS_CSV_CHUNK_ROWS);
    const rows: string[][] = [];
    for (let r = start; r < end; r++) rows.push(writers.map(w => w(r)));
    const text = unparse(header, rows);
    // Every chunk but the first drops the header line unparse adds.
    yield start === 0 ? text : text.slice(text.indexOf('\n') + 1);
  }
}

export function qosCsv(table: QosTable): string {
  return [...qosCsvChunks(table)].join('');
}
