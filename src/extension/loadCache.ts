/**
 * The summaries a store shares between its askers, keyed by root: the first asker starts the
 * load, later askers get the same promise. A load that failed is dropped, so the next asker
 * tries again; a load the user cancelled is kept, so a view that re-asks (a page that reloads,
 * a panel that becomes active, the tree expanding) does not start the read the user just
 * stopped. Only `drop` (Refresh, a changed file or setting) clears a cancelled load.
 */
export class LoadCache<V> {
  private readonly entries = new Map<string, Promise<V>>();

  get(key: string, load: () => Promise<V>): Promise<V> {
    let pending = this.entries.get(key);
    if (!pending) {
      const started = load();
      pending = started;
      this.entries.set(key, started);
      started.catch(err => {
        if (!isCancellation(err) && this.entries.get(key) === started) this.entries.delete(key);
      });
    }
    return pending;
  }

  /** Drops one key (or every key): the next asker loads again. */
  drop(key?: string): void {
    if (key === undefined) this.entries.clear();
    else this.entries.delete(key);
  }

  /** Drops every key `which` picks. */
  dropWhere(which: (key: string) => boolean): void {
    for (const key of [...this.entries.keys()]) if (which(key)) this.entries.delete(key);
  }
}

/** An error that says the work was cancelled (an AbortController's, or the pool's). */
export function isCancellation(err: unknown): boolean {
  return err instanceof Error && err.name === 'AbortError';
}
