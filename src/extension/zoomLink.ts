/**
 * Linked zoom: the time views of one root and test (swimlane, time series …) show the same time
 * range. A view reports the range its user zoomed or panned to; the link forwards it to every
 * other open view of that root and test. Ranges are seconds since the test start, which every
 * view of a test uses as its origin. Free of `vscode`, so it is unit-tested on its own.
 *
 * Loops cannot happen: a report equal to the group's current range is not forwarded (a view that
 * applies a forwarded range and reports it back changes nothing), and the sender never gets its
 * own report.
 */
import type { TimeRange } from '../shared/views/checks';

/** One open view in a link group. */
export interface ZoomLinkMember {
  /** Tells the other views of the group that this view now shows `range`. */
  report(range: TimeRange | null): void;
  /** The group's range (null = everything), for a view that opens after others zoomed. */
  current(): TimeRange | null;
  /** Leaves the group (the view closed). */
  dispose(): void;
}

interface Group {
  readonly posts: Set<(range: TimeRange | null) => void>;
  range: TimeRange | null;
}

function sameRange(a: TimeRange | null, b: TimeRange | null): boolean {
  if (a === null || b === null) return a === b;
  return a.start === b.start && a.end === b.end;
}

export class ZoomLink {
  private readonly groups = new Map<string, Group>();

  /** Adds a view of `test` in `root`; `post` delivers ranges other views report to it. */
  join(root: string, test: string, post: (range: TimeRange | null) => void): ZoomLinkMember {
    const key = `${root}\u0000${test}`;
    let group = this.groups.get(key);
    if (!group) this.groups.set(key, (group = { posts: new Set(), range: null }));
    const g = group;
    g.posts.add(post);
    return {
      report: range => {
        if (!g.posts.has(post) || sameRange(range, g.range)) return;
        g.range = range;
        for (const other of [...g.posts]) if (other !== post) other(range);
      },
      current: () => g.range,
      dispose: () => {
        g.posts.delete(post);
        if (g.posts.size === 0 && this.groups.get(key) === g) this.groups.delete(key);
      },
    };
  }

  /** Open views of `test` in `root` (for tests and diagnostics). */
  size(root: string, test: string): number {
    return this.groups.get(`${root}\u0000${test}`)?.posts.size ?? 0;
  }
}
