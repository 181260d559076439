// The arguments of the open panels, kept on the host's side (no `vscode`: unit-tested alone).

/** The part of a VS Code Memento this needs (workspaceState). */
export interface StateStore {
  get<T>(key: string): T | undefined;
  update(key: string, value: unknown): Thenable<void>;
}

interface Entry {
  readonly viewType: string;
  readonly title: string;
  readonly args: unknown;
}

const KEY = 'loadtestLens.openPanels';
/** Entries kept at most: panels closed while no extension host ran are never forgotten. */
const MAX_ENTRIES = 64;

/**
 * A panel's page keeps its view's arguments in its own state, which VS Code hands back to the
 * serializer after a window reload. A tab hidden before its page started (opened, then covered
 * by another view at once) never saved that state, and would come back empty. So the host also
 * remembers, per view type and tab title, the arguments of every panel it opened, and a restore
 * without a saved state takes them from here, when exactly one remembered panel matches.
 */
export class PanelMemory {
  constructor(private readonly store: StateStore) {}

  private entries(): Entry[] {
    const raw = this.store.get<unknown>(KEY);
    return Array.isArray(raw) ? raw.filter(isEntry) : [];
  }

  /** A panel of `viewType` titled `title` shows the view of `args`. */
  remember(viewType: string, title: string, args: unknown): void {
    const kept = this.entries().filter(e => !same(e, viewType, title, args));
    const next = [{ viewType, title, args }, ...kept].slice(0, MAX_ENTRIES);
    void this.store.update(KEY, next);
  }

  /** The panel was closed by the user. */
  forget(viewType: string, title: string, args: unknown): void {
    const kept = this.entries().filter(e => !same(e, viewType, title, args));
    void this.store.update(KEY, kept);
  }

  /**
   * The arguments of the one remembered panel of `viewType` titled `title`; undefined when
   * none, or several (two roots with a test of the same name): the host does not guess.
   */
  recall(viewType: string, title: string): unknown {
    const matches = this.entries().filter(e => e.viewType === viewType && e.title === title);
    return matches.length === 1 ? matches[0]?.args : undefined;
  }
}

function same(e: Entry, viewType: string, title: string, args: unknown): boolean {
  return (
    e.viewType === viewType && e.title === title && JSON.stringify(e.args) === JSON.stringify(args)
  );
}

function isEntry(raw: unknown): raw is Entry {
  if (typeof raw !== 'object' || raw === null) return false;
  const e = raw as Record<string, unknown>;
  return typeof e['viewType'] === 'string' && typeof e['title'] === 'string';
}
