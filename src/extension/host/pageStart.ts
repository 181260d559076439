// Loading a page again when it does not start (no `vscode`: unit-tested alone).

/**
 * Watches a page until it says `ready`: a web workbench (code-server, vscode.dev) may load a
 * webview restored after a window reload before its resource loader is up, so the page's script
 * fails to load and the page never starts. When no `ready` came within a delay while the panel
 * was visible, the page is loaded again (at most `delays.length` times, each wait longer).
 */
export class PageStart {
  private tries = 0;
  private started = false;
  private timer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    /** Sets the page's HTML (again). */
    private readonly load: () => void,
    /** Whether the page can run now (a hidden panel's page does not). */
    private readonly visible: () => boolean,
    /** Told before each new load (for the log). */
    private readonly retrying: (attempt: number) => void,
    private readonly delays: readonly number[] = [8_000, 16_000, 32_000],
  ) {}

  begin(): void {
    this.load();
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
      if (!this.visible()) return this.arm(); // not shown: it cannot have started; wait on
      this.tries++;
      this.retrying(this.tries);
      this.load();
      this.arm();
    }, delay);
  }

  dispose(): void {
    clearTimeout(this.timer);
  }
}
