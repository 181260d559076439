/**
 * CSV as pandas `to_csv(index=False)` writes it: header row, `\n`
 * line ends, minimal quoting, cells typed per column (see ../format/pandasText.ts). An empty table
 * (no columns) is a single `\n`, like `pd.DataFrame([]).to_csv(index=False)`; in a one-column
 * table an empty cell is `""` (Python's csv module).
 */
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

/**
 * A field needs quotes when it holds the delimiter, a quote, a line break or a byte-order mark,
 * or starts or ends with a space (papaparse's rule, which these files have always followed).
 */
const NEEDS_QUOTES = /[",\r\n\ufeff]|^ | $/;

/** One field as written in the file (`onlyColumn`: the table has one column). */
export function csvField(value: string, onlyColumn: boolean): string {
  // Python's csv module quotes an empty field only when it is the row's only field.
  if ((onlyColumn && value === '') || NEEDS_QUOTES.test(value))
    return `"${value.replace(/"/g, '""')}"`;
  return value;
}

/** Formats already-typed text cells. */
export function unparse(header: readonly string[], cells: readonly (readonly string[])[]): string {
  if (header.length === 0) return '\n';
  const onlyColumn = header.length === 1;
  const line = (row: readonly string[]) => row.map(v => csvField(v, onlyColumn)).join(',');
  let out = line(header) + '\n';
  for (const row of cells) out += line(row) + '\n';
  return out;
}

export function toCsv<Row>(
  columns: readonly CsvColumn<Row>[],
  rows: readonly Row[],
  mode: CsvMode = 'pandas',
): string {
  return unparse(
    columns.map(c => c.name),
    rows.map(r => columns.map(c => cellText(c.kind, c.get(r), mode))),
  );
}
