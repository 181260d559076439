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
