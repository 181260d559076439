// Where a new view opens (no `vscode`: unit-tested alone).

/** An open panel of the host, most recently active first. */
export interface PlacedPanel {
  /** Its editor column (group), undefined while VS Code has not placed it. */
  readonly column: number | undefined;
}

/**
 * The column of a new view: the group of the most recently active Load Test Lens panel, so views
 * open as tabs of one group instead of piling up as columns; beside the active editor (the code
 * or result the user came from) when no panel is open.
 */
export function columnForNewView(panels: readonly PlacedPanel[]): number | 'beside' {
  const placed = panels.find(p => p.column !== undefined && p.column > 0);
  return placed?.column ?? 'beside';
}

/** A short tab title: `<what> · <subject>`, the subject cut to `max` characters with an ellipsis. */
export function shortTitle(what: string, subject: string, max = 32): string {
  const cut = subject.length > max ? `${subject.slice(0, max - 1)}…` : subject;
  return cut ? `${what} · ${cut}` : what;
}
