/**
 * A small cache of per-sample-size tables (Fligner–Killeen scores, Shapiro–Wilk coefficients):
 * the same sizes recur when many cases of a load test are compared, so the tables of the last
 * few sizes are kept. Sizes above `maxSize` are built every time and not kept.
 */
export class SizeCache<T> {
  private readonly tables = new Map<number, T>();

  constructor(
    private readonly build: (n: number) => T,
    private readonly maxEntries = 8,
    private readonly maxSize = 20_000,
  ) {}

  get(n: number): T {
    const hit = this.tables.get(n);
    if (hit !== undefined) return hit;
    const table = this.build(n);
    if (n <= this.maxSize) {
      if (this.tables.size >= this.maxEntries) {
        const oldest = this.tables.keys().next();
        if (!oldest.done) this.tables.delete(oldest.value);
      }
      this.tables.set(n, table);
    }
    return table;
  }
}
