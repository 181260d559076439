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
import { spreadsheetSafe } from '../../shared/spreadsheet';
import { csvField, unparse, type CsvMode } from './csv';
import { boolCell, floatCell, intCell, pyReprOfJson } from '../format/pandasText';

/**
 * Writes one cell of row `r` of a column as it appears in the file (quoted where needed);
 * decided once per column, used for every row.
 */
type CellWriter = (r: number) => string;

/** Number and boolean cells: digits, signs, `.`, `e`, `inf`, `nan`, `True`/`False`: never quoted. */
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
  return repeatsKept(c, ints ? intCell : floatCell);
}

/**
 * `format` of each row's value, the last value's text kept: a column often holds the same value
 * row after row (a stream's ssrc, clock rate or payload type; over half the number cells of a
 * generated root), and comparing a number costs far less than formatting it. `Object.is` keeps
 * -0 apart from 0; NaN (an empty cell for both formats) starts the cache.
 */
function repeatsKept(c: NumberColumn, format: (x: number) => string): CellWriter {
  let last = NaN;
  let text = format(NaN);
  return r => {
    const v = numberAt(c, r);
    if (Object.is(v, last)) return text;
    last = v;
    text = format(v);
    return text;
  };
}

/** `str()` of the Python value of one JSON text (a cell of a mixed column). */
function mixedText(json: string): string {
  if (json.startsWith('"')) return JSON.parse(json) as string;
  return pyReprOfJson(json);
}

/** Text cells: each dictionary entry converted and quoted once, not once per row. */
function textCells(c: Exclude<Column, NumberColumn>, mode: CsvMode): CellWriter {
  const convert =
    c.kind === 'string' ? (s: string) => s : c.kind === 'json' ? pyReprOfJson : mixedText;
  const inert = mode === 'spreadsheet' ? spreadsheetSafe : (s: string) => s;
  const dict = c.dict.map(v => csvField(inert(convert(v)), false));
  return r => {
    const id = idAt(c, r);
    return id < 0 ? '' : (dict[id] as string);
  };
}

function cellWriter(c: Column, mode: CsvMode): CellWriter {
  return isNumberColumn(c) ? numberCells(c) : textCells(c, mode);
}

/** Rows formatted and written at a time: a table of millions of rows never becomes one string. */
export const QOS_CSV_CHUNK_ROWS = 20_000;

function loneColumn(w: CellWriter): CellWriter {
  return r => {
    const v = w(r);
    return v === '' ? '""' : v;
  };
}

/** Rows `start` to `end` (exclusive) as CSV lines (joined arrays: flat strings, fast to write). */
function csvLines(writers: readonly CellWriter[], start: number, end: number): string {
  const cells = new Array<string>(writers.length);
  const lines = new Array<string>(end - start + 1);
  for (let r = start; r < end; r++) {
    for (let k = 0; k < writers.length; k++) cells[k] = (writers[k] as CellWriter)(r);
    lines[r - start] = cells.join(',');
  }
  lines[end - start] = '';
  return lines.join('\n');
}

/** The table's CSV as pandas writes it, in chunks (the header with the first). */
export function* qosCsvChunks(table: QosTable, mode: CsvMode = 'pandas'): Generator<string> {
  if (table.rows === 0 || table.columns.length === 0) {
    yield unparse([], []);
    return;
  }
  const header = table.columns.map(c => c.name);
  const writers = table.columns.map(c => cellWriter(c, mode));
  // A one-column table quotes its empty cells (Python's csv module writes `""`).
  const cells = writers.length === 1 ? writers.map(loneColumn) : writers;
  for (let start = 0; start < table.rows; start += QOS_CSV_CHUNK_ROWS) {
    const end = Math.min(table.rows, start + QOS_CSV_CHUNK_ROWS);
    const head = start === 0 ? unparse(header, []) : '';
    yield head + csvLines(cells, start, end);
  }
}

export function qosCsv(table: QosTable): string {
  return [...qosCsvChunks(table)].join('');
}
