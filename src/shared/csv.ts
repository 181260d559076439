/**
 * The one CSV writer of the project: fields quoted by papaparse's rule, which `analyze`'s files
 * have always followed (src/core/report/csv.ts writes them with `\n`, as pandas does) and the
 * chart exports of the webviews use too (src/webview/common/export.ts, RFC 4180 `\r\n`).
 */

/**
 * A field needs quotes when it holds the delimiter, a quote, a line break or a byte-order mark,
 * or starts or ends with a space.
 */
const NEEDS_QUOTES = /[",\r\n\ufeff]|^ | $/;

/** One field as written in the file (`onlyColumn`: the table has one column). */
export function csvField(value: string, onlyColumn: boolean): string {
  // Python's csv module quotes an empty field only when it is the row's only field (a blank
  // line would read as no row).
  if ((onlyColumn && value === '') || NEEDS_QUOTES.test(value))
    return `"${value.replace(/"/g, '""')}"`;
  return value;
}

/** A header line and a line per row of already-typed text cells, each ended by `eol`. */
export function csvLines(
  header: readonly string[],
  rows: readonly (readonly string[])[],
  eol: '\n' | '\r\n',
): string {
  if (header.length === 0) return eol;
  const onlyColumn = header.length === 1;
  const line = (row: readonly string[]) => row.map(v => csvField(v, onlyColumn)).join(',');
  let out = line(header) + eol;
  for (const row of rows) out += line(row) + eol;
  return out;
}
