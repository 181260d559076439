/**
 * The webview half of linked zoom (the host half is src/extension/zoomLink.ts): a time view
 * reports the range its user zoomed or panned to, and applies the ranges other views of the same
 * test report, without echoing them back.
 */
import type { TimeRange } from '../../shared/views/checks';

/** The `visibleRange` command a view sends. */
interface VisibleRange {
  readonly type: 'visibleRange';
  readonly test: string;
  readonly range: TimeRange | null;
}

export class LinkedRange {
  private applying = false;

  constructor(
    private readonly post: (message: VisibleRange) => void,
    private readonly test: () => string | undefined,
  ) {}

  /** The user now sees [min, max] of a view whose whole extent is `full`. */
  report(min: number, max: number, full: readonly [number, number]): void {
    const test = this.test();
    if (this.applying || test === undefined) return;
    if (!Number.isFinite(min) || !Number.isFinite(max) || !(min < max)) return;
    const everything = min <= full[0] && max >= full[1];
    this.post({ type: 'visibleRange', test, range: everything ? null : { start: min, end: max } });
  }

  /** Runs `apply` (which sets a range another view reported) without reporting what it changes. */
  quietly(apply: () => void): void {
    this.applying = true;
    try {
      apply();
    } finally {
      this.applying = false;
    }
  }
}

/** The [min, max] to show for a linked range: the range itself, or the view's whole extent. */
export function rangeBounds(
  range: TimeRange | null,
  full: readonly [number, number],
): [number, number] {
  return range ? [range.start, range.end] : [full[0], full[1]];
}
