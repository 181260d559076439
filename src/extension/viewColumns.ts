// Where a test's next view opens (no `vscode`: unit-tested alone).

/**
 * The column for a new view of a test: right of the rightmost open view of the same test, so the
 * views whose zoom is linked are visible together; beside the active editor when there is none.
 */
export function columnForNewView(openColumns: readonly (number | undefined)[]): number | undefined {
  const columns = openColumns.filter((c): c is number => c !== undefined && c > 0);
  return columns.length === 0 ? undefined : Math.min(Math.max(...columns) + 1, 9);
}
