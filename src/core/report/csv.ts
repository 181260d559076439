/**
 * CSV as pandas `to_csv(index=False)` writes it: header row, `\n`
 * line ends, minimal quoting, cells typed per column (see ../format/pandasText.ts). An empty table
 * (no columns) is a single `\n`, like `pd.DataFrame([]).to_csv(index=False)`; in a one-column
 * table an empty cell is `""` (Python's csv module).
 */
import { csvField, csvLines } from '../../shared/csv';
import { spreadsheetSafe } from '../../shared/spreadsheet';
import { boolCell, floatCell, intCell } from '../format/pandasText';

/**
 * How fields are written: `pandas` exactly as the notebook's `to_csv` (the notebook profile;
 * byte-identical), or `spreadsheet`, which also neutralises a field a spreadsheet would run as a
 * formula (default profile; docs/reliability.md).
 */
export type CsvMode = 'pandas' | 'spreadsheet';

/** The pandas dtype a column has, which decides how its cells are written. */
export type CellKind = 'float' | 'int' | 'str' | 'bool' | 'text';

export interface CsvColumn<Row> {
  readonly name: string;
  readonly kind: CellKind;
  readonly get: (row: Row) => unknown;
}

/** A cell's text; in `spreadsheet` mode a text cell starting like a formula is made inert. */
export function cellText(kind: CellKind, value: unknown, mode: CsvMode = 'pandas'): string {
  if (value === undefined || value === null) return '';
  switch (kind) {
    case 'float':
      return floatCell(typeof value === 'number' ? value : Number(value));
    case 'int':
      return intCell(typeof value === 'number' ? value : Number(value));
    case 'bool':
      return boolCell(Boolean(value));
    default:
      if (typeof value === 'number') return floatCell(value);
      return mode === 'spreadsheet' ? spreadsheetSafe(String(value)) : String(value);
  }
}

export { csvField };

/** Formats already-typed text cells (`\n` line ends, as pandas). */
export function unparse(header: readonly string[], cells: readonly (readonly string[])[]): string {
  return csvLines(header, cells, '\n');
}

/** Kinds whose cells are digits, signs, `.`, `e`, `inf`, `nan`, `True`/`False`: never quoted. */
const UNQUOTED_KINDS: ReadonlySet<CellKind> = new Set(['float', 'int', 'bool']);

/**
 * One row's line, each cell typed by its column and quoted where needed (`unparse` of the row,
 * without building its cells twice).
 */
export function rowLine<Row>(
  columns: readonly CsvColumn<Row>[],
  row: Row,
  mode: CsvMode = 'pandas',
): string {
  const onlyColumn = columns.length === 1;
  const cells = new Array<string>(columns.length);
  for (let k = 0; k < columns.length; k++) {
    const c = columns[k] as CsvColumn<Row>;
    const text = cellText(c.kind, c.get(row), mode);
    cells[k] =
      UNQUOTED_KINDS.has(c.kind) && !(onlyColumn && text === '')
        ? text
        : csvField(text, onlyColumn);
  }
  return cells.join(',');
}

/** The CSV of a header and rows' lines already made by `rowLine` (as `unparse` writes it). */
export function linesCsv<Row>(
  columns: readonly CsvColumn<Row>[],
  lines: readonly string[],
): string {
  if (columns.length === 0) return '\n';
  const header = unparse(
    columns.map(c => c.name),
    [],
  );
  return lines.length ? `${header}${lines.join('\n')}\n` : header;
}

export function toCsv<Row>(
  columns: readonly CsvColumn<Row>[],
  rows: readonly Row[],
  mode: CsvMode = 'pandas',
): string {
  return linesCsv(
    columns,
    rows.map(r => rowLine(columns, r, mode)),
  );
}
