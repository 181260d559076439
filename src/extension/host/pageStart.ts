// Loading a page again when it does not start (no `vscode`: unit-tested alone).

/** What a PageStart does to a page, and how long it waits. */
export interface PageStartActions {
  /** Sets the page's HTML (again). */
  readonly load: () => void;
  /** Whether the page can run now (a hidden panel's page does not). */
  readonly visible: () => boolean;
  /** Told before each new load (for the log). */
  readonly retrying: (attempt: number) => void;
  /**
   * Opens the view again in a new panel, this one closed; undefined when the panel cannot be
   * replaced (a custom editor's belongs to VS Code).
   */
  readonly replace?: () => void;
  /** The waits for `ready`, one per attempt. */
  readonly delays?: readonly number[];
}

/** The attempt at which a panel that can be replaced is replaced instead of loaded again. */
const REPLACE_AT = 2;

/**
 * Watches a page until it says `ready`. A web workbench (code-server, vscode.dev) may load a
 * webview restored after a window reload before its resource loader is up: the page's script
 * fails to load and the page never starts; loading the HTML again mends that. A webview's frame
 * can also stay stuck for good (its service worker never takes control, and every load waits on
 * it): only a new frame helps, which VS Code makes for a new panel. So, when no `ready` came
 * within a delay while the panel was visible, the page is loaded again; the second time, a panel
 * that can be replaced is opened again instead (once: the new panel's own PageStart only
 * reloads); each wait is longer, and after the last one nothing more is tried.
 */
export class PageStart {
  private tries = 0;
  private started = false;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private readonly delays: readonly number[];

  constructor(private readonly actions: PageStartActions) {
    this.delays = actions.delays ?? [8_000, 16_000, 32_000];
  }

  begin(): void {
    this.actions.load();
    this.arm();
  }

  /** The page said `ready`. */
  ready(): void {
    this.started = true;
    clearTimeout(this.timer);
  }

  private arm(): void {
    const delay = this.delays[this.tries];
    if (delay === undefined || this.started) return;
    this.timer = setTimeout(() => {
      if (this.started) return;
      if (!this.actions.visible()) return this.arm(); // not shown: it cannot have started; wait on
      this.tries++;
      if (this.tries === REPLACE_AT && this.actions.replace) return this.actions.replace();
      this.actions.retrying(this.tries);
      this.actions.load();
      this.arm();
    }, delay);
  }

  dispose(): void {
    clearTimeout(this.timer);
  }
}
