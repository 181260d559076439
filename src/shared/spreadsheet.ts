/**
 * CSV cells made inert for spreadsheets (OWASP "CSV injection", issue 19): a text cell that
 * starts like a formula (`= + - @`, tab, CR) gets a leading `'`, which Excel, LibreOffice and
 * Google Sheets show as text. Only text cells: numbers are written as numbers. Used by the chart exports
 * (webviews) and the default profile of `analyze` (src/core/report/csv.ts); never by the
 * notebook profile, whose CSV stays byte-identical to the notebook's.
 */
const FORMULA_START = /^[=+\-@\t\r]/;

export function spreadsheetSafe(value: string): string {
  return FORMULA_START.test(value) ? `'${value}` : value;
}
